import Foundation
import Testing
import TestSupport

@Suite struct EvalCommandTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    @Test func projectSamplesPassTheAccuracyBar() throws {
        let outcome = try CLIRunner().run(["eval", "samples/classify", "--min-accuracy", "0.97"],
                                          currentDirectory: Self.repositoryRoot)
        #expect(outcome.status == 0, "\(outcome.stdout.prefix(2_000))\(outcome.stderr)")
        #expect(outcome.stdout.contains("kind accuracy"))
        #expect(outcome.stdout.contains("confusion"))
    }

    @Test func jsonReportAndThresholdExitCode() throws {
        let directory = try TemporaryDirectory()
        try ClassifyCommandTests.reply.write(toFile: directory.path + "/r.eml", atomically: true, encoding: .utf8)
        try ClassifyCommandTests.bounce.write(toFile: directory.path + "/b.eml", atomically: true, encoding: .utf8)
        let labels = """
        {"file": "r.eml", "kind": "reply", "reply_text": "Thursday works for me.", "contact": "pat@client.example"}
        {"file": "b.eml", "kind": "soft_bounce", "recipients": [{"address": "pat@client.example", "hard": false}]}
        """
        try labels.write(toFile: directory.path + "/labels.jsonl", atomically: true, encoding: .utf8)
        let json = try CLIRunner().run(["eval", "--json", directory.path])
        #expect(json.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["messages"] as? Int == 2)
        #expect(report["accuracy"] as? Double == 0.5)
        #expect(report["reply_text_f1"] as? Double == 1.0)
        #expect((report["misses"] as? [[String: Any]])?.first?["file"] as? String == "b.eml")
        let strict = try CLIRunner().run(["eval", directory.path, "--min-accuracy", "0.75"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("below the required"))
        #expect(strict.stdout.contains("b.eml: expected soft_bounce, got hard_bounce"))
    }

    @Test func aLabelledFileWithSeveralMessagesIsJudgedByTheFirstWithRecipientsCombined() throws {
        let directory = try TemporaryDirectory()
        let second = ClassifyCommandTests.bounce.replacingOccurrences(of: "pat@client.example", with: "lee@client.example")
        let mbox = "From MAILER-DAEMON Mon Nov 30 09:00:00 2026\n" + ClassifyCommandTests.bounce + "\n"
            + "From MAILER-DAEMON Mon Nov 30 09:00:01 2026\n" + second + "\n"
        try mbox.write(toFile: directory.path + "/two.mbox", atomically: true, encoding: .utf8)
        let labels = """
        {"file": "two.mbox", "kind": "hard_bounce", "recipients": [{"address": "pat@client.example", "hard": true}, {"address": "lee@client.example", "hard": true}]}
        """
        try labels.write(toFile: directory.path + "/labels.jsonl", atomically: true, encoding: .utf8)
        let json = try CLIRunner().run(["eval", "--json", directory.path])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["messages"] as? Int == 1)
        #expect(report["accuracy"] as? Double == 1.0)
        let agreement = report["recipient_agreement"] as? [String: Any]
        #expect(agreement?["agreeing"] as? Int == 2)
        #expect(agreement?["total"] as? Int == 2)
    }

    @Test func directoryWithoutLabelsSaysWhatToDo() throws {
        let directory = try TemporaryDirectory()
        let outcome = try CLIRunner().run(["eval", directory.path])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("labels.jsonl"))
        #expect(outcome.stderr.contains("leadfwd classify"))
    }
}
