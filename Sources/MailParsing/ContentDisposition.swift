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
        self.init(parsed: MIMEParameterParser.parse(headerValue))
    }

    /// `init(headerValue:)` for the value's UTF-8.
    init(headerBytes: UnsafeBufferPointer<UInt8>) {
        self.init(parsed: MIMEParameterParser.parse(bytes: headerBytes))
    }

    private init(parsed: MIMEParameterParser.Parsed) {
        self.init(kind: parsed.token.asciiLowercased, parameters: parsed.parameters)
    }

    public var isAttachment: Bool { kind == "attachment" }
    public var filename: String? { parameters.value("filename") }
}
