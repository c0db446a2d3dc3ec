import Foundation

/// Realistic inbound messages of each kind the worker acts on, as CRLF bytes.
enum InboundMail {
    static let ourAddress = "sales@leadfwd.test"
    static let date = "Fri, 27 Nov 2026 09:15:00 +0000"

    static let people = ["ann@acme.test", "bob@bolt.test", "cyd@corp.test", "dee@delta.test"]

    /// Six messages: assistant reply (matched by In-Reply-To), hard bounce, opt-out, out-of-office, a reply from
    /// a stranger (unmatched), a newsletter (other).
    static func sampleInbox() -> [[UInt8]] {
        [
            // Ann's assistant answers for her: matched through In-Reply-To, not the sender.
            reply(from: "Assistant <pa@acme.test>", inReplyTo: outboundID("ann@acme.test"), id: "r1@acme.test"),
            hardBounce(recipient: "bob@bolt.test", originalID: outboundID("bob@bolt.test"), id: "b1@mx.leadfwd.test"),
            optOut(from: "Cyd <cyd@corp.test>", inReplyTo: outboundID("cyd@corp.test"), id: "o1@corp.test"),
            outOfOffice(from: "Dee <dee@delta.test>", inReplyTo: outboundID("dee@delta.test"), id: "a1@delta.test"),
            reply(from: "Stranger <who@unknown.test>", id: "r2@unknown.test"),
            newsletter(id: "n1@digest.example.org"),
        ]
    }

    /// The Message-ID of the step-1 email our sequence sent to `contact`.
    static func outboundID(_ contact: String) -> String {
        "step1.\(contact.replacingOccurrences(of: "@", with: "."))@mail.leadfwd.test"
    }

    static func reply(from: String, inReplyTo: String? = nil, id: String,
                      text: String = "Sounds good, let's talk on Tuesday at 10.") -> [UInt8] {
        var headers = [
            "From: \(from)", "To: \(ourAddress)", "Subject: Re: Quick question about your pipeline",
            "Date: \(date)", "Message-ID: <\(id)>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
        ]
        if let inReplyTo { headers += ["In-Reply-To: <\(inReplyTo)>", "References: <\(inReplyTo)>"] }
        return build(headers, body: """
            Hi,

            \(text)

            Best,
            Sam

            On Thu, 26 Nov 2026 at 14:02, Dana from Leadfwd <\(ourAddress)> wrote:
            > Hi Sam, would a 15-minute call next week make sense?
            > To stop receiving these emails, reply unsubscribe.
            """)
    }

    static func optOut(from: String, inReplyTo: String, id: String) -> [UInt8] {
        reply(from: from, inReplyTo: inReplyTo, id: id,
              text: "Please remove me from your mailing list and do not contact me again.")
    }

    static func outOfOffice(from: String, inReplyTo: String, id: String) -> [UInt8] {
        build([
            "From: \(from)", "To: \(ourAddress)", "Subject: Automatic reply: Quick question about your pipeline",
            "Date: \(date)", "Message-ID: <\(id)>", "In-Reply-To: <\(inReplyTo)>", "Auto-Submitted: auto-replied",
            "X-Autoreply: yes", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
        ], body: """
            Thank you for your message. I am out of the office until 7 December 2026 with limited access to email.
            I will reply when I am back.
            """)
    }

    /// An RFC 3464 bounce for `recipient`, carrying the headers of our original email.
    static func hardBounce(recipient: String, originalID: String, id: String) -> [UInt8] {
        let boundary = "dsn-" + id.filter { $0.isLetter || $0.isNumber }
        return build([
            "From: Mail Delivery System <MAILER-DAEMON@mx.leadfwd.test>", "To: \(ourAddress)",
            "Subject: Undelivered Mail Returned to Sender", "Date: \(date)", "Message-ID: <\(id)>",
            "Auto-Submitted: auto-replied", "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"\(boundary)\"",
        ], body: """
            --\(boundary)
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host mx.leadfwd.test.

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients.

            <\(recipient)>: host mx.example.net[203.0.113.5] said: 550 5.1.1
                <\(recipient)>: Recipient address rejected: User unknown in virtual mailbox table

            --\(boundary)
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.leadfwd.test
            Arrival-Date: \(date)

            Final-Recipient: rfc822; \(recipient)
            Original-Recipient: rfc822;\(recipient)
            Action: failed
            Status: 5.1.1
            Remote-MTA: dns; mx.example.net
            Diagnostic-Code: smtp; 550 5.1.1 <\(recipient)>: Recipient address rejected: User unknown in virtual mailbox table

            --\(boundary)
            Content-Type: text/rfc822-headers

            From: Dana from Leadfwd <\(ourAddress)>
            To: \(recipient)
            Subject: Quick question about your pipeline
            Message-ID: <\(originalID)>
            Date: Thu, 26 Nov 2026 14:02:00 +0000

            --\(boundary)--
            """)
    }

    static func newsletter(id: String) -> [UInt8] {
        build([
            "From: Weekly Digest <news@digest.example.org>", "To: \(ourAddress)", "Subject: This week in sales tooling",
            "Date: \(date)", "Message-ID: <\(id)>", "List-Id: <digest.example.org>", "Precedence: bulk",
            "List-Unsubscribe: <https://digest.example.org/u/123>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ], body: "Ten articles you may have missed this week.\n")
    }

    private static func build(_ headers: [String], body: String) -> [UInt8] {
        let text = headers.joined(separator: "\r\n") + "\r\n\r\n"
            + body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
        return Array(text.utf8)
    }
}
