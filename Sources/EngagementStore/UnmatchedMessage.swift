import Foundation

/// An inbound message the worker classified but could not tie to any contact (unknown sender, no matching
/// Message-ID). Kept so a person can look at it, and so nothing silently disappears.
public struct UnmatchedMessage: Sendable, Codable, Equatable {
    public var messageID: String?
    public var from: String?
    public var subject: String?
    /// The classifier's verdict kind, e.g. "reply", "hard_bounce".
    public var verdict: String
    public var reason: String
    public var source: String
    public var receivedAt: Date
    /// The same key twice records the message once.
    public var idempotencyKey: String?

    public init(messageID: String?, from: String?, subject: String?, verdict: String, reason: String, source: String,
                receivedAt: Date, idempotencyKey: String? = nil) {
        self.messageID = messageID
        self.from = from
        self.subject = subject
        self.verdict = verdict
        self.reason = reason
        self.source = source
        self.receivedAt = Date(timeIntervalSince1970: receivedAt.timeIntervalSince1970.rounded(.down))
        self.idempotencyKey = idempotencyKey
    }
}
