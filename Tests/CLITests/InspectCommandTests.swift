import Foundation
import Testing
import TestSupport

@Suite struct InspectCommandTests {
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples/parser")

    static func sample(_ name: String) -> String { samples.appendingPathComponent(name).path }

    @Test func jsonShowsHeadersPartsBodiesAndDeliveryStatus() throws {
        let outcome = try CLIRunner().run(["inspect", "--format", "json", Self.sample("dsn-postfix-crlf.eml")])
        #expect(outcome.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(json["subject"] as? String == "Undelivered Mail Returned to Sender")
        #expect(json["message_id"] as? String == "dsn-1@mx.leadfwd.example")
        let autoHeaders = try #require(json["auto_reply_headers"] as? [[String: Any]])
        #expect(autoHeaders.contains { $0["name"] as? String == "Auto-Submitted" })
        let parts = try #require(json["parts"] as? [[String: Any]])
        #expect(parts.map { $0["content_type"] as? String } ==
                ["multipart/report", "text/plain", "message/delivery-status", "message/rfc822"])
        let reports = try #require(json["delivery_status_reports"] as? [[String: Any]])
        let recipients = try #require(reports.first?["recipients"] as? [[String: Any]])
        #expect(recipients.map { $0["status"] as? String } == ["5.1.1", "4.2.2"])
        let embedded = try #require(json["embedded_messages"] as? [[String: Any]])
        #expect(embedded.first?["message_id"] as? String == "outbound-77@leadfwd.example")
    }

    @Test func textFormIsReadable() throws {
        let outcome = try CLIRunner().run(["inspect", Self.sample("arf-abuse-complaint.eml")])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("Feedback-Type: abuse"))
        #expect(outcome.stdout.contains("1.2 message/feedback-report"))
        #expect(outcome.stdout.contains("Embedded message 1:"))
    }

    @Test func unreadableEmptyAndNonMailInputFailWithAClearMessage() throws {
        let directory = try TemporaryDirectory()
        let empty = directory.url.appendingPathComponent("empty.eml")
        try Data().write(to: empty)
        let binary = directory.url.appendingPathComponent("photo.jpg")
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00]).write(to: binary)
        let missing = directory.url.appendingPathComponent("missing.eml").path

        let outcome = try CLIRunner().run(["inspect", empty.path, binary.path, missing, Self.sample("korean-euckr-html.eml")])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("empty.eml: is empty"))
        #expect(outcome.stderr.contains("photo.jpg: is not an email message"))
        #expect(outcome.stderr.contains("missing.eml: no such file or directory"))
        // The readable message in the same run is still shown.
        #expect(outcome.stdout.contains("회신: 제안서"))
    }

    @Test func readsAMessageFromStandardInput() throws {
        let message = Data("From: a@example.com\nSubject: piped in\n\nhello\n".utf8)
        let outcome = try CLIRunner().run(["inspect", "--format", "json", "-"], stdin: message)
        #expect(outcome.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(json["source"] as? String == "-")
        #expect(json["subject"] as? String == "piped in")
        #expect(json["text_body"] as? String == "hello\n")
    }
}
