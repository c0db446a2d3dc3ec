import MailClassification

/// What one batch of messages did to the store; logged as one line and added to the mailbox's totals.
public struct BatchReport: Sendable, Equatable {
    public var messagesByKind: [VerdictKind: Int] = [:]
    public var eventsApplied = 0
    /// Events the store had already applied (same idempotency key): a re-read after a crash or a rescan.
    public var eventsAlreadyApplied = 0
    /// Events the status rules refused (e.g. a reply for a contact who is no longer in the store's terms).
    public var eventsRefused = 0
    public var unmatched = 0
    /// Files that could not be read this time; they are retried on the next pass.
    public var unreadable = 0

    public init() {}

    public var messages: Int { messagesByKind.values.reduce(0, +) }

    /// `12 messages (reply 3, hard_bounce 2, other 7); 5 events applied, 0 already applied, 1 unmatched`
    public var summary: String {
        let kinds = VerdictKind.allCases.compactMap { kind in messagesByKind[kind].map { "\(kind.rawValue) \($0)" } }
        var text = "\(messages) messages"
        if !kinds.isEmpty { text += " (\(kinds.joined(separator: ", ")))" }
        text += "; \(eventsApplied) events applied, \(eventsAlreadyApplied) already applied"
        if eventsRefused > 0 { text += ", \(eventsRefused) refused by the status rules" }
        text += ", \(unmatched) unmatched"
        if unreadable > 0 { text += ", \(unreadable) unreadable (retried next pass)" }
        return text
    }
}

extension MailboxState {
    mutating func add(_ report: BatchReport) {
        for (kind, count) in report.messagesByKind { messagesByKind[kind.rawValue, default: 0] += count }
        eventsApplied += report.eventsApplied
        eventsAlreadyApplied += report.eventsAlreadyApplied
        unmatched += report.unmatched
    }
}
