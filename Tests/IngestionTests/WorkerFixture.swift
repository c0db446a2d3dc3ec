import Engagement
import EngagementStore
import Foundation
import Ingestion
import Logging
import TestSupport

/// A data directory with contacts already in a sequence (step 1 sent, its Message-ID recorded), and a config file
/// next to it, as a user would have before starting the worker.
final class WorkerFixture: @unchecked Sendable {
    let folder: TemporaryDirectory
    let contacts: [String]
    var dataDirectory: String { folder.url.appendingPathComponent("data").path }
    var configPath: String { folder.url.appendingPathComponent("leadfwd.yaml").path }

    init(contacts: [String]) throws {
        folder = try TemporaryDirectory("leadfwd-worker")
        self.contacts = contacts
        let store = try EngagementStore.open(directory: URL(fileURLWithPath: dataDirectory))
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        var events: [EngagementEvent] = []
        for contact in contacts {
            events += [
                EngagementEvent(contact: contact, kind: .imported(profile: ContactProfile(company: "Example")),
                                at: start, source: "test"),
                EngagementEvent(contact: contact, kind: .enrolled(sequence: "q4"), at: start, source: "test"),
                EngagementEvent(contact: contact, kind: .processed, at: start, source: "test"),
                EngagementEvent(contact: contact, kind: .advanced(step: 1, outboundMessageID: InboundMail.outboundID(contact)),
                                at: start, source: "test"),
            ]
        }
        try store.apply(events)
    }

    /// Writes the config with these `mailboxes:` entries (YAML, indented by two spaces per entry line).
    @discardableResult
    func writeConfig(_ mailboxes: [String], defaults: String = "") throws -> String {
        var text = "data_dir: data\n"
        if !defaults.isEmpty { text += "defaults:\n" + defaults.split(separator: "\n").map { "  \($0)\n" }.joined() }
        text += "mailboxes:\n"
        for mailbox in mailboxes {
            let lines = mailbox.split(separator: "\n")
            text += lines.enumerated().map { index, line in (index == 0 ? "  - " : "    ") + line + "\n" }.joined()
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: configPath))
        return configPath
    }

    func worker(environment: [String: String] = [:], gate: BatchGate = BatchGate(),
                backoff: RetryBackoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(1)))
        throws -> IngestionWorker {
        let configuration = try WorkerConfiguration.load(path: configPath, environment: environment)
        var logger = Logger(label: "test.worker")
        logger.logLevel = .critical
        return try IngestionWorker(configuration: configuration, logger: logger, gate: gate,
                                   environment: environment, backoff: backoff)
    }

    /// The store as it is on disk now (a fresh open, as another process would see it).
    func store() throws -> EngagementStore {
        try EngagementStore.open(directory: URL(fileURLWithPath: dataDirectory))
    }

    func status(_ contact: String) throws -> EngagementStatus? {
        try store().contact(contact)?.engagementStatus
    }

    func state(_ mailbox: String) throws -> MailboxState? {
        try MailboxStateDirectory(dataDirectory: dataDirectory).load(mailbox)
    }

    /// Every event in every contact's history, as comparable lines (contact, kind, key, source), sorted.
    func historyLines() throws -> [String] {
        let store = try store()
        var lines: [String] = []
        for contact in store.contacts() {
            for entry in try store.contactWithHistory(contact.email)?.history ?? [] {
                let event = entry.event
                lines.append("\(event.contact) \(event.kind.name) \(event.idempotencyKey ?? "-") \(entry.from.rawValue)"
                    + "->\(entry.to.rawValue)")
            }
        }
        return lines.sorted()
    }
}
