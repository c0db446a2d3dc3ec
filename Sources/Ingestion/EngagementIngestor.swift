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

    /// A message parsed and classified, ready to be matched and committed: its verdict and what matching reads of the
    /// message (the parsed message itself is freed during analysis).
    public struct Analysed: Sendable {
        public var origin: MessageOrigin
        public var facts: MessageFacts
        public var verdict: Verdict
    }

    /// Parses and classifies, then commits: returns once the batch is durable in the store (or throws, and nothing of
    /// it is).
    public func ingest(_ items: [Item], receivedAt: Date = Date()) throws -> BatchReport {
        try commit(analyse(items), receivedAt: receivedAt)
    }

    /// Matches every analysed message to a contact and applies all of their events and unmatched records as one
    /// durable store batch.
    public func commit(_ analysed: consuming [Analysed], receivedAt: Date = Date()) throws -> BatchReport {
        // Contacts and outbound Message-IDs recorded by other processes (imports, sequence steps) since the last look.
        try store.refresh()
        let directory = StoreContactDirectory(store: store)
        var report = BatchReport()
        var batch = StoreBatch()
        // Counted per kind here, a handful of kinds, and put in the report's dictionary once.
        var kinds: [(kind: VerdictKind, count: Int)] = []
        analysed.withUnsafeMutableBufferPointer { messages in
            for index in messages.indices {
                // Moved out for the look and back in after it (its bytes, no reference counting): lent in place, every
                // verdict, facts and origin was copied (a retain and a release of each field) only to be read.
                let item = messages.moveElement(from: index)
                defer { messages.initializeElement(at: index, to: item) }
                let kind = item.verdict.kind
                if let known = kinds.firstIndex(where: { $0.kind == kind }) {
                    kinds[known].count += 1
                } else {
                    kinds.append((kind, 1))
                }
                var interpretation = interpreter.interpret(item.verdict, facts: item.facts, origin: item.origin,
                                                           receivedAt: receivedAt, directory: directory)
                batch.events += interpretation.events
                if let unmatched = interpretation.unmatched.take() {
                    batch.unmatched.append(UnmatchedMessage(
                        messageID: unmatched.messageID, from: unmatched.from, subject: unmatched.subject,
                        verdict: unmatched.kind.rawValue, reason: unmatched.reason, source: unmatched.source,
                        receivedAt: receivedAt, idempotencyKey: unmatched.key))
                }
            }
        }
        for (kind, count) in kinds { report.messagesByKind[kind, default: 0] += count }
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
        [Analysed](unsafeUninitializedCapacity: items.count) { buffer, initialized in
            let slots = AnalysisSlots(buffer)
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                let message = parser.parse(items[index].bytes)
                let verdict = classifier.classify(message)
                slots.initialize(index, to: Analysed(origin: items[index].origin,
                                                     facts: MessageFacts(message, verdict: verdict), verdict: verdict))
            }
            // concurrentPerform returns once every iteration has run, and neither parsing nor classifying throws.
            initialized = items.count
        }
    }

}

/// The analysed batch's slots, each initialised by exactly one iteration of `concurrentPerform` and read only after it
/// returns: no slot is shared between threads, so no lock.
private struct AnalysisSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<EngagementIngestor.Analysed>

    init(_ buffer: UnsafeMutableBufferPointer<EngagementIngestor.Analysed>) { self.buffer = buffer }

    func initialize(_ index: Int, to value: EngagementIngestor.Analysed) {
        buffer.initializeElement(at: index, to: value)
    }
}
