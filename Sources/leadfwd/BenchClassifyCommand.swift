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
        classify from memory, --rounds times; with --sisimai the two sides take turns, round by round, so each \
        round's ratio divides rates measured seconds apart on a machine whose speed drifts; an uncounted first round sets how \
        many times our side repeats its passes so that both sides' timed windows last about as long. Throughput is given \
        per CPU second of the process (the figure to compare on a \
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

    @Option(help: ArgumentHelp("Rounds of timed passes. With --sisimai each round times our passes, then Sisimai's, "
            + "and the ratio printed is the median of the rounds' ratios: rates measured seconds apart, not minutes."))
    var rounds: Int = 5

    @Option(name: .customLong("sisimai-script"), help: "Path of the Sisimai timing script.")
    var sisimaiScript = "scripts/sisimai-bench.pl"

    func validate() throws {
        guard iterations > 0 else { throw ValidationError("--iterations must be at least 1") }
        guard rounds > 0 else { throw ValidationError("--rounds must be at least 1") }
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
        print("files: \(files.count) under \(directory)")
        print("verdicts: " + VerdictKind.allCases.map { "\($0.rawValue) \(kinds[$0] ?? 0)" }.joined(separator: ", "))
        let peer = sisimai ? try SisimaiProcess(script: sisimaiScript, files: files, iterations: iterations) : nil

        var sink = 0
        var ours = BenchTiming(wall: 0, cpu: 0)
        var theirs = SisimaiProcess.Pass(messages: 0, wall: 0, cpu: 0, results: 0)
        var ratios: [Double] = []
        var oursCount = 0
        func ourPasses(_ passes: Int) -> BenchTiming {
            BenchTiming.measure {
                for _ in 0..<passes {
                    for bytes in messages {
                        sink &+= classifier.classify(parser.parse(bytes)).evidence.count
                    }
                }
            }
        }
        // Beside Sisimai our side repeats its passes until it runs about as long as Sisimai's: two rates measured
        // over windows of one length see the same share of the machine's bursts. A first, uncounted round sets the
        // number of repeats.
        var passes = iterations
        if let peer {
            let timing = ourPasses(iterations)
            let pass = try peer.pass()
            let repeats = max(1, min(100, Int((pass.seconds / max(timing.cpu, 1e-6)).rounded())))
            passes = iterations * repeats
            print("calibration: leadfwd repeats its passes \(repeats)× per round to run as long as Sisimai's")
        }
        for round in 1...rounds {
            let timing = ourPasses(passes)
            let perPass = messages.count * passes
            oursCount += perPass
            ours.cpu += timing.cpu
            ours.wall += timing.wall
            guard let peer else { continue }
            let pass = try peer.pass()
            theirs.messages += pass.messages
            theirs.cpu += pass.seconds
            theirs.wall += pass.wall
            theirs.results += pass.results
            let ratio = (Double(perPass) / timing.cpu) / (Double(pass.messages) / pass.seconds)
            ratios.append(ratio)
            print(String(format: "round %d:  leadfwd %.0f, Sisimai %.0f messages/s per CPU second: %.1f×", round,
                         Double(perPass) / timing.cpu, Double(pass.messages) / pass.seconds, ratio))
        }
        if sink == Int.min { print("") }  // keeps the work observable to the optimiser

        let count = oursCount
        let ourRate = Double(count) / ours.cpu
        print(String(format: "leadfwd:  %.0f messages/s per CPU second, %.0f per wall second (%d messages, %.3f s CPU, "
                     + "%.3f s wall, single core)", ourRate, Double(count) / ours.wall, count, ours.cpu, ours.wall))
        guard let peer else { return }
        let theirRate = Double(theirs.messages) / theirs.cpu
        print(String(format: "Sisimai:  %.0f messages/s per CPU second, %.0f per wall second (%d messages, %.3f s CPU, "
                     + "%.3f s wall, libsisimai-perl, %d results)", theirRate, Double(theirs.messages) / theirs.wall,
                     theirs.messages, theirs.cpu, theirs.wall, theirs.results))
        print(String(format: "Sisimai start-up (not timed above): %.3f s (Perl module loading and the warm-up pass)",
                     peer.startup))
        let sorted = ratios.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2]
            : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        print(String(format: "ratio:    %.1f× Sisimai's messages/s (median of %d interleaved rounds, range %.1f–%.1f×, "
                     + "CPU time; all rounds pooled %.1f×, by wall time %.1f×)", median, ratios.count,
                     sorted.first ?? 0, sorted.last ?? 0, ourRate / theirRate,
                     (Double(count) / ours.wall) / (Double(theirs.messages) / theirs.wall)))
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
