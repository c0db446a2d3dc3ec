import MailParsing
import Testing
@testable import MailClassification

/// Hostile text must cost time linear in its size. Proved by counting the classifier's elementary steps (bytes
/// normalised, automaton transitions, lines examined) for inputs of size n and 8n, never by clocks.
@Suite struct LinearTimeTests {
    /// Every phrase of every table with its last letter changed: each one almost matches.
    static let nearMisses: String = {
        let tables: [[String]] = [
            QuoteMarkers.attributionVerbs.phrases, QuoteMarkers.attributionLeads.phrases,
            QuoteMarkers.markersAndSignatures.phrases, QuoteMarkers.headerNames.phrases, OptOutPhrases.requests.phrases,
            AutoReplyPhrases.subjectPrefixes.phrases, ReplyTextSigns.vocabulary.phrases,
            AutoReplyPhrases.leftCompany.phrases, AutoReplyPhrases.returnTriggers.phrases,
            BounceReasonPhrases.table.phrases, BounceMarkers.subjects.phrases, BounceMarkers.originalStarts.phrases,
            BounceMarkers.delayed.phrases, BounceMarkers.permanent.phrases, BounceFormat.fingerprintTable.phrases,
        ]
        // A near-miss that still holds a shorter opt-out clause would be a real request and end the scan early.
        return tables.joined().map { phrase in
            String(phrase.trimmingCharacters(in: .whitespaces).dropLast()) + "x"
        }.filter { !OptOutPhrases.requests.containsMatch(in: NormalizedText($0)) { !$0.value } }.joined(separator: ". ")
    }()

    static func block(_ size: Int, _ make: (Int) -> String) -> String {
        var text = ""
        var index = 0
        while text.utf8.count < size { text += make(index); index += 1 }
        return text
    }

    static func steps(_ message: String) -> Int {
        let counter = StepCounter()
        _ = Classifier().classify(MessageParser().parse(Array(message.utf8)), counter: counter)
        return counter.steps
    }

    static func reply(size: Int) -> String {
        let body = block(size) { index in
            // Near-misses on one line, attribution-like lines without a verb (an address that does not end the line, a
            // verb-less form one character off, a colon after a near-miss verb), quote- and header-looking lines.
            "\(nearMisses)\nOn Mon, 2 Mar 2026 at 09:\(index % 60) Sam <sam\(index)@seller.example> and\n"
                + "2026-03-03 9:14 GMX+01:00 Sam\nPosted by sam on 03/03/2026.\nSam via Seller wrotx:\nFrom x\nSent\n> q\n"
        }
        return "From: Pat <pat@client.example>\nSubject: Re: hello\nIn-Reply-To: <a@b>\n\n" + body
    }

    static func bounce(size: Int) -> String {
        let body = block(size) { index in
            "  user\(index)@client.example\n    \(nearMisses) 550 5.1.\(index % 9) rcpt\n"
        }
        return "From: Mail Delivery System <MAILER-DAEMON@mx.example>\nSubject: Undelivered Mail Returned to Sender\n\n" + body
    }

    /// A plain-text report followed by many short lines that hold none of the letters any marker of the original's
    /// start is searched by: a search for those letters that ran on past each line would read the rest every time.
    static func bounceWithBareLines(size: Int) -> String {
        let report = "This is the mail system at host mx.example.\n\n<bob@client.example>: host mx.client.example said: "
            + "550 5.1.1 User unknown\n\n"
        return "From: Mail Delivery System <MAILER-DAEMON@mx.example>\nSubject: Undelivered Mail Returned to Sender\n\n"
            + report + block(size) { index in "0000 \(index % 10) 2222 3333\nzzzz zzzz\n" }
    }

    static func html(size: Int) -> String {
        let body = block(size) { _ in
            "<div class=\"gmail_quotx\"><p>\(nearMisses)</p><blockquote type=\"citx\">&amp;&#12345;&bogus; <b>x</b></div>\n"
        }
        return "From: Pat <pat@client.example>\nSubject: Re: hi\nContent-Type: text/html\n\n" + body
    }

    static func autoReply(size: Int) -> String {
        let body = block(size) { index in
            "\(nearMisses) until \(index % 31). until December until 12/ bis zum 3. до \(index % 28) 12月\(index % 28)日に 月月日\n"
        }
        return "From: Pat <pat@client.example>\nSubject: Automatic reply: hi\nAuto-Submitted: auto-replied\n"
            + "Date: Tue, 1 Dec 2026 09:00:00 +0000\n\n" + body
    }

    @Test(arguments: ["reply", "bounce", "bounceWithBareLines", "html", "autoReply"])
    func workGrowsLinearly(shape: String) {
        let make: (Int) -> String
        switch shape {
        case "reply": make = Self.reply
        case "bounce": make = Self.bounce
        case "bounceWithBareLines": make = Self.bounceWithBareLines
        case "html": make = Self.html
        default: make = Self.autoReply
        }
        let small = Self.steps(make(40_000))
        let large = Self.steps(make(320_000))
        #expect(small > 40_000)             // the counter sees the work
        #expect(large <= small * 9)         // 8× the input costs at most ~8× the steps
        #expect(large >= small * 4)         // and does grow with it (no early exit hides the scan)
    }
}
