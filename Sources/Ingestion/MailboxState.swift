import Foundation

/// What the worker knows about one mailbox between runs: the checkpoint, when it last succeeded or failed, and
/// running totals. `leadfwd status` prints it.
public struct MailboxState: Sendable, Codable, Equatable {
    public static let schemaVersion = 1

    public var schemaVersion: Int
    public var mailbox: String
    /// The configured location (URL or path), without credentials.
    public var location: String
    /// IMAP: nil until the first batch is durable.
    public var checkpoint: MailboxCheckpoint?
    /// Local mailboxes: how many messages the `ProcessedMessageLog` lists.
    public var localMessagesProcessed: Int?
    public var lastSuccessAt: Date?
    public var lastErrorAt: Date?
    public var lastError: String?
    /// Failures in a row since the last success; drives the retry backoff.
    public var consecutiveFailures: Int
    /// Messages classified, by verdict kind (`reply`, `hard_bounce`, …, `other`).
    public var messagesByKind: [String: Int]
    public var eventsApplied: Int
    /// Events whose idempotency key the store had already seen (re-reads after a crash or a UIDVALIDITY change).
    public var eventsAlreadyApplied: Int
    public var unmatched: Int
    /// UIDVALIDITY changes seen; each one triggers a safe rescan.
    public var rescans: Int
    /// IMAP: messages the current or last pass found new and had not committed yet when the state was saved (it is
    /// saved about once a second during a pass); 0 once a pass has read everything it found. Nil for local
    /// mailboxes, whose size is known only by reading them, and before the first pass.
    public var backlog: Int?
    /// The messages the last pass that read any committed, and how long it had been running when the last of them
    /// was committed (so far, for a pass still running or one that failed part way).
    public var lastPassMessages: Int?
    public var lastPassMilliseconds: Int?

    public init(mailbox: String, location: String) {
        schemaVersion = Self.schemaVersion
        self.mailbox = mailbox
        self.location = location
        consecutiveFailures = 0
        messagesByKind = [:]
        eventsApplied = 0
        eventsAlreadyApplied = 0
        unmatched = 0
        rescans = 0
    }

    public var messages: Int { messagesByKind.values.reduce(0, +) }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", mailbox, location, checkpoint
        case localMessagesProcessed = "local_messages_processed"
        case lastSuccessAt = "last_success_at", lastErrorAt = "last_error_at", lastError = "last_error"
        case consecutiveFailures = "consecutive_failures", messagesByKind = "messages_by_kind"
        case eventsApplied = "events_applied", eventsAlreadyApplied = "events_already_applied", unmatched, rescans
        case backlog, lastPassMessages = "last_pass_messages", lastPassMilliseconds = "last_pass_ms"
    }
}

/// Reads and writes `MailboxState` files under `DATA_DIR/worker/`, one per mailbox, each replaced atomically.
public struct MailboxStateDirectory: Sendable {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var problem: String
        public var description: String { "\(path): \(problem)" }
    }

    public let path: String

    public init(dataDirectory: String) {
        path = (dataDirectory as NSString).appendingPathComponent("worker")
    }

    public func file(for mailbox: String) -> String { (path as NSString).appendingPathComponent("\(mailbox).json") }

    /// The saved state, or nil when this mailbox was never run. A damaged or newer-format file is refused, not reset:
    /// starting over would be safe for the store but would hide the problem.
    public func load(_ mailbox: String) throws(Failure) -> MailboxState? {
        let file = self.file(for: mailbox)
        guard let data = FileManager.default.contents(atPath: file) else {
            if FileManager.default.fileExists(atPath: file) { throw Failure(path: file, problem: "cannot be read") }
            return nil
        }
        let state: MailboxState
        do {
            state = try Self.decoder.decode(MailboxState.self, from: data)
        } catch {
            throw Failure(path: file, problem: "is damaged (\(error)); move it aside to rescan this mailbox from the "
                + "start (safe: events already in the store are not applied twice)")
        }
        guard state.schemaVersion <= MailboxState.schemaVersion else {
            throw Failure(path: file, problem: "was written by a newer leadfwd (schema \(state.schemaVersion)); upgrade")
        }
        return state
    }

    public func save(_ state: MailboxState) throws(Failure) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure(path: path, problem: "cannot be created (\(error.localizedDescription))")
        }
        let data = Data(state.prettyJSON().utf8)
        do {
            // The folder is not fsynced after the rename: should a power failure undo it, the previous checkpoint
            // means reading one batch again, which the store's idempotency keys make harmless; the file's own fsync
            // keeps its content whole. One fsync fewer per batch (a directory fsync costs ~0.2 ms of CPU here).
            try DurableFile.replace(file(for: state.mailbox), with: data, syncingFolder: false)
        } catch {
            throw Failure(path: file(for: state.mailbox), problem: error.description)
        }
    }

    /// Every saved state, sorted by mailbox name (for `leadfwd status --data-dir` without a config).
    public func all() throws(Failure) -> [MailboxState] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        var states: [MailboxState] = []
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            if let state = try load(String(name.dropLast(5))) { states.append(state) }
        }
        return states
    }

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
