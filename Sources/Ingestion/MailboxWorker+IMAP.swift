import Foundation
import IMAPClient

extension MailboxWorker {
    /// Connects if needed, opens the mailbox, and drains every UID above the checkpoint in batches.
    func imapPass() async throws {
        guard case .imap(_, _, _, let mailbox, _) = configuration.location else { return }
        AnalysisWarmUp.start()
        let session = try await connectedSession()
        let snapshot: MailboxSnapshot
        switch configuration.postAction {
        case .leave:
            snapshot = try await session.examine(mailbox)
        case .flag:
            snapshot = try await session.select(mailbox)
        case .move(let folder):
            try await session.createMailbox(folder)
            snapshot = try await session.select(mailbox)
        }
        var checkpoint = state.checkpoint ?? MailboxCheckpoint(uidValidity: snapshot.uidValidity, lastUID: 0)
        if checkpoint.uidValidity != snapshot.uidValidity {
            // The server renumbered the mailbox: every UID we know is meaningless. Read it all again; idempotency keys
            // (Message-IDs) keep events already applied from counting twice.
            logger.warning("""
                UIDVALIDITY changed from \(checkpoint.uidValidity) to \(snapshot.uidValidity): rescanning the mailbox \
                from the start
                """)
            state.rescans += 1
            checkpoint = MailboxCheckpoint(uidValidity: snapshot.uidValidity, lastUID: 0)
        }
        let lastUID = checkpoint.lastUID
        // Some servers answer `UID n:*` with the highest UID even when it is below n.
        let uids = try await session.uidSearch(after: lastUID).filter { $0 > lastUID }.sorted()
        let size = configuration.batchSize
        let chunks = stride(from: 0, to: uids.count, by: size).map { Array(uids[$0..<min($0 + size, uids.count)]) }
        // A three-stage pipeline: batch k is committed, post-processed and checkpointed here while later batches are
        // analysed (the CPU-heavy part) and fetched. Each analysis starts as soon as its batch is fetched and the
        // previous analysis is done, not when this loop gets to it: the commit's fsyncs wait on the disk, and the cores
        // were left idle behind them. Three batches ahead (k+1 analysed, k+2 analysing, k+3 fetching) keep a fetch
        // queued for the server at all times; with two, it waited for this loop between fetches. Commits stay strictly
        // in UID order; at most `batchesAhead` batches past the one being committed are held in memory.
        let validity = snapshot.uidValidity
        let batchesAhead = 3
        var pending: [Task<[EngagementIngestor.Analysed], any Error>] = []
        var committed = 0
        var lastFetch: Task<[EngagementIngestor.Item], any Error>?
        func startBatches(through last: Int) {
            while pending.count + committed < min(last + 1, chunks.count) {
                let index = pending.count + committed
                let next = index + 1 < chunks.count ? chunks[index + 1] : []
                let fetched = fetch(chunks[index], queueing: next, after: lastFetch, session: session,
                                    uidValidity: validity)
                lastFetch = fetched
                pending.append(analyse(fetched))
            }
        }
        startBatches(through: batchesAhead - 1)
        defer { pending.forEach { $0.cancel() } }
        for chunk in chunks {
            try beginBatch()
            defer { gate.endBatch() }
            guard let analysed = try await pending.first?.value else { break }
            pending.removeFirst()
            committed += 1
            startBatches(through: committed - 1 + batchesAhead)
            let report = try ingestor.commit(analysed)
            // Only after the events are durable: a crash before this point re-reads the batch, harmlessly.
            switch configuration.postAction {
            case .leave: break
            case .flag(let keyword): try await session.addFlags([keyword], uids: chunk)
            case .move(let folder): try await session.move(uids: chunk, to: folder)
            }
            checkpoint.lastUID = chunk[chunk.count - 1]
            try commit(report, checkpoint: checkpoint,
                       batchDescription: "uids \(chunk[0])-\(checkpoint.lastUID) of \(uids.count) new")
        }
        // An empty mailbox after a UIDVALIDITY change still records the new UIDVALIDITY.
        state.checkpoint = checkpoint
    }

    /// Fetches a batch once the fetch before it has run, and sends the next batch's command ahead of reading this
    /// one's answer (see `IMAPSession.fetch(uids:flags:thenQueue:)`), so the server always has a fetch waiting. The
    /// order matters only for that: a fetch that found another batch queued would read it out of the way and fetch
    /// its own, which is correct but makes the server send a batch twice.
    private func fetch(_ chunk: [UInt32], queueing next: [UInt32], after previous: Task<[EngagementIngestor.Item], any Error>?,
                       session: IMAPSession, uidValidity: UInt32) -> Task<[EngagementIngestor.Item], any Error> {
        let name = configuration.name
        return Task {
            _ = await previous?.result
            // The worker reads only the bytes: flags are not asked for.
            return try await session.fetch(uids: chunk, flags: false, thenQueue: next).map {
                EngagementIngestor.Item(origin: .imap(mailbox: name, uidValidity: uidValidity, uid: $0.uid), bytes: $0.bytes)
            }
        }
    }

    /// Parses and classifies a fetched batch on this mailbox's analysis queue (off its own queue and Swift's cooperative
    /// pool). The queue is serial: each analysis already spreads over every core, and batches are fetched, so queued,
    /// in UID order.
    private func analyse(_ fetched: Task<[EngagementIngestor.Item], any Error>)
        -> Task<[EngagementIngestor.Analysed], any Error> {
        let ingestor = self.ingestor
        let queue = analysisQueue
        return Task {
            let items = try await fetched.value
            return await withCheckedContinuation { continuation in
                queue.async { continuation.resume(returning: ingestor.analyse(items)) }
            }
        }
    }

    private func connectedSession() async throws -> IMAPSession {
        if let session, await session.isConnected { return session }
        closeSession()
        guard case .imap(_, let host, let port, _, let security) = configuration.location,
              let user = configuration.user, let secret = configuration.secret else {
            throw IMAPError(.invalidArgument, host: "", port: 0, detail: "mailbox \(configuration.name) lacks user or secret")
        }
        let value: String
        do {
            value = try secret.read(environment: environment)
        } catch {
            throw MailboxWorkerError.secretUnavailable(mailbox: configuration.name, problem: error.problem)
        }
        var settings = IMAPConnectionSettings(
            host: host, port: port, security: security, username: user,
            credential: secret.isOAuth ? .bearerToken(value) : .password(value),
            authMechanism: configuration.authMechanism.flatMap(IMAPAuthMechanism.init(rawValue:)),
            caFile: configuration.caFile, skipCertificateVerification: configuration.insecureSkipVerify)
        settings.fetchBatchSize = configuration.batchSize
        if configuration.insecureSkipVerify {
            logger.warning("""
                TLS CERTIFICATE VERIFICATION IS OFF for \(host) (insecure_skip_verify: true): anyone on the network \
                path can read this mailbox and its password
                """)
        }
        let session = IMAPSession(settings: settings)
        try await session.connect()
        self.session = session
        logger.info("connected to \(settings)")
        return session
    }
}

/// A mailbox-level failure that is not the IMAP server's.
public enum MailboxWorkerError: Error, Sendable, CustomStringConvertible {
    case secretUnavailable(mailbox: String, problem: String)

    public var description: String {
        switch self {
        case .secretUnavailable(let mailbox, let problem): return "mailbox \(mailbox): cannot read its secret: \(problem)"
        }
    }
}
