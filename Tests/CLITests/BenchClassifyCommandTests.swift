import Foundation
import Testing
import TestSupport

/// `bench classify --sisimai` keeps Sisimai running beside us and takes turns with it, round by round.
@Suite struct BenchClassifyCommandTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/sisimai-bench.pl").path

    @Test func interleavedRoundsPrintEachRatioAndTheirMedian() throws {
        let directory = try TemporaryDirectory()
        try ClassifyCommandTests.bounce.write(toFile: directory.path + "/a-bounce.eml", atomically: true, encoding: .utf8)
        try ClassifyCommandTests.reply.write(toFile: directory.path + "/b-reply.eml", atomically: true, encoding: .utf8)
        let outcome = try CLIRunner().run(["bench", "classify", directory.path, "--sisimai", "--sisimai-script",
                                           Self.script, "--iterations", "2", "--rounds", "3"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("verdicts: reply 1, auto_reply 0, hard_bounce 1, soft_bounce 0, opt_out 0, other 0"))
        #expect(lines.filter { $0.hasPrefix("round ") && $0.hasSuffix("×") }.count == 3)
        // Sisimai timed 2 files × 2 iterations × 3 rounds, and reads the Postfix bounce (the reply is none); our side
        // repeated its passes as many times as the uncounted first round said, to run about as long.
        let calibration = lines.first { $0.hasPrefix("calibration: leadfwd repeats its passes ") }
        let repeats = calibration.flatMap { Int($0.dropFirst("calibration: leadfwd repeats its passes ".count).prefix { $0.isNumber }) }
        #expect((repeats ?? 0) >= 1)
        #expect(lines.contains { $0.hasPrefix("leadfwd: ") && $0.contains("(\(12 * (repeats ?? 0)) messages,") })
        #expect(lines.contains { $0.hasPrefix("Sisimai: ") && $0.contains("(12 messages,") && $0.contains("6 results)") })
        #expect(lines.contains { $0.hasPrefix("ratio: ") && $0.contains("median of 3 interleaved rounds") })
    }

    @Test func aMissingScriptSaysWhereToPointIt() throws {
        let directory = try TemporaryDirectory()
        try ClassifyCommandTests.reply.write(toFile: directory.path + "/reply.eml", atomically: true, encoding: .utf8)
        let outcome = try CLIRunner().run(["bench", "classify", directory.path, "--sisimai", "--sisimai-script",
                                           directory.path + "/nowhere.pl"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("--sisimai-script PATH"))
    }
}
