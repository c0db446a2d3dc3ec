import MailParsing
import Testing
@testable import MailClassification

/// Where the failed address sits when a report does not present it the usual way.
@Suite struct PlainTextRecipientTests {
    let classifier = Classifier()

    @Test func sendmailErrorLinesEachCarryTheirOwnReason() {
        let bounce = message([
            "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.seller.example>", "To: sam@seller.example",
            "Subject: Returned mail: User unknown",
        ], """
           ----- Transcript of session follows -----
        421 client.example (smtp)... Deferred: Connection reset by peer
        554 <pat@client.example>... Remote protocol error: Connection reset by peer
        550 other.example (smtp)... 550 Host unknown
        554 <lee@other.example>... 550 Host unknown (Authoritative answer from name server)

           ----- Unsent message follows -----
        From: sam@seller.example
        Subject: hello
        """)
        let verdict = classifier.classify(bounce)
        let byAddress = Dictionary(uniqueKeysWithValues: verdict.recipients.map { ($0.address, $0) })
        #expect(byAddress["pat@client.example"]?.hard == false)
        #expect(byAddress["lee@other.example"]?.reason == "hostunknown")
        #expect(byAddress["lee@other.example"]?.hard == true)
        #expect(verdict.kind == .hardBounce)
    }

    @Test func addresseeSummarisedBelowTheNoticeIsTheFailedRecipient() {
        let bounce = message([
            "From: post_master@vzwpix.com", "To: sam@seller.example", "Subject: Undeliverable Message",
        ], """
        Message could not be delivered to mobile.
        Error: No valid recipients for this MM

        Original Message:
        From: Sam <sam@seller.example>
        To: 5551234567@vzwpix.com
        Subject: hello
        """)
        let verdict = classifier.classify(bounce)
        #expect(verdict.contact == "5551234567@vzwpix.com")
        #expect(verdict.kind == .hardBounce)
    }

    @Test func reportThatNamesOnlyTheHostTakesTheMailboxFromItsNotice() {
        let bounce = message([
            "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.seller.example>", "To: sam@seller.example",
            "Subject: Returned mail: see transcript for details", "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"h\"",
        ], """
        --h

           ----- The following addresses had permanent fatal errors -----
        <pat@client.example>
            (reason: 550 Host unknown)

        --h
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.seller.example

        Final-Recipient: RFC822; @mx.client.example
        Action: failed
        Status: 5.1.2

        --h--
        """)
        let verdict = classifier.classify(bounce)
        #expect(verdict.contact == "pat@client.example")
        #expect(verdict.reason == "hostunknown")
    }
}
