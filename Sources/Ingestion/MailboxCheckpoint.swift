/// How far a mailbox has been read: messages at or below `lastUID` under this `uidValidity` are done.
public struct MailboxCheckpoint: Sendable, Codable, Equatable {
    public var uidValidity: UInt32
    public var lastUID: UInt32

    public init(uidValidity: UInt32, lastUID: UInt32) {
        self.uidValidity = uidValidity
        self.lastUID = lastUID
    }
}
