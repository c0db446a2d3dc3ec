import Dispatch

/// Runs an actor's jobs on its own serial DispatchQueue, so the blocking socket waits of one IMAP connection occupy a
/// Dispatch thread and never one of the (few) threads of Swift's cooperative pool.
public final class IMAPQueueExecutor: SerialExecutor, @unchecked Sendable {
    // @unchecked: only immutable state; DispatchQueue is thread-safe.
    private let queue: DispatchQueue

    public init(label: String) {
        queue = DispatchQueue(label: label)
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
    }
}
