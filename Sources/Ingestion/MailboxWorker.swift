import Foundation
import IMAPClient
import Logging

/// Reads one mailbox forever (or once): new messages in batches, each batch classified, committed to the store, then
/// post-processed, then checkpointed. Runs on a thread of its own, so a slow or failing mailbox never holds up another.
public actor MailboxWorker {
    /// How one pass over the mailbox ended.
    public enum PassOutcome: Sendable, Equatable {
        case completed
        /// Stopped between batches because a stop was requested; everything read so far is durable.
        case stopped
        case failed(String)
    }

    /// Thrown inside a pass when a stop request prevents the next batch.
    struct StopRequested: Error {}

    public let configuration: MailboxConfiguration
    let ingestor: EngagementIngestor
    let states: MailboxStateDirectory
    let gate: BatchGate
    let environment: [String: String]
    let backoff: RetryBackoff
    var logger: Logger
    var state: MailboxState
    var session: IMAPSession?
    /// Batches committed in the current pass; a pass without any logs "nothing new" at debug level.
    var batchesThisPass = 0
    /// When the current pass started, and the messages it has committed (for the state's last-pass figures).
    private var passStartedAt = ContinuousClock.now
    private var messagesThisPass = 0
    /// The state as last saved by this worker, and when.
    private var savedState: MailboxState?
    private var lastSaved: ContinuousClock.Instant?
    /// Whether this worker holds a batch slot of the gate for state changes not saved yet.
    private var holdsGateForUnsavedState = false
    private let executor: DedicatedThreadExecutor
    /// Where the batches read are parsed and classified, one after another (see `imapPass` and `localPass`).
    let analysisQueue: DispatchQueue
    /// Batches read ahead of the commit. Three keep a fetch queued at the server while one batch is analysed and one
    /// committed; more let the reading and the analysis run on while a commit waits on the disk, and the batches
    /// analysed meanwhile are committed together.
    static let batchesAhead = 6
    /// Bytes of messages held ahead of the commit, past the first batch: bounds memory when messages are large.
    static let bytesAhead = 64 << 20

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    public init(configuration: MailboxConfiguration, ingestor: EngagementIngestor, states: MailboxStateDirectory,
                gate: BatchGate, logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment,
                backoff: RetryBackoff = RetryBackoff()) throws(MailboxStateDirectory.Failure) {
        self.configuration = configuration
        self.ingestor = ingestor
        self.states = states
        self.gate = gate
        self.environment = environment
        self.backoff = backoff
        var logger = logger
        logger[metadataKey: "mailbox"] = "\(configuration.name)"
        self.logger = logger
        var state = try states.load(configuration.name)
            ?? MailboxState(mailbox: configuration.name, location: configuration.location.description)
        state.location = configuration.location.description
        self.state = state
        executor = DedicatedThreadExecutor(label: "worker \(configuration.name)")
        analysisQueue = DispatchQueue(label: "leadfwd.analysis.\(configuration.name)")
    }

    public var currentState: MailboxState { state }

    /// Reads everything new once. Failures are recorded in the mailbox's state and returned, never thrown.
    public func runOnce() async -> PassOutcome {
        let outcome = await pass()
        if case .failed = outcome { closeSession() }
        return outcome
    }

    /// Reads, then waits for new mail (IDLE or polling), until a stop is requested. A failure is retried with
    /// exponential backoff and jitter; the connection is rebuilt from scratch each time.
    public func run() async {
        while !gate.isStopping {
            switch await pass() {
            case .stopped:
                return
            case .failed:
                closeSession()
                let delay = backoff.delay(afterFailures: state.consecutiveFailures)
                logger.notice("retrying in \(Self.seconds(delay)) s (failure \(state.consecutiveFailures) in a row)")
                guard await gate.pause(for: delay) else { return }
            case .completed:
                guard await waitForNewMail() else { return }
            }
        }
    }

    private func pass() async -> PassOutcome {
        batchesThisPass = 0
        messagesThisPass = 0
        passStartedAt = .now
        do {
            if configuration.location.isIMAP {
                try await imapPass()
            } else {
                try await localPass()
            }
            try recordSuccess()
            if batchesThisPass == 0 { logger.debug("nothing new") }
            return .completed
        } catch is StopRequested {
            saveBeforeStopping()
            return .stopped
        } catch {
            let text = "\(error)"
            logger.error("\(text)")
            recordFailure(text)
            return .failed(text)
        }
    }

    private func waitForNewMail() async -> Bool {
        guard configuration.idle, let session, await session.supportsIdle else {
            // Servers drop idle connections (autologout); reconnecting at the next poll is cheaper than a failure.
            closeSession()
            return await gate.pause(for: configuration.pollInterval)
        }
        // Re-issue IDLE every poll interval: a connection dropped silently (NAT, server restart) shows up as an error,
        // and a stop request is noticed.
        let timeout = min(configuration.pollInterval, .seconds(25 * 60))
        do {
            _ = try await session.idle(timeout: timeout)
        } catch {
            logger.notice("IDLE ended: \(error); reconnecting")
            closeSession()
        }
        return !gate.isStopping
    }

    func closeSession() {
        guard let session else { return }
        self.session = nil
        Task { await session.logout() }
    }

    /// Marks a batch as started; throws `StopRequested` when the worker is stopping.
    func beginBatch() throws(StopRequested) {
        guard gate.beginBatch() else { throw StopRequested() }
    }

    /// Adds a committed batch to the totals and moves the checkpoint. Call only after the batch's events are durable in
    /// the store (and post-processed). The state is saved at most every `stateSaveInterval` while a pass drains the
    /// mailbox, and always when the pass ends, stops or fails.
    func commit(_ report: BatchReport, checkpoint: MailboxCheckpoint?, batchDescription: String) throws {
        if let checkpoint { state.checkpoint = checkpoint }
        state.add(report)
        state.lastSuccessAt = Date()
        state.consecutiveFailures = 0
        batchesThisPass += 1
        messagesThisPass += report.messages
        state.lastPassMessages = messagesThisPass
        state.lastPassMilliseconds = Int((ContinuousClock.now - passStartedAt) / .milliseconds(1))
        logger.info("\(batchDescription): \(report.summary)")
        if let lastSaved, ContinuousClock.now - lastSaved < Self.stateSaveInterval, holdGateForUnsavedState() { return }
        try saveState()
    }

    /// Saving the state after every batch (an fsync and a rename) cost the client as much CPU as the store's commit of
    /// the batch. A crash between saves re-reads the batches since the last one, which the store's idempotency keys
    /// make harmless; a stop waits for the save (see `holdGateForUnsavedState`).
    static let stateSaveInterval: Duration = .seconds(1)

    /// Keeps a batch slot of the gate while the state has changes not saved yet, so that a stop request waits for them
    /// to be saved; false when the worker is stopping (the caller then saves at once).
    private func holdGateForUnsavedState() -> Bool {
        if !holdsGateForUnsavedState { holdsGateForUnsavedState = gate.beginBatch() }
        return holdsGateForUnsavedState
    }

    /// Saves the state, then lets go of the gate slot held for it. On failure the slot stays held: the pass fails, and
    /// `recordFailure` saves again and lets go.
    private func saveState() throws {
        try states.save(state)
        savedState = state
        lastSaved = .now
        releaseGateForUnsavedState()
    }

    private func releaseGateForUnsavedState() {
        guard holdsGateForUnsavedState else { return }
        holdsGateForUnsavedState = false
        gate.endBatch()
    }

    /// A stop between batches: saves what the batches before it changed.
    private func saveBeforeStopping() {
        guard holdsGateForUnsavedState else { return }
        defer { releaseGateForUnsavedState() }
        do {
            try saveState()
        } catch {
            logger.error("cannot save the mailbox state: \(error)")
        }
    }

    private func recordSuccess() throws {
        state.consecutiveFailures = 0
        // When the pass's last batch saved the state (its success included) moments ago, saving it again to move the
        // success time by milliseconds cost two fsyncs at the very end of the pass, with nothing else left to run.
        var unchanged = state
        unchanged.lastSuccessAt = savedState?.lastSuccessAt
        if batchesThisPass > 0, unchanged == savedState {
            // Nothing but the success time is unsaved: the slot held for unsaved changes is let go on this path too,
            // or a later stop would wait for it.
            releaseGateForUnsavedState()
            return
        }
        state.lastSuccessAt = Date()
        guard holdGateForUnsavedState() else { return }
        try saveState()
    }

    private func recordFailure(_ text: String) {
        state.consecutiveFailures += 1
        state.lastError = text
        state.lastErrorAt = Date()
        guard holdGateForUnsavedState() else { return }
        defer { releaseGateForUnsavedState() }
        do {
            try saveState()
        } catch {
            logger.error("cannot save the mailbox state: \(error)")
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let components = duration.components
        let value = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return String(format: "%.1f", value)
    }
}
