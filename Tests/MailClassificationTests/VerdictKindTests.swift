import Testing
@testable import MailClassification

@Test func verdictKindsUseTheLabelVocabulary() {
    #expect(VerdictKind.allCases.map(\.rawValue) == ["reply", "auto_reply", "hard_bounce", "soft_bounce", "opt_out", "other"])
}
