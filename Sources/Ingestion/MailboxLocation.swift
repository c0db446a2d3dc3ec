import IMAPClient

/// Where a mailbox's messages come from.
public enum MailboxLocation: Sendable, Equatable, CustomStringConvertible {
    /// An IMAP mailbox; `url` is the text from the config (`imaps://host[:port]/INBOX` or `imap://…`).
    case imap(url: String, host: String, port: Int?, mailbox: String, security: IMAPSecurity)
    /// A folder with `cur/` and `new/`: each file is one message, named by a unique name that survives `new`→`cur`.
    case maildir(path: String)
    /// One mbox file, read in order; message N is `path#N`.
    case mbox(path: String)
    /// A single `.eml` file or a folder tree of them.
    case files(path: String)

    public var isIMAP: Bool {
        if case .imap = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .imap(let url, _, _, _, let security): return "\(url) (\(security.rawValue))"
        case .maildir(let path): return "maildir:\(path)"
        case .mbox(let path): return "mbox:\(path)"
        case .files(let path): return path
        }
    }
}
