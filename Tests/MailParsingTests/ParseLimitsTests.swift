import Testing
@testable import MailParsing

@Test func defaultLimitsAreBounded() {
    let limits = ParseLimits.default
    #expect(limits.maxDepth > 1 && limits.maxDepth <= 64)
    #expect(limits.maxMessageBytes >= 50 << 20)
}
