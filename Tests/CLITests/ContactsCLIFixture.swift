import Foundation
import Testing
import TestSupport

/// A data directory and the built `leadfwd`, with helpers to read contacts back as JSON.
struct ContactsCLI {
    let directory: TemporaryDirectory
    let runner: CLIRunner

    init() throws {
        directory = try TemporaryDirectory("leadfwd-cli")
        runner = try CLIRunner()
    }

    var dataDir: String { directory.url.appendingPathComponent("data").path }

    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil) throws -> CLIRunner.Outcome {
        try runner.run(arguments, stdin: stdin.map { Data($0.utf8) }, environment: ["LEADFWD_DATA_DIR": dataDir])
    }

    /// Runs and requires exit status 0, showing stderr otherwise.
    @discardableResult
    func succeed(_ arguments: [String], stdin: String? = nil) throws -> CLIRunner.Outcome {
        let outcome = try run(arguments, stdin: stdin)
        #expect(outcome.status == 0, "leadfwd \(arguments.joined(separator: " ")): \(outcome.stderr)")
        return outcome
    }

    func importContacts(_ emails: [String]) throws {
        try succeed(["contacts", "import", "-"], stdin: "email,first_name\n" + emails.map { "\($0),Name" }.joined(separator: "\n"))
    }

    func contact(_ email: String) throws -> [String: Any] {
        let outcome = try succeed(["contacts", "show", email, "--format", "json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    }

    func status(_ email: String) throws -> String? { try contact(email)["engagementStatus"] as? String }
    func recordStatus(_ email: String) throws -> String? { try contact(email)["recordStatus"] as? String }

    /// Applies hand-written events (the documented JSON-lines form) the way the worker would.
    @discardableResult
    func applyEvents(_ lines: [String]) throws -> CLIRunner.Outcome {
        let file = directory.url.appendingPathComponent("events-\(UUID().uuidString).jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        return try succeed(["debug", "apply-events", file.path])
    }

    static func event(_ email: String, _ kind: String, key: String? = nil) -> String {
        let keyField = key.map { ",\"idempotencyKey\":\"\($0)\"" } ?? ""
        return "{\"contact\":\"\(email)\",\"kind\":\(kind),\"at\":\"2027-01-15T08:00:00Z\",\"source\":\"test mailbox\""
            + keyField + ",\"evidence\":[\"Diagnostic-Code: smtp; 550 5.1.1 user unknown\"]}"
    }
}
