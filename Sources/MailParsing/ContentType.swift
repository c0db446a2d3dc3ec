/// A parsed Content-Type header (RFC 2045 §5), with RFC 2231 parameters.
public struct ContentType: Sendable, Hashable, Codable {
    /// Lowercased top-level type, e.g. "text".
    public var type: String
    /// Lowercased subtype, e.g. "plain".
    public var subtype: String
    public var parameters: [MIMEParameter]

    public init(type: String, subtype: String, parameters: [MIMEParameter] = []) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    /// The RFC 2045 default for a part without a Content-Type.
    public static let textPlain = ContentType(type: "text", subtype: "plain")
    /// The default for parts of a multipart/digest.
    public static let messageRFC822 = ContentType(type: "message", subtype: "rfc822")

    /// Parses a header value; nil when it has no usable `type/subtype`.
    public init?(headerValue: String) {
        var value = headerValue
        guard let parsed = value.withUTF8(Self.parse(headerBytes:)) else { return nil }
        self = parsed
    }

    /// `init(headerValue:)` for the value's UTF-8.
    static func parse(headerBytes: UnsafeBufferPointer<UInt8>) -> ContentType? {
        let parsed = MIMEParameterParser.parse(bytes: headerBytes)
        let token = UnsafeBufferPointer(rebasing: headerBytes[parsed.token])
        // An ASCII token is split as it stands; any other is first spelled as text, which repairs broken UTF-8.
        if !token.contains(where: { $0 >= 0x80 }) { return split(token, parameters: parsed.parameters) }
        var lowered = MIMEParameterParser.text(headerBytes, parsed.token, lowercased: true)
        return lowered.withUTF8 { split($0, parameters: parsed.parameters) }
    }

    /// `type/subtype` from a token, each lowercased; nil when it has no usable `type/subtype`.
    private static func split(_ token: UnsafeBufferPointer<UInt8>, parameters: [MIMEParameter]) -> ContentType? {
        if let known = CommonTokens.mediaType(token) {
            return ContentType(type: known.type, subtype: known.subtype, parameters: parameters)
        }
        func lowercased(_ range: Range<Int>) -> String { CommonTokens.lowercased(UnsafeBufferPointer(rebasing: token[range])) }
        guard let slash = token.firstIndex(of: 0x2F) else {
            // "text" alone (seen from old mailers) still says what kind of part this is.
            guard token.count == 4, lowercased(0..<4) == "text" else { return nil }
            return ContentType(type: "text", subtype: "plain", parameters: parameters)
        }
        var typeRange = 0..<slash, subtypeRange = (slash + 1)..<token.count
        if let last = typeRange.last, token[last] == 0x20 || token[last] == 0x09 {
            typeRange = ByteScanning.trimmed(token, typeRange)
        }
        if let first = subtypeRange.first, token[first] == 0x20 || token[first] == 0x09 {
            subtypeRange = ByteScanning.trimmed(token, subtypeRange)
        }
        guard !typeRange.isEmpty, !subtypeRange.isEmpty else { return nil }
        return ContentType(type: lowercased(typeRange), subtype: lowercased(subtypeRange), parameters: parameters)
    }

    /// Whether this is `type/subtype` (both given lowercased), without spelling `mimeType`.
    func isMIMEType(_ type: String, _ subtype: String) -> Bool {
        self.type.equalsToken(type) && self.subtype.equalsToken(subtype)
    }

    /// "type/subtype", lowercased.
    public var mimeType: String { "\(type)/\(subtype)" }
    public var charset: String? { parameters.value("charset") }
    public var boundary: String? { parameters.value("boundary") }
    public var name: String? { parameters.value("name") }

    public var isMultipart: Bool { type.equalsToken("multipart") }
    public var isText: Bool { type.equalsToken("text") }

    /// Parts that hold a whole embedded message (RFC 2046 §5.2, RFC 6532) or its headers (RFC 6522).
    public var isEmbeddedMessage: Bool {
        (type.equalsToken("message") && (subtype.equalsToken("rfc822") || subtype.equalsToken("global")))
            || (type.equalsToken("text") && subtype.equalsToken("rfc822-headers"))
            || (type.equalsToken("message") && subtype.equalsToken("global-headers"))
    }

    public var isDeliveryStatus: Bool {
        type.equalsToken("message")
            && (subtype.equalsToken("delivery-status") || subtype.equalsToken("global-delivery-status"))
    }

    public var isFeedbackReport: Bool { type.equalsToken("message") && subtype.equalsToken("feedback-report") }
}
