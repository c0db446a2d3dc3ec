import ArgumentParser
import Dispatch
import Foundation
import Ingestion
import Logging

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Read the configured mailboxes and turn replies, bounces, opt-outs and auto-replies into events.",
        discussion: """
            Runs until SIGTERM or SIGINT (which finish the current batch, save it, and exit 0), or with --once makes \
            one pass over every mailbox and exits: 0 when every mailbox was read, 1 when any failed (see \
            `leadfwd status`). Logs one line per batch on stderr.
            """
    )

    @Option(name: .long, help: "The worker's YAML config file (mailboxes, data_dir).")
    var config: String

    @Option(name: .customLong("data-dir"), help: "Store directory; overrides data_dir in the config.")
    var dataDir: String?

    @Flag(help: "Read every mailbox once, then exit (for cron and the quick start).")
    var once = false

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func run() async throws {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("unknown --log-level \(logLevel); use trace, debug, info, notice, warning or error")
        }
        let configuration: WorkerConfiguration
        do {
            configuration = try WorkerConfiguration.load(path: config, dataDirectory: dataDir)
        } catch {
            throw CommandFailure("invalid config: \(error)")
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "leadfwd.worker")
        let worker: IngestionWorker
        do {
            worker = try IngestionWorker(configuration: configuration, logger: logger)
        } catch {
            throw CommandFailure("cannot start the worker: \(error)")
        }
        let shutdown = ShutdownOnSignal(gate: worker.gate, logger: logger)
        shutdown.install()
        logger.info("""
            worker started: \(configuration.mailboxes.count) mailboxes, store \(configuration.dataDirectory)\
            \(once ? ", one pass" : "")
            """)
        if once {
            let outcomes = await worker.runOnce()
            var failed = 0
            for (name, outcome) in outcomes {
                switch outcome {
                case .failed(let text):
                    failed += 1
                    logger.error("mailbox \(name) failed: \(text)")
                case .completed:
                    logger.info("mailbox \(name): everything new was read")
                case .stopped:
                    logger.notice("mailbox \(name): stopped")
                }
            }
            guard failed == 0 else {
                throw CommandFailure("\(failed) of \(outcomes.count) mailboxes failed; `leadfwd status --config "
                    + "\(config)` shows the errors")
            }
        } else {
            await worker.run()
            shutdown.finish()
        }
    }
}

/// SIGTERM / SIGINT: stop starting batches, wait for the running ones to be durable, exit 0.
/// A second signal exits at once (anything not yet checkpointed is read again next time; nothing is lost).
final class ShutdownOnSignal: @unchecked Sendable {
    // @unchecked: `sources` is written once in `install`, before any handler can run.
    private let gate: BatchGate
    private let logger: Logger
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "leadfwd.signals")

    init(gate: BatchGate, logger: Logger) {
        self.gate = gate
        self.logger = logger
    }

    func install() {
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [self] in handle(number) }
            source.resume()
            sources.append(source)
        }
    }

    private func handle(_ number: Int32) {
        if gate.isStopping {
            logger.warning("second signal: exiting now")
            exit(0)
        }
        logger.notice("signal \(number): finishing the current batch, then exiting")
        gate.requestStop()
        // Mailboxes waiting in IDLE or between polls hold no batch: do not wait for them to wake up.
        Thread.detachNewThread { [self] in finish() }
    }

    func finish() {
        gate.waitUntilIdle()
        logger.notice("stopped; every batch read so far is saved")
        exit(0)
    }
}
