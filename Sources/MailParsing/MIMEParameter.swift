/// One `name=value` parameter of a Content-Type or Content-Disposition header, after RFC 2231
/// continuations were joined and charsets decoded.
public struct MIMEParameter: Sendable, Hashable, Codable {
    /// Lowercased parameter name without RFC 2231 section or `*` markers.
    public var name: String
    public var value: String
    /// RFC 2231 language tag, when one was given.
    public var language: String?

    public init(name: String, value: String, language: String? = nil) {
        self.name = name
        self.value = value
        self.language = language
    }
}

extension Array where Element == MIMEParameter {
    /// The value of the parameter called `name` (lowercase), if present.
    public func value(_ name: String) -> String? { first { $0.name.equalsToken(name) }?.value }
}
