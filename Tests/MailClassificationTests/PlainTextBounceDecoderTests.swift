import Testing
@testable import MailClassification

@Suite struct PlainTextBounceDecoderTests {
    let decoder = PlainTextBounceDecoder()

    @Test func eximStyleReportGivesRecipientAndReason() {
        let text = """
        This message was created automatically by mail delivery software.

        A message that you sent could not be delivered to one or more of its
        recipients. This is a permanent error. The following address(es) failed:

          pat@client.example
            SMTP error from remote mail server after RCPT TO:<pat@client.example>:
            host mx.client.example [192.0.2.7]: 550 5.1.1 <pat@client.example>: User unknown

        ------ This is a copy of the message, including all the headers. ------

        From: sam@seller.example
        To: pat@client.example
        Reply to stop: unsubscribe@seller.example
        """
        let recipients = decoder.decode(.init(text: text, excluded: ["sam@seller.example"]), counter: nil)
        #expect(recipients.map(\.address) == ["pat@client.example"])
        #expect(recipients.first?.reason == "userunknown")
        #expect(recipients.first?.hard == true)
        #expect(recipients.first?.status == "5.1.1")
    }

    @Test func qmailStyleReportWithTwoRecipients() {
        let text = """
        Hi. This is the qmail-send program at mail.relay.example.
        I'm afraid I wasn't able to deliver your message to the following addresses.

        <pat@client.example>:
        192.0.2.9 does not like recipient.
        Remote host said: 552 5.2.2 Mailbox full
        <lee@client.example>:
        192.0.2.9 does not like recipient.
        Remote host said: 550 5.1.1 No such user

        --- Below this line is a copy of the message.

        From: Sam <sam@seller.example>
        """
        let recipients = decoder.decode(.init(text: text, excluded: []), counter: nil)
        #expect(recipients.map(\.address) == ["pat@client.example", "lee@client.example"])
        #expect(recipients.map(\.hard) == [false, true])
        #expect(recipients.map(\.reason) == ["mailboxfull", "userunknown"])
    }

    @Test func senderAddressInMailFromIsNotARecipient() {
        let text = "SMTP error from remote mail server after MAIL FROM:<sam@seller.example>:\n550 5.7.1 Sender rejected\n"
        let recipients = decoder.decode(.init(text: text, excluded: [], failedRecipientsHeader: ["pat@client.example"]),
                                        counter: nil)
        #expect(recipients.map(\.address) == ["pat@client.example"])
        #expect(recipients.first?.hard == false)
    }

    @Test func statusScannerFindsEnhancedAndBasicCodes() {
        #expect(StatusScanner.firstStatus(in: "host said: 550 5.1.1 user unknown") == "5.1.1")
        #expect(StatusScanner.firstStatus(in: "host 192.0.2.1 said: 421 try later") == "4.0.0")
        #expect(StatusScanner.firstStatus(in: "nothing here 2026") == nil)
    }
}
