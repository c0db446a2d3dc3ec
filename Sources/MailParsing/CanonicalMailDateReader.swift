/// Reads the form RFC 5322 prescribes and nearly every mailer writes — `[Thu, ]27 Nov 2026 10:20[:30] +0100`,
/// optionally followed by a comment such as `(UTC)` — straight from the bytes.
///
/// It accepts only what `MailDateReader` reads to the same fields (three-letter weekday and month names, a four-digit
/// year, a numeric zone) and returns nil for anything else, so the general reader decides.
enum CanonicalMailDateReader {
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> MailDateFields? {
        var cursor = Cursor(bytes: bytes)
        cursor.skipSpaces()
        if let first = cursor.peek, isLetter(first) {
            guard cursor.letters(3).map(isWeekday) == true else { return nil }
            if cursor.peek == UInt8(ascii: ",") { cursor.index += 1 }
            guard cursor.skipSpaces() else { return nil }
        }
        guard let day = cursor.number(digits: 1...2), cursor.skipSpaces(),
              let monthName = cursor.letters(3), let month = monthNumber(monthName), cursor.skipSpaces(),
              let year = cursor.number(digits: 4...4), cursor.skipSpaces(),
              let hour = cursor.number(digits: 1...2), cursor.take(UInt8(ascii: ":")),
              let minute = cursor.number(digits: 2...2) else { return nil }
        var second = 0
        if cursor.take(UInt8(ascii: ":")) {
            guard let value = cursor.number(digits: 2...2) else { return nil }
            second = value
        }
        guard cursor.skipSpaces(), let sign = cursor.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else {
            return nil
        }
        cursor.index += 1
        guard let zone = cursor.number(digits: 4...4), zone / 100 <= 18, zone % 100 < 60 else { return nil }
        // Nothing may follow but spaces and one plain comment.
        cursor.skipSpaces()
        if cursor.take(UInt8(ascii: "(")) {
            while let byte = cursor.peek, byte != UInt8(ascii: ")") {
                guard byte != UInt8(ascii: "(") else { return nil }
                cursor.index += 1
            }
            guard cursor.take(UInt8(ascii: ")")) else { return nil }
            cursor.skipSpaces()
        }
        guard cursor.peek == nil else { return nil }
        let offset = (zone / 100) * 3600 + (zone % 100) * 60
        var fields = MailDateFields(year: year, month: month, day: day)
        (fields.hour, fields.minute, fields.second) = (hour, minute, second)
        fields.zoneOffset = sign == UInt8(ascii: "-") ? -offset : offset
        return fields
    }

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        /// Skips spaces and tabs; whether there were any.
        @discardableResult
        mutating func skipSpaces() -> Bool {
            let start = index
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            return index > start
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        /// A run of exactly `digits.count`-in-range digits, not followed by another digit.
        mutating func number(digits: ClosedRange<Int>) -> Int? {
            var value = 0, count = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                guard count < digits.upperBound else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
                count += 1
                index += 1
            }
            return digits.contains(count) ? value : nil
        }

        /// Exactly `count` ASCII letters, lowercased and packed into an integer, not followed by another letter.
        mutating func letters(_ count: Int) -> UInt32? {
            var packed: UInt32 = 0
            for _ in 0..<count {
                guard let byte = peek, isLetter(byte) else { return nil }
                packed = packed << 8 | UInt32(byte | 0x20)
                index += 1
            }
            if let byte = peek, isLetter(byte) { return nil }
            return packed
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
    }

    private static func packed(_ name: StaticString) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<name.utf8CodeUnitCount { value = value << 8 | UInt32(name.utf8Start[offset]) }
        return value
    }

    private static let weekdays: [UInt32] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map(packed)
    private static let months: [UInt32] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                           "dec"].map(packed)

    private static func isWeekday(_ name: UInt32) -> Bool { weekdays.contains(name) }

    private static func monthNumber(_ name: UInt32) -> Int? { months.firstIndex(of: name).map { $0 + 1 } }
}
