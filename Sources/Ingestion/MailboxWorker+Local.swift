import Engagement
import Foundation
import MailParsing

extension MailboxWorker {
    /// Reads a Maildir, mbox or folder of .eml files, skipping messages the processed-message log lists.
    ///
    /// Reading is cheap and stays on this worker's thread; each batch read is analysed on the analysis queue while
    /// the next is read and earlier ones are committed, and every batch analysed by the time a commit ends goes into
    /// the next commit (see `BatchPipeline`). Read one batch at a time, the cores waited on each commit's fsync.
    func localPass() async throws {
        let root: String
        switch configuration.location {
        case .maildir(let path), .mbox(let path), .files(let path): root = path
        case .imap: return
        }
        let log = ProcessedMessageLog(directory: states, mailbox: configuration.name)
        var processed = try log.load()
        // Identities in the log, which `processed` is ahead of by the batches read and not yet committed.
        var logged = processed.count
        var pending: [EngagementIngestor.Item] = []
        var pendingBytes = 0
        // The pending messages' identities. `processed` takes them as they are read, which skips a message met twice
        // in one pass with one hash look-up; the log records them only once their batch is durable.
        var identities: [String] = []
        var unreadable = 0
        let pipeline = BatchPipeline<LocalBatch>(batchLimit: Self.batchesAhead, byteLimit: Self.bytesAhead)
        defer { pipeline.close() }
        let ingestor = self.ingestor, queue = analysisQueue
        var handedOver = 0, committed = 0

        func handOver() {
            guard !pending.isEmpty else { return }
            let items = pending, batch = LocalBatch(analysed: [], identities: identities, unreadable: unreadable)
            let index = handedOver
            pipeline.fetched(index, bytes: pendingBytes)
            handedOver += 1
            queue.async {
                var analysed = batch
                analysed.analysed = ingestor.analyse(items)
                pipeline.deliver(index, analysed)
            }
            pending.removeAll(keepingCapacity: true)
            identities.removeAll(keepingCapacity: true)
            pendingBytes = 0
            unreadable = 0
        }

        for sourced in MessageSources(paths: [root]) {
            switch sourced.bytes {
            case .success(let bytes):
                let identity = LocalMessageIdentity.identity(source: sourced.source, root: root, bytes: bytes)
                guard processed.insert(identity).inserted else { continue }
                pending.append(EngagementIngestor.Item(
                    origin: .file(mailbox: configuration.name, source: sourced.source, identity: identity), bytes: bytes))
                pendingBytes += bytes.count
                identities.append(identity)
            case .failure(.notMail(let path)):
                // Never becomes mail: skipped for good, so it is not reported again at every pass.
                let identity = "not mail " + path
                guard processed.insert(identity).inserted else { continue }
                logger.warning("\(path) is not a mail message; skipped")
                try log.append([identity])
                logged += 1
            case .failure(let error):
                // Left unprocessed so the next pass tries again (a file being written, a permission fixed later).
                unreadable += 1
                logger.warning("\(error)")
            }
            if pending.count >= configuration.batchSize {
                handOver()
                while !pipeline.hasRoom {
                    try await commitReady(pipeline, log: log, logged: &logged, committed: &committed, root: root)
                }
            }
        }
        handOver()
        while committed < handedOver {
            try await commitReady(pipeline, log: log, logged: &logged, committed: &committed, root: root)
        }
        if unreadable > 0 { logger.warning("\(unreadable) messages could not be read; they are retried next pass") }
        state.localMessagesProcessed = processed.count
    }

    /// Commits every batch analysed by now (waiting for the next one), then logs their messages as processed.
    private func commitReady(_ pipeline: BatchPipeline<LocalBatch>, log: ProcessedMessageLog, logged: inout Int,
                             committed: inout Int, root: String) async throws {
        try beginBatch()
        defer { gate.endBatch() }
        let group = try await pipeline.take()
        committed += group.count
        var report = try ingestor.commit(group.flatMap(\.analysed))
        report.unreadable = group.reduce(0) { $0 + $1.unreadable }
        let done = group.flatMap(\.identities)
        try log.append(done)
        logged += done.count
        state.localMessagesProcessed = logged
        try commit(report, checkpoint: nil, batchDescription: "\(done.count) messages from \(root)")
    }
}

/// A batch of local messages on its way to the commit: what its messages were analysed as, their identities for the
/// processed-message log, and how many files next to them could not be read.
struct LocalBatch: Sendable {
    var analysed: [EngagementIngestor.Analysed]
    var identities: [String]
    var unreadable: Int
}

/// A name for a local message that stays the same when it is read again.
///
/// Computed for every message at every pass, so paths are read as bytes: Character-level splitting of long paths
/// cost more than the store's commit of the message.
enum LocalMessageIdentity {
    static func identity(source: String, root: String, bytes: [UInt8]) -> String {
        source.withBorrowedUTF8 { path in
            if isMboxPosition(path), !FileManager.default.fileExists(atPath: source) {
                // mbox: positions shift when a mail program deletes a message, so name the message by its content.
                return "content " + contentDigest(bytes)
            }
            return root.withBorrowedUTF8 { root in fileIdentity(path, under: root) }
        }
    }

    /// A Maildir message by its unique name, any other file by its path under `root`.
    private static func fileIdentity(_ path: UnsafeBufferPointer<UInt8>, under root: UnsafeBufferPointer<UInt8>)
        -> String {
        var relative = path
        if path.count > root.count, path[root.count] == UInt8(ascii: "/"), let pathStart = path.baseAddress,
           root.isEmpty || root.baseAddress.map({ memcmp(pathStart, $0, root.count) == 0 }) == true {
            relative = UnsafeBufferPointer(rebasing: path[(root.count + 1)...])
        }
        guard let unique = maildirUniqueName(relative) else { return String(concatenating: "file ", relative) }
        return String(concatenating: "maildir ", UnsafeBufferPointer(rebasing: relative[unique]))
    }

    /// Where the unique part of a Maildir file name (`cur/UNIQUE:2,FLAGS` or `new/UNIQUE`) lies in `path`; nil when
    /// the file is not in a `cur` or `new` folder. Empty path components are skipped, as splitting does.
    static func maildirUniqueName(_ path: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let slash = UInt8(ascii: "/"), colon = UInt8(ascii: ":")
        func component(endingBefore limit: Int) -> Range<Int>? {
            var end = limit
            while end > 0, path[end - 1] == slash { end -= 1 }
            guard end > 0 else { return nil }
            var start = end
            while start > 0, path[start - 1] != slash { start -= 1 }
            return start..<end
        }
        guard let file = component(endingBefore: path.count), let folder = component(endingBefore: file.lowerBound),
              folder.count == 3, isMaildirFolder(path[folder.lowerBound], path[folder.lowerBound + 1],
                                                 path[folder.lowerBound + 2]) else { return nil }
        // A name that starts with ":" is empty before the flags: the whole name is the unique part after it.
        var start = file.lowerBound
        while start < file.upperBound, path[start] == colon { start += 1 }
        guard start < file.upperBound else { return file }
        var end = start
        while end < file.upperBound, path[end] != colon { end += 1 }
        return start..<end
    }

    /// Whether a three-letter folder name is `cur` or `new`, compared as bytes (a generic slice comparison cost more
    /// than the rest of the identity).
    private static func isMaildirFolder(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
        (first, second, third) == (UInt8(ascii: "c"), UInt8(ascii: "u"), UInt8(ascii: "r"))
            || (first, second, third) == (UInt8(ascii: "n"), UInt8(ascii: "e"), UInt8(ascii: "w"))
    }

    /// Whether `path` ends in `#N`, the form of the N-th message of an mbox (the caller checks that no file has the
    /// name). Read from the end: the last `#` followed only by digits is the one just before the trailing digits.
    static func isMboxPosition(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = path.count
        while index > 0, path[index - 1] >= UInt8(ascii: "0"), path[index - 1] <= UInt8(ascii: "9") { index -= 1 }
        return index < path.count && index > 0 && path[index - 1] == UInt8(ascii: "#")
    }

    /// FNV-1a (64 bit) and the length: a stable fingerprint, not a security measure.
    static func contentDigest(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16) + "-" + String(bytes.count)
    }
}
