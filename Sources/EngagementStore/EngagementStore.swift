import Foundation
import Engagement
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The engagement store: contacts, their events and unmatched messages as flat JSON files in one directory.
///
/// Layout: `snapshot.json` (state at the start of the current journal generation), `journal.NNNNNN.jsonl` (batches
/// committed since), `history/` (older journals, kept as the contacts' history), `leadfwd.lock`.
/// Every change is a batch appended to the journal with one `write` and one `fsync`; every read-modify-write holds an
/// exclusive `flock` and first reads what other processes committed, so concurrent writers lose nothing.
/// Reads answer from memory as of the last `open`, `refresh` or `apply`.
public final class EngagementStore: @unchecked Sendable {
    public let directory: URL
    public let options: StoreOptions
    /// Set when a compaction after a committed batch failed; the batch itself is durable. Retried next batch.
    public private(set) var lastCompactionError: StoreError?

    private let mutex = NSLock()  // guards `state` within this process; `fileLock` guards the files between processes
    private let fileLock: StoreLock
    private var state = StoreState()
    private var needsFullReload = true

    public static func open(directory: URL, options: StoreOptions = StoreOptions()) throws -> EngagementStore {
        try EngagementStore(directory: directory, options: options)
    }

    public init(directory: URL, options: StoreOptions = StoreOptions()) throws {
        self.directory = directory
        self.options = options
        try DurableFiles.ensureDirectory(directory.path)
        fileLock = try StoreLock(path: directory.appendingPathComponent(StoreSchema.lockFileName).path)
        try fileLock.withExclusiveLock {
            try catchUp()
            try retireOldJournals()
        }
    }

    // MARK: Writing

    /// Applies a batch as one durable commit: every event the rules accept and whose idempotency key is new, and every
    /// unmatched message not recorded before. Returns one outcome per event, in order.
    @discardableResult
    public func apply(_ batch: StoreBatch) throws -> [EventOutcome] {
        mutex.lock()
        defer { mutex.unlock() }
        return try fileLock.withExclusiveLock {
            try catchUp()
            var outcomes: [EventOutcome] = []
            outcomes.reserveCapacity(batch.events.count)
            // Each record's line is written as it is decided, not kept as a record to write later (a copy of the event
            // or message, and of the list of them).
            var lines = JSONWriter(capacity: (batch.events.count + batch.unmatched.count) * 400)
            let writesHeader = state.journalOffset == 0
            if writesHeader { lines.writeLine(.header(generation: state.generation)) }
            var records = 0
            for event in batch.events {
                let outcome = state.evaluate(event)
                if case .applied(let entry) = outcome {
                    lines.writeAppliedLine(entry)
                    records += 1
                }
                outcomes.append(outcome)
            }
            for message in batch.unmatched where state.record(message) {
                lines.writeUnmatchedLine(message)
                records += 1
            }
            guard records > 0 else { return outcomes }
            do {
                try append(lines, records: records, writesHeader: writesHeader)
            } catch {
                needsFullReload = true  // memory is ahead of disk; read the truth back before anything else
                throw error
            }
            if state.journalRecords >= options.compactionThreshold {
                do {
                    try compactLocked()
                    lastCompactionError = nil
                } catch let error as StoreError {
                    lastCompactionError = error
                    needsFullReload = true
                }
            }
            return outcomes
        }
    }

    @discardableResult
    public func apply(_ events: [EngagementEvent]) throws -> [EventOutcome] {
        try apply(StoreBatch(events: events))
    }

    public func recordUnmatched(_ messages: [UnmatchedMessage]) throws {
        try apply(StoreBatch(unmatched: messages))
    }

    /// Writes a snapshot of the current state and starts a new journal, so the next open replays nothing.
    public func compact() throws {
        mutex.lock()
        defer { mutex.unlock() }
        try fileLock.withExclusiveLock {
            try catchUp()
            try compactLocked()
        }
    }

    /// Reads what other processes committed since this one last looked.
    public func refresh() throws {
        mutex.lock()
        defer { mutex.unlock() }
        try fileLock.withExclusiveLock { try catchUp() }
    }

    // MARK: Reading

    public func contact(_ email: String) -> Contact? {
        mutex.lock()
        defer { mutex.unlock() }
        return state.contacts[EmailAddress.normalize(email)]
    }

    /// Whether `email` is a contact; cheaper than `contact(_:)` for the worker's matching, which asks for many
    /// addresses that are not.
    public func hasContact(_ email: String) -> Bool {
        hasContact(normalizedEmail: EmailAddress.normalize(email))
    }

    /// `hasContact(_:)` for an address already in `EmailAddress.normalize`'s form, as the worker's matching has it:
    /// normalising it again would only find it unchanged.
    public func hasContact(normalizedEmail email: String) -> Bool {
        mutex.lock()
        defer { mutex.unlock() }
        // `index(forKey:)`: a subscript would copy the contact (its tags, memberships, history) only to drop it.
        return state.contacts.index(forKey: email) != nil
    }

    /// The contact with its full history, read from the journal files.
    public func contactWithHistory(_ email: String) throws -> Contact? {
        let email = EmailAddress.normalize(email)
        mutex.lock()
        defer { mutex.unlock() }
        return try fileLock.withExclusiveLock {
            try catchUp()
            guard var contact = state.contacts[email] else { return nil }
            contact.history = try historyLocked(of: email)
            return contact
        }
    }

    /// Contacts matching `filter`, sorted by email, without history.
    public func contacts(matching filter: ContactFilter = .everyone) -> [Contact] {
        mutex.lock()
        defer { mutex.unlock() }
        if filter.emails.count == 1, let only = filter.emails.first {
            return state.contacts[only].map { filter.matches($0) ? [$0] : [] } ?? []
        }
        return state.contacts.values.filter(filter.matches).sorted { $0.email < $1.email }
    }

    /// The contact an outbound sequence email (by its Message-ID, with or without `<>`) was sent to.
    public func contactForOutboundMessageID(_ messageID: String) -> Contact? {
        mutex.lock()
        defer { mutex.unlock() }
        return state.outboundMessageIDs[MessageID.normalize(messageID)].flatMap { state.contacts[$0] }
    }

    /// The address of the contact an outbound sequence email went to, without copying the contact.
    public func contactEmailForOutboundMessageID(_ messageID: String) -> String? {
        let id = MessageID.normalize(messageID)
        mutex.lock()
        defer { mutex.unlock() }
        guard let email = state.outboundMessageIDs[id], state.contacts.index(forKey: email) != nil else { return nil }
        return email
    }

    /// The contact a message belongs to: an outbound sequence email or a reply already recorded from them.
    public func contactForMessageID(_ messageID: String) -> Contact? {
        mutex.lock()
        defer { mutex.unlock() }
        let id = MessageID.normalize(messageID)
        return (state.outboundMessageIDs[id] ?? state.inboundMessageIDs[id]).flatMap { state.contacts[$0] }
    }

    public func unmatched() -> [UnmatchedMessage] {
        mutex.lock()
        defer { mutex.unlock() }
        return state.unmatched
    }

    public var statistics: StoreStatistics {
        mutex.lock()
        defer { mutex.unlock() }
        return StoreStatistics(
            contacts: state.contacts.count, eventsApplied: state.eventCount, generation: state.generation,
            journalRecords: state.journalRecords, unmatched: state.unmatched.count,
            snapshotBytes: DurableFiles.size(snapshotPath) ?? 0, journalBytes: state.journalOffset)
    }

    // MARK: Files

    private var snapshotPath: String { directory.appendingPathComponent(StoreSchema.snapshotFileName).path }
    private var historyPath: String { directory.appendingPathComponent(StoreSchema.historyDirectoryName).path }

    private func journalPath(_ generation: Int) -> String {
        directory.appendingPathComponent(StoreSchema.journalFileName(generation: generation)).path
    }

    /// Brings memory up to what is committed on disk. Cheap when nothing changed: one header read and one `stat`.
    private func catchUp() throws {
        if !needsFullReload {
            let onDisk = try StoreSnapshot.readHeader(path: snapshotPath)?.generation ?? 0
            if onDisk == state.generation {
                try readJournalTail()
                return
            }
        }
        // First open, another process compacted, or a failed write: load the snapshot and its journal.
        state = try StoreSnapshot.read(path: snapshotPath).map(StoreState.init) ?? StoreState()
        try readJournalTail()
        needsFullReload = false
    }

    private func readJournalTail() throws {
        let path = journalPath(state.generation)
        if state.journalOffset > 0, let size = DurableFiles.size(path), size == state.journalOffset { return }
        let reader = JournalReader(path: path)
        guard let committed = try reader.read(from: state.journalOffset, expectedGeneration: state.generation) else {
            if state.journalOffset > 0 {
                throw StoreError.corrupt(file: path, line: nil, reason: "the journal disappeared while the store was open")
            }
            return
        }
        state.replay(committed.records)
        state.journalOffset = committed.committedEnd
    }

    /// One batch: `lines` (the header first when `writesHeader`, then `records` records) and a commit marker in a
    /// single write, then one fsync. A torn tail left by a writer that died is cut off first, so the file only ever
    /// holds whole batches followed by at most one unfinished one.
    private func append(_ lines: consuming JSONWriter, records: Int, writesHeader: Bool) throws {
        let path = journalPath(state.generation)
        let fd = try DurableFiles.openForWriting(path)
        defer { close(fd) }
        var writer = lines
        writer.writeLine(JournalRecord(commit: JournalCommit(records: records)))
        guard ftruncate(fd, off_t(state.journalOffset)) == 0 else {
            throw StoreError.io(file: path, operation: "truncate the unfinished tail", errno: errno)
        }
        guard lseek(fd, off_t(state.journalOffset), SEEK_SET) >= 0 else {
            throw StoreError.io(file: path, operation: "seek", errno: errno)
        }
        try writer.withBytes { try DurableFiles.writeAll(fd, UnsafeRawBufferPointer($0), path: path) }
        try DurableFiles.sync(fd, path: path)
        if writesHeader { try DurableFiles.syncDirectory(directory.path) }
        state.journalOffset += UInt64(writer.count)
        state.journalRecords += records
    }

    /// Snapshot for generation G+1 first (atomically), then journal G moves to history/. A crash between the two
    /// leaves journal G behind; `retireOldJournals` finishes the move at the next open.
    private func compactLocked() throws {
        let next = state.generation + 1
        state.consolidateSortedLists()
        var snapshotState = state
        snapshotState.generation = next
        try DurableFiles.replaceAtomically(snapshotPath, with: StoreSnapshot.encode(snapshotState, at: Date()))
        let finished = state.generation
        let committedEnd = state.journalOffset
        state.generation = next
        state.journalOffset = 0
        state.journalRecords = 0
        try retireJournal(finished, committedEnd: committedEnd)
    }

    /// `committedEnd` is known when this process just caught up with the journal; otherwise (a journal left behind by
    /// a crash) the file is scanned for its last commit marker.
    private func retireJournal(_ generation: Int, committedEnd known: UInt64? = nil) throws {
        let path = journalPath(generation)
        guard let size = DurableFiles.size(path) else { return }
        // Keep only whole batches in history.
        let committedEnd = try known ?? JournalReader(path: path)
            .read(from: 0, expectedGeneration: generation, decodeRecords: false)?.committedEnd
        if let end = committedEnd, end < size {
            guard truncate(path, off_t(end)) == 0 else {
                throw StoreError.io(file: path, operation: "truncate the unfinished tail", errno: errno)
            }
        }
        try DurableFiles.ensureDirectory(historyPath)
        try DurableFiles.move(path, to: historyPath + "/" + StoreSchema.journalFileName(generation: generation))
        try DurableFiles.syncDirectory(historyPath)
        try DurableFiles.syncDirectory(directory.path)
    }

    /// Journals older than the snapshot belong in history/; a journal newer than the snapshot means the snapshot was
    /// lost, and replaying it on an older state would be wrong.
    private func retireOldJournals() throws {
        let retired = (try? FileManager.default.contentsOfDirectory(atPath: historyPath)) ?? []
        if let newest = retired.compactMap(StoreSchema.generation(ofJournalFileName:)).max(), newest >= state.generation {
            throw StoreError.corrupt(file: snapshotPath, line: nil, reason:
                "it is missing or older than \(StoreSchema.historyDirectoryName)/"
                + "\(StoreSchema.journalFileName(generation: newest)), which a later snapshot replaced")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names {
            guard let generation = StoreSchema.generation(ofJournalFileName: name) else { continue }
            if generation < state.generation {
                try retireJournal(generation)
            } else if generation > state.generation {
                throw StoreError.corrupt(file: journalPath(generation), line: nil, reason:
                    "it is newer than \(StoreSchema.snapshotFileName) (generation \(state.generation)); the snapshot "
                    + "it continues is missing")
            }
        }
    }

    private func historyLocked(of email: String) throws -> [HistoryEntry] {
        var quotedEmail = JSONWriter()
        quotedEmail.string(email)
        let needle = Array("\"contact\":".utf8) + quotedEmail.bytes  // as every event of this contact writes it
        var files: [(path: String, limit: UInt64?)] = []
        let retired = (try? FileManager.default.contentsOfDirectory(atPath: historyPath)) ?? []
        for (generation, name) in retired.compactMap({ name in StoreSchema.generation(ofJournalFileName: name).map { ($0, name) } })
            .sorted(by: { $0.0 < $1.0 }) where generation < state.generation {
            files.append((historyPath + "/" + name, nil))
        }
        files.append((journalPath(state.generation), state.journalOffset))
        var entries: [HistoryEntry] = []
        for file in files {
            guard var bytes = try DurableFiles.read(file.path) else { continue }
            if let limit = file.limit, UInt64(bytes.count) > limit { bytes.removeLast(bytes.count - Int(limit)) }
            for line in JournalSearch.lines(in: bytes, containing: needle) {
                var reader = JSONReader(bytes, range: line)
                guard let record = try? reader.readJournalRecord(),
                      let event = record.event, event.contact == email, let from = record.from, let to = record.to
                else { continue }
                entries.append(HistoryEntry(event: event, from: from, to: to))
            }
        }
        return entries
    }
}
