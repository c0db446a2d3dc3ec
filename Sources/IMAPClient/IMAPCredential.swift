/// What proves the user's identity to the server. Never printed: `description`, `debugDescription` and reflection
/// (`dump`, `String(reflecting:)`) all redact the secret.
public enum IMAPCredential: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A password, sent with SASL PLAIN or LOGIN (whichever the server offers and `IMAPAuthMechanism` allows).
    case password(String)
    /// An OAuth 2.0 access token, sent with SASL XOAUTH2 or OAUTHBEARER (Gmail, Microsoft 365).
    case bearerToken(String)

    public var description: String {
        switch self {
        case .password: return "password(redacted)"
        case .bearerToken: return "bearerToken(redacted)"
        }
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .enum) }
}

/// A SASL mechanism to insist on; `nil` in the settings lets libcurl pick the best one the server offers.
public enum IMAPAuthMechanism: String, Sendable, Codable, CaseIterable {
    case plain = "PLAIN"
    case login = "LOGIN"
    case xoauth2 = "XOAUTH2"
    case oauthBearer = "OAUTHBEARER"
}
