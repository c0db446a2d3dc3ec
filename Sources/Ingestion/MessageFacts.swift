import Foundation
import MailClassification
import MailParsing

/// What matching reads of a parsed message besides its verdict: the addresses that may name the contact, and the
/// subject and date an unmatched record shows when the verdict has none.
///
/// The worker keeps these instead of the whole `Message` between analysis and commit, so the parsed tree (parts,
/// bodies, header fields) is freed by the core that built it, in parallel, and not copied or torn down on the commit
/// path that every batch waits for.
public struct MessageFacts: Sendable {
    public var from: [MailAddress]
    public var replyTo: [MailAddress]
    /// The message's subject, kept only when the verdict has none (matching reads the verdict's first).
    public var subject: String?
    /// The message's date, kept only when the verdict has none.
    public var date: Date?
    /// An ARF feedback report (RFC 5965): the opt-out is a spam complaint and its sender the complainant.
    public var isFeedbackReport: Bool

    /// `verdict`: the message's verdict, which decides what matching may read. A message of kind `other` is matched
    /// to no one, so nothing of it is read; Reply-To is read only for a message a person wrote, the only kind whose
    /// matching looks at it; the subject and date only where the verdict lacks them. Both are borrowed: without
    /// saying so, the caller copied them (a retain and a release of every field) to pass them.
    public init(_ message: borrowing Message, verdict: borrowing Verdict) {
        guard verdict.kind != .other else {
            from = []
            replyTo = []
            isFeedbackReport = false
            return
        }
        from = message.from
        switch verdict.kind {
        case .reply, .autoReply, .optOut: replyTo = message.replyTo
        case .hardBounce, .softBounce, .other: replyTo = []
        }
        if verdict.subject == nil { subject = message.subject }
        if verdict.date == nil { date = message.date }
        isFeedbackReport = !message.feedbackReports.isEmpty
    }
}
