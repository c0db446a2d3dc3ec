/// Message-IDs are kept and compared without their angle brackets and surrounding space.
public enum MessageID {
    public static func normalize(_ raw: String) -> String {
        var value = Substring(raw)
        while let first = value.first, first.isWhitespace || first == "<" { value = value.dropFirst() }
        while let last = value.last, last.isWhitespace || last == ">" { value = value.dropLast() }
        return String(value)
    }
}
