/// What the server told us about a mailbox when it was opened, kept current by later EXISTS/EXPUNGE responses.
public struct MailboxSnapshot: Sendable, Equatable {
    public var name: String
    /// Changes when the server renumbers the mailbox; a stored last-seen UID is meaningless after that.
    public var uidValidity: UInt32
    /// The UID the next message will get, when the server announces it.
    public var uidNext: UInt32?
    /// Number of messages in the mailbox.
    public var exists: Int
    /// True after EXAMINE (or a SELECT the server granted read-only).
    public var readOnly: Bool
}

/// One message as fetched with `BODY.PEEK[]`: the exact bytes the server stores, and its flags at fetch time.
public struct FetchedMessage: Sendable, Equatable {
    public var uid: UInt32
    public var bytes: [UInt8]
    public var flags: [String]
}

/// How an `IMAPSession.idle(timeout:)` ended.
public enum IdleOutcome: Sendable, Equatable {
    /// The mailbox grew; `exists` is the new message count.
    case newMessages(exists: Int)
    /// Nothing arrived before the timeout.
    case timedOut
    /// The calling task was cancelled; IDLE was ended properly and the session is still usable.
    case cancelled
}
