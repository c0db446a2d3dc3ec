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
        var token = parsed.token.asciiLowercased
        let split = token.withUTF8 { bytes -> (type: String, subtype: String)? in
            guard let slash = bytes.firstIndex(of: 0x2F) else { return nil }
            var typeRange = 0..<slash, subtypeRange = (slash + 1)..<bytes.count
            if let last = typeRange.last, bytes[last] == 0x20 || bytes[last] == 0x09 {
                typeRange = ByteScanning.trimmed(bytes, typeRange)
            }
            if let first = subtypeRange.first, bytes[first] == 0x20 || bytes[first] == 0x09 {
                subtypeRange = ByteScanning.trimmed(bytes, subtypeRange)
            }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[typeRange]), as: UTF8.self),
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[subtypeRange]), as: UTF8.self))
        }
        guard let (type, subtype) = split else {
            // "text" alone (seen from old mailers) still says what kind of part this is.
            guard token == "text" else { return nil }
            return ContentType(type: "text", subtype: "plain", parameters: parsed.parameters)
        }
        guard !type.isEmpty, !subtype.isEmpty else { return nil }
        return ContentType(type: type, subtype: subtype, parameters: parsed.parameters)
    }

    /// "type/subtype", lowercased.
    public var mimeType: String { "\(type)/\(subtype)" }
    public var charset: String? { parameters.value("charset") }
    public var boundary: String? { parameters.value("boundary") }
    public var name: String? { parameters.value("name") }

    public var isMultipart: Bool { type == "multipart" }
    public var isText: Bool { type == "text" }

    /// Parts that hold a whole embedded message (RFC 2046 §5.2, RFC 6532) or its headers (RFC 6522).
    public var isEmbeddedMessage: Bool {
        (type == "message" && (subtype == "rfc822" || subtype == "global"))
            || (type == "text" && subtype == "rfc822-headers")
            || (type == "message" && subtype == "global-headers")
    }

    public var isDeliveryStatus: Bool {
        type == "message" && (subtype == "delivery-status" || subtype == "global-delivery-status")
    }

    public var isFeedbackReport: Bool { type == "message" && subtype == "feedback-report" }
}
