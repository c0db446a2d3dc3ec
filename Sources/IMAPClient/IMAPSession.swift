/// One IMAP account connection: log in, open a mailbox, find new UIDs, fetch them in batches without setting
/// `\Seen`, post-process (flag, move), wait for new mail with IDLE.
///
/// Every call blocks on the network on this actor's own thread, not on Swift's cooperative pool, so many sessions can
/// wait at once without starving other tasks. After an error whose `isTransient` is true the connection is gone:
/// call `reconnect()` (which re-opens the last mailbox) and carry on.
public actor IMAPSession {
    public let settings: IMAPConnectionSettings
    private let executor: DedicatedThreadExecutor
    private var connection: IMAPProtocolConnection?
    private var lastOpened: (name: String, readOnly: Bool)?

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    public init(settings: IMAPConnectionSettings) {
        self.settings = settings
        executor = DedicatedThreadExecutor(label: "imap \(settings.host)")
    }

    // MARK: Connection

    /// Connects, negotiates TLS as the settings say, logs in and reads the capabilities. Does nothing if connected.
    public func connect() throws(IMAPError) {
        if let connection, !connection.isBroken { return }
        connection = try IMAPProtocolConnection(settings: settings)
    }

    /// Drops the current connection (if any), connects afresh and re-opens the last opened mailbox, returning it.
    @discardableResult
    public func reconnect() throws(IMAPError) -> MailboxSnapshot? {
        connection?.close()
        connection = nil
        try connect()
        guard let lastOpened else { return nil }
        return try open(lastOpened.name, readOnly: lastOpened.readOnly)
    }

    public var isConnected: Bool { connection.map { !$0.isBroken } ?? false }

    /// Capabilities after login, uppercased, minus `settings.ignoredCapabilities`. Empty when not connected.
    public var capabilities: Set<String> { connection?.capabilities ?? [] }
    public var supportsIdle: Bool { capabilities.contains("IDLE") }
    public var supportsMove: Bool { capabilities.contains("MOVE") }

    /// Says LOGOUT if the connection still works, then closes it. Never fails.
    public func logout() {
        connection?.logout()
        connection = nil
    }

    // MARK: Mailbox

    /// Opens a mailbox read-only: nothing done through this session can change it.
    @discardableResult
    public func examine(_ mailbox: String = "INBOX") throws(IMAPError) -> MailboxSnapshot {
        try open(mailbox, readOnly: true)
    }

    /// Opens a mailbox read-write, as flagging and moving need.
    @discardableResult
    public func select(_ mailbox: String = "INBOX") throws(IMAPError) -> MailboxSnapshot {
        try open(mailbox, readOnly: false)
    }

    /// The open mailbox as last reported by the server (message count follows EXISTS/EXPUNGE).
    public var mailbox: MailboxSnapshot? { connection?.mailbox }

    /// UIDs greater than `lastSeen` in the open mailbox, ascending.
    public func uidSearch(after lastSeen: UInt32) throws(IMAPError) -> [UInt32] {
        try withConnection { connection throws(IMAPError) in try connection.uidSearch(after: lastSeen) }
    }

    /// Exact bytes and flags of the given messages, ascending by UID, with `BODY.PEEK[]` (never sets `\Seen`), one
    /// `UID FETCH` per `settings.fetchBatchSize` UIDs. UIDs that no longer exist are absent from the result.
    /// `flags: false` does not ask for the flags (each message's are then empty): less for the server to look up and
    /// for us to read when only the bytes matter.
    ///
    /// The commands are pipelined: each batch's `UID FETCH` is sent while the server is still answering the one
    /// before, so it never waits for us between batches. `thenQueue` names the UIDs the caller will fetch next (with
    /// the same `flags`): their first batch is sent ahead the same way, and the next call picks up its answer. Any
    /// other command first reads a batch sent ahead out of its way and keeps it for the fetch that asks for it.
    public func fetch(uids: [UInt32], flags: Bool = true, thenQueue next: [UInt32] = []) throws(IMAPError)
        -> [FetchedMessage] {
        let size = max(1, settings.fetchBatchSize)
        return try withConnection { connection throws(IMAPError) in
            var messages: [FetchedMessage] = []
            var start = 0
            while start < uids.count {
                let end = min(start + size, uids.count)
                let following = end < uids.count ? Array(uids[end..<min(end + size, uids.count)]) : Array(next.prefix(size))
                messages += try connection.fetch(uids: Array(uids[start..<end]), flags: flags, queueing: following)
                start = end
            }
            return messages
        }
    }

    /// Fetches `batches` in order, as calls of `fetch(uids:flags:thenQueue:)` one after another would (each batch's
    /// command is sent before the answer to the one before it is read), and hands each batch to `deliver` on this
    /// session's thread as soon as it is read: the caller's next step starts at once, not when some task of its own
    /// gets a thread. Before each batch it awaits `permit`, on this session's thread too; false ends the loop (the
    /// caller has enough in hand and will not take more). Other calls on this session, such as a post-processing
    /// STORE or MOVE, run while it waits there.
    public func fetchBatches(_ batches: [[UInt32]], flags: Bool = true,
                             permit: nonisolated(nonsending) @Sendable () async -> Bool,
                             deliver: @Sendable (_ index: Int, _ messages: [FetchedMessage]) -> Void)
        async throws(IMAPError) {
        for index in batches.indices {
            guard await permit() else { return }
            let next = index + 1 < batches.count ? batches[index + 1] : []
            deliver(index, try fetch(uids: batches[index], flags: flags, thenQueue: next))
        }
    }

    /// Current flags of the given messages.
    public func flags(uids: [UInt32]) throws(IMAPError) -> [UInt32: [String]] {
        try withConnection { connection throws(IMAPError) in try connection.flags(uids: uids) }
    }

    /// Adds system flags (`\Flagged`) or keywords (`leadfwd-processed`) to messages.
    public func addFlags(_ flags: [String], uids: [UInt32]) throws(IMAPError) {
        try withConnection { connection throws(IMAPError) in try connection.store(flags, uids: uids, adding: true) }
    }

    public func removeFlags(_ flags: [String], uids: [UInt32]) throws(IMAPError) {
        try withConnection { connection throws(IMAPError) in try connection.store(flags, uids: uids, adding: false) }
    }

    /// Moves messages to another mailbox: `UID MOVE` when the server has MOVE, otherwise `UID COPY`, `\Deleted`, and
    /// `UID EXPUNGE` (UIDPLUS) or plain `EXPUNGE`. Needs the source opened with `select()`.
    public func move(uids: [UInt32], to destination: String) throws(IMAPError) {
        try withConnection { connection throws(IMAPError) in try connection.move(uids: uids, to: destination) }
    }

    /// Creates a mailbox; one that already exists is fine.
    public func createMailbox(_ name: String) throws(IMAPError) {
        try withConnection { connection throws(IMAPError) in try connection.create(name) }
    }

    /// Asks the server for pending updates (new messages); returns the open mailbox's snapshot.
    @discardableResult
    public func noop() throws(IMAPError) -> MailboxSnapshot? {
        try withConnection { connection throws(IMAPError) in
            try connection.noop()
            return connection.mailbox
        }
    }

    /// Waits (IDLE) until the open mailbox grows or `timeout` passes, then ends IDLE. Keep `timeout` under 29
    /// minutes (RFC 2177). Cancelling the calling task ends IDLE within about a quarter second and returns
    /// `.cancelled`. `onIdling` runs once the server has accepted IDLE. Throws `.unsupported` when the
    /// server lacks IDLE (check `supportsIdle`; poll with `noop()`/`uidSearch` instead).
    public func idle(timeout: Duration, onIdling: (@Sendable () -> Void)? = nil) throws(IMAPError) -> IdleOutcome {
        try withConnection { connection throws(IMAPError) in try connection.idle(timeout: timeout, onIdling: onIdling) }
    }

    // MARK: Plumbing

    private func open(_ name: String, readOnly: Bool) throws(IMAPError) -> MailboxSnapshot {
        let snapshot = try withConnection { connection throws(IMAPError) in
            try connection.open(name, readOnly: readOnly)
        }
        lastOpened = (name, readOnly)
        return snapshot
    }

    private func withConnection<T>(_ body: (IMAPProtocolConnection) throws(IMAPError) -> T) throws(IMAPError) -> T {
        guard let connection, !connection.isBroken else {
            throw IMAPError(.connectionLost, host: settings.host, port: settings.effectivePort,
                            mailbox: lastOpened?.name, detail: "not connected: call connect(), or reconnect() after a failure")
        }
        return try body(connection)
    }
}
