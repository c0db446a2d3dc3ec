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
        state.backlog = uids.count
        var uidsCommitted = 0
        // A three-stage pipeline: the session fetches batches ahead (each command sent before the previous answer is
        // read), each batch is analysed (the CPU-heavy part) as soon as it is read, and here the analysed batches are
        // committed, post-processed and checkpointed, strictly in UID order: every batch analysed by the time the
        // commit before it ends goes into one commit. At most `batchesAhead` batches (and about `bytesAhead` bytes)
        // are held between the fetch and this loop.
        let validity = snapshot.uidValidity
        let batches = BatchPipeline<[EngagementIngestor.Analysed]>(batchLimit: Self.batchesAhead,
                                                                  byteLimit: Self.bytesAhead)
        let name = configuration.name, ingestor = self.ingestor, queue = analysisQueue
        // Not awaited: after the last batch it has nothing left to do, and when this pass ends early, closing the
        // pipeline stops it before its next batch (the session runs whatever comes next after the fetch in hand).
        Task {
            do {
                // The worker reads only the bytes: flags are not asked for.
                try await session.fetchBatches(chunks, flags: false,
                                               permit: { await batches.permit() }) { index, messages in
                    batches.fetched(index, bytes: messages.reduce(0) { $0 + $1.bytes.count })
                    queue.async {
                        let items = messages.map {
                            EngagementIngestor.Item(origin: .imap(mailbox: name, uidValidity: validity, uid: $0.uid),
                                                    bytes: $0.bytes)
                        }
                        batches.deliver(index, ingestor.analyse(items))
                    }
                }
            } catch {
                batches.fail(error)
            }
        }
        defer { batches.close() }
        var committed = 0
        while committed < chunks.count {
            try beginBatch()
            defer { gate.endBatch() }
            let group = try await batches.take()
            let first = committed
            committed += group.count
            let report = try ingestor.commit(Array(group.joined()))
            // Only after the events are durable: a crash before this point re-reads the batches, harmlessly.
            let done = group.count == 1 ? chunks[first] : Array(chunks[first..<committed].joined())
            switch configuration.postAction {
            case .leave: break
            case .flag(let keyword): try await session.addFlags([keyword], uids: done)
            case .move(let folder): try await session.move(uids: done, to: folder)
            }
            checkpoint.lastUID = done[done.count - 1]
            uidsCommitted += done.count
            state.backlog = uids.count - uidsCommitted
            try commit(report, checkpoint: checkpoint,
                       batchDescription: "uids \(done[0])-\(checkpoint.lastUID) of \(uids.count) new")
        }
        // An empty mailbox after a UIDVALIDITY change still records the new UIDVALIDITY.
        state.checkpoint = checkpoint
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
