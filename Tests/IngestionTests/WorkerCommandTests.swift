import Foundation
import Testing
import TestSupport

/// `leadfwd worker`, `status` and `unmatched` as a user runs them.
@Suite(.serialized) struct WorkerCommandTests {
    @Test func badConfigExitsNonZeroNamingFileLineAndKeyBeforeConnecting() throws {
        let folder = try TemporaryDirectory()
        let config = folder.url.appendingPathComponent("leadfwd.yaml").path
        // The port is closed: a worker that connected before validating would fail differently (and slowly).
        try Data("""
            data_dir: data
            mailboxes:
              - name: sales
                url: imaps://127.0.0.1:9/INBOX
                user: sales
                password_env: LEADFWD_TEST_PW
              - name: sales
                url: imaps://127.0.0.1:9/INBOX
                user: sales
                password_env: LEADFWD_TEST_PW
            """.utf8).write(to: URL(fileURLWithPath: config))
        let outcome = try CLIRunner().run(["worker", "--once", "--config", config],
                                          environment: ["LEADFWD_TEST_PW": "x"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("leadfwd.yaml:7: mailboxes[1].name"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("data").path))
    }

    @Test func onceStatusAndUnmatchedOverAMaildir() throws {
        let fixture = try WorkerFixture(contacts: InboundMail.people)
        let inbox = fixture.folder.url.appendingPathComponent("inbox")
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(at: inbox.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for (index, message) in InboundMail.sampleInbox().enumerated() {
            try Data(message).write(to: inbox.appendingPathComponent("new/1795000\(index).M\(index).test"))
        }
        let config = try fixture.writeConfig(["name: local\nurl: inbox", "name: later\nurl: inbox"])
        let cli = try CLIRunner()

        let before = try cli.run(["status", "--config", config])
        #expect(before.status == 0)
        #expect(before.stdout.contains("checkpoint:    none (never read)"))

        let run = try cli.run(["worker", "--once", "--config", config])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("mailbox=local"))
        #expect(run.stderr.contains("6 messages (reply 2, auto_reply 1, hard_bounce 1, opt_out 1, other 1)"))

        let status = try cli.run(["status", "--config", config])
        #expect(status.stdout.contains("mailbox local"))
        #expect(status.stdout.contains("checkpoint:    6 messages processed"))
        #expect(status.stdout.contains("4 applied"))
        #expect(status.stdout.contains("last pass:     6 messages in "))
        // A local mailbox's size is known only by reading it: no backlog is claimed.
        #expect(!status.stdout.contains("backlog:"))

        let unmatched = try cli.run(["unmatched", "--config", config, "--format", "json"])
        #expect(unmatched.status == 0)
        #expect(unmatched.stdout.contains("who@unknown.test"))
    }
}
