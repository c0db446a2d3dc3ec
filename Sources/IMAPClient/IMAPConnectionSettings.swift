/// Everything needed to reach and log in to one IMAP account. Secrets are redacted from `description`.
public struct IMAPConnectionSettings: Sendable, CustomStringConvertible {
    public var host: String
    /// `nil` means the scheme's default: 993 for implicit TLS, 143 otherwise.
    public var port: Int?
    public var security: IMAPSecurity
    public var username: String
    public var credential: IMAPCredential
    /// `nil` lets libcurl choose among the mechanisms the server offers that fit the credential.
    public var authMechanism: IMAPAuthMechanism?
    /// PEM bundle of CA certificates to trust instead of the system's (a private CA).
    public var caFile: String?
    /// Skips certificate and host name verification. Callers must log loudly when this is on.
    public var skipCertificateVerification: Bool
    public var connectTimeout: Duration
    /// Longest wait for the server to make progress (send or receive any byte) during a command.
    public var operationTimeout: Duration
    /// UIDs per `UID FETCH` command in `IMAPSession.fetch(uids:)`.
    public var fetchBatchSize: Int
    /// Largest single literal (message) accepted from the server; a bigger one is a protocol error, not an allocation.
    public var maxLiteralBytes: Int
    /// Capabilities to treat as absent even when the server announces them (e.g. "MOVE", "IDLE", "UIDPLUS"),
    /// for servers whose implementation of an extension is broken.
    public var ignoredCapabilities: Set<String>

    public init(host: String, port: Int? = nil, security: IMAPSecurity = .startTLS, username: String,
                credential: IMAPCredential, authMechanism: IMAPAuthMechanism? = nil, caFile: String? = nil,
                skipCertificateVerification: Bool = false, connectTimeout: Duration = .seconds(30),
                operationTimeout: Duration = .seconds(120), fetchBatchSize: Int = 200,
                maxLiteralBytes: Int = 512 * 1024 * 1024, ignoredCapabilities: Set<String> = []) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.credential = credential
        self.authMechanism = authMechanism
        self.caFile = caFile
        self.skipCertificateVerification = skipCertificateVerification
        self.connectTimeout = connectTimeout
        self.operationTimeout = operationTimeout
        self.fetchBatchSize = fetchBatchSize
        self.maxLiteralBytes = maxLiteralBytes
        self.ignoredCapabilities = ignoredCapabilities
    }

    /// Settings from a mailbox URL: `imaps://host[:port]/MAILBOX` (implicit TLS) or `imap://host[:port]/MAILBOX`
    /// (STARTTLS required). The mailbox part is not kept here: parse the URL with `IMAPMailboxURL` to get it.
    public init(url: String, username: String, credential: IMAPCredential) throws(IMAPError) {
        let location = try IMAPMailboxURL(url)
        self.init(host: location.host, port: location.port, security: location.security, username: username,
                  credential: credential)
    }

    public var effectivePort: Int { port ?? (security == .implicitTLS ? 993 : 143) }

    public var description: String {
        var text = "\(security == .implicitTLS ? "imaps" : "imap")://\(username)@\(host):\(effectivePort)"
        text += " security=\(security.rawValue) credential=\(credential)"
        if let caFile { text += " ca=\(caFile)" }
        if skipCertificateVerification { text += " CERTIFICATE VERIFICATION OFF" }
        return text
    }
}
