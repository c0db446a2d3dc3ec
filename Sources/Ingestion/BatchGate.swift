import Foundation

/// Lets a stop request (SIGTERM / SIGINT) wait for batches in flight instead of cutting them: a batch runs from fetch to
/// checkpoint between `beginBatch` and `endBatch`; once a stop is requested no new batch starts, and `waitUntilIdle` returns when the running
/// ones are durable.
public final class BatchGate: @unchecked Sendable {
    // @unchecked: all state is guarded by `condition`.
    private let condition = NSCondition()
    private var stopping = false
    private var running = 0

    public init() {}

    public var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    /// Marks the start of a batch; false (and nothing started) when a stop was requested.
    /// Every `true` must be paired with `endBatch()`.
    public func beginBatch() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if stopping { return false }
        running += 1
        return true
    }

    public func endBatch() {
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    public func requestStop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until no batch is running. Call after `requestStop`, from a thread of your own.
    public func waitUntilIdle() {
        condition.lock()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    /// Sleeps up to `duration`, waking early when a stop is requested. Returns false if stopping.
    public func pause(for duration: Duration) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: duration)
        while !isStopping {
            let left = ContinuousClock.now.duration(to: deadline)
            if left <= .zero { return true }
            try? await Task.sleep(for: min(left, .milliseconds(200)))
        }
        return false
    }
}
