import ArgumentParser
import Foundation
import IMAPClient
import Ingestion
import Logging

/// `leadfwd bench worker`: the worker's whole path over one IMAP mailbox, timed.
struct BenchWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Drain an IMAP mailbox through the whole worker (fetch, parse, classify, match, store) and print msg/s.",
        discussion: """
            The mailbox is opened read-only (EXAMINE); nothing changes on the server. Events go to a store in --data-dir \
            (default: a temporary directory, removed afterwards); the time includes login, every fsync and every \
            checkpoint. scripts/bench-worker runs this against a private Dovecot beside a fetch-only Python imaplib \
            client over the same mailbox.
            """
    )

    @Option(help: "Mailbox URL: imaps://host[:port]/MAILBOX or imap://host[:port]/MAILBOX (STARTTLS).")
    var url: String

    @Option(help: "User name to log in with.")
    var user: String

    @Option(name: .customLong("password-env"), help: "Name of the environment variable holding the password.")
    var passwordEnv: String

    @Option(name: .customLong("ca-file"), help: "PEM file of CA certificates to trust (a private CA).")
    var caFile: String?

    @Option(help: """
        Messages per batch: one UID FETCH each; batches analysed while a commit runs are committed together.
        """)
    var batch: Int = 200

    @Option(name: .customLong("data-dir"),
            help: "Store to write to (e.g. a copy of one with contacts); default: a fresh temporary directory.")
    var dataDir: String?

    func validate() throws {
        guard (1...10_000).contains(batch) else { throw ValidationError("--batch must be from 1 to 10000.") }
    }

    func run() async throws {
        let location = try IMAPMailboxURL(url)
        let temporary = dataDir == nil
        let directory = dataDir ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("leadfwd-bench-worker-\(UUID().uuidString)").path
        defer { if temporary { try? FileManager.default.removeItem(atPath: directory) } }
        let mailbox = MailboxConfiguration(
            name: "bench", location: .imap(url: url, host: location.host, port: location.port, mailbox: location.mailbox,
                                           security: location.security),
            user: user, secret: .passwordEnvironment(passwordEnv), caFile: caFile, batchSize: batch, idle: false)
        var logger = Logger(label: "leadfwd.bench")
        logger.logLevel = .error
        let worker = try IngestionWorker(
            configuration: WorkerConfiguration(file: "(bench)", dataDirectory: directory, mailboxes: [mailbox]),
            logger: logger)

        let clock = ContinuousClock()
        let start = clock.now
        let outcomes = await worker.runOnce()
        let elapsed = clock.now - start
        if case .failed(let text)? = outcomes.first?.outcome { throw CommandFailure("the worker failed: \(text)") }
        guard let state = await worker.mailboxes.first?.currentState else { return }
        let seconds = max(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, 1e-9)
        let kinds = state.messagesByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        print(String(format: "leadfwd worker end-to-end: %d messages in %.3f s: %.0f msg/s ", state.messages, seconds,
                     Double(state.messages) / seconds)
              + "(fetch+parse+classify+match+store, batch \(batch), \(location.security.rawValue), login included; "
              + "\(state.eventsApplied) events, \(state.unmatched) unmatched; \(kinds.joined(separator: ", ")))")
    }
}
