import Foundation
import Testing
import TestSupport

@Suite struct ClassifyCommandTests {
    static let bounce = """
    From: Mail Delivery System <MAILER-DAEMON@mx.seller.example>
    To: sam@seller.example
    Subject: Undelivered Mail Returned to Sender
    Message-ID: <b1@mx.seller.example>

    This is the mail system at host mx.seller.example.

    <pat@client.example>: host mx.client.example[192.0.2.1] said: 550 5.1.1
        <pat@client.example>: Recipient address rejected: User unknown (in reply to RCPT TO command)

    """

    static let reply = """
    From: Pat Client <pat@client.example>
    To: sam@seller.example
    Subject: Re: Quick question
    In-Reply-To: <seq-step1-42@seller.example>

    Thursday works for me.

    On Mon, Nov 30, 2026 at 9:00 AM Sam <sam@seller.example> wrote:
    > Are you free?

    """

    @Test func jsonlHasOneObjectPerMessageWithTheContractFields() throws {
        let directory = try TemporaryDirectory()
        try Self.bounce.write(toFile: directory.path + "/a-bounce.eml", atomically: true, encoding: .utf8)
        try Self.reply.write(toFile: directory.path + "/b-reply.eml", atomically: true, encoding: .utf8)
        let outcome = try CLIRunner().run(["classify", "--format", "jsonl", directory.path])
        #expect(outcome.status == 0)
        let objects = try outcome.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 2)
        for key in ["source", "kind", "reason", "contact", "recipients", "message_id", "in_reply_to", "references",
                    "from", "subject", "date", "reply_text", "return_date", "evidence"] {
            #expect(objects.allSatisfy { $0.keys.contains(key) }, "missing \(key)")
        }
        let bounce = try #require(objects.first { ($0["source"] as? String)?.hasSuffix("a-bounce.eml") == true })
        #expect(bounce["kind"] as? String == "hard_bounce")
        let recipient = try #require((bounce["recipients"] as? [[String: Any]])?.first)
        #expect(recipient["address"] as? String == "pat@client.example")
        #expect(recipient["hard"] as? Bool == true)
        #expect(recipient["status"] as? String == "5.1.1")
        let reply = try #require(objects.first { ($0["source"] as? String)?.hasSuffix("b-reply.eml") == true })
        #expect(reply["kind"] as? String == "reply")
        #expect(reply["reply_text"] as? String == "Thursday works for me.")
        #expect(reply["in_reply_to"] as? String == "seq-step1-42@seller.example")
    }

    @Test func unreadableInputIsReportedAndTheRunGoesOn() throws {
        let directory = try TemporaryDirectory()
        try Self.reply.write(toFile: directory.path + "/reply.eml", atomically: true, encoding: .utf8)
        let missing = directory.path + "/missing.eml"
        let outcome = try CLIRunner().run(["classify", "--format", "jsonl", missing, directory.path + "/reply.eml"])
        #expect(outcome.status == 1)
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let failed = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(failed["kind"] as? String == "other")
        #expect((failed["error"] as? String)?.isEmpty == false)
        #expect(lines[1].contains("\"kind\":\"reply\""))
        #expect(outcome.stderr.isEmpty)  // no progress line when stderr is not a terminal
    }

    @Test func mboxMessagesAreNumberedAndStdinWorks() throws {
        let directory = try TemporaryDirectory()
        let mbox = "From a@b Mon Nov 30 09:00:00 2026\n" + Self.reply + "\nFrom c@d Mon Nov 30 09:01:00 2026\n" + Self.bounce
        try mbox.write(toFile: directory.path + "/inbox.mbox", atomically: true, encoding: .utf8)
        let outcome = try CLIRunner().run(["classify", "--format", "jsonl", directory.path + "/inbox.mbox"])
        #expect(outcome.stdout.contains("inbox.mbox#1"))
        #expect(outcome.stdout.contains("inbox.mbox#2"))
        let piped = try CLIRunner().run(["classify", "-"], stdin: Data(Self.reply.utf8))
        #expect(piped.status == 0)
        #expect(piped.stdout.hasPrefix("-: reply"))
        #expect(piped.stdout.contains("new text: Thursday works for me."))
    }
}
