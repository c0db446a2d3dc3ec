import Foundation

/// The Sequence a contact is currently in. Step 0 means enrolled but not yet processed into step 1.
public struct SequenceMembership: Sendable, Codable, Equatable {
    public var sequence: String
    public var step: Int
    public var enrolledAt: Date
    /// When the current step was last entered or refreshed.
    public var stepAt: Date?
    /// Message-ID (without `<>`) of the last outbound email this sequence sent, for matching replies.
    public var lastOutboundMessageID: String?

    public init(sequence: String, step: Int = 0, enrolledAt: Date, stepAt: Date? = nil,
                lastOutboundMessageID: String? = nil) {
        self.sequence = sequence
        self.step = step
        self.enrolledAt = enrolledAt
        self.stepAt = stepAt
        self.lastOutboundMessageID = lastOutboundMessageID
    }
}
