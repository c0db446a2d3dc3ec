import Foundation

/// Where a mailbox's password or OAuth token is read from. The config names the place, never the secret itself.
public enum MailboxSecretSource: Sendable, Equatable, CustomStringConvertible {
    case passwordEnvironment(String)
    case passwordFile(String)
    case oauthTokenEnvironment(String)
    case oauthTokenFile(String)

    /// The config key this source came from, for messages.
    public var key: String {
        switch self {
        case .passwordEnvironment: return "password_env"
        case .passwordFile: return "password_file"
        case .oauthTokenEnvironment: return "oauth_token_env"
        case .oauthTokenFile: return "oauth_token_file"
        }
    }

    public var isOAuth: Bool {
        switch self {
        case .oauthTokenEnvironment, .oauthTokenFile: return true
        case .passwordEnvironment, .passwordFile: return false
        }
    }

    public var description: String {
        switch self {
        case .passwordEnvironment(let name), .oauthTokenEnvironment(let name): return "\(key) \(name)"
        case .passwordFile(let path), .oauthTokenFile(let path): return "\(key) \(path)"
        }
    }
}

/// Why a secret could not be read; never contains the secret.
public struct MailboxSecretError: Error, Sendable, CustomStringConvertible {
    public var problem: String
    public var description: String { problem }
}

extension MailboxSecretSource {
    /// Reads the secret now (at every connection, so a rotated token file is picked up). Surrounding whitespace and
    /// the trailing newline editors add are removed.
    public func read(environment: [String: String]) throws(MailboxSecretError) -> String {
        let value: String
        switch self {
        case .passwordEnvironment(let name), .oauthTokenEnvironment(let name):
            guard let text = environment[name] else {
                throw MailboxSecretError(problem: "environment variable \(name) is not set; export it before starting")
            }
            value = text
        case .passwordFile(let path), .oauthTokenFile(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw MailboxSecretError(problem: "\(path) does not exist or cannot be read")
            }
            value = String(decoding: data, as: UTF8.self)
        }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw MailboxSecretError(problem: "\(self) is empty") }
        return trimmed
    }
}
