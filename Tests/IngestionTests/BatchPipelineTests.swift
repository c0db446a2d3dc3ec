import Foundation
import Testing
@testable import Ingestion

/// The hand-offs of an IMAP pass between fetch, analysis and commit: batches reach the commit in order, those ready
/// together are committed together, the fetch never runs further ahead than allowed, and a fetch failure surfaces only
/// after the batches fetched before it.
@Suite struct BatchPipelineTests {
    private struct Failure: Error, Equatable {}

    @Test func batchesAnalysedOutOfOrderAreTakenInOrderAndTogetherWhenReady() async throws {
        let pipeline = BatchPipeline<String>(batchLimit: 10, byteLimit: 1 << 20)
        for index in 0..<4 { pipeline.fetched(index, bytes: 10) }
        pipeline.deliver(1, "b")
        pipeline.deliver(2, "c")
        // Batch 0 is not ready: the commit waits for it, then takes it with the two behind it.
        let waiting = Task { try await pipeline.take() }
        try await Task.sleep(for: .milliseconds(50))
        pipeline.deliver(0, "a")
        #expect(try await waiting.value == ["a", "b", "c"])
        pipeline.deliver(3, "d")
        #expect(try await pipeline.take() == ["d"])
    }

    @Test func theFetchWaitsOnceTheBatchLimitIsInFlight() async throws {
        let pipeline = BatchPipeline<Int>(batchLimit: 2, byteLimit: 1 << 20)
        let fetch = Fetch(pipeline)
        let fetching = Task { await fetch.run(batches: 5) }
        try await Task.sleep(for: .milliseconds(100))
        #expect(fetch.count == 2, "two batches in flight, the third waits")
        pipeline.deliver(0, 0)
        pipeline.deliver(1, 1)
        #expect(try await pipeline.take() == [0, 1])
        try await Task.sleep(for: .milliseconds(100))
        #expect(fetch.count == 4)
        pipeline.close()
        await fetching.value
        #expect(fetch.count == 4, "a closed pipeline lets no further batch be fetched")
    }

    @Test func theFetchWaitsOnceTheByteLimitIsInFlightButAlwaysFetchesOne() async throws {
        let pipeline = BatchPipeline<Int>(batchLimit: 10, byteLimit: 1_000)
        let fetch = Fetch(pipeline, bytesPerBatch: 5_000)
        let fetching = Task { await fetch.run(batches: 3) }
        try await Task.sleep(for: .milliseconds(100))
        #expect(fetch.count == 1, "one batch over the byte limit is fetched, the next waits")
        pipeline.deliver(0, 0)
        #expect(try await pipeline.take() == [0])
        try await Task.sleep(for: .milliseconds(100))
        #expect(fetch.count == 2)
        pipeline.close()
        await fetching.value
    }

    @Test func aFetchFailureIsThrownAfterTheBatchesFetchedBeforeIt() async throws {
        let pipeline = BatchPipeline<String>(batchLimit: 10, byteLimit: 1 << 20)
        pipeline.fetched(0, bytes: 1)
        pipeline.fetched(1, bytes: 1)
        pipeline.fail(Failure())
        pipeline.deliver(0, "a")
        #expect(try await pipeline.take() == ["a"])
        // Batch 1 is still being analysed: the commit waits for it before it hears of the failure.
        let waiting = Task { try await pipeline.take() }
        try await Task.sleep(for: .milliseconds(50))
        pipeline.deliver(1, "b")
        #expect(try await waiting.value == ["b"])
        await #expect(throws: Failure.self) { try await pipeline.take() }
    }

    @Test func aFailureWhileTheCommitWaitsReachesIt() async throws {
        let pipeline = BatchPipeline<String>(batchLimit: 10, byteLimit: 1 << 20)
        let waiting = Task { try await pipeline.take() }
        try await Task.sleep(for: .milliseconds(50))
        pipeline.fail(Failure())
        await #expect(throws: Failure.self) { try await waiting.value }
    }
}

/// A fetch loop as the IMAP session runs it: asks before each batch, and records how many it fetched.
private final class Fetch: @unchecked Sendable {
    // @unchecked: `fetched` is read and written with `lock` held.
    private let lock = NSLock()
    private var fetched = 0
    private let pipeline: BatchPipeline<Int>
    private let bytesPerBatch: Int

    init(_ pipeline: BatchPipeline<Int>, bytesPerBatch: Int = 10) {
        self.pipeline = pipeline
        self.bytesPerBatch = bytesPerBatch
    }

    var count: Int { lock.withLock { fetched } }

    func run(batches: Int) async {
        for index in 0..<batches {
            guard await pipeline.permit() else { return }
            pipeline.fetched(index, bytes: bytesPerBatch)
            lock.withLock { fetched += 1 }
        }
    }
}
