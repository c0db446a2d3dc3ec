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

    /// Labels may name each recipient's reason (the corpora use Sisimai's vocabulary): the report says how often the
    /// classifier gave the same one, and groups the disagreements so the most common confusion shows first.
    @Test func reasonAgreementCountsAndGroupsDisagreements() throws {
        let directory = try TemporaryDirectory()
        try ClassifyCommandTests.bounce.write(toFile: directory.path + "/known.eml", atomically: true, encoding: .utf8)
        try ClassifyCommandTests.bounce.write(toFile: directory.path + "/moved.eml", atomically: true, encoding: .utf8)
        let labels = """
        {"file": "known.eml", "kind": "hard_bounce", "recipients": [{"address": "pat@client.example", "hard": true, "reason": "userunknown"}]}
        {"file": "moved.eml", "kind": "hard_bounce", "recipients": [{"address": "pat@client.example", "hard": true, "reason": "hasmoved"}]}
        """
        try labels.write(toFile: directory.path + "/labels.jsonl", atomically: true, encoding: .utf8)
        let json = try CLIRunner().run(["eval", "--json", directory.path])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let agreement = report["reason_agreement"] as? [String: Any]
        #expect(agreement?["agreeing"] as? Int == 1)
        #expect(agreement?["total"] as? Int == 2)
        let groups = try #require(report["reason_disagreements"] as? [[String: Any]])
        #expect(groups.count == 1)
        #expect(groups.first?["expected"] as? String == "hasmoved")
        #expect(groups.first?["predicted"] as? String == "userunknown")
        #expect(groups.first?["files"] as? [String] == ["moved.eml"])
        let text = try CLIRunner().run(["eval", directory.path])
        #expect(text.stdout.contains("reason agreement         50.0% (1/2)"))
        #expect(text.stdout.contains("hasmoved → userunknown: 1  moved.eml"))
    }

    @Test func directoryWithoutLabelsSaysWhatToDo() throws {
        let directory = try TemporaryDirectory()
        let outcome = try CLIRunner().run(["eval", directory.path])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("labels.jsonl"))
        #expect(outcome.stderr.contains("leadfwd classify"))
    }
}
