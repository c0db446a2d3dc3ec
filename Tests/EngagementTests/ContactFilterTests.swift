import Foundation
import Testing
@testable import Engagement

private let t0 = Date(timeIntervalSince1970: 1_800_000_000)

private func make(_ email: String, _ kinds: [EngagementEventKind]) throws -> Contact {
    var contact = try EngagementRules.newContact(for: EngagementEvent(
        contact: email, kind: .imported(profile: ContactProfile(tags: ["t-" + email.prefix(1)])), at: t0,
        source: "test")).get()
    for kind in kinds {
        contact = try EngagementRules.apply(EngagementEvent(contact: email, kind: kind, at: t0, source: "t"), to: contact).get()
    }
    return contact
}

@Test func statusConditionsEqualsNotEqualsAnyOf() throws {
    let open = try make("a@x.io", [])
    let working = try make("b@x.io", [.enrolled(sequence: "S"), .processed])
    let dnc = try make("c@x.io", [.optOut(via: .link)])
    let all = [open, working, dnc]
    func emails(_ filter: ContactFilter) -> [String] { all.filter(filter.matches).map(\.email) }
    #expect(emails(ContactFilter(engagementStatus: [.equals(.working)])) == ["b@x.io"])
    #expect(emails(ContactFilter(engagementStatus: [.notEquals(.working)])) == ["a@x.io", "c@x.io"])
    #expect(emails(ContactFilter(engagementStatus: [.anyOf([.open, .doNotContact])])) == ["a@x.io", "c@x.io"])
    #expect(emails(ContactFilter(recordStatus: [.unsubscribed])) == ["c@x.io"])
    #expect(emails(ContactFilter(tags: ["t-a"])) == ["a@x.io"])
    #expect(emails(ContactFilter(sequence: "S")) == ["b@x.io"])
    #expect(emails(ContactFilter(emails: ["  C@X.IO "])) == ["c@x.io"])
    #expect(emails(.everyone).count == 3)
}

@Test func emailProfileShowsOnlyTheFirstFifty() throws {
    let contacts = try (0..<60).map { try make("p\($0)@x.io", []) }
    let (shown, omitted) = BulkAction.emailProfiles(of: contacts)
    #expect(shown.count == 50 && omitted == 10)
    #expect(shown.first?.email == "p0@x.io")
}

@Test func bulkActionsProduceOneEventPerContact() throws {
    let contacts = try (0..<3).map { try make("b\($0)@x.io", []) }
    let events = BulkAction.addToSegment("EMEA").events(for: contacts, at: t0, source: "cli")
    #expect(events.map(\.contact) == ["b0@x.io", "b1@x.io", "b2@x.io"])
    #expect(events.allSatisfy { $0.kind == .segmentAdded(segment: "EMEA") })
    #expect(BulkAction.validateEmailAddress.events(for: contacts, at: t0, source: "cli").isEmpty)
}

@Test(arguments: [
    ("ann@acme.io", true), ("ANN@Acme.IO", true), ("josé@bücher.de", true), ("a.b+tag@sub.acme.co.uk", true),
    ("ann", false), ("ann@", false), ("@acme.io", false), ("a@@acme.io", false), ("a..b@acme.io", false),
    ("ann@acme", false), ("ann@-acme.io", false), ("ann@acme..io", false), ("a b@acme.io", false),
    ("ann@example.com", false), ("ann@host.invalid", false), ("ann@1.2.3.4", false),
])
func validationIsSyntaxPlusDNSLessDomainCheck(address: String, valid: Bool) {
    let result = EmailValidation(address: EmailAddress.normalize(address))
    #expect((result.verdict == .valid) == valid, "\(address): \(result.reason ?? "valid")")
    #expect(EmailValidation.limitations.contains("Not checked"))
}
