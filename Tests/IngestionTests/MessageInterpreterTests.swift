import Engagement
import Foundation
import MailClassification
import MailParsing
import Testing
import TestSupport
@testable import Ingestion

/// Matching verdicts to contacts, against a real store holding contacts and their outbound Message-IDs.
@Suite struct MessageInterpreterTests {
    let fixture: WorkerFixture
    let directory: StoreContactDirectory
    let origin = MessageOrigin.imap(mailbox: "sales", uidValidity: 9, uid: 77)
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    init() throws {
        fixture = try WorkerFixture(contacts: ["ann@acme.test", "bob@bolt.test"])
        directory = StoreContactDirectory(store: try fixture.store())
    }

    private func interpret(_ verdict: Verdict, _ raw: String = "From: x@y.test\r\n\r\nbody\r\n") -> MessageInterpretation {
        MessageInterpreter().interpret(verdict, message: MessageParser().parse(Array(raw.utf8)), origin: origin,
                                       receivedAt: now, directory: directory)
    }

    @Test func multiRecipientBounceGivesHardAndSoftEvents() {
        var verdict = Verdict(kind: .hardBounce, messageID: "dsn1@mx.test")
        verdict.recipients = [
            BouncedRecipient(address: "Ann@Acme.test", status: "5.1.1", action: "failed", hard: true,
                             reason: "userunknown", diagnostic: "550 5.1.1 no such user"),
            BouncedRecipient(address: "bob@bolt.test", status: "4.2.2", action: "failed", hard: false,
                             reason: "mailboxfull", diagnostic: nil),
        ]
        let result = interpret(verdict)
        #expect(result.events.map(\.contact) == ["ann@acme.test", "bob@bolt.test"])
        #expect(result.events[0].kind == .hardBounce(status: "5.1.1", diagnostic: "550 5.1.1 no such user"))
        #expect(result.events[1].kind == .softBounce(status: "4.2.2", diagnostic: "mailboxfull"))
        #expect(result.events[0].idempotencyKey == "message-id <dsn1@mx.test> ann@acme.test hard-bounce")
        #expect(result.events[0].source == "mailbox sales uid 77")
        #expect(result.unmatched == nil)
    }

    @Test func bounceForAnAliasReachesTheContactTheOriginalWentTo() {
        var verdict = Verdict(kind: .hardBounce, messageID: "dsn2@mx.test",
                              originalMessageID: InboundMail.outboundID("bob@bolt.test"))
        verdict.recipients = [BouncedRecipient(address: "robert.b@old-domain.test", status: "5.1.1", action: "failed",
                                               hard: true, reason: "userunknown", diagnostic: nil)]
        let result = interpret(verdict)
        #expect(result.events.map(\.contact) == ["bob@bolt.test"])
        #expect(result.events.first?.evidence.last?.contains("embedded original Message-ID") == true)
    }

    @Test func replyFromAnAssistantMatchesThroughReferencesNewestFirst() {
        var verdict = Verdict(kind: .reply, contact: "pa@acme.test", messageID: "r9@acme.test",
                              from: "pa@acme.test")
        verdict.references = [InboundMail.outboundID("bob@bolt.test"), InboundMail.outboundID("ann@acme.test")]
        let result = interpret(verdict)
        #expect(result.events.map(\.contact) == ["ann@acme.test"])
        #expect(result.events.first?.kind == .replyDetected(messageID: "r9@acme.test"))
    }

    @Test func replyWithoutThreadFallsBackToReplyToThenFrom() {
        let verdict = Verdict(kind: .reply, contact: "noreply@acme.test", from: "noreply@acme.test")
        let raw = "From: noreply@acme.test\r\nReply-To: Ann <ann@acme.test>\r\n\r\nYes please.\r\n"
        let result = interpret(verdict, raw)
        #expect(result.events.map(\.contact) == ["ann@acme.test"])
        // No Message-ID: the key falls back to the mailbox, UIDVALIDITY and UID.
        #expect(result.events.first?.idempotencyKey == "mailbox sales uidvalidity 9 uid 77 ann@acme.test reply")
    }

    @Test func nobodyKnownIsUnmatchedWithWhatWasTried() {
        var verdict = Verdict(kind: .optOut, contact: "who@else.test", messageID: "o1@else.test", from: "who@else.test")
        verdict.inReplyTo = "unknown-outbound@mail.test"
        let result = interpret(verdict)
        #expect(result.events.isEmpty)
        let unmatched = result.unmatched
        #expect(unmatched?.tried == ["<unknown-outbound@mail.test>", "who@else.test", "x@y.test"])
        #expect(unmatched?.reason == "no contact matches <unknown-outbound@mail.test>, who@else.test, x@y.test")
        #expect(unmatched?.key == "message-id <o1@else.test> unmatched")
    }

    @Test func otherIsCountedNotRecordedAndFutureDatesAreNotBelieved() {
        #expect(interpret(Verdict(kind: .other)).events.isEmpty)
        #expect(interpret(Verdict(kind: .other)).unmatched == nil)
        let future = Verdict(kind: .autoReply, contact: "ann@acme.test", date: now.addingTimeInterval(86_400 * 365),
                             returnDate: "2026-12-07")
        let event = interpret(future).events.first
        #expect(event?.at == now)
        #expect(event?.kind == .autoReply(returnDate: "2026-12-07", leftCompany: false))
    }

    @Test func optOutChannelReadsTheReasonInAnyCase() {
        func channel(_ reason: String?) -> EngagementEventKind? {
            interpret(Verdict(kind: .optOut, reason: reason, contact: "ann@acme.test")).events.first?.kind
        }
        #expect(channel("Spam COMPLAINT via provider") == .optOut(via: .spamComplaint))
        #expect(channel("reported as Abuse") == .optOut(via: .spamComplaint))
        #expect(channel("List-Unsubscribe") == .optOut(via: .link))
        #expect(channel("list-unsubscribe mailbox") == .optOut(via: .dncReply))
        #expect(channel("asked to be removed") == .optOut(via: .dncReply))
        #expect(channel(nil) == .optOut(via: .dncReply))
        // Beyond ASCII, Unicode lower-casing decides, as it always did.
        #expect(channel("Plainte (complaint) reçue") == .optOut(via: .spamComplaint))
        #expect(channel("désinscription") == .optOut(via: .dncReply))
    }
}
