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

    /// A session transcript counts only as lines that start as its commands and replies do: a refusal at RCPT TO
    /// settles unknown-user words, which with a policy status (5.7.1) would otherwise read as a filter's.
    @Test(arguments: [(true, "userunknown"), (false, "filtered")])
    func transcriptLinesSettleTheStageOnlyAtTheStartOfALine(atLineStart: Bool, reason: String) {
        let transcript = atLineStart ? ">>> RCPT To:<pat@client.example>\r\n   <<< 550 5.7.1 User unknown"
                                     : "quoted >>> RCPT To:<pat@client.example> <<< 550 5.7.1 User unknown"
        let text = "The following addresses had permanent fatal errors\r\n<pat@client.example>\r\n\r\n"
            + "   ----- Transcript of session follows -----\r\n" + transcript + "\r\n"
        let recipients = decoder.decode(.init(text: text, excluded: []), counter: nil)
        #expect(recipients.map(\.address) == ["pat@client.example"])
        #expect(recipients.first?.reason == reason)
    }

    /// The diagnostic shown for a recipient has its runs of spaces and tabs made one space, at most 500 bytes.
    @Test func diagnosticLinesCollapseSpacingWhereverItFalls() {
        #expect(PlainTextBounceDecoder.diagnosticLine("  550 5.1.1  <pat@client.example>:\t\tUser unknown  ")
                == "550 5.1.1 <pat@client.example>: User unknown")
        #expect(PlainTextBounceDecoder.diagnosticLine(" \t ") == nil)
        // Against a byte-by-byte reading, with the spacing at every offset of an eight-byte step.
        let pieces = ["host", " ", "  ", "\t", "mx.client.example", "said!", " !", "550", "ü", "5.2.2", "       "]
        for seed in 0..<300 {
            var region = ""
            var state = UInt64(seed) &* 6_364_136_223_846_793_005 &+ 1
            for _ in 0..<(seed % 90) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                region += pieces[Int(state >> 33) % pieces.count]
            }
            #expect(PlainTextBounceDecoder.diagnosticLine(region) == Self.collapsedByBytes(region), "\(region)")
        }
    }

    private static func collapsedByBytes(_ region: String) -> String? {
        var out: [UInt8] = []
        for byte in region.utf8 {
            if byte == 0x20 || byte == 0x09 {
                if let last = out.last, last != 0x20 { out.append(0x20) }
            } else {
                out.append(byte)
            }
            if out.count >= min(500, region.utf8.count) { break }
        }
        while out.last == 0x20 { out.removeLast() }
        return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }
}
