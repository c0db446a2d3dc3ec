import ArgumentParser
import Foundation
import MailClassification
import MailParsing

/// `leadfwd bench classify DIR [--sisimai]`: single-core classify throughput, optionally beside Sisimai.
struct BenchClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Read, parse and classify every message file under DIR; print messages/s (one core), and with "
            + "--sisimai the same for Debian's libsisimai-perl over the same files.",
        discussion: """
        Both sides are measured the same way: one process reads every file into memory first, makes one untimed \
        warm-up pass (Sisimai loads its MTA modules on first use), then times --iterations passes of parse + \
        classify from memory. Throughput is given per CPU second of the process (the figure to compare on a \
        shared machine) and per wall second; the ratio uses CPU time. Perl's start-up (module loading and the \
        warm-up pass) is reported on its own line. Build with `swift build -c release` for figures that mean \
        anything. Sisimai runs through scripts/sisimai-bench.pl (needs `perl` and libsisimai-perl).
        """
    )

    @Argument(help: "Directory of message files (searched recursively; labels.jsonl and *.md are skipped).")
    var directory: String

    @Flag(help: "Also time Sisimai (Debian's libsisimai-perl) on the same files and print the ratio.")
    var sisimai = false

    @Option(help: "Timed passes over all files.")
    var iterations: Int = 3

    @Option(name: .customLong("sisimai-script"), help: "Path of the Sisimai timing script.")
    var sisimaiScript = "scripts/sisimai-bench.pl"

    func validate() throws {
        guard iterations > 0 else { throw ValidationError("--iterations must be at least 1") }
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(directory) is not a directory; give a folder of message files")
        }
        // Read every message once up front: the timed loop measures parsing and classifying, not the disk.
        var messages: [[UInt8]] = []
        var paths: [String] = []
        for sourced in MessageSources(paths: [directory]) {
            guard case .success(let bytes) = sourced.bytes else { continue }
            messages.append(bytes)
            let path = sourced.source.split(separator: "#", maxSplits: 1).first.map(String.init) ?? sourced.source
            if paths.last != path { paths.append(path) }
        }
        guard !messages.isEmpty else { throw ValidationError("no message files under \(directory)") }
        let files = paths

        let parser = MessageParser()
        let classifier = Classifier()
        var kinds: [VerdictKind: Int] = [:]
        for bytes in messages {  // warm-up: lazily built phrase tables
            kinds[classifier.classify(parser.parse(bytes)).kind, default: 0] += 1
        }
        var sink = 0
        let timing = BenchTiming.measure {
            for _ in 0..<iterations {
                for bytes in messages {
                    sink &+= classifier.classify(parser.parse(bytes)).evidence.count
                }
            }
        }
        let count = messages.count * iterations
        let ours = Double(count) / timing.cpu
        print("files: \(files.count) under \(directory)")
        print("verdicts: " + VerdictKind.allCases.map { "\($0.rawValue) \(kinds[$0] ?? 0)" }.joined(separator: ", "))
        print(String(format: "leadfwd:  %.0f messages/s per CPU second, %.0f per wall second (%d messages, %.3f s CPU, "
                     + "%.3f s wall, single core)", ours, Double(count) / timing.wall, count, timing.cpu, timing.wall))
        if sink == Int.min { print("") }  // keeps the work observable to the optimiser

        guard sisimai else { return }
        let result = try runSisimai(files: files)
        let theirs = Double(result.files) / result.cpu
        print(String(format: "Sisimai:  %.0f messages/s per CPU second, %.0f per wall second (%d messages, %.3f s CPU, "
                     + "%.3f s wall, libsisimai-perl, %d results)", theirs, Double(result.files) / result.seconds,
                     result.files, result.cpu, result.seconds, result.bounces))
        print(String(format: "Sisimai start-up (not timed above): %.3f s (Perl module loading and the warm-up pass)",
                     result.startup))
        print(String(format: "ratio:    %.1f× Sisimai's messages/s (CPU time; %.1f× by wall time)", ours / theirs,
                     (Double(count) / timing.wall) / (Double(result.files) / result.seconds)))
    }

    private func runSisimai(files: [String]) throws -> (files: Int, seconds: Double, cpu: Double, startup: Double, bounces: Int) {
        guard FileManager.default.fileExists(atPath: sisimaiScript) else {
            throw BenchError.sisimaiScriptMissing(sisimaiScript)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["perl", sisimaiScript, String(iterations)]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(files.joined(separator: "\n").utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let line = String(decoding: data, as: UTF8.self)
        var fields: [String: String] = [:]
        for pair in line.split(whereSeparator: \.isWhitespace) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard process.terminationStatus == 0, let count = fields["files"].flatMap(Int.init),
              let seconds = fields["seconds"].flatMap(Double.init), seconds > 0,
              let cpu = fields["cpu"].flatMap(Double.init), cpu > 0 else {
            throw BenchError.sisimaiFailed(status: process.terminationStatus, output: line + errorText)
        }
        return (count, seconds, cpu, fields["startup"].flatMap(Double.init) ?? 0, fields["bounces"].flatMap(Int.init) ?? 0)
    }
}

enum BenchError: Error, CustomStringConvertible {
    case sisimaiScriptMissing(String)
    case sisimaiFailed(status: Int32, output: String)

    var description: String {
        switch self {
        case .sisimaiScriptMissing(let path):
            return "\(path) not found; run from the repository root or pass --sisimai-script PATH"
        case .sisimaiFailed(let status, let output):
            return "Sisimai run failed (exit \(status)); is libsisimai-perl installed (scripts/install-deps)? \(output.prefix(400))"
        }
    }
}
