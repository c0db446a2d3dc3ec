import Foundation

/// A day of the proleptic Gregorian calendar in UTC, by arithmetic: Foundation's calendar takes tens of
/// thousands of instructions per question. Only days from 1600 to 9000 are read this way, where Foundation's
/// Gregorian calendar (Julian before 1582) agrees with it; other dates go to Foundation.
struct CivilDay {
    /// Days since 1970-01-01.
    let number: Int
    let year: Int, month: Int, day: Int

    /// The UTC day of `date`, when it falls in whole seconds between 1600 and 9000.
    init?(_ date: Date) {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, seconds == seconds.rounded(.down),
              seconds >= -11_676_096_000, seconds <= 221_845_392_000 else { return nil }
        let whole = Int(seconds)
        self.init(number: whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400)
    }

    /// The day `number` days after 1970-01-01 (Howard Hinnant's civil_from_days).
    init(number: Int) {
        self.number = number
        let shifted = number + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153  // March = 0
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// 1 = Sunday, as Foundation counts (1970-01-01 was a Thursday).
    var weekday: Int { ((number + 4) % 7 + 7) % 7 + 1 }

    /// Days since 1970-01-01 of a valid date (Howard Hinnant's days_from_civil).
    static func number(year: Int, month: Int, day: Int) -> Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int, of year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// "YYYY-MM-DD" for a year of at least four digits.
    static func isoText(year: Int, month: Int, day: Int) -> String {
        // Written as ten bytes for the years this type reads (no intermediate strings); others by padding.
        if (1_000...9_999).contains(year), (1...12).contains(month), (1...31).contains(day) {
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { text in
                let zero = UInt8(ascii: "0")
                text[0] = zero &+ UInt8(year / 1_000); text[1] = zero &+ UInt8(year / 100 % 10)
                text[2] = zero &+ UInt8(year / 10 % 10); text[3] = zero &+ UInt8(year % 10)
                text[4] = UInt8(ascii: "-")
                text[5] = zero &+ UInt8(month / 10); text[6] = zero &+ UInt8(month % 10)
                text[7] = UInt8(ascii: "-")
                text[8] = zero &+ UInt8(day / 10); text[9] = zero &+ UInt8(day % 10)
                return String(decoding: UnsafeBufferPointer(text), as: UTF8.self)
            }
        }
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
        }
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }
}
