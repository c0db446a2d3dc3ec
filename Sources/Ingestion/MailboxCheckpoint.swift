/// How far an IMAP mailbox has been read: messages at or below `lastUID` under this `uidValidity` are done.
/// (Local mailboxes keep a `ProcessedMessageLog` instead.)
public struct MailboxCheckpoint: Sendable, Codable, Equatable {
    public var uidValidity: UInt32
    public var lastUID: UInt32

    public init(uidValidity: UInt32, lastUID: UInt32) {
        self.uidValidity = uidValidity
        self.lastUID = lastUID
    }

    private enum CodingKeys: String, CodingKey {
        case uidValidity = "uid_validity", lastUID = "last_uid"
    }
}
