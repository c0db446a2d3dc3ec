import Foundation
import Testing
@testable import Engagement

private let t0 = Date(timeIntervalSince1970: 1_800_000_000)
private let email = "ada@acme.io"

private func event(_ kind: EngagementEventKind, _ offset: TimeInterval = 0) -> EngagementEvent {
    EngagementEvent(contact: email, kind: kind, at: t0.addingTimeInterval(offset), source: "test", evidence: ["why"])
}

private func imported() throws -> Contact {
    try EngagementRules.newContact(for: event(.imported(profile: ContactProfile(firstName: "Ada")))).get()
}

/// Drives a new contact through `kinds`, failing the test on any refusal.
private func contactAfter(_ kinds: [EngagementEventKind]) throws -> Contact {
    var contact = try imported()
    for (index, kind) in kinds.enumerated() {
        contact = try EngagementRules.apply(event(kind, TimeInterval(index + 1) * 60), to: contact).get()
    }
    return contact
}

private let working: [EngagementEventKind] = [.enrolled(sequence: "Q3"), .processed]

@Test func importedContactIsOpenAndNeverContacted() throws {
    let contact = try imported()
    #expect(contact.engagementStatus == .open)
    #expect(contact.recordStatus == .active)
    #expect(contact.firstWorking == nil)
    #expect(contact.history.count == 1)
}

@Test func reimportUpdatesFieldsButNeverStatus() throws {
    let before = try contactAfter(working)
    let after = try EngagementRules.apply(
        event(.imported(profile: ContactProfile(firstName: "Ada", company: "Acme", tags: ["vip"])), 999),
        to: before).get()
    #expect(after.engagementStatus == .working)
    #expect(after.company == "Acme")
    #expect(after.tags == ["vip"])
}

@Test(arguments: [
    ([], EngagementStatus.open),
    ([EngagementEventKind.enrolled(sequence: "A"), .processed, .replyDetected(messageID: "r1")], .responded),
    ([.enrolled(sequence: "A"), .processed, .completed], .unresponsive),
])
func enrollFromOpenRespondedUnresponsive(prefix: [EngagementEventKind], start: EngagementStatus) throws {
    let before = try contactAfter(prefix)
    #expect(before.engagementStatus == start)
    let after = try EngagementRules.apply(event(.enrolled(sequence: "B"), 9999), to: before).get()
    #expect(after.engagementStatus == .enrolled)
    #expect(after.sequence?.sequence == "B")
    #expect(after.sequence?.step == 0)
}

@Test func enrollRefusedForBadEmailDoNotContactAndWhileInSequence() throws {
    let bad = try contactAfter([.hardBounce(status: "5.1.1", diagnostic: "user unknown")])
    #expect(EngagementRules.apply(event(.enrolled(sequence: "A"), 999), to: bad)
        == .failure(.enrollBadEmail(email: email)))
    let dnc = try contactAfter([.optOut(via: .link)])
    #expect(EngagementRules.apply(event(.enrolled(sequence: "A"), 999), to: dnc)
        == .failure(.enrollDoNotContact(email: email)))
    let enrolled = try contactAfter([.enrolled(sequence: "A")])
    #expect(EngagementRules.apply(event(.enrolled(sequence: "B"), 999), to: enrolled)
        == .failure(.alreadyInSequence(email: email, sequence: "A", status: .enrolled)))
    let busy = try contactAfter(working)
    #expect(EngagementRules.apply(event(.enrolled(sequence: "B"), 999), to: busy)
        == .failure(.alreadyInSequence(email: email, sequence: "Q3", status: .working)))
}

@Test func processingMovesEnrolledToWorkingAndSetsFirstWorkingOnce() throws {
    let first = try contactAfter(working)
    #expect(first.engagementStatus == .working)
    #expect(first.sequence?.step == 1)
    let firstWorking = try #require(first.firstWorking)
    let again = try contactAfter(working + [.completed, .enrolled(sequence: "R"), .processed])
    #expect(again.engagementStatus == .working)
    #expect(again.firstWorking == firstWorking)
}

@Test func processingRefusedUnlessEnrolled() throws {
    let open = try imported()
    #expect(EngagementRules.apply(event(.processed, 5), to: open) == .failure(.notEnrolled(email: email, status: .open)))
}

@Test func advancingRefreshesWorkingWithStepTimeAndMessageID() throws {
    let contact = try contactAfter(working + [.advanced(step: 2, outboundMessageID: "m2@out")])
    #expect(contact.engagementStatus == .working)
    #expect(contact.sequence?.step == 2)
    #expect(contact.sequence?.lastOutboundMessageID == "m2@out")
    #expect(contact.sequence?.stepAt == t0.addingTimeInterval(180))
    #expect(EngagementRules.apply(event(.advanced(step: 1, outboundMessageID: nil), 999), to: contact)
        == .failure(.stepBackwards(email: email, current: 2, requested: 1)))
    #expect(EngagementRules.apply(event(.advanced(step: 0, outboundMessageID: nil), 999), to: contact)
        == .failure(.invalidStep(email: email, step: 0)))
    let enrolled = try contactAfter([.enrolled(sequence: "A")])
    #expect(EngagementRules.apply(event(.advanced(step: 2, outboundMessageID: nil), 999), to: enrolled)
        == .failure(.notWorking(email: email, status: .enrolled)))
}


@Test func completingEveryStepWithoutReplyIsUnresponsive() throws {
    let contact = try contactAfter(working + [.completed])
    #expect(contact.engagementStatus == .unresponsive)
    #expect(contact.sequence == nil)
    #expect(contact.lastSequence == "Q3")
    #expect(EngagementRules.apply(event(.completed, 999), to: try imported())
        == .failure(.notWorking(email: email, status: .open)))
}

@Test func replyWhileWorkingIsRespondedAndLeavesSequence() throws {
    let contact = try contactAfter(working + [.replyDetected(messageID: "r@in")])
    #expect(contact.engagementStatus == .responded)
    #expect(contact.sequence == nil)
}

@Test func replyAfterCompletingIsResponded() throws {
    #expect(try contactAfter(working + [.completed, .replyDetected(messageID: nil)]).engagementStatus == .responded)
}

@Test(arguments: [
    [EngagementEventKind](),
    [.enrolled(sequence: "A")],
    [.hardBounce(status: "5.1.1", diagnostic: nil)],
    [.optOut(via: .link)],
])
func replyInOtherStatusesIsRecordedWithoutChange(prefix: [EngagementEventKind]) throws {
    let before = try contactAfter(prefix)
    let after = try EngagementRules.apply(event(.replyDetected(messageID: "x"), 9999), to: before).get()
    #expect(after.engagementStatus == before.engagementStatus)
    #expect(after.history.count == before.history.count + 1)
    #expect(after.lastReplyAt != nil)
}

@Test(arguments: UnenrollChannel.allCases)
func unenrollFromEnrolledOrWorkingIsOpen(via: UnenrollChannel) throws {
    #expect(try contactAfter([.enrolled(sequence: "A"), .unenrolled(via: via)]).engagementStatus == .open)
    let contact = try contactAfter(working + [.unenrolled(via: via)])
    #expect(contact.engagementStatus == .open)
    #expect(contact.sequence == nil)
    #expect(contact.firstWorking != nil)
    #expect(EngagementRules.apply(event(.unenrolled(via: via), 9999), to: contact)
        == .failure(.notInSequence(email: email, status: .open)))
}

@Test(arguments: [
    [EngagementEventKind](), [.enrolled(sequence: "A")], [.enrolled(sequence: "A"), .processed],
    [.enrolled(sequence: "A"), .processed, .completed], [.enrolled(sequence: "A"), .processed, .replyDetected(messageID: nil)],
])
func hardBounceIsBadEmailAndBouncedFromAnyStatus(prefix: [EngagementEventKind]) throws {
    let contact = try contactAfter(prefix + [.hardBounce(status: "5.1.1", diagnostic: "550 user unknown")])
    #expect(contact.engagementStatus == .badEmail)
    #expect(contact.recordStatus == .bounced)
    #expect(contact.sequence == nil)
}

@Test func hardBounceKeepsDoNotContactButMarksRecordBounced() throws {
    let contact = try contactAfter([.optOut(via: .dncReply), .hardBounce(status: "5.1.1", diagnostic: nil)])
    #expect(contact.engagementStatus == .doNotContact)
    #expect(contact.recordStatus == .bounced)
}

@Test func softBounceCountsWithoutStatusChange() throws {
    let soft = EngagementEventKind.softBounce(status: "4.2.2", diagnostic: "mailbox full")
    let contact = try contactAfter(working + [soft, soft])
    #expect(contact.engagementStatus == .working)
    #expect(contact.softBounceCount == 2)
}

@Test func autoReplyIsRecordedWithReturnDateWithoutStatusChange() throws {
    let contact = try contactAfter(working + [.autoReply(returnDate: "2026-12-01", leftCompany: false)])
    #expect(contact.engagementStatus == .working)
    #expect(contact.lastAutoReply?.returnDate == "2026-12-01")
    let left = try contactAfter([.autoReply(returnDate: nil, leftCompany: true)])
    #expect(left.lastAutoReply?.leftCompany == true)
    #expect(left.engagementStatus == .open)
}

@Test(arguments: OptOutChannel.allCases)
func unsubscribeIsDoNotContactFromAnyStatusAndNeverLeftAutomatically(via: OptOutChannel) throws {
    for prefix: [EngagementEventKind] in [[], working, working + [.completed], [.hardBounce(status: nil, diagnostic: nil)]] {
        let contact = try contactAfter(prefix + [.optOut(via: via)])
        #expect(contact.engagementStatus == .doNotContact)
        #expect(contact.sequence == nil)
        // Nothing automatic moves it away again.
        for kind: EngagementEventKind in [.replyDetected(messageID: nil), .hardBounce(status: nil, diagnostic: nil),
                                          .softBounce(status: nil, diagnostic: nil),
                                          .autoReply(returnDate: nil, leftCompany: false)] {
            let after = try EngagementRules.apply(event(kind, 99_999), to: contact).get()
            #expect(after.engagementStatus == .doNotContact)
        }
        #expect(EngagementRules.apply(event(.unenrolled(via: .workflow), 99_999), to: contact)
            == .failure(.notInSequence(email: email, status: .doNotContact)))
    }
}

@Test(arguments: EngagementStatus.allCases)
func manualStatusChangeIsAlwaysRefusedWithTheProductReason(target: EngagementStatus) throws {
    let result = EngagementRules.apply(event(.statusChangeRequested(to: target), 5), to: try imported())
    #expect(result == .failure(.manualStatusChange(email: email, requested: target)))
    if case .failure(let refusal) = result {
        #expect(refusal.description.contains("system field"))
        #expect(refusal.description.contains("leadfwd sequence"))
    }
}

@Test func historyRecordsSourceEvidenceAndTransition() throws {
    let contact = try contactAfter(working)
    let last = try #require(contact.history.last)
    #expect(last.from == .enrolled && last.to == .working)
    #expect(last.event.source == "test" && last.event.evidence == ["why"])
}

@Test func unknownAddressOnlyImportCreatesAndBadSyntaxIsRefused() {
    let reply = EngagementEvent(contact: "x@y.io", kind: .replyDetected(messageID: nil), at: t0, source: "t")
    #expect(EngagementRules.newContact(for: reply) == .failure(.unknownContact(email: "x@y.io")))
    let bad = EngagementEvent(contact: "not-an-address", kind: .imported(profile: ContactProfile()), at: t0, source: "t")
    guard case .failure(.invalidAddress) = EngagementRules.newContact(for: bad) else {
        Issue.record("a bad address was accepted")
        return
    }
}
