import Foundation

/// Reads the dates mail carries (`Date:`, `Arrival-Date:`, `Last-Attempt-Date:`, `Received:` tails).
public enum MailDate {
    /// The instant a date header names, or nil when it names none.
    ///
    /// Accepts RFC 5322 (`Thu, 27 Nov 2026 10:20:30 +0100`) and what real senders write instead: no weekday, a
    /// two-digit year (< 50 → 20xx, else 19xx, RFC 5322 §4.3), a three-digit year (+1900), named zones (`UT`,
    /// `GMT`, `UTC`, `Z`, US zones such as `EST`/`PDT`, common European and Asian abbreviations), `+00:00` zones,
    /// a zone missing (read as UTC), a trailing comment (`+0000 (UTC)`), ISO 8601 (`2026-11-27T10:20:30Z`),
    /// asctime (`Thu Nov 27 10:20:30 2026`), `27-Nov-2026`, dots and extra spaces, single-digit days and hours,
    /// lowercase or full month names, missing seconds, fractional seconds, AM/PM.
    /// Parsed by hand in one pass over the bytes: no DateFormatter, no Calendar.
    public static func parse(_ value: String) -> Date? {
        var text = value
        if let canonical = text.withUTF8(CanonicalMailDateReader.read) { return canonical.date }
        return fieldsByTokens(value)?.date
    }

    /// `parse` for a value's UTF-8: the canonical form is read in place, with no string made.
    static func parse(utf8 value: UnsafeBufferPointer<UInt8>) -> Date? {
        if let canonical = CanonicalMailDateReader.read(value) { return canonical.date }
        return fieldsByTokens(String(decoding: value, as: UTF8.self))?.date
    }

    /// What `parse` reads, without the shortcut for the canonical form: every form, through the tokenizer.
    static func fieldsByTokens(_ value: String) -> MailDateFields? {
        var reader = MailDateReader(tokens: MailDateToken.tokenize(value))
        return reader.read()
    }
}

/// What a date string said, before it becomes an instant.
struct MailDateFields: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour = 0
    var minute = 0
    var second = 0
    /// Offset east of UTC, in seconds.
    var zoneOffset = 0

    var date: Date? {
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              (1000...9999).contains(year), abs(zoneOffset) <= 18 * 3600
        else { return nil }
        // A leap second is read as the last second of its minute.
        let seconds = Self.daysSinceEpoch(year: year, month: month, day: day) * 86_400
            + hour * 3600 + minute * 60 + min(second, 59) - zoneOffset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
