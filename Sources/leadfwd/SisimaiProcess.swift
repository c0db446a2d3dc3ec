import Foundation

/// Debian's libsisimai-perl kept running beside our benchmark (scripts/sisimai-bench.pl), so its timed passes can be
/// interleaved with ours: on a shared machine the speed of both drifts within a minute, and a ratio is only as good
/// as the closeness in time of the two rates it divides.
final class SisimaiProcess {
    /// One timed pass of Sisimai over every file, `iterations` times.
    struct Pass {
        var messages: Int
        var wall: Double
        var cpu: Double
        var results: Int

        /// CPU seconds, or wall seconds for a pass shorter than Perl's CPU clock ticks (10 ms), which reads as 0.
        var seconds: Double { cpu > 0 ? cpu : wall }
    }

    /// Module loading plus the untimed warm-up pass, in seconds.
    private(set) var startup: Double = 0
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    /// Perl's warnings go to a file, not a pipe: a pipe nobody reads while we wait for a pass would fill and stall it.
    private let errorFile = FileManager.default.temporaryDirectory
        .appendingPathComponent("leadfwd-sisimai-\(UUID().uuidString).stderr")
    private var pending: [UInt8] = []

    init(script: String, files: [String], iterations: Int) throws {
        guard FileManager.default.fileExists(atPath: script) else { throw BenchError.sisimaiScriptMissing(script) }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["perl", script, String(iterations)]
        process.standardInput = input
        process.standardOutput = output
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil) else {
            throw BenchError.sisimaiFailed(status: 0, output: "cannot create \(errorFile.path)")
        }
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        input.fileHandleForWriting.write(Data((files.joined(separator: "\n") + "\n\n").utf8))
        let fields = try answer()
        guard let startup = fields["startup"].flatMap(Double.init) else { throw failure("no ready line") }
        self.startup = startup
    }

    func pass() throws -> Pass {
        input.fileHandleForWriting.write(Data("pass\n".utf8))
        let fields = try answer()
        guard let messages = fields["files"].flatMap(Int.init), let wall = fields["seconds"].flatMap(Double.init),
              let cpu = fields["cpu"].flatMap(Double.init), wall > 0, cpu >= 0 else {
            throw failure("unreadable pass line \(fields)")
        }
        return Pass(messages: messages, wall: wall, cpu: cpu, results: fields["bounces"].flatMap(Int.init) ?? 0)
    }

    deinit {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.waitUntilExit() }
        try? FileManager.default.removeItem(at: errorFile)
    }

    /// The next line the script prints, as its `name=value` pairs.
    private func answer() throws -> [String: String] {
        while true {
            if let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeSubrange(...end)
                var fields: [String: String] = [:]
                for pair in line.split(whereSeparator: \.isWhitespace) {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
                }
                return fields
            }
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { throw failure("the script ended early") }
            pending.append(contentsOf: data)
        }
    }

    private func failure(_ what: String) -> BenchError {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        let errorText = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return .sisimaiFailed(status: process.terminationStatus, output: what + ": " + errorText)
    }
}
