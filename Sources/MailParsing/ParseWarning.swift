/// Something the parser noticed and worked around; the message is still returned.
public struct ParseWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Stable machine-readable code, e.g. "max-depth", "missing-final-boundary".
    public var code: String
    /// What happened and where, for a person.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    static func limit(_ code: String, _ message: String) -> ParseWarning { ParseWarning(code: code, message: message) }
}
