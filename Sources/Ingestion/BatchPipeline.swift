import Foundation

/// The batches of one pass over a mailbox between reading and commit. The reader (the IMAP session's fetch loop, or a
/// local pass reading files) asks before each batch whether it may go on (`permit`, or `hasRoom` without waiting) and
/// says what it handed to the analysis (`fetched`); the analysis hands each batch in when done (`deliver`); the commit
/// takes them in order, every batch ready at that moment at once (`take`).
///
/// Each hand-off resumes the waiting side directly on its own thread (the IMAP session's, the mailbox worker's). With
/// a task per stage in between, every hand-off first waited for a thread of Swift's cooperative pool, which the
/// analysis keeps busy: 15 to 40 ms of a 200 ms pass went to such waits, with the server idle behind them.
///
/// Taking every ready batch at once makes one store commit, one fsync and one checkpoint of them: when a commit waits
/// on the disk, the batches analysed meanwhile are committed together rather than one fsync after another.
final class BatchPipeline<Batch: Sendable>: @unchecked Sendable {
    // @unchecked: every stored property is read and written with `lock` held.
    private let lock = NSLock()
    private let batchLimit: Int
    private let byteLimit: Int
    /// Batches handed to the analysis, and taken by the commit: `fetched - taken` are in flight.
    private var fetchedCount = 0
    private var takenCount = 0
    private var bytesInFlight = 0
    private var bytesOfBatch: [Int: Int] = [:]
    private var ready: [Int: Batch] = [:]
    private var failure: (any Error)?
    private var closed = false
    private var permitWaiter: CheckedContinuation<Bool, Never>?
    private var takeWaiter: CheckedContinuation<[Batch], any Error>?

    /// At most `batchLimit` batches, and (past the first) about `byteLimit` bytes of fetched messages, are in flight
    /// between the fetch and the commit: the fetch waits at `permit` beyond that.
    init(batchLimit: Int, byteLimit: Int) {
        self.batchLimit = max(1, batchLimit)
        self.byteLimit = byteLimit
    }

    /// Waits until one more batch may be fetched; false once `close` was called.
    nonisolated(nonsending) func permit() async -> Bool {
        await withCheckedContinuation { continuation in
            lock.lock()
            if closed || mayFetch {
                lock.unlock()
                continuation.resume(returning: !closed)
            } else {
                // One fetch loop per pipeline: a second waiter would leave the first waiting for ever.
                precondition(permitWaiter == nil, "BatchPipeline.permit awaited by two fetch loops at once")
                permitWaiter = continuation
                lock.unlock()
            }
        }
    }

    /// Whether one more batch may be fetched now (what `permit` waits for), for a reader that does not wait there.
    var hasRoom: Bool {
        lock.lock()
        defer { lock.unlock() }
        return mayFetch
    }

    /// Batch `index` (fetched in order from 0) was handed to the analysis, with `bytes` of messages.
    func fetched(_ index: Int, bytes: Int) {
        lock.lock()
        fetchedCount = max(fetchedCount, index + 1)
        bytesOfBatch[index] = bytes
        bytesInFlight += bytes
        lock.unlock()
    }

    /// Batch `index` is analysed.
    func deliver(_ index: Int, _ batch: Batch) {
        lock.lock()
        ready[index] = batch
        guard let waiter = takeWaiter, let group = takeReady() else {
            lock.unlock()
            return
        }
        takeWaiter = nil
        let permitted = releasePermit()
        lock.unlock()
        permitted?.resume(returning: true)
        waiter.resume(returning: group)
    }

    /// The fetch failed: `take` throws `error` once the batches fetched before it are taken.
    func fail(_ error: any Error) {
        lock.lock()
        failure = error
        guard let waiter = takeWaiter, takenCount == fetchedCount else {
            lock.unlock()
            return
        }
        takeWaiter = nil
        lock.unlock()
        waiter.resume(throwing: error)
    }

    /// The next batch and every batch after it that is analysed too, in order (at least one): waits for the next
    /// one. Throws the fetch's error when every batch fetched before it has been taken.
    nonisolated(nonsending) func take() async throws -> [Batch] {
        try await withCheckedThrowingContinuation { continuation in
            lock.lock()
            if let group = takeReady() {
                let permitted = releasePermit()
                lock.unlock()
                permitted?.resume(returning: true)
                continuation.resume(returning: group)
            } else if let failure, takenCount == fetchedCount {
                lock.unlock()
                continuation.resume(throwing: failure)
            } else {
                precondition(takeWaiter == nil, "BatchPipeline.take awaited by two commit loops at once")
                takeWaiter = continuation
                lock.unlock()
            }
        }
    }

    /// No more batches will be taken: a fetch waiting at `permit` (or asking later) is told to stop.
    func close() {
        lock.lock()
        closed = true
        let waiter = permitWaiter
        permitWaiter = nil
        lock.unlock()
        waiter?.resume(returning: false)
    }

    // Call with `lock` held.
    private var mayFetch: Bool {
        let inFlight = fetchedCount - takenCount
        return inFlight == 0 || (inFlight < batchLimit && bytesInFlight < byteLimit)
    }

    // Call with `lock` held.
    private func takeReady() -> [Batch]? {
        var group: [Batch] = []
        while let batch = ready.removeValue(forKey: takenCount) {
            group.append(batch)
            bytesInFlight -= bytesOfBatch.removeValue(forKey: takenCount) ?? 0
            takenCount += 1
        }
        return group.isEmpty ? nil : group
    }

    // Call with `lock` held: the fetch's waiter, taken out, if it may now go on.
    private func releasePermit() -> CheckedContinuation<Bool, Never>? {
        guard permitWaiter != nil, mayFetch else { return nil }
        defer { permitWaiter = nil }
        return permitWaiter
    }
}
