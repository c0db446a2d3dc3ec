import Foundation
import Testing
@testable import EngagementStore

@Test(arguments: [0.0, 951_782_400, 1_800_000_000, 4_102_444_799, -86_401, 1_709_164_800])
func storeTimestampsRoundTripAndMatchFoundation(seconds: Double) throws {
    let date = Date(timeIntervalSince1970: seconds)
    let text = StoreTimestamp.format(date)
    #expect(text == date.formatted(.iso8601))
    #expect(StoreTimestamp.parse(text) == date)
}

@Test func otherISOFormsStillParseAndJunkDoesNot() {
    #expect(StoreTimestamp.parse("2027-01-15T09:00:00+01:00") == Date(timeIntervalSince1970: 1_800_000_000))
    #expect(StoreTimestamp.parse("2027-13-15T08:00:00Z") == nil)
    #expect(StoreTimestamp.parse("yesterday") == nil)
}

/// A date no clock or mail gives (a hand-edited store, a far-off parse) is written at the end of the four-digit range
/// instead of stopping the process mid-write.
@Test func datesBeyondFourDigitYearsAreWrittenAtTheRangesEnds() {
    #expect(StoreTimestamp.format(Date(timeIntervalSince1970: -1e15)) == "0000-01-01T00:00:00Z")
    #expect(StoreTimestamp.format(Date(timeIntervalSince1970: 1e15)) == "9999-12-31T23:59:59Z")
    #expect(StoreTimestamp.format(Date(timeIntervalSince1970: .infinity)) == "9999-12-31T23:59:59Z")
    #expect(StoreTimestamp.format(Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00Z")
    #expect(StoreTimestamp.format(Date(timeIntervalSince1970: 253_402_300_799)) == "9999-12-31T23:59:59Z")
}
