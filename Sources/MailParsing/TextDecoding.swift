/// The one place the MIME layer turns bytes in a declared charset into text, so the
/// charset converter can be swapped in without touching the parser.
enum TextDecoding {
    /// Decodes `bytes` declared as `charset` (nil = undeclared). Never fails: unknown or
    /// lying charsets fall back as `CharsetDecoder` documents (UTF-8 if valid, else Windows-1252).
    static func decode<C: Collection>(_ bytes: C, charset: String?) -> String where C.Element == UInt8 {
        decodeReportingFallback(bytes, charset: charset).text
    }

    /// As `decode`, also telling which charset was used and whether the declared one was abandoned.
    static func decodeReportingFallback<C: Collection>(_ bytes: C, charset: String?) -> DecodedText
    where C.Element == UInt8 {
        CharsetDecoder.decode(bytes as? [UInt8] ?? Array(bytes), charset: charset)
    }

    /// Header bytes (RFC 6532 allows raw UTF-8; old mailers send raw Latin-1).
    static func decodeHeader(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Nearly every header is ASCII: one cheap scan, then no validation work.
        var combined: UInt8 = 0
        for byte in bytes { combined |= byte }
        if combined < 0x80 { return String(checkedASCII: bytes) }
        if let text = UTF8Validation.text(bytes) { return text }
        return CharsetDecoder.decode(Array(bytes), charset: nil).text
    }

    static func decodeHeader(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { decodeHeader($0) }
    }

    static func decodeHeader(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer { decodeHeader($0) }
    }
}
