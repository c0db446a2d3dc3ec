import Foundation
import MailParsing
import Testing
@testable import MailClassification

/// Builds a message from header lines and a body, as it would arrive.
func message(_ headers: [String], _ body: String) -> Message {
    MessageParser().parse(Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8))
}

let originalWithFooter = """
From: Sam Seller <sam@seller.example>
To: Pat Client <pat@client.example>
Subject: Quick question
Message-ID: <seq-step1-42@seller.example>
List-Unsubscribe: <mailto:unsubscribe+42@seller.example>

Hi Pat, are you free for a call?
To stop receiving these emails, unsubscribe here.
"""

@Suite struct BounceClassificationTests {
    let classifier = Classifier()

    func dsn(_ recipients: String, text: String = "Delivery to some recipients failed.") -> Message {
        message([
            "From: Mail Delivery System <MAILER-DAEMON@mx.seller.example>", "To: sam@seller.example",
            "Subject: Undelivered Mail Returned to Sender", "Message-ID: <bounce-1@mx.seller.example>",
            "MIME-Version: 1.0", "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"",
        ], """
        --b
        Content-Type: text/plain

        \(text)

        --b
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.seller.example

        \(recipients)

        --b
        Content-Type: message/rfc822

        \(originalWithFooter)
        --b--
        """)
    }

    /// A local delivery program's failure (`Diagnostic-Code: X-Unix`) is the mailer's, unless its message says the
    /// mailbox is full.
    @Test func localDeliveryProgramFailureIsMailerErrorUnlessTheMailboxIsFull() {
        let full = classifier.classify(dsn("""
        Final-Recipient: rfc822; pat@client.example
        Action: delayed
        Status: 4.3.0
        Diagnostic-Code: X-Unix; Quota exceeded message delivery failed to /var/mail/box/p/pat/INBOX
        """))
        #expect(full.recipients.first?.reason == "mailboxfull")
        let pipe = classifier.classify(dsn("""
        Final-Recipient: rfc822; pat@client.example
        Action: failed
        Status: 5.3.0
        Diagnostic-Code: X-Unix; 77 (pipe to |/usr/local/bin/filter exited with status 77)
        """))
        #expect(pipe.recipients.first?.reason == "mailererror")
        #expect(pipe.kind == .softBounce)
    }

    @Test func multiRecipientReportWithOneHardAndOneSoft() {
        let verdict = classifier.classify(dsn("""
        Final-Recipient: rfc822; pat@client.example
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 <pat@client.example>: Recipient address rejected: User unknown (in reply to RCPT TO command)

        Final-Recipient: rfc822; lee@client.example
        Action: failed
        Status: 5.2.2
        Diagnostic-Code: smtp; 552 5.2.2 Mailbox full
        """))
        #expect(verdict.kind == .hardBounce)
        #expect(verdict.contact == "pat@client.example")
        #expect(verdict.recipients.map(\.address) == ["pat@client.example", "lee@client.example"])
        #expect(verdict.recipients.map(\.hard) == [true, false])
        #expect(verdict.recipients.map(\.reason) == ["userunknown", "mailboxfull"])
        #expect(verdict.originalMessageID == "seq-step1-42@seller.example")
        #expect(verdict.evidence.contains { $0.contains("Status: 5.1.1") })
    }

    @Test func spamBlockWithPermanentStatusIsSoft() {
        let verdict = classifier.classify(dsn("""
        Final-Recipient: rfc822; pat@client.example
        Action: failed
        Status: 5.7.1
        Diagnostic-Code: smtp; 550 5.7.1 Message rejected as spam by Content Filtering
        """))
        #expect(verdict.kind == .softBounce)
        #expect(verdict.recipients.first?.reason == "spamdetected")
    }

    @Test func delayedIsSoftAndDeliveredIsOther() {
        let delayed = classifier.classify(dsn("Final-Recipient: rfc822; pat@client.example\nAction: delayed\nStatus: 4.4.7"))
        #expect(delayed.kind == .softBounce)
        #expect(delayed.recipients.first?.action == "delayed")
        let delivered = classifier.classify(dsn("Final-Recipient: rfc822; pat@client.example\nAction: delivered\nStatus: 2.0.0"))
        #expect(delivered.kind == .other)
    }

    @Test func embeddedUnsubscribeFooterDoesNotMakeAnOptOut() {
        let verdict = classifier.classify(dsn("Final-Recipient: rfc822; pat@client.example\nAction: failed\nStatus: 5.1.1"))
        #expect(verdict.kind == .hardBounce)
    }

    @Test func plainTextBounceWithXFailedRecipients() {
        let verdict = classifier.classify(message([
            "From: Mail Delivery System <Mailer-Daemon@mx.seller.example>", "To: sam@seller.example",
            "Subject: Mail delivery failed: returning message to sender", "X-Failed-Recipients: pat@client.example",
        ], """
        This message was created automatically by mail delivery software.

        A message that you sent could not be delivered to one or more of its
        recipients. This is a permanent error. The following address(es) failed:

          pat@client.example
            host mx.client.example [192.0.2.1]
            SMTP error from remote mail server after RCPT TO:<pat@client.example>:
            550 5.1.1 User unknown

        ------ This is a copy of the message, including all the headers. ------

        \(originalWithFooter)
        """))
        #expect(verdict.kind == .hardBounce)
        #expect(verdict.contact == "pat@client.example")
        #expect(verdict.evidence.first?.contains("Exim") == true)
    }

    @Test func forwardedBounceIsABounce() {
        let bounce = """
        From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
        To: sam@seller.example
        Subject: Delivery Status Notification (Failure)

        Delivery to the following recipient failed permanently:

             pat@client.example

        Technical details of permanent failure:
        The email account that you tried to reach does not exist. 550 5.1.1 (in reply to RCPT TO command)
        """
        let verdict = classifier.classify(message([
            "From: Sam Seller <sam@seller.example>", "To: ops@seller.example", "Subject: Fwd: bounce",
            "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"m\"",
        ], "--m\r\nContent-Type: text/plain\r\n\r\nFYI\r\n--m\r\nContent-Type: message/rfc822\r\n\r\n\(bounce)\r\n--m--\r\n"))
        #expect(verdict.kind == .hardBounce)
        #expect(verdict.contact == "pat@client.example")
        #expect(verdict.evidence.first?.hasPrefix("forwarded bounce") == true)
    }

    @Test func personsMailWithAttachedMessageIsNotABounce() {
        let verdict = classifier.classify(message([
            "From: Pat Client <pat@client.example>", "To: sam@seller.example", "Subject: Re: Quick question",
            "In-Reply-To: <seq-step1-42@seller.example>", "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"m\"",
        ], "--m\r\nContent-Type: text/plain\r\n\r\nSee the mail below, it failed to reach Lee.\r\n--m\r\nContent-Type: message/rfc822\r\n\r\n\(originalWithFooter)\r\n--m--\r\n"))
        #expect(verdict.kind == .reply)
        #expect(verdict.contact == "pat@client.example")
    }

    @Test func spamComplaintIsAnOptOutForTheComplainant() {
        let verdict = classifier.classify(message([
            "From: abuse@isp.example", "To: fbl@seller.example", "Subject: Abuse report", "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=feedback-report; boundary=\"f\"",
        ], """
        --f
        Content-Type: text/plain

        This is an email abuse report.
        --f
        Content-Type: message/feedback-report

        Feedback-Type: abuse
        User-Agent: SomeGenerator/1.0
        Version: 1
        Original-Rcpt-To: pat@client.example

        --f
        Content-Type: message/rfc822

        \(originalWithFooter)
        --f--
        """))
        #expect(verdict.kind == .optOut)
        #expect(verdict.reason == "complaint")
        #expect(verdict.contact == "pat@client.example")
    }
}

@Suite struct AutoReplyClassificationTests {
    let classifier = Classifier()
    let base = ["From: Pat Client <pat@client.example>", "To: sam@seller.example",
                "Date: Tue, 01 Dec 2026 09:00:00 +0000", "In-Reply-To: <seq-step1-42@seller.example>"]

    @Test(arguments: [
        ["Auto-Submitted: auto-replied", "Subject: Re: Quick question"],
        ["X-Autoreply: yes", "Subject: Re: Quick question"],
        ["X-Autorespond: Out of office", "Subject: Re: Quick question"],
        ["Precedence: auto_reply", "Subject: Re: Quick question"],
        ["X-Apple-Action: vacation", "Subject: Re: Quick question"],
        ["X-Auto-Response-Suppress: All", "X-MS-Exchange-Inbox-Rules-Loop: pat@client.example", "Subject: Re: Quick question"],
        ["Subject: Automatic reply: Quick question"], ["Subject: Abwesenheitsnotiz: Quick question"],
        ["Subject: Réponse automatique : Quick question"], ["Subject: Respuesta automática: Quick question"],
        ["Subject: Automatisch antwoord: Quick question"], ["Subject: Resposta automática: Quick question"],
        ["Subject: Risposta automatica: Quick question"], ["Subject: Out of Office: Quick question"],
    ])
    func headerAndSubjectSignals(headers: [String]) {
        let verdict = classifier.classify(message(base + headers, "I am out of the office until December 14."))
        #expect(verdict.kind == .autoReply)
        #expect(verdict.contact == "pat@client.example")
        #expect(verdict.returnDate == "2026-12-14")
        #expect(!verdict.evidence.isEmpty)
    }

    @Test func suppressHeaderAloneIsNotAnAutoReply() {
        let verdict = classifier.classify(message(base + ["X-Auto-Response-Suppress: All", "Subject: Re: Quick question"],
                                                  "Yes, let's talk Thursday."))
        #expect(verdict.kind == .reply)
    }

    @Test func leftTheCompany() {
        let verdict = classifier.classify(message(base + ["Auto-Submitted: auto-replied", "Subject: Automatic reply"],
                                                  "Pat is no longer with Client Corp. This mailbox is no longer monitored."))
        #expect(verdict.kind == .autoReply)
        #expect(verdict.leftCompany)
        #expect(verdict.returnDate == nil)
    }

    /// Some responders send their note as a plain "Re:" with no automatic-reply header: the text alone tells it when
    /// it both states the absence or departure and says what templates say around one.
    @Test(arguments: [
        ("I am currently out of the office until December 14. For urgent matters please call +1 555 0100.", false),
        ("Ich bin derzeit nicht im Büro. In dringenden Fällen wenden Sie sich bitte an info@client.example.", false),
        ("Je suis absente du bureau jusqu'au 14 décembre. Pour toute urgence, contactez le standard.", false),
        ("I no longer work at Client Corp. Please contact sales@client.example instead.", true),
        ("This mailbox is no longer monitored. Please direct your enquiries to info@client.example.", true),
    ])
    func textAloneTellsAnAutomaticNote(text: String, left: Bool) {
        let verdict = classifier.classify(message(base + ["Subject: Re: Quick question"], text))
        #expect(verdict.kind == .autoReply, "\(text)")
        #expect(verdict.leftCompany == left)
        #expect(verdict.contact == "pat@client.example")
    }

    /// A person's reply that mentions a holiday or a change is a reply.
    @Test(arguments: [
        "Thanks for your email! I'm on vacation until Monday but I'd love to chat next week.",
        "I'm out of the office this week. For urgent matters, can we talk Tuesday?",
        "We no longer work with agencies, so this isn't for us.",
        "I am on leave until the 14th, please contact me then and we'll set up a demo. I mean it, this looks great and "
            + "our whole team has been asking for something like this for months, so let's definitely talk when I'm back "
            + "in the office. " + String(repeating: "More detail on what we need from the tool follows here. ", count: 14),
    ])
    func personMentioningAnAbsenceStillReplies(text: String) {
        #expect(classifier.classify(message(base + ["Subject: Re: Quick question"], text)).kind == .reply, "\(text)")
    }

    @Test func outOfOfficeSayingDoNotContactUntilIsNotAnOptOut() {
        let verdict = classifier.classify(message(base + ["Auto-Submitted: auto-replied", "Subject: Out of office"],
                                                  "Please do not contact me until 14 December, I am on leave."))
        #expect(verdict.kind == .autoReply)
    }
}

@Suite struct ReplyClassificationTests {
    let classifier = Classifier()
    let base = ["From: Pat Client <pat@client.example>", "To: Sam <sam@seller.example>", "Subject: Re: Quick question",
                "Message-ID: <r1@client.example>", "In-Reply-To: <seq-step1-42@seller.example>",
                "References: <seq-step0-41@seller.example> <seq-step1-42@seller.example>"]

    @Test func replyCarriesThreadingAndNewText() {
        let verdict = classifier.classify(message(base, "Thursday works.\n\nOn Mon, Nov 30, 2026 at 9:00 AM Sam <sam@seller.example> wrote:\n> " + originalWithFooter.replacingOccurrences(of: "\n", with: "\n> ")))
        #expect(verdict.kind == .reply)
        #expect(verdict.replyText == "Thursday works.")
        #expect(verdict.inReplyTo == "seq-step1-42@seller.example")
        #expect(verdict.references == ["seq-step0-41@seller.example", "seq-step1-42@seller.example"])
        #expect(verdict.messageID == "r1@client.example")
        #expect(verdict.contact == "pat@client.example")
    }

    @Test func optOutInNewTextWinsButQuotedFooterDoesNot() {
        let quoted = "\n\nOn Mon, Nov 30, 2026 at 9:00 AM Sam <sam@seller.example> wrote:\n> To stop receiving these emails, unsubscribe here.\n"
        #expect(classifier.classify(message(base, "Please remove me from your list." + quoted)).kind == .optOut)
        #expect(classifier.classify(message(base, "Not interested right now, maybe next quarter." + quoted)).kind == .reply)
    }

    @Test func htmlOnlyReply() {
        let verdict = classifier.classify(message(base + ["MIME-Version: 1.0", "Content-Type: text/html; charset=utf-8"],
            "<div>Sounds good &mdash; call me.</div><div class=\"gmail_quote\">On Mon Sam wrote:<blockquote>unsubscribe</blockquote></div>"))
        #expect(verdict.kind == .reply)
        #expect(verdict.replyText == "Sounds good — call me.")
    }

    @Test func mailToListUnsubscribeMailboxIsAnOptOut() {
        let verdict = classifier.classify(message(["From: pat@client.example", "To: unsubscribe+42@seller.example",
                                                   "Subject: unsubscribe"], "This message was sent to unsubscribe."))
        #expect(verdict.kind == .optOut)
        #expect(verdict.reason == "list-unsubscribe")  // the worker records it as the opt-out link, not a written request
        #expect(verdict.contact == "pat@client.example")
        let configured = Classifier(unsubscribeMailboxes: ["leave@seller.example"])
        #expect(configured.classify(message(["From: pat@client.example", "To: leave@seller.example", "Subject: x"], "")).kind == .optOut)
    }

    @Test func readReceiptsAndNewslettersAreOther() {
        let receipt = classifier.classify(message(["From: pat@client.example", "Subject: Read: Quick question"], "Your message was read."))
        #expect(receipt.kind == .other)
        let newsletter = classifier.classify(message(["From: news@vendor.example", "Subject: Our November news",
                                                      "List-Unsubscribe: <mailto:u@vendor.example>", "Precedence: bulk"],
                                                     "Big news this month."))
        #expect(newsletter.kind == .other)
    }
}

@Suite struct SESNotificationTests {
    @Test func wrappedSNSBounceNotification() {
        let inner = #"{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bouncedRecipients":[{"emailAddress":"pat@client.example","action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown (in reply to RCPT TO)"}]}}"#
        let escaped = inner.replacingOccurrences(of: "\"", with: "\\\"")
        let body = "{\n  \"Type\" : \"Notification\",\n  \"Message\" : \"\(escaped.prefix(60))\n\(escaped.dropFirst(60))\"\n}\n"
        let verdict = Classifier().classify(message(["From: AWS <no-reply@sns.amazonaws.com>", "Subject: AWS Notification Message"], body))
        #expect(verdict.kind == .hardBounce)
        #expect(verdict.contact == "pat@client.example")
    }
}

@Suite struct BounceDetectionTests {
    @Test func noReplySenderIsABounceOnlyWhenTheTextSaysDeliveryFailed() {
        let bounce = Classifier().classify(message(["From: no-reply@mail.isp.example", "Subject: メールエラー通知"], """
        Your mail sent on: Mon, 30 Nov 2026 09:00:00 +0900
             Could not be delivered to: <pat@client.example>
             As their mailbox is full.
        """))
        #expect(bounce.kind == .softBounce)
        #expect(bounce.contact == "pat@client.example")
        #expect(bounce.recipients.first?.reason == "mailboxfull")
        let notice = Classifier().classify(message(["From: no-reply@shop.example", "Subject: Your order"],
                                                   "Your order has been delayed by a day. Sorry!"))
        #expect(notice.kind != .softBounce && notice.kind != .hardBounce)
    }
}
