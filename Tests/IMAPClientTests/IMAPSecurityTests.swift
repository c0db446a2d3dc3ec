import Testing
@testable import IMAPClient

@Test func securityDefaultsAreNamed() { #expect(IMAPSecurity(rawValue: "starttls") == .startTLS) }
