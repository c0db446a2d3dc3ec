/// Content-Transfer-Encoding (RFC 2045 §6). Identity encodings (7bit, 8bit, binary) and
/// unknown ones pass the bytes through unchanged, so no content is lost.
enum TransferDecoding {
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
