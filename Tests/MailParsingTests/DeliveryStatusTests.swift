import Foundation
import Testing
@testable import MailParsing

@Suite struct DeliveryStatusTests {
    @Test func readsPerMessageFieldsAndEveryRecipientBlock() throws {
        let message = try ParserFixtures.message("dsn-postfix-crlf.eml")
        let report = try #require(message.deliveryStatusReports.first)
        #expect(report.reportingMTA == "mx.leadfwd.example")
        #expect(report.arrivalDate != nil)
        #expect(report.perMessageFields.map(\.name) == ["Reporting-MTA", "X-Postfix-Queue-ID", "Arrival-Date"])
        #expect(report.recipients.count == 2)

        let hard = report.recipients[0]
        #expect(hard.finalRecipient == "Nobody@Example.com")
        #expect(hard.originalRecipient == "nobody@example.com")
        #expect(hard.action == "failed")
        #expect(hard.status == "5.1.1")
        #expect(hard.remoteMTA == "mx.example.com")
        #expect(hard.diagnosticType == "smtp")
        #expect(hard.diagnosticCode ==
                "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in virtual mailbox table")
        #expect(hard.lastAttemptDate == MailDate.parse("Thu, 12 Mar 2026 10:00:05 +0000"))

        let soft = report.recipients[1]
        #expect(soft.finalRecipient == "busy@example.org")
        #expect(soft.action == "delayed")
        #expect(soft.status == "4.2.2")
        #expect(soft.willRetryUntil != nil)
        #expect(soft.fields.last?.name == "X-Vendor-Queue")
    }

    @Test func normalisesStatusCodes() {
        #expect(DeliveryStatusValue.normalizedStatus("5.1.1") == "5.1.1")
        #expect(DeliveryStatusValue.normalizedStatus("550 5.1.10 mailbox does not exist") == "5.1.10")
        #expect(DeliveryStatusValue.normalizedStatus("5.01.001 (x)") == "5.1.1")
        #expect(DeliveryStatusValue.normalizedStatus("4.2.2 (mailbox full)") == "4.2.2")
        #expect(DeliveryStatusValue.normalizedStatus("failed") == "failed")
        #expect(DeliveryStatusValue.normalizedStatus("192.0.2.1") == "192.0.2.1")
    }

    @Test func readsGlobalDeliveryStatusWithUTF8Addresses() throws {
        let report = try #require(try ParserFixtures.message("dsn-global-utf8.eml").deliveryStatusReports.first)
        #expect(report.recipients.count == 1)
        #expect(report.recipients.first?.finalRecipient == "田中@example.jp")
        #expect(report.recipients.first?.originalRecipient == "田中@example.jp")
        #expect(report.recipients.first?.status == "5.1.1")
    }

    @Test func toleratesBlankLineQuirksAndFieldsBeforeTheRecipient() {
        let body = Array("""


            Reporting-MTA: dns; a.example

            Action: failed
            Final-Recipient: rfc822; one@example.com
            Status: 5.1.1

            Diagnostic-Code: smtp; 550 no such user
            Final-Recipient: rfc822; two@example.com
            Action: failed
            Status: 5.2.2
            Final-Recipient: rfc822; three@example.com
            Status: 4.4.1


            Received: from pasted header block
            Subject: not part of the report
            """.utf8)
        let report = DeliveryStatusParser.parse(body)
        #expect(report?.reportingMTA == "a.example")
        #expect(report?.recipients.map(\.finalRecipient) == ["one@example.com", "two@example.com", "three@example.com"])
        #expect(report?.recipients.first?.action == "failed")
        #expect(report?.recipients.first?.diagnosticCode == "550 no such user")
        #expect(report?.recipients.last?.fields.count == 2)
    }

    @Test func findsAStatusBlockMislabelledAsTextPlain() {
        let message = ParserFixtures.parse("""
            Content-Type: multipart/report; report-type=delivery-status; boundary=r

            --r
            Content-Type: text/plain

            Delivery failed.
            --r
            Content-Type: text/plain

            Reporting-MTA: dns; mx.example
            Final-Recipient: rfc822; gone@example.com
            Action: failed
            Status: 5.1.1
            --r--
            """)
        #expect(message.deliveryStatusReports.first?.fromMislabeledPart == true)
        #expect(message.deliveryStatusReports.first?.recipients.first?.finalRecipient == "gone@example.com")
        #expect(message.textBody?.contains("Delivery failed.") == true)
    }

    @Test func plainTextMentioningStatusFieldsIsNotAReport() {
        let message = ParserFixtures.parse("""
            Subject: question
            Content-Type: text/plain

            Final-Recipient: is a DSN field. Status: is another one.
            """)
        #expect(message.deliveryStatusReports.isEmpty)
    }

    @Test func readsFeedbackReports() throws {
        let message = try ParserFixtures.message("arf-abuse-complaint.eml")
        let report = try #require(message.feedbackReports.first)
        #expect(report.feedbackType == "abuse")
        #expect(report.userAgent == "ExampleFBL/1.0")
        #expect(report.originalMailFrom == "bounces@leadfwd.example")
        #expect(report.originalRcptTo == ["complainer@example.net", "second@example.net"])
        #expect(report.arrivalDate != nil)
        #expect(report.reportedDomain == "leadfwd.example")
        #expect(report.sourceIP == "192.0.2.10")
        #expect(message.embeddedMessages.first?.messageID == "outbound-88@leadfwd.example")
    }

    @Test func readsAReportPastedIntoAPlainTextBody() {
        let message = ParserFixtures.parse("""
            Subject: Fwd: bounce
            Content-Type: text/plain

            Please look at the bounce below.
            -------------
            From: MAILER-DAEMON@mx.example
            Subject: Undelivered Mail
            Content-Type: multipart/report; report-type=delivery-status; boundary="pasted"

            \(pastedStatusParts)
            """)
        #expect(message.embeddedMessages.first?.deliveryStatusReports.first?.recipients.first?.finalRecipient
                == "pasted@example.com")
        #expect(message.warnings.map(\.code) == ["inline-forwarded-report"])
    }

    @Test func aPastedReportIsFoundByItsOwnContentTypeLineOnly() {
        // "multipart/report" in prose, in a URL, after other text on a line, or cut off at the end of the text does
        // not start the pasted message; the line that does may be in any case, with blanks before its value.
        let message = ParserFixtures.parse("""
            Subject: Fwd: bounce
            Content-Type: text/plain

            The relay sent a multipart/report, see https://example.com/multipart/report/1 for the format.
            Note: Content-Type: multipart/report; is not where it starts.
            From: MAILER-DAEMON@mx.example
            CONTENT-TYPE:	  Multipart/Report; report-type=delivery-status; boundary="pasted"

            \(pastedStatusParts)
            Content-Type: multipart/rep
            """)
        let embedded = message.embeddedMessages.first
        #expect(embedded?.headers.value("From") == "MAILER-DAEMON@mx.example")
        #expect(embedded?.deliveryStatusReports.first?.recipients.first?.finalRecipient == "pasted@example.com")
        #expect(message.warnings.map(\.code) == ["inline-forwarded-report"])
    }
}

/// The parts of the report pasted in the tests above, after its header block.
private let pastedStatusParts = """
    --pasted
    Content-Type: message/delivery-status

    Final-Recipient: rfc822; pasted@example.com
    Action: failed
    Status: 5.1.1
    --pasted--
    """
