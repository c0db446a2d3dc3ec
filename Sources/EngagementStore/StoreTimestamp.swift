import Foundation

/// Dates in store files: ISO 8601 UTC with whole seconds (`2027-01-15T08:00:00Z`), formatted and parsed by hand
/// because the store reads and writes millions of them and Foundation's ISO 8601 coding is the slowest part of a
/// record. Other ISO 8601 forms (offsets, fractions) written by people are still accepted through Foundation.
public enum StoreTimestamp {
    public static func format(_ date: Date) -> String {
        String(unsafeUninitializedCapacity: length) { text in
            guard let base = text.baseAddress else { return 0 }
            write(date, to: base)
            return length
        }
    }

    /// How many bytes `write` writes.
    static let length = 20

    /// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z, in seconds since 1970.
    private static let earliest = -62_167_219_200.0
    private static let latest = 253_402_300_799.0

    /// The `length` bytes of `format(date)`, written at `text` without making a `String`.
    /// Dates outside years 0000–9999 (which no four-digit field can hold, and no mail or clock gives) are written as
    /// the nearest end of that range rather than trapping on a negative digit or an out-of-range conversion.
    static func write(_ date: Date, to text: UnsafeMutablePointer<UInt8>) {
        let interval = date.timeIntervalSince1970
        let seconds = interval.isNaN ? 0 : Int(min(max(interval.rounded(.down), earliest), latest))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        let hour = secondOfDay / 3600, minute = secondOfDay / 60 % 60, second = secondOfDay % 60
        // Digits with constant divisors, which the compiler turns into multiplications.
        var end = 0
        func put(_ byte: UInt8) { text[end] = byte; end += 1 }
        func digit(_ value: Int) { put(UInt8(48 + value % 10)) }
        func twoDigits(_ value: Int) { digit(value / 10); digit(value) }
        digit(year / 1000); digit(year / 100); twoDigits(year); put(45); twoDigits(month); put(45); twoDigits(day)
        put(84); twoDigits(hour); put(58); twoDigits(minute); put(58); twoDigits(second); put(90)
    }

    static func parse(_ text: String) -> Date? {
        if text.utf8.count == 20, let fast = text.utf8.withContiguousStorageIfAvailable(parseFixed) ?? nil { return fast }
        return try? Date(text, strategy: .iso8601)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` exactly; nil for anything else.
    static func parseFixed(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count == 20 else { return nil }
        func number(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for index in start..<(start + count) {
                let digit = Int(b[index]) - 48
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58, b[19] == 90,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    // Howard Hinnant's civil-calendar algorithms (proleptic Gregorian).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
