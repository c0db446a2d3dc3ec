/// A contact custom view: every condition given must hold (AND); an empty filter matches everyone.
public struct ContactFilter: Sendable, Equatable, Codable {
    public var engagementStatus: [StatusCondition]
    public var recordStatus: [RecordStatus]
    public var tags: [String]
    public var segments: [String]
    /// Current sequence name.
    public var sequence: String?
    /// Specific addresses (normalised on comparison); empty = any address.
    public var emails: [String]

    public init(engagementStatus: [StatusCondition] = [], recordStatus: [RecordStatus] = [], tags: [String] = [],
                segments: [String] = [], sequence: String? = nil, emails: [String] = []) {
        self.engagementStatus = engagementStatus
        self.recordStatus = recordStatus
        self.tags = tags
        self.segments = segments
        self.sequence = sequence
        self.emails = emails.map(EmailAddress.normalize)
    }

    public static let everyone = ContactFilter()

    public func matches(_ contact: Contact) -> Bool {
        if !emails.isEmpty && !emails.contains(contact.email) { return false }
        for condition in engagementStatus where !condition.matches(contact.engagementStatus) { return false }
        if !recordStatus.isEmpty && !recordStatus.contains(contact.recordStatus) { return false }
        for tag in tags where !contact.tags.contains(tag) { return false }
        for segment in segments where !contact.segments.contains(segment) { return false }
        if let sequence, contact.sequence?.sequence != sequence { return false }
        return true
    }
}
