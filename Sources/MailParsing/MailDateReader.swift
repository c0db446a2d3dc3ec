/// Assigns date tokens to fields: the first pass recognises times, zones and numeric dates by their shape, the rest
/// by position relative to the month name (day before it in RFC 5322, after it in asctime).
struct MailDateReader {
    private let tokens: [MailDateToken]
    private var index = 0
    private var year: Int?
    private var month: Int?
    private var day: Int?
    private var time: (hour: Int, minute: Int, second: Int)?
    private var zoneOffset: Int?
    /// The zone so far is a UTC name (`GMT`), which `GMT+0100` refines with a numeric offset.
    private var zoneIsUTCName = false
    private var pendingNumbers: [(value: Int, digits: Int)] = []
    private var afternoon: Bool?

    init(tokens: [MailDateToken]) {
        self.tokens = tokens
    }

    mutating func read() -> MailDateFields? {
        while index < tokens.count {
            let token = tokens[index]
            switch token {
            case .number(let value, let digits):
                if readTime() || readNumericDate() { continue }
                takeNumber(value: value, digits: digits)
                index += 1
            case .word(let word):
                readWord(word)
                index += 1
            case .plus, .minus:
                if !readNumericZone() { index += 1 }
            case .colon, .dot, .slash:
                index += 1
            }
        }
        return fields()
    }

    // MARK: - Shapes

    /// `H:MM[:SS[.frac]]`, also `H.MM.SS` once the date is known (`Thu, 27 Nov 2026 10.20.30`).
    private mutating func readTime() -> Bool {
        guard time == nil, case .number(let hour, let hourDigits)? = token(at: index), hourDigits <= 2 else { return false }
        let separator = token(at: index + 1)
        let dottedTimeAllowed = month != nil && day != nil
        guard separator == .colon || (separator == .dot && dottedTimeAllowed),
              case .number(let minute, 2)? = token(at: index + 2) else { return false }
        var second = 0
        var next = index + 3
        if token(at: next) == separator, case .number(let value, 2)? = token(at: next + 1) {
            second = value
            next += 2
            // Fractional seconds.
            if token(at: next) == .dot, case .number? = token(at: next + 1) { next += 2 }
        } else if separator == .dot {
            return false
        }
        time = (hour, minute, second)
        index = next
        return true
    }

    /// `2026-11-27`, `2026/11/27`, `27.11.2026`, `27-11-2026`, and with slashes the US order `11/27/2026` unless
    /// the first number cannot be a month.
    private mutating func readNumericDate() -> Bool {
        guard month == nil, case .number(let first, let firstDigits)? = token(at: index),
              let separator = token(at: index + 1), [.minus, .dot, .slash].contains(separator),
              case .number(let second, let secondDigits)? = token(at: index + 2), secondDigits <= 2,
              token(at: index + 3) == separator,
              case .number(let third, let thirdDigits)? = token(at: index + 4)
        else { return false }
        if firstDigits == 4, thirdDigits <= 2 {
            (year, month, day) = (first, second, third)
        } else if firstDigits <= 2, thirdDigits == 4 || thirdDigits == 2 {
            let fullYear = Self.expandYear(third, digits: thirdDigits)
            if separator == .slash, first <= 12 {
                (year, month, day) = (fullYear, first, second)
            } else {
                (year, month, day) = (fullYear, second, first)
            }
        } else {
            return false
        }
        index += 5
        return true
    }

    /// `+0100`, `-0500`, `+01:00`, `+01`, once the time is known (before it, a minus only separates `27-Nov-2026`).
    private mutating func readNumericZone() -> Bool {
        guard time != nil, zoneOffset == nil || zoneIsUTCName, let sign = token(at: index),
              case .number(let value, let digits)? = token(at: index + 1) else { return false }
        let direction = sign == .minus ? -1 : 1
        var hours = 0, minutes = 0
        var next = index + 2
        switch digits {
        case 4:
            (hours, minutes) = (value / 100, value % 100)
        case 1, 2:
            hours = value
            if token(at: next) == .colon, case .number(let mins, 2)? = token(at: next + 1) {
                minutes = mins
                next += 2
            }
        default:
            return false
        }
        guard hours <= 18, minutes < 60 else { return false }
        zoneOffset = direction * (hours * 3600 + minutes * 60)
        zoneIsUTCName = false
        index = next
        return true
    }

    // MARK: - Words and loose numbers

    private mutating func readWord(_ word: String) {
        if let monthNumber = Self.month(named: word) {
            if month == nil {
                month = monthNumber
                // RFC 5322: the day came first (`27 Nov`).
                if let pending = pendingNumbers.last, pending.digits <= 2 {
                    day = pending.value
                    pendingNumbers.removeLast()
                }
            }
            return
        }
        if word == "am" || word == "pm" {
            afternoon = word == "pm"
            return
        }
        if zoneOffset == nil, let offset = Self.namedZones[word] {
            zoneOffset = offset
            zoneIsUTCName = offset == 0
        }
    }

    private mutating func takeNumber(value: Int, digits: Int) {
        guard month != nil else {
            pendingNumbers.append((value, digits))
            return
        }
        if day == nil, digits <= 2 {
            day = value
        } else if year == nil, (2...4).contains(digits) {
            year = Self.expandYear(value, digits: digits)
        }
    }

    private func fields() -> MailDateFields? {
        var year = self.year
        // A year before the month (`2026 Nov 27`) lands in pendingNumbers.
        if year == nil, let first = pendingNumbers.first(where: { $0.digits == 4 }) { year = first.value }
        guard let year, let month, let day else { return nil }
        var fields = MailDateFields(year: year, month: month, day: day)
        if let time {
            var hour = time.hour
            if let afternoon, hour <= 12 {
                if afternoon && hour < 12 { hour += 12 }
                if !afternoon && hour == 12 { hour = 0 }
            }
            (fields.hour, fields.minute, fields.second) = (hour, time.minute, time.second)
        }
        fields.zoneOffset = zoneOffset ?? 0
        return fields
    }

    private func token(at position: Int) -> MailDateToken? {
        position < tokens.count ? tokens[position] : nil
    }

    // MARK: - Tables

    /// RFC 5322 §4.3: two-digit years below 50 are 20xx, others 19xx; three-digit years count from 1900.
    static func expandYear(_ value: Int, digits: Int) -> Int {
        switch digits {
        case 1, 2: return value < 50 ? 2000 + value : 1900 + value
        case 3: return 1900 + value
        default: return value
        }
    }

    /// Month names and their common prefixes (`nov`, `november`, `sept`).
    static func month(named word: String) -> Int? {
        guard word.utf8.count >= 3 else { return nil }
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"]
        for (offset, name) in names.enumerated() where name.hasPrefix(word) {
            return offset + 1
        }
        return nil
    }

    /// Zone abbreviations seen in mail, in seconds east of UTC. RFC 5322's military letters are deliberately
    /// absent: the RFC says their sign was specified backwards and they should be read as unknown (UTC).
    static let namedZones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "wet": 0, "bst": 3600, "ist": 19_800, "west": 3600,
        "edt": -4 * 3600, "est": -5 * 3600, "cdt": -5 * 3600, "cst": -6 * 3600,
        "mdt": -6 * 3600, "mst": -7 * 3600, "pdt": -7 * 3600, "pst": -8 * 3600,
        "akdt": -8 * 3600, "akst": -9 * 3600, "hst": -10 * 3600, "adt": -3 * 3600, "ast": -4 * 3600,
        "cet": 3600, "cest": 7200, "met": 3600, "mest": 7200, "eet": 7200, "eest": 3 * 3600, "msk": 3 * 3600,
        "jst": 9 * 3600, "kst": 9 * 3600, "hkt": 8 * 3600, "sgt": 8 * 3600, "awst": 8 * 3600,
        "acst": 34_200, "aest": 10 * 3600, "aedt": 11 * 3600, "nzst": 12 * 3600, "nzdt": 13 * 3600,
    ]
}
