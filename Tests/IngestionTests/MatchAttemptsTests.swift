import Testing
@testable import Ingestion

/// The sentence an unmatched record gives a person about what matching tried.
@Suite struct MatchAttemptsTests {
    @Test func attemptsAreSortedAsWrittenAndListedOnce() {
        let attempts = MatchAttempts(originalMessageID: "orig@mx.test", inReplyTo: "", references: ["a@r.test", "orig@mx.test"],
                                     addresses: ["zed@z.test", "0day@d.test", "zed@z.test", "amy@a.test"])
        // `<` sorts after digits and before letters; the empty In-Reply-To is not an attempt.
        #expect(attempts.tried == ["0day@d.test", "<a@r.test>", "<orig@mx.test>", "amy@a.test", "zed@z.test"])
        #expect(attempts.reason(evidence: "DSN status 5.1.1")
                == "no contact matches 0day@d.test, <a@r.test>, <orig@mx.test>, amy@a.test, zed@z.test; DSN status 5.1.1")
    }

    @Test func nothingToTryIsSaidSo() {
        #expect(MatchAttempts().reason(evidence: nil) == "no address or Message-ID to match")
        #expect(MatchAttempts(inReplyTo: "").reason(evidence: "auto-submitted") 
                == "no address or Message-ID to match; auto-submitted")
    }

    /// An address is a prefix of a longer one; a bounce may fail on an empty address, which is still reported.
    @Test func prefixesAndEmptyAddressesSortLikeStrings() {
        let attempts = MatchAttempts(references: ["x@y.test"], addresses: ["ann@acme.test.uk", "", "ann@acme.test"])
        #expect(attempts.tried == ["", "<x@y.test>", "ann@acme.test", "ann@acme.test.uk"])
        #expect(attempts.reason(evidence: nil) == "no contact matches , <x@y.test>, ann@acme.test, ann@acme.test.uk")
    }

    /// Beyond ASCII the order is `String`'s, and canonically equal addresses are one attempt.
    @Test func nonASCIIAttemptsFollowStringOrder() {
        let composed = "jos\u{E9}@caf\u{E9}.test", decomposed = "jose\u{301}@cafe\u{301}.test"
        let attempts = MatchAttempts(inReplyTo: "\u{E9}t\u{E9}@mx.test", addresses: [composed, "zoe@z.test", decomposed])
        let expected = ["<\u{E9}t\u{E9}@mx.test>", composed, "zoe@z.test"].sorted()
        #expect(attempts.tried == expected)
        #expect(attempts.reason(evidence: nil) == "no contact matches " + expected.joined(separator: ", "))
    }
}

extension MatchAttemptsTests {
    /// A long References chain is sorted like a short one.
    @Test func manyReferencesSortLikeStrings() {
        let references = (0..<40).map { "ref\(($0 * 7) % 40)@mx.test" }
        let attempts = MatchAttempts(references: references, addresses: ["b@b.test", "a@a.test"])
        let expected = Set(references.map { "<\($0)>" } + ["b@b.test", "a@a.test"]).sorted()
        #expect(attempts.tried == expected)
    }
}
