/// How far a mailbox has been read. For IMAP: messages at or below `lastUID` under this `uidValidity` are done.
/// For local sources: `processed` holds the identity of every message already applied (a Maildir unique name,
/// `#N` for the Nth message of an mbox, a path relative to the folder for .eml files).
public struct MailboxCheckpoint: Sendable, Codable, Equatable {
    public var uidValidity: UInt32
    public var lastUID: UInt32
    public var processed: Set<String>

    public init(uidValidity: UInt32, lastUID: UInt32, processed: Set<String> = []) {
        self.uidValidity = uidValidity
        self.lastUID = lastUID
        self.processed = processed
    }

    private enum CodingKeys: String, CodingKey {
        case uidValidity = "uid_validity", lastUID = "last_uid", processed
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uidValidity = try container.decode(UInt32.self, forKey: .uidValidity)
        lastUID = try container.decode(UInt32.self, forKey: .lastUID)
        processed = try container.decodeIfPresent(Set<String>.self, forKey: .processed) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uidValidity, forKey: .uidValidity)
        try container.encode(lastUID, forKey: .lastUID)
        // Sorted so the file is stable and diffable.
        if !processed.isEmpty { try container.encode(processed.sorted(), forKey: .processed) }
    }
}
