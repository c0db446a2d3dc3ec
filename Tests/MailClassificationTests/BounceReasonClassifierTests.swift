import Testing
@testable import MailClassification

@Suite struct BounceReasonClassifierTests {
    let classifier = BounceReasonClassifier()

    @Test(arguments: [
        ("550 5.1.1 <pat@example.com>: Recipient address rejected: User unknown in virtual mailbox table", "5.1.1",
         BounceReason.userunknown, true),
        ("450 4.1.1 <pat@example.com>: user unknown", "4.1.1", .userunknown, true),
        ("552 5.2.2 Mailbox full", "5.2.2", .mailboxfull, false),
        ("550 5.7.1 Message rejected as spam", "5.7.1", .spamdetected, false),
        ("554 5.7.1 <pat@example.com>: Recipient address rejected: Access denied", "5.7.1", .policyviolation, false),
        ("550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", "5.1.10",
         .userunknown, true),
        ("Host or domain name not found. Name service error for name=example.invalid", "5.4.4", .hostunknown, true),
        ("550 5.7.606 Access denied, banned sending IP [192.0.2.1]", "5.7.606", .blocked, false),
        ("421 4.7.0 Try again later, closing connection. (EHLO) rate limited", "4.7.0", .toomanyconn, false),
        ("550 Mailbox unavailable", "5.2.0", .filtered, false),
        ("550 Requested action not taken: mailbox unavailable (in reply to RCPT TO command)", "5.5.0", .userunknown, true),
        ("550 5.7.26 <pat@example.com>: Recipient address rejected: Multiple authentication checks failed", "5.7.26",
         .authfailure, false),
        ("550 5.1.1 <pat@example.com>... User unknown (in reply to end of DATA command)", "5.1.1", .filtered, false),
    ])
    func reasonAndHardness(diagnostic: String, status: String, reason: BounceReason, hard: Bool) {
        let decision = classifier.classify(diagnostic: diagnostic, status: status)
        #expect(decision.reason == reason)
        #expect(decision.hard == hard)
    }

    /// A phrase inside a longer phrase of another reason yields to it: "connection timed out" is a delivery that
    /// expired after the sender kept failing to connect, while "timed out" alone is a network error.
    @Test func theLongerPhraseDecides() {
        #expect(classifier.classify(diagnostic: "connect to mx.example.org[192.0.2.1]:25: Connection timed out",
                                    status: nil).reason == .expired)
        #expect(classifier.classify(diagnostic: "read timed out while talking to mx.example.org", status: nil).reason
                == .networkerror)
        #expect(classifier.classify(diagnostic: "554 5.7.1 Access denied by policy", status: "5.7.1").reason
                == .policyviolation)
    }

    /// Sisimai's `expired`: delivery gave up after failing to reach the server. A connection failure in a final or
    /// delayed report is that; a DNS failure stays a network error, and Postfix's "delivery temporarily suspended"
    /// note says nothing about a suspended account.
    @Test func connectionFailuresUntilTheQueueGaveUpAreExpired() {
        let refused = classifier.classify(
            diagnostic: "delivery temporarily suspended: connect to mx1.example.com[198.51.100.60]:25: Connection refused",
            status: "4.4.7", action: "failed")
        #expect(refused.reason == .expired)
        #expect(!refused.hard)
        #expect(classifier.classify(diagnostic: "unable to connect to remote server [192.0.2.1:25]: Operation timed out. I'm not going to try again; this message has been in the queue too long.",
                                    status: nil).reason == .expired)
        #expect(classifier.classify(diagnostic: "Deferred: Name server: example.co.jp.: host name lookup failure",
                                    status: "4.4.7").reason == .networkerror)
        #expect(classifier.classify(diagnostic: "Connection refused by mx.example.org", status: "5.0.0",
                                    action: "failed").reason == .networkerror)
        #expect(classifier.classify(diagnostic: "delivery temporarily suspended: host mx.example.net[203.0.113.1] refused to talk to me: 421 Service not available",
                                    status: "4.0.0").reason == .blocked)
    }

    /// Google Groups words its refusal in the sender's language, with no code: the group refused the post.
    @Test func googleGroupsRefusalIsRejectedInAnyLanguage() {
        let decision = classifier.classify(
            diagnostic: "Hallo pat@example.com, die Gruppe (vertrieb) ist möglicherweise nicht vorhanden oder Sie haben keine Berechtigung.",
            status: nil, action: "failed", origin: ReportOrigin(recipient: "vertrieb@googlegroups.com"), counter: nil)
        #expect(decision.reason == .rejected)
        #expect(!decision.hard)
        let elsewhere = classifier.classify(diagnostic: "Die Gruppe ist möglicherweise nicht vorhanden.", status: nil,
                                            action: "failed", origin: ReportOrigin(recipient: "vertrieb@example.com"),
                                            counter: nil)
        #expect(elsewhere.reason == .onhold)
    }

    /// X.1.6 and X.1.2 are more precise than the unknown-user words servers send with them; the address stays
    /// condemned either way.
    @Test func movedMailboxAndBadDomainStatusesRefineUnknownUser() {
        let moved = classifier.classify(diagnostic: "550 5.1.6 recipient no longer on server: pat@example.com",
                                        status: "5.1.6")
        #expect(moved.reason == .hasmoved)
        #expect(moved.hard)
        #expect(classifier.classify(diagnostic: "552 5.2.3 Message size exceeds fixed maximum message size (10485760)",
                                    status: "5.2.3").reason == .exceedlimit)
        #expect(classifier.classify(diagnostic: "552 5.3.4 Message size exceeds fixed maximum message size",
                                    status: "5.3.4").reason == .mesgtoobig)
        let domain = classifier.classify(diagnostic: "did not like our RCPT TO: 550 5.1.2 <pat@example.com>: user unknown",
                                         status: "5.1.2")
        #expect(domain.reason == .hostunknown)
        #expect(domain.hard)
    }

    @Test(arguments: [
        ("550 5.7.1 Connections not accepted from servers without a valid sender domain. Fix reverse DNS for 203.0.113.2",
         BounceReason.requireptr),
        ("451 4.7.650 The mail server [192.0.2.25] has been temporarily rate limited due to IP reputation.", .badreputation),
        ("550-5.7.1 This message is likely suspicious due to the very low reputation of the sending IP address. To best protect our users from spam, the message has been blocked.",
         .badreputation),
        ("550 Mailbox is frozen. See http://mail.example.ua/err/3/", .suspend),
        ("550-REJECTED - Blacklisted URL in message. (example.com) in [black]", .spamdetected),
        ("550-Please turn on SMTP Authentication in your mail client.", .securityerror),
        ("Error transferring to mx.example.org; Maximum hop count exceeded. Message probably in a routing loop.",
         .networkerror),
    ])
    func sendingSideReasons(diagnostic: String, reason: BounceReason) {
        let decision = classifier.classify(diagnostic: diagnostic, status: nil)
        #expect(decision.reason == reason, "\(decision.basis)")
        #expect(!decision.hard)
    }

    @Test func statusDecidesWhenTextIsSilent() {
        #expect(classifier.classify(diagnostic: "550 Requested action not taken", status: "4.4.1").reason == .expired)
        #expect(classifier.classify(diagnostic: "550 Requested action not taken", status: "5.1.1").reason == .userunknown)
        #expect(classifier.classify(diagnostic: nil, status: "4.4.7").reason == .expired)
    }

    @Test func delayedIsNeverHard() {
        let decision = classifier.classify(diagnostic: "user unknown", status: "4.1.1", action: "delayed")
        #expect(decision.hard == false)
    }

    /// "RCPT TO" in a summary of the original's envelope (Apache James' "Message details") is not a sign that the
    /// server refused at RCPT: "no such user" alone does not condemn the address there. The same words in a line
    /// that carries the refusal, or in a transcript, still do.
    @Test func envelopeSummaryIsNoRecipientStage() {
        let summary = """
            Error: Invalid user address
            550 - Requested action not taken: no such user here
            Message details:
              Subject: Proposal
              MAIL FROM: sales@seller.example
              RCPT TO: pat@client.example
              From: sales@seller.example
            """
        let summarised = classifier.classify(diagnostic: summary, status: nil, action: "failed")
        #expect(summarised.hard == false)
        #expect(summarised.reason == .filtered)

        let refusedAtRCPT = "MAIL FROM:<sales@seller.example> RCPT TO:<pat@client.example> 550 no such user here"
        #expect(classifier.classify(diagnostic: refusedAtRCPT, status: nil, action: "failed").reason == .userunknown)
        #expect(classifier.classify(diagnostic: refusedAtRCPT, status: nil, action: "failed").hard)

        let transcript = """
            >>> MAIL FROM:<sales@seller.example>
            <<< 250 2.1.0 Ok
            >>> RCPT TO:<pat@client.example>
            <<< 550 no such user here
            """
        #expect(classifier.classify(diagnostic: transcript, status: nil, action: "failed").hard)
    }

    /// A notice may read as a full mailbox when it names that reason, or no reason at all (a status it quotes may).
    @Test func noticeMayReadAsFullMailboxOnlyWithThoseWordsOrNoneKnown() {
        func mayRead(_ text: String) -> Bool { BounceReasonClassifier.mayReadMailboxFull(NormalizedText(text), counter: nil) }
        #expect(mayRead("552 5.2.2 Mailbox full"))
        #expect(mayRead("User unknown; besides, the mailbox is full"))
        #expect(mayRead("Mailbox not found or full"))
        #expect(mayRead("Your message could not be handed on"))
        #expect(!mayRead("550 5.1.1 User unknown"))
    }

    /// Texts without a word every phrase of a table holds are not scanned for that table: each phrase holds it, and
    /// a text that holds a phrase is found to hold the word.
    @Test func stagePhraseTablesAreLookedForOnlyWhereTheirWordsAre() {
        let tables: [(PhraseTable<Void>, [StaticString])] = [
            (BounceReasonClassifier.weakUnknownPhrases, ["rejected"]),
            (BounceReasonClassifier.dataPhaseMarkers, ["data"]),
            (BounceReasonClassifier.recipientPhaseMarkers, ["rcpt", "recipient", "couldn"]),
        ]
        for (table, words) in tables {
            for phrase in table.phrases {
                let text = NormalizedText("Delivery failed: " + phrase.uppercased() + ".")
                #expect(table.firstMatch(in: text) != nil, "\(phrase)")
                #expect(words.contains { text.holds($0) }, "\(phrase) holds none of the table's words")
            }
        }
        #expect(!NormalizedText("550 5.1.1 user unknown").holds("rejected"))
        #expect(NormalizedText("Address REJECTED").holds("rejected"))
        #expect(!NormalizedText("").holds("data"))
    }
}
