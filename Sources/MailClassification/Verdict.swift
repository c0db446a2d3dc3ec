import Foundation

/// What one inbound message means for the engagement domain, with the evidence that led there.
public struct Verdict: Sendable, Codable, Equatable {
    public var kind: VerdictKind
    /// Short reason: a bounce reason ("userunknown"), "complaint", "vacation", "left company", "unsubscribe", …
    public var reason: String?
    /// The address the verdict is about: the replier, the (first) failed recipient, the complainant.
    public var contact: String?
    public var recipients: [BouncedRecipient]
    public var messageID: String?
    public var inReplyTo: String?
    public var references: [String]
    /// Message-ID of the original message embedded in a bounce or complaint.
    public var originalMessageID: String?
    public var from: String?
    public var subject: String?
    public var date: Date?
    /// The newly written text of a reply or auto-reply.
    public var replyText: String?
    /// When an out-of-office note says the person is back, as YYYY-MM-DD.
    public var returnDate: String?
    /// The auto-reply says the person has left or the mailbox is no longer read.
    public var leftCompany: Bool
    /// Human-readable reasons: which header, which phrase, which status line.
    public var evidence: [String]

    public init(kind: VerdictKind, reason: String? = nil, contact: String? = nil, recipients: [BouncedRecipient] = [],
                messageID: String? = nil, inReplyTo: String? = nil, references: [String] = [],
                originalMessageID: String? = nil, from: String? = nil, subject: String? = nil, date: Date? = nil,
                replyText: String? = nil, returnDate: String? = nil, leftCompany: Bool = false,
                evidence: [String] = []) {
        self.kind = kind
        self.reason = reason
        self.contact = contact
        self.recipients = recipients
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.originalMessageID = originalMessageID
        self.from = from
        self.subject = subject
        self.date = date
        self.replyText = replyText
        self.returnDate = returnDate
        self.leftCompany = leftCompany
        self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey {
        case kind, reason, contact, recipients, from, subject, date, evidence
        case messageID = "message_id", inReplyTo = "in_reply_to", references
        case originalMessageID = "original_message_id", replyText = "reply_text", returnDate = "return_date"
        case leftCompany = "left_company"
    }
}

/// One recipient a bounce reports as not delivered.
public struct BouncedRecipient: Sendable, Codable, Equatable {
    public var address: String
    /// RFC 3463 status, "5.1.1".
    public var status: String?
    /// RFC 3464 action: failed, delayed.
    public var action: String?
    /// The address itself is bad (unknown user or domain, moved, does not accept mail).
    public var hard: Bool
    /// Sisimai vocabulary: userunknown, mailboxfull, blocked, …
    public var reason: String
    /// The server's own words.
    public var diagnostic: String?

    public init(address: String, status: String?, action: String?, hard: Bool, reason: String, diagnostic: String?) {
        self.address = address
        self.status = status
        self.action = action
        self.hard = hard
        self.reason = reason
        self.diagnostic = diagnostic
    }
}
