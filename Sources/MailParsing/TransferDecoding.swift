/// Content-Transfer-Encoding (RFC 2045 §6). Identity encodings (7bit, 8bit, binary) and
/// unknown ones pass the bytes through unchanged, so no content is lost.
enum TransferDecoding {
    /// A Content-Transfer-Encoding value trimmed and lowercased, as `MessagePart.transferEncoding` holds it; the
    /// names in use are stored strings (see `CommonTokens`), no string made.
    static func encodingName(_ value: UnsafeBufferPointer<UInt8>) -> String {
        CommonTokens.lowercased(UnsafeBufferPointer(rebasing: value[ByteScanning.trimmed(value, 0..<value.count)]))
    }

    /// Whether `decode` returns the bytes as they are for this encoding (a `MessagePart.transferEncoding` value).
    static func changesNoByte(_ encoding: String) -> Bool { encoding != "base64" && encoding != "quoted-printable" }

    static func decode(_ body: UnsafeBufferPointer<UInt8>, encoding: String) -> [UInt8] {
        switch encoding {
        case "base64":
            return Base64Decoder.decode(buffer: body)
        case "quoted-printable":
            return QuotedPrintableDecoder.decode(buffer: body, underscoreIsSpace: false)
        default:
            return Array(body)
        }
    }
}
