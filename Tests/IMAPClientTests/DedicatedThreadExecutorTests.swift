import Foundation
import Testing
import IMAPClient

/// The executor every IMAP session runs on: one thread of its own, jobs in order, and no thread left behind when the
/// session goes (a worker makes a new session after every lost connection, for as long as it runs).
@Suite struct DedicatedThreadExecutorTests {
    private actor Recorder {
        private let executor: DedicatedThreadExecutor
        nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
        private var calls: [Int] = []
        private var threads: Set<UInt> = []

        init(label: String) { executor = DedicatedThreadExecutor(label: label) }

        func record(_ call: Int) {
            calls.append(call)
            threads.insert(UInt(pthread_self()))
        }

        var seen: (calls: [Int], threads: Int) { (calls, threads.count) }
    }

    /// Threads of this process whose name is `name` (Linux shows a thread's name in /proc/self/task/TID/comm).
    private static func threads(named name: String) -> Int {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.filter { task in
            let comm = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)
            return comm?.trimmingCharacters(in: .newlines) == name
        }.count
    }

    @Test func jobsRunInOrderOnOneThreadThatEndsWithTheExecutor() async throws {
        // Unique, and within the 15 bytes a Linux thread name keeps.
        let label = "lfq-\(UInt32.random(in: 0...UInt32.max))".prefix(15)
        do {
            let recorder = Recorder(label: String(label))
            for call in 1...200 { await recorder.record(call) }
            let seen = await recorder.seen
            #expect(seen.calls == Array(1...200))
            #expect(seen.threads == 1)
            #expect(Self.threads(named: String(label)) == 1)
        }
        // The recorder and its executor are gone: the thread ends once it sees that. Waiting for it is not a timing
        // claim, only a bound on how long a leaked thread would be looked for.
        for _ in 0..<100 where Self.threads(named: String(label)) > 0 {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(Self.threads(named: String(label)) == 0)
    }
}
