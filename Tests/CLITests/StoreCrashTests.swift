import Foundation
import Testing
import TestSupport

/// Runs `leadfwd ARGS` as a child process with its output discarded.
private func launch(_ runner: CLIRunner, _ arguments: [String], dataDir: String) throws -> Process {
    let process = Process()
    process.executableURL = runner.executable
    process.arguments = arguments + ["--data-dir", dataDir]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

/// The number of event records committed in every journal file of a store (history/ included).
private func journalEventRecords(_ dataDir: String) throws -> Int {
    var count = 0
    for folder in [dataDir, dataDir + "/history"] {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix("journal.") {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            count += text.split(separator: "\n").filter { $0.contains("\"event\":{") }.count
        }
    }
    return count
}

private func listing(_ cli: ContactsCLI, _ dataDir: String) throws -> String {
    let outcome = try cli.runner.run(["contacts", "list", "--format", "json", "--data-dir", dataDir])
    #expect(outcome.status == 0, "store at \(dataDir) does not open: \(outcome.stderr)")
    return outcome.stdout
}

@Test func killingTheWriterAtRandomPointsLosesAndDoublesNothing() throws {
    let cli = try ContactsCLI()
    let events = cli.directory.url.appendingPathComponent("events.jsonl").path
    let generated = try cli.runner.run(["debug", "generate-events", "--contacts", "120", "--events", "6000"])
    try generated.stdout.write(toFile: events, atomically: true, encoding: .utf8)
    let apply = ["debug", "apply-events", events, "--batch-size", "10", "--compact-every", "300"]

    let reference = cli.directory.url.appendingPathComponent("reference").path
    let uninterrupted = try launch(cli.runner, apply, dataDir: reference)
    uninterrupted.waitUntilExit()
    #expect(uninterrupted.terminationStatus == 0)

    let crashed = cli.directory.url.appendingPathComponent("crashed").path
    var kills = 0
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<30 {
        let child = try launch(cli.runner, apply, dataDir: crashed)
        Thread.sleep(forTimeInterval: Double.random(in: 0.01...0.5, using: &generator))
        if child.isRunning {
            kill(child.processIdentifier, SIGKILL)
            kills += 1
        }
        child.waitUntilExit()
        // Every restart finds a store that opens (never corrupt) and holds only whole batches.
        _ = try listing(cli, crashed)
    }
    let finish = try launch(cli.runner, apply, dataDir: crashed)
    finish.waitUntilExit()
    #expect(finish.terminationStatus == 0)

    #expect(kills >= 10, "the writer finished before most kills; the test did not exercise crashes")
    #expect(try listing(cli, crashed) == listing(cli, reference))
    let expected = try journalEventRecords(reference)
    #expect(expected > 6000)
    #expect(try journalEventRecords(crashed) == expected)
    for email in ["contact0@bench0.example.net", "contact101@bench4.example.net", "contact77@bench77.example.net"] {
        let crashedHistory = try cli.runner.run(["contacts", "show", email, "--format", "json", "--data-dir", crashed])
        let referenceHistory = try cli.runner.run(["contacts", "show", email, "--format", "json", "--data-dir", reference])
        #expect(crashedHistory.status == 0)
        #expect(crashedHistory.stdout == referenceHistory.stdout)
    }
}

@Test func twoProcessesApplyingAtOnceLoseNothing() throws {
    let cli = try ContactsCLI()
    let emails = (0..<40).map { "c\($0)@x.io" }
    try cli.importContacts(emails)
    var files: [String] = []
    for writer in ["a", "b"] {
        let lines = (0..<25).flatMap { round in
            emails.map { ContactsCLI.event($0, #"{"softBounce":{"status":"4.2.2"}}"#, key: "\(writer)-\(round)-\($0)") }
        }
        let path = cli.directory.url.appendingPathComponent("\(writer).jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        files.append(path)
    }
    let writers = try files.map {
        try launch(cli.runner, ["debug", "apply-events", $0, "--batch-size", "7", "--compact-every", "150"],
                   dataDir: cli.dataDir)
    }
    for writer in writers {
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
    }
    let json = try cli.succeed(["contacts", "list", "--format", "json"]).stdout
    let contacts = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    #expect(contacts.count == 40)
    for contact in contacts { #expect(contact["softBounceCount"] as? Int == 50, "\(contact["email"] ?? "?")") }
    #expect(try journalEventRecords(cli.dataDir) == 40 + 2 * 25 * 40)
}
