import MailParsing
import Testing
@testable import MailClassification

/// Unknown-user wording whose meaning depends on who said it, at which SMTP stage, or with which status.
@Suite struct ProviderReadingTests {
    let classifier = Classifier()

    func report(recipient: String, status: String, diagnostic: String, reportingMTA: String = "mx.seller.example",
                remoteMTA: String? = nil, notice: String = "Your message could not be delivered.",
                headers: [String] = []) -> Message {
        message([
            "From: Mail Delivery System <MAILER-DAEMON@mx.seller.example>", "To: sam@seller.example",
            "Subject: Delivery Status Notification (Failure)", "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"",
        ] + headers, """
        --r
        Content-Type: text/plain

        \(notice)

        --r
        Content-Type: message/delivery-status

        Reporting-MTA: dns; \(reportingMTA)

        Final-Recipient: rfc822; \(recipient)
        Action: failed
        Status: \(status)
        \(remoteMTA.map { "Remote-MTA: dns; \($0)\n" } ?? "")Diagnostic-Code: smtp; \(diagnostic)

        --r--
        """)
    }

    @Test func auAnswersAnUnknownMailboxWithTheAddressAndItsFilterWithout() {
        let unknown = classifier.classify(report(recipient: "kei@ezweb.ne.jp", status: "5.0.0",
                                                 diagnostic: "550 <kei@ezweb.ne.jp>: User unknown"))
        #expect(unknown.kind == .hardBounce)
        let filtered = classifier.classify(report(recipient: "kei@ezweb.ne.jp", status: "5.0.0",
                                                  diagnostic: "550 : User unknown"))
        #expect(filtered.kind == .softBounce)
        #expect(filtered.recipients.first?.reason == "filtered")
    }

    @Test func userUnknownWithNoSignOfTheStageIsNotCondemned() {
        let verdict = classifier.classify(report(recipient: "pat@client.example", status: "5.0.0",
                                                 diagnostic: "550 <pat@client.example>: User unknown"))
        #expect(verdict.kind == .softBounce)
        #expect(verdict.recipients.first?.reason == "filtered")
        let ownWording = classifier.classify(report(recipient: "pat@client.example", status: "5.0.0",
                                                    diagnostic: "Unknown user: pat@client.example"))
        #expect(ownWording.kind == .softBounce)
    }

    @Test func outlookComMailboxUnavailableIsAnUnknownUser() {
        let verdict = classifier.classify(report(recipient: "pat@hotmail.com", status: "5.5.0",
                                                 diagnostic: "550 Requested action not taken: mailbox unavailable (-1:2:-1)",
                                                 reportingMTA: "BAY0-MC1-F1.hotmail.com"))
        #expect(verdict.kind == .hardBounce)
        let elsewhere = classifier.classify(report(recipient: "pat@client.example", status: "5.5.0",
                                                   diagnostic: "550 Requested action not taken: mailbox unavailable"))
        #expect(elsewhere.kind == .softBounce)
    }

    @Test func exchangeOnlineEdgeBlockIsAnUnknownUserButAccessDeniedElsewhereIsPolicy() {
        let diagnostic = "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)"
        let edge = classifier.classify(report(recipient: "pat@client.example", status: "5.4.1", diagnostic: diagnostic,
                                              remoteMTA: "client-example.mail.protection.outlook.com"))
        #expect(edge.kind == .hardBounce)
        #expect(edge.reason == "userunknown")
        let other = classifier.classify(report(recipient: "pat@client.example", status: "5.4.1", diagnostic: diagnostic,
                                               remoteMTA: "mx.client.example"))
        #expect(other.kind == .softBounce)
        #expect(other.reason == "policyviolation")
    }

    @Test func sesInboundMailboxDoesNotExistIsAReceiptRule() {
        let verdict = classifier.classify(report(recipient: "pat@client.example", status: "5.1.1",
                                                 diagnostic: "550 5.1.1 Mailbox does not exist",
                                                 reportingMTA: "inbound-smtp.eu-west-1.amazonaws.com"))
        #expect(verdict.kind == .softBounce)
        #expect(verdict.reason == "filtered")
    }

    @Test func policyStatusWithUnknownUserWordsIsFilteredUnlessTheTranscriptShowsRCPT() {
        let diagnostic = "550 5.7.1 <pat@client.example>: Recipient address rejected: User unknown"
        let bare = classifier.classify(report(recipient: "pat@client.example", status: "5.7.1", diagnostic: diagnostic))
        #expect(bare.kind == .softBounce)
        let transcript = """
        ... while talking to mx.client.example.:
        >>> RCPT To:<pat@client.example>
        <<< 550 5.7.1 <pat@client.example>: Recipient address rejected: User unknown
        """
        let atRCPT = classifier.classify(report(recipient: "pat@client.example", status: "5.7.1", diagnostic: diagnostic,
                                                notice: transcript))
        #expect(atRCPT.kind == .hardBounce)
    }

    @Test func pipelinedTranscriptWithDataBeforeTheRefusalStillTrustsTheStatus() {
        let transcript = """
        ... while talking to mx.client.example.:
        >>> DATA
        <<< 550 5.1.1 <pat@client.example>... User Unknown
        <<< 503 5.0.0 Need RCPT (recipient)
        """
        let verdict = classifier.classify(report(recipient: "pat@client.example", status: "5.1.1",
                                                 diagnostic: "550 5.1.1 <pat@client.example>... User Unknown",
                                                 notice: transcript))
        #expect(verdict.kind == .hardBounce)
    }

    @Test func refusalBeforeANoValidRecipientsDataReplyAnsweredRCPT() {
        let pipelined = """
        ... while talking to mx.client.example.:
        >>> DATA
        <<< 550 5.5.0 Invalid recipient
        <<< 554 5.5.1 Error: no valid recipients
        """
        let verdict = classifier.classify(report(recipient: "pat@client.example", status: "5.5.0",
                                                 diagnostic: "550 5.5.0 Invalid recipient", notice: pipelined))
        #expect(verdict.kind == .hardBounce)
        let afterData = """
        ... while talking to mx.client.example.:
        >>> DATA
        <<< 550 5.5.0 Invalid recipient
        """
        let unsure = classifier.classify(report(recipient: "pat@client.example", status: "5.5.0",
                                                diagnostic: "550 5.5.0 Invalid recipient", notice: afterData))
        #expect(unsure.kind == .softBounce)
    }

    @Test func gatewaysThatReportOnlyRecipientRefusals() {
        let mcafee = classifier.classify(report(recipient: "pat@client.example", status: "5.0.0",
                                                diagnostic: "550 Unknown user pat@client.example",
                                                headers: ["X-NAI-Header: Modified by McAfee Email Gateway"]))
        #expect(mcafee.kind == .hardBounce)
        let messageLabs = classifier.classify(report(recipient: "pat@client.example", status: "5.0.0",
                                                     diagnostic: "542 pat@client.example Rejected",
                                                     reportingMTA: "server-7.bemta-3.messagelabs.com"))
        #expect(messageLabs.kind == .hardBounce)
        let elsewhere = classifier.classify(report(recipient: "pat@client.example", status: "5.0.0",
                                                   diagnostic: "542 pat@client.example Rejected"))
        #expect(elsewhere.kind == .softBounce)
    }

    @Test func aNoticeSayingTheMailboxIsFullOutranksUserUnknownFields() {
        let verdict = classifier.classify(report(recipient: "pat@client.example", status: "5.1.1",
                                                 diagnostic: "550 5.1.1 <pat@client.example>... User Unknown",
                                                 notice: "Your message to <pat> was automatically rejected:\nNot enough disk space"))
        #expect(verdict.kind == .softBounce)
        #expect(verdict.reason == "mailboxfull")
    }

    @Test func yahooQuotesTheAddressOnlyForARecipientRefusal() {
        let bounce = message([
            "From: MAILER-DAEMON@yahoo.com", "To: sam@seller.example", "Subject: Failure Notice",
        ], """
        Sorry, we were unable to deliver your message to the following address.

        <pat@client.example>:
        550: <pat@client.example>: User unknown

        --- Below this line is a copy of the message.

        Subject: hello
        """)
        let verdict = classifier.classify(bounce)
        #expect(verdict.kind == .hardBounce)
        #expect(verdict.contact == "pat@client.example")
    }
}

@Suite struct GatewayAndListNoticeTests {
    let classifier = Classifier()

    @Test func gatewayNoticeThatNamesNoReasonYieldsToTheReportItAttached() {
        let notice = message([
            "From: postmaster@gateway.seller.example", "To: sam@seller.example", "Subject: Mail could not be delivered",
            "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"g\"",
        ], """
        --g
        Content-Type: text/plain

        The following mail could not be delivered.
        Reason: Unable to deliver message to <pat@client.example>.

        --g
        Content-Type: message/rfc822

        From: sam@seller.example
        To: pat@client.example
        Subject: hello

        ----- The following addresses had permanent fatal errors -----
        <pat@client.example>

        ----- Transcript of session follows -----
        >>> RCPT To:<pat@client.example>
        <<< 550 5.1.1 <pat@client.example>... Invalid recipient
        --g--
        """)
        let verdict = classifier.classify(notice)
        #expect(verdict.kind == .hardBounce)
        #expect(verdict.contact == "pat@client.example")
    }

    @Test func mailingListRefusalIsASoftBounceNotAReply() {
        let refusal = message([
            "From: sales-list-admin@lists.client.example", "To: sam@seller.example",
            "Subject: You sam@seller.example are not member (sales-list ML)", "X-MLServer: fml [fml 4.0.3]",
            "References: <seq-step1-42@seller.example>",
        ], """
        You are not a member of this mailing list <sales-list@lists.client.example>.
        If you know the general guide of this list, please send mail with the body "guide".
        """)
        let verdict = classifier.classify(refusal)
        #expect(verdict.kind == .softBounce)
        #expect(verdict.reason == "rejected")
        #expect(verdict.contact == "sales-list@lists.client.example")
    }

    @Test func aMemberQuestionOnAListIsStillAReply() {
        let question = message([
            "From: Pat Client <pat@client.example>", "To: sam@seller.example", "Subject: Re: hello",
            "List-Id: <team.client.example>", "In-Reply-To: <seq-step1-42@seller.example>",
        ], "Are you not a member of this list? I can add you.")
        #expect(classifier.classify(question).kind == .reply)
    }
}
