import Testing
@testable import Engagement

@Test func sevenStatusesWithProductNames() {
    #expect(EngagementStatus.allCases.count == 7)
    #expect(EngagementStatus(rawValue: "Do Not Contact") == .doNotContact)
}
