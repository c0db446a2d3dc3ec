import Foundation

/// A sales contact: profile fields, the system-maintained Engagement Status, the record status, and what
/// sequences and inbound mail have done to it.
public struct Contact: Sendable, Codable, Equatable {
    /// Normalised (lowercased) address; the contact's key.
    public var email: String
    public var firstName: String?
    public var lastName: String?
    public var company: String?
    public var customFields: [String: String]
    /// Sorted, without duplicates.
    public var tags: [String]
    /// Sorted, without duplicates.
    public var segments: [String]
    public private(set) var engagementStatus: EngagementStatus
    public var recordStatus: RecordStatus
    /// The sequence the contact is in now (Enrolled or Working), nil otherwise.
    public var sequence: SequenceMembership?
    /// The last sequence the contact was in, kept after they leave it.
    public var lastSequence: String?
    /// When a sequence first moved the contact to Working; nil = never contacted by a sequence.
    public var firstWorking: Date?
    public var softBounceCount: Int
    public var lastAutoReply: AutoReplyNote?
    public var lastReplyAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    /// Events applied to this contact, oldest first. The store keeps history in its journal files and fills this in
    /// only when one contact is asked for (`EngagementStore.contactWithHistory`).
    public var history: [HistoryEntry]

    /// A contact as it is the moment it is first imported: Open, Active, never contacted.
    public init(email: String, createdAt: Date) {
        self.email = EmailAddress.normalize(email)
        firstName = nil
        lastName = nil
        company = nil
        customFields = [:]
        tags = []
        segments = []
        engagementStatus = .open
        recordStatus = .active
        sequence = nil
        lastSequence = nil
        firstWorking = nil
        softBounceCount = 0
        lastAutoReply = nil
        lastReplyAt = nil
        self.createdAt = createdAt
        updatedAt = createdAt
        history = []
    }

    /// A contact as a store saved it, its Engagement Status included. Like decoding the contact, this trusts the saved
    /// status: it is for stores reading their own files back. Every other change of status goes through
    /// `EngagementRules`. The other fields start as in `init(email:createdAt:)`, with the email kept as given.
    public static func restored(email: String, engagementStatus: EngagementStatus, createdAt: Date) -> Contact {
        var contact = Contact(email: email, createdAt: createdAt)
        contact.email = email
        contact.engagementStatus = engagementStatus
        return contact
    }

    /// Only the transition rules move Engagement Status.
    mutating func moveStatus(to status: EngagementStatus) { engagementStatus = status }

    mutating func leaveSequence() {
        if let sequence { lastSequence = sequence.sequence }
        sequence = nil
    }

    static func insertSorted(_ value: String, into list: inout [String]) {
        if !list.contains(value) {
            list.append(value)
            list.sort()
        }
    }
}
