import ArgumentParser
import Foundation
import MailParsing

/// `leadfwd bench parse DIR`: single-core parse throughput over the messages in a directory.
struct BenchParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse every message file under DIR repeatedly and print messages/s and MB/s (one core).",
        discussion: "Files are loaded into memory first, so only parsing is timed. Build with `swift build -c release`."
    )

    @Argument(help: "Directory of message files (searched recursively).")
    var directory: String

    @Option(help: "Timed passes over all messages, after one untimed warm-up pass.")
    var iterations: Int = 5

    func validate() throws {
        guard iterations > 0 else { throw ValidationError("--iterations must be at least 1") }
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(directory) is not a directory; give a folder of message files")
        }
        let messages = MessageSources(paths: [directory]).compactMap { try? $0.bytes.get() }
        guard !messages.isEmpty else {
            throw ValidationError("no readable message files under \(directory)")
        }
        let totalBytes = messages.reduce(0) { $0 + $1.count }
        let parser = MessageParser()
        var sink = 0
        for message in messages { sink &+= parser.parse(message).root.decodedBody.count }  // warm-up
        let clock = ContinuousClock()
        let cpuBefore = Self.processCPUSeconds()
        let elapsed = clock.measure {
            for _ in 0..<iterations {
                // Reading `fields` would build every header field, work the parser now leaves to the reader.
                for message in messages { sink &+= parser.parse(message).headers.isEmpty ? 0 : 1 }
            }
        }
        // CPU time is what one core spent; on a shared machine wall time also counts waiting.
        let cpuSeconds = Self.processCPUSeconds() - cpuBefore
        let wallSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let parsed = Double(messages.count * iterations)
        let megabytes = Double(totalBytes * iterations) / 1_000_000
        print("messages: \(messages.count) (\(totalBytes) bytes) × \(iterations) iterations")
        print(String(format: "cpu time %.3f s: %.0f messages/s, %.1f MB/s (single core)",
                     cpuSeconds, parsed / cpuSeconds, megabytes / cpuSeconds))
        print(String(format: "wall time %.3f s: %.0f messages/s, %.1f MB/s",
                     wallSeconds, parsed / wallSeconds, megabytes / wallSeconds))
        if sink == Int.min { print("") }  // keeps the work observable to the optimiser
    }

    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
