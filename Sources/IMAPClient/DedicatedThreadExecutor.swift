import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs an actor's jobs, in order, on one thread of its own, so blocking work (an IMAP connection's socket waits, a
/// mailbox worker's commits and their fsyncs) never holds one of the (few) threads of Swift's cooperative pool.
///
/// One thread, not a serial DispatchQueue: a queue runs each job on whichever pool thread is free, so the message
/// bytes a fetch reads were allocated from a different thread's heap each time, and memory freed by the threads that
/// analyse them went back to heaps that were not reading next. The heap kept growing through a pass (about 1,300 page
/// faults per 5,000 messages in the fetch alone). On one thread the reader reuses what the analysis frees.
public final class DedicatedThreadExecutor: SerialExecutor, @unchecked Sendable {
    // @unchecked: `jobs` is shared with the thread, and every access holds its condition's lock.
    private let jobs: JobQueue

    /// `label` names the thread (its first 15 bytes, as Linux keeps them), as `ps -L` and `top -H` show it.
    public init(label: String) {
        jobs = JobQueue()
        let jobs = jobs
        var name = Array(label.utf8.prefix(15))
        while !name.isEmpty, String(validating: name, as: UTF8.self) == nil { name.removeLast() }
        let threadName = String(decoding: name, as: UTF8.self)
        let thread = Thread {
            #if canImport(Glibc)
            // pthread_setname_np is a GNU extension Swift does not import; Linux takes the name written here.
            let file = open("/proc/thread-self/comm", O_WRONLY)
            if file >= 0 {
                _ = threadName.withCString { write(file, $0, strlen($0)) }
                close(file)
            }
            #endif
            jobs.run()
        }
        thread.start()
    }

    deinit {
        jobs.close()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        jobs.append(UnownedJob(job), on: asUnownedSerialExecutor())
    }
}

/// The jobs waiting for an executor's thread, and that thread's loop. The thread holds this, not the executor, so the
/// executor can go away (its actor gone) and the thread end after the last job.
private final class JobQueue: @unchecked Sendable {
    // @unchecked: every stored property is read and written with `condition` locked.
    private let condition = NSCondition()
    private var pending: [(job: UnownedJob, executor: UnownedSerialExecutor)] = []
    private var next = 0
    private var closed = false

    func append(_ job: UnownedJob, on executor: UnownedSerialExecutor) {
        condition.lock()
        pending.append((job, executor))
        condition.signal()
        condition.unlock()
    }

    func close() {
        condition.lock()
        closed = true
        condition.signal()
        condition.unlock()
    }

    func run() {
        while true {
            condition.lock()
            while next == pending.count && !closed { condition.wait() }
            if next == pending.count {
                condition.unlock()
                return
            }
            let (job, executor) = pending[next]
            next += 1
            if next == pending.count {
                pending.removeAll(keepingCapacity: true)
                next = 0
            }
            condition.unlock()
            job.runSynchronously(on: executor)
        }
    }
}
