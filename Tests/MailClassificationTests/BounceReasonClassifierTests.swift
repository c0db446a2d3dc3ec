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

    @Test func statusDecidesWhenTextIsSilent() {
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
}
