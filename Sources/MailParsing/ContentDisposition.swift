/// A parsed Content-Disposition header (RFC 2183) with RFC 2231 parameters.
public struct ContentDisposition: Sendable, Hashable, Codable {
    /// Lowercased disposition type: "inline", "attachment", or whatever was written.
    public var kind: String
    public var parameters: [MIMEParameter]

    public init(kind: String, parameters: [MIMEParameter] = []) {
        self.kind = kind
        self.parameters = parameters
    }

    public init(headerValue: String) {
        var value = headerValue
        self = value.withUTF8(ContentDisposition.init(headerBytes:))
    }

    /// `init(headerValue:)` for the value's UTF-8.
    init(headerBytes: UnsafeBufferPointer<UInt8>) {
        let parsed = MIMEParameterParser.parse(bytes: headerBytes)
        self.init(kind: MIMEParameterParser.text(headerBytes, parsed.token, lowercased: true),
                  parameters: parsed.parameters)
    }

    public var isAttachment: Bool { kind == "attachment" }
    public var filename: String? { parameters.value("filename") }
}
