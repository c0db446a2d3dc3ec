import Foundation
import Testing
@testable import MailParsing

/// 2026-11-27 10:20:30 UTC.
private let reference = Date(timeIntervalSince1970: 1_795_774_830)

@Test(arguments: [
    "Fri, 27 Nov 2026 10:20:30 +0000",
    "Fri, 27 Nov 2026 11:20:30 +0100",
    "Fri, 27 Nov 2026 05:20:30 -0500",
    "Fri, 27 Nov 2026 05:20:30 EST",
    "Fri, 27 Nov 2026 02:20:30 PST",
    "Fri, 27 Nov 2026 03:20:30 PDT",
    "Fri, 27 Nov 2026 10:20:30 UT",
    "Fri, 27 Nov 2026 10:20:30 GMT",
    "Fri, 27 Nov 2026 10:20:30 Z",
    "27 Nov 2026 10:20:30 +0000",
    "Fri, 27 Nov 26 10:20:30 +0000",
    "Fri, 27 Nov 2026 10:20:30",
    "Fri, 27 Nov 2026 10:20:30 +0000 (UTC)",
    "Fri,  27  Nov  2026  10:20:30  +0000",
    "Fri, 27 nov 2026 10:20:30 +0000",
    "Friday, 27 November 2026 10:20:30 +0000",
    "Fri, 27 Nov 2026 11:20:30 +01:00",
    "Fri, 27 Nov 2026 10.20.30 +0000",
    "Fri, 27. Nov. 2026 10:20:30 +0000",
    "27-Nov-2026 10:20:30 +0000",
    "Fri Nov 27 10:20:30 2026",
    "Fri Nov 27 10:20:30 UTC 2026",
    "2026-11-27T10:20:30Z",
    "2026-11-27T11:20:30+01:00",
    "2026-11-27 10:20:30.123 +0000",
    "Fri, 27 Nov 2026 10:20:30 AM +0000",
    "Fri, 27 Nov 2026 11:20:30 CET",
    "Fri, 27 Nov 2026 19:20:30 JST",
    "Fri, 27 Nov 2026 11:20:30 GMT+0100",
    "Fri, 27 Nov 2026 11:20:30 UTC+01:00",
    "Fri,27 Nov 2026 10:20:30 +0000 (Coordinated Universal Time)",
])
func parsesTheSameInstant(_ value: String) {
    #expect(MailDate.parse(value) == reference, "\(value)")
}

@Test func singleDigitDayAndHourAndMissingSeconds() {
    let expected = Date(timeIntervalSince1970: 1_794_992_700) // 2026-11-18 09:05:00 UTC
    #expect(MailDate.parse("Wed, 18 Nov 2026 9:05 +0000") == expected)
    #expect(MailDate.parse("18 Nov 2026 9:05:00 GMT") == expected)
    #expect(MailDate.parse("Wed, 18 Nov 2026 04:05 EST") == expected)
    #expect(MailDate.parse("Wed, 18 Nov 2026 9:05 PM +0000") == expected.addingTimeInterval(12 * 3600))
    #expect(MailDate.parse("Sun, 1 Mar 2026 00:00:00 +0000") == Date(timeIntervalSince1970: 1_772_323_200))
}

@Test func twoAndThreeDigitYears() {
    #expect(MailDate.parse("1 Jan 99 00:00:00 +0000") == Date(timeIntervalSince1970: 915_148_800))
    #expect(MailDate.parse("1 Jan 01 00:00:00 +0000") == Date(timeIntervalSince1970: 978_307_200))
    #expect(MailDate.parse("1 Jan 101 00:00:00 +0000") == Date(timeIntervalSince1970: 978_307_200))
}

@Test func leapDayAndNumericDates() {
    #expect(MailDate.parse("29 Feb 2028 12:00:00 +0000") == Date(timeIntervalSince1970: 1_835_438_400))
    #expect(MailDate.parse("29 Feb 2027 12:00:00 +0000") == nil)
    #expect(MailDate.parse("27.11.2026 10:20:30") == reference)
    #expect(MailDate.parse("11/27/2026 10:20:30") == reference)
    #expect(MailDate.parse("27/11/2026 10:20:30") == reference)
}

@Test(arguments: ["", "garbage", "Fri, 32 Nov 2026 10:20:30 +0000", "Fri, 27 Foo 2026 10:20:30", "27 Nov",
                  "Fri, 27 Nov 2026 25:20:30 +0000", "Fri, 27 Nov 2026 10:61:30 +0000", "12345",
                  "Fri, 27 Nov 99999999999999999999 10:20:30"])
func rejectsWhatIsNoDate(_ value: String) {
    #expect(MailDate.parse(value) == nil, "\(value)")
}

@Test func hugeJunkEndsQuickly() {
    let junk = String(repeating: "Nov 27 (((", count: 100_000)
    #expect(MailDate.parse(junk) == nil)
    #expect(MailDate.parse("Fri, 27 Nov 2026 10:20:30 +0000" + String(repeating: " x", count: 100_000)) == reference)
}
