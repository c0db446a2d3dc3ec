/// The one place the MIME layer turns bytes in a declared charset into text, so the
/// charset converter can be swapped in without touching the parser.
enum TextDecoding {
    /// Decodes `bytes` declared as `charset` (nil = undeclared). Never fails: unknown or
    /// lying charsets fall back to UTF-8 when the bytes are valid UTF-8, else Latin-1.
    static func decode<C: Collection>(_ bytes: C, charset: String?) -> String where C.Element == UInt8 {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(decoding: bytes.map { UInt16($0) }, as: UTF16.self)
    }

    /// Header bytes (RFC 6532 allows raw UTF-8; old mailers send raw Latin-1).
    static func decodeHeader<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var ascii = true
        for byte in bytes where byte >= 0x80 { ascii = false; break }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        return decode(bytes, charset: nil)
    }
}
