import Engagement
import EngagementStore
import Foundation
import MailClassification
import MailParsing

/// Parses, classifies and matches a batch of inbound messages and commits all of their events (and the messages that
/// matched no contact) to the store as ONE durable batch. Shared by every mailbox; the store serialises commits.
public final class EngagementIngestor: Sendable {
    public let store: EngagementStore
    private let parser: MessageParser
    private let classifier: Classifier
    private let interpreter = MessageInterpreter()

    /// `unsubscribeMailboxes`: our List-Unsubscribe mailto: addresses; mail sent to them is an opt-out.
    public init(store: EngagementStore, unsubscribeMailboxes: [String] = [], limits: ParseLimits = .default) {
        self.store = store
        parser = MessageParser(limits: limits)
        classifier = Classifier(unsubscribeMailboxes: Set(unsubscribeMailboxes))
    }

    /// One message to ingest: its bytes and where it was read.
    public struct Item: Sendable {
        public var origin: MessageOrigin
        public var bytes: [UInt8]
        public init(origin: MessageOrigin, bytes: [UInt8]) {
            self.origin = origin
            self.bytes = bytes
        }
    }

    /// A message parsed and classified, ready to be matched and committed.
    public struct Analysed: Sendable {
        public var origin: MessageOrigin
        public var message: Message
        public var verdict: Verdict
    }

    /// Parses and classifies, then commits: returns once the batch is durable in the store (or throws, and nothing of
    /// it is).
    public func ingest(_ items: [Item], receivedAt: Date = Date()) throws -> BatchReport {
        try commit(analyse(items), receivedAt: receivedAt)
    }

    /// Matches every analysed message to a contact and applies all of their events and unmatched records as one
    /// durable store batch.
    public func commit(_ analysed: [Analysed], receivedAt: Date = Date()) throws -> BatchReport {
        // Contacts and outbound Message-IDs recorded by other processes (imports, sequence steps) since the last look.
        try store.refresh()
        let directory = StoreContactDirectory(store: store)
        var report = BatchReport()
        var batch = StoreBatch()
        for item in analysed {
            report.messagesByKind[item.verdict.kind, default: 0] += 1
            let interpretation = interpreter.interpret(item.verdict, message: item.message, origin: item.origin,
                                                       receivedAt: receivedAt, directory: directory)
            batch.events += interpretation.events
            if let unmatched = interpretation.unmatched {
                batch.unmatched.append(UnmatchedMessage(
                    messageID: unmatched.messageID, from: unmatched.from, subject: unmatched.subject,
                    verdict: unmatched.kind.rawValue, reason: Self.reason(unmatched), source: unmatched.source,
                    receivedAt: receivedAt, idempotencyKey: unmatched.key))
            }
        }
        report.unmatched = batch.unmatched.count
        guard !batch.events.isEmpty || !batch.unmatched.isEmpty else { return report }
        for outcome in try store.apply(batch) {
            switch outcome {
            case .applied: report.eventsApplied += 1
            case .duplicate: report.eventsAlreadyApplied += 1
            case .refused: report.eventsRefused += 1
            }
        }
        return report
    }

    /// Parses and classifies, spread over the cores: this is where the CPU time goes. Pure; touches no store.
    public func analyse(_ items: [Item]) -> [Analysed] {
        let results = AnalysisSlots(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            let message = parser.parse(items[index].bytes)
            results.store(Analysed(origin: items[index].origin, message: message, verdict: classifier.classify(message)),
                          at: index)
        }
        return results.values()
    }

    private static func reason(_ report: UnmatchedReport) -> String {
        var text = report.tried.isEmpty ? "no address or Message-ID to match"
            : "no contact matches " + report.tried.joined(separator: ", ")
        if let first = report.evidence.first { text += "; \(first)" }
        return text
    }
}

/// Fixed slots filled concurrently, one writer per index.
private final class AnalysisSlots: @unchecked Sendable {
    // @unchecked: each index is written by exactly one iteration of concurrentPerform, read after it returns.
    private var slots: [EngagementIngestor.Analysed?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ value: EngagementIngestor.Analysed, at index: Int) {
        slots.withUnsafeMutableBufferPointer { $0[index] = value }
    }

    func values() -> [EngagementIngestor.Analysed] { slots.compactMap { $0 } }
}
