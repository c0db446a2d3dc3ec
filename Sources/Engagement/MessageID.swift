/// Message-IDs are kept and compared without their angle brackets and surrounding space.
public enum MessageID {
    public static func normalize(_ raw: String) -> String {
        // The common case, a bare id with nothing to strip, is returned without a copy. Its ends are read from the
        // bytes: `utf8.last` steps back through the view's index checks.
        if raw.withBorrowedUTF8({ bytes in bytes.first.map(isPlainEnd) == true && bytes.last.map(isPlainEnd) == true }) {
            return raw
        }
        var value = Substring(raw)
        while let first = value.first, first.isWhitespace || first == "<" { value = value.dropFirst() }
        while let last = value.last, last.isWhitespace || last == ">" { value = value.dropLast() }
        return String(value)
    }

    /// An ASCII byte that is neither whitespace nor an angle bracket (nothing `normalize` would strip).
    private static func isPlainEnd(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x80 && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
    }
}
