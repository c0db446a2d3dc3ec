import MailParsing

/// Where one inbound message was read, which names it in event sources and gives it a stable identity when the
/// message has no Message-ID.
public enum MessageOrigin: Sendable, Equatable {
    case imap(mailbox: String, uidValidity: UInt32, uid: UInt32)
    /// `source` is the path (mbox: `path#N`); `identity` is stable across renames (a Maildir unique name, `#N`).
    case file(mailbox: String, source: String, identity: String)

    public var mailbox: String {
        switch self {
        case .imap(let mailbox, _, _), .file(let mailbox, _, _): return mailbox
        }
    }

    /// Shown in the contact's history: `mailbox sales uid 42`, or the file path.
    public var source: String {
        switch self {
        case .imap(let mailbox, _, let uid): return String(concatenating: "mailbox ", mailbox, " uid ", String(uid))
        case .file(_, let source, _): return source
        }
    }

    /// Identifies the message when it has no Message-ID: the same message read again gives the same key.
    public var fallbackKey: String {
        switch self {
        case .imap(let mailbox, let uidValidity, let uid): return "mailbox \(mailbox) uidvalidity \(uidValidity) uid \(uid)"
        case .file(let mailbox, _, let identity): return "mailbox \(mailbox) file \(identity)"
        }
    }
}
