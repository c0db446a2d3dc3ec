/// A failure talking to an IMAP server, with enough context to act on it. Never contains credentials: commands are
/// recorded by name and non-secret arguments only, and login happens inside libcurl.
public struct IMAPError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case connectFailed = "could not connect"
        /// TLS handshake or certificate verification failed, or the server does not offer STARTTLS.
        case tlsFailed = "TLS failed"
        case authenticationFailed = "authentication failed"
        /// Tagged `NO`: the server understood and refused (missing mailbox, quota, …).
        case commandFailed = "command failed (NO)"
        /// Tagged `BAD`: the server did not accept the command's syntax or state.
        case commandRejected = "command rejected (BAD)"
        /// The connection closed or broke; reconnecting is the remedy.
        case connectionLost = "connection lost"
        /// The server sent something that is not IMAP as we know it.
        case protocolError = "protocol error"
        case timeout = "timed out"
        /// A response exceeded a configured limit (`maxLiteralBytes`): retrying the same command fails the same way.
        case limitExceeded = "limit exceeded"
        /// The server lacks a capability the call needs (e.g. IDLE).
        case unsupported = "not supported by the server"
        /// The caller passed something that cannot be sent (bad URL, flag with spaces, unselected mailbox, …).
        case invalidArgument = "invalid argument"
    }

    public var kind: Kind
    public var host: String
    public var port: Int
    public var mailbox: String?
    /// Command name and non-secret arguments, e.g. `UID FETCH 1:200 (UID FLAGS BODY.PEEK[])`, shortened.
    public var command: String?
    public var curlCode: Int?
    public var curlMessage: String?
    /// Bracketed response code from the server, e.g. `NONEXISTENT`, `UNAVAILABLE`, `AUTHENTICATIONFAILED`.
    public var responseCode: String?
    /// The server's human-readable response text, if it sent one.
    public var serverResponse: String?
    public var detail: String?

    public init(_ kind: Kind, host: String, port: Int, mailbox: String? = nil, command: String? = nil,
                curlCode: Int? = nil, curlMessage: String? = nil, responseCode: String? = nil,
                serverResponse: String? = nil, detail: String? = nil) {
        self.kind = kind
        self.host = host
        self.port = port
        self.mailbox = mailbox
        self.command = command.map { $0.count > 120 ? String($0.prefix(117)) + "..." : $0 }
        self.curlCode = curlCode
        self.curlMessage = curlMessage
        self.responseCode = responseCode
        self.serverResponse = serverResponse
        self.detail = detail
    }

    /// Whether retrying later (on a fresh connection) can succeed without anyone changing configuration.
    public var isTransient: Bool {
        switch kind {
        case .connectFailed, .connectionLost, .timeout, .protocolError:
            return true
        case .commandFailed:
            // RFC 5530 codes that mean "try again later".
            return ["UNAVAILABLE", "INUSE", "SERVERBUG", "LIMIT"].contains(responseCode ?? "")
        case .authenticationFailed:
            return responseCode == "UNAVAILABLE"
        case .tlsFailed, .commandRejected, .unsupported, .invalidArgument, .limitExceeded:
            return false
        }
    }

    public var description: String {
        var text = "IMAP \(host.isEmpty ? "" : "\(host):\(port)")"
        if let mailbox { text += " mailbox \(mailbox)" }
        text += ": \(kind.rawValue)"
        if let command { text += " during \(command)" }
        if let detail { text += ": \(detail)" }
        if let curlCode {
            text += " (curl \(curlCode)\(curlMessage.map { ": \($0)" } ?? ""))"
        }
        if let serverResponse {
            text += "; server said: \(responseCode.map { "[\($0)] " } ?? "")\(serverResponse)"
        }
        if let hint { text += ". \(hint)" }
        return text
    }

    /// What a person can do about it, where that is clear from the kind alone.
    private var hint: String? {
        switch kind {
        case .tlsFailed where curlCode == 60 || curlCode == 77:
            return "The server's certificate is not trusted: set the CA file (ca_file) to the CA that signed it"
        case .tlsFailed where curlCode == 64:
            return "The server does not offer STARTTLS: use imaps:// or ask for a server that supports TLS"
        case .authenticationFailed:
            return "Check the user name and the password or token"
        case .limitExceeded:
            return "Raise maxLiteralBytes, or fetch the other messages of the batch one by one and skip this one"
        default:
            return nil
        }
    }
}
