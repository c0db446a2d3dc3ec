import EngagementStore
import Foundation
import Logging

/// The product's main job: every configured mailbox read by its own `MailboxWorker`, all feeding one store.
/// Mailboxes are independent: one failing (auth, network, TLS) is retried and reported while the others carry on.
public final class IngestionWorker: Sendable {
    public let configuration: WorkerConfiguration
    public let gate: BatchGate
    public let mailboxes: [MailboxWorker]
    public let store: EngagementStore
    private let lock: WorkerLock

    public init(configuration: WorkerConfiguration, logger: Logger, gate: BatchGate = BatchGate(),
                environment: [String: String] = ProcessInfo.processInfo.environment,
                backoff: RetryBackoff = RetryBackoff()) throws {
        self.configuration = configuration
        self.gate = gate
        // The parents too: a first run points data_dir at a folder that does not exist yet.
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let states = MailboxStateDirectory(dataDirectory: configuration.dataDirectory)
        lock = try WorkerLock(stateDirectory: states)
        store = try EngagementStore.open(directory: URL(fileURLWithPath: configuration.dataDirectory))
        let ingestor = EngagementIngestor(store: store, unsubscribeMailboxes: configuration.unsubscribeMailboxes)
        mailboxes = try configuration.mailboxes.map { mailbox in
            try MailboxWorker(configuration: mailbox, ingestor: ingestor, states: states, gate: gate, logger: logger,
                              environment: environment, backoff: backoff)
        }
    }

    /// One pass over every mailbox, concurrently; returns each mailbox's outcome in config order.
    public func runOnce() async -> [(mailbox: String, outcome: MailboxWorker.PassOutcome)] {
        await withTaskGroup(of: (Int, MailboxWorker.PassOutcome).self) { group in
            for (index, mailbox) in mailboxes.enumerated() {
                group.addTask { (index, await mailbox.runOnce()) }
            }
            var outcomes = Array(repeating: MailboxWorker.PassOutcome.stopped, count: mailboxes.count)
            for await (index, outcome) in group { outcomes[index] = outcome }
            return zip(configuration.mailboxes, outcomes).map { ($0.name, $1) }
        }
    }

    /// Runs every mailbox until `gate.requestStop()`.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for mailbox in mailboxes {
                group.addTask { await mailbox.run() }
            }
        }
    }
}
