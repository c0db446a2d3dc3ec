/// How the connection to an IMAP server is protected.
public enum IMAPSecurity: String, Sendable, Codable {
    /// TLS from the first byte (`imaps://`, usually port 993).
    case implicitTLS = "tls"
    /// Plain connection upgraded with STARTTLS before login (`imap://`, usually port 143). Required by default.
    case startTLS = "starttls"
    /// No TLS at all. Only for loopback tests; credentials travel in clear.
    case none
}
