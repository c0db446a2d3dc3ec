import Foundation

/// Reads the date an out-of-office note says the person is back ("until 12 December", "bis zum 07.12.",
/// "de retour le 3 janvier", "hasta el 5 de enero", …), resolved against the date of the message.
///
/// Dates in the past are ignored, and so are dates more than `horizonDays` after the message when the text names no
/// year (a day that has passed this year would otherwise read as next year's: a typo or an unrelated date), or more
/// than `statedYearHorizonDays` when it names one (a parental leave says "until 1 June 2027" and means it).
struct ReturnDateExtractor: Sendable {
    var horizonDays = 100
    var statedYearHorizonDays = 366

    struct DateParts: Equatable { var year: Int?; var month: Int; var day: Int }

    /// "YYYY-MM-DD", or nil when the text states no usable return date.
    func returnDate(in text: String, messageDate: Date?, counter: StepCounter? = nil) -> String? {
        // Read in place: native text holds its UTF-8 contiguously, so no copy of it is made.
        if let found = text.utf8.withContiguousStorageIfAvailable({
            returnDate(in: text, utf8: $0, messageDate: messageDate, counter: counter)
        }) {
            return found
        }
        return Array(text.utf8).withUnsafeBufferPointer { returnDate(in: text, utf8: $0, messageDate: messageDate, counter: counter) }
    }

    /// `returnDate(in:messageDate:counter:)` with the text's UTF-8 at hand.
    private func returnDate(in text: String, utf8 source: UnsafeBufferPointer<UInt8>, messageDate: Date?,
                            counter: StepCounter?) -> String? {
        let reference = messageDate ?? Date()
        var folded = OriginFold(source)
        counter?.add(folded.bytes.count)
        let triggers = AutoReplyPhrases.returnTriggers.matches(in: folded.bytes, counter: counter)
        // An English trigger ("until", "back", …) anywhere makes 3/12 read as March 12.
        let english = triggers.contains { $0.value }
        // Triggers that end together ("not before", "before") are followed by the same text: read it once.
        var readFrom: Int?
        for trigger in triggers.prefix(64) {
            guard let start = folded.origin(of: trigger.range.upperBound - 1, in: source, counter: counter),
                  start < source.count, start != readFrom else {
                continue
            }
            readFrom = start
            let window = Self.text(source, from: start, scalars: 60)
            counter?.add(60)
            let tokens = Self.tokens(window)
            if let parts = Self.parseDate(tokens, monthFirst: english), let date = resolve(parts, against: reference) {
                return date
            }
            if let weekday = Self.leadingWeekday(tokens), let date = resolve(weekday: weekday, against: reference) {
                return date
            }
        }
        // Chinese and Japanese write the date first and the word for "until" or "back" around it.
        if let parts = CJKReturnDate.parts(in: source, counter: counter), let date = resolve(parts, against: reference) {
            return date
        }
        return nil
    }

    /// The fold of a text (`NormalizedText(text).bytes`) and, for any folded byte, the offset in the text of the
    /// scalar it came from, as `NormalizedText(text, trackingOrigins: true)` gives them. ASCII text is folded with
    /// its origins at once. Other text is folded without them in pieces cut just past an ASCII separator (after
    /// which folding starts afresh, so the pieces' folds make the text's), and a piece's origins are worked out only
    /// for the pieces holding the triggers read: following every scalar's origin costs several times the fold.
    struct OriginFold {
        let bytes: [UInt8]
        private let asciiOrigins: [Int32]
        /// For other text, each piece that folds to more than a space: where its fold after the leading space starts
        /// in `bytes` (it ends where the next one starts), and the piece's bytes in the text.
        private let pieces: [(foldStart: Int, source: Range<Int>)]
        /// The origins of the piece last asked about: triggers come in the order they end, so each piece's origins
        /// are worked out at most once.
        private var originsPiece = -1
        private var pieceOrigins: [Int32] = []
        /// Pieces are cut at the first separator after this many bytes.
        private static let pieceLength = 32

        init(_ source: UnsafeBufferPointer<UInt8>) {
            if let ascii = TrackedASCIIFold.fold(source) {
                (bytes, asciiOrigins, pieces) = (ascii.bytes, ascii.origins, [])
                return
            }
            var pieces: [(foldStart: Int, source: Range<Int>)] = []
            pieces.reserveCapacity(source.count / Self.pieceLength + 1)
            // Each piece's fold is written over the space the previous one ended with, as its own leading space.
            // Room: a piece's fold needs twice its bytes and four more, and a piece holds at least one byte.
            let capacity = NormalizedText.foldedCapacity(source.count) &+ 4 &* source.count
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { out, count in
                guard let base = out.baseAddress else { count = 0; return }
                base[0] = 0x20
                var end = 1, pieceStart = 0
                repeat {
                    var pieceEnd = Swift.min(pieceStart &+ Self.pieceLength, source.count)
                    while pieceEnd < source.count, !NormalizedText.foldsToSpace(source[pieceEnd &- 1]) { pieceEnd &+= 1 }
                    let piece = UnsafeBufferPointer(rebasing: source[pieceStart..<pieceEnd])
                    let written = NormalizedText.fold(utf8: piece, into: base + (end &- 1))
                    if written > 1 {
                        pieces.append((end, pieceStart..<pieceEnd))
                        end = end &- 1 &+ written
                    }
                    pieceStart = pieceEnd
                } while pieceStart < source.count
                count = end
            }
            asciiOrigins = []
            self.pieces = pieces
        }

        /// The offset in `source` (the text folded) of the scalar the folded byte at `index` came from.
        mutating func origin(of index: Int, in source: UnsafeBufferPointer<UInt8>, counter: StepCounter?) -> Int? {
            guard index >= 0, index < bytes.count else { return nil }
            if pieces.isEmpty { return index < asciiOrigins.count ? Int(asciiOrigins[index]) : nil }
            // The last piece whose fold starts at or before `index`.
            var low = 0, high = pieces.count
            while high - low > 1 {
                let middle = (low + high) / 2
                if pieces[middle].foldStart <= index { low = middle } else { high = middle }
            }
            let piece = pieces[low]
            guard piece.foldStart <= index else { return nil }
            if originsPiece != low {
                let text = String(decoding: UnsafeBufferPointer(rebasing: source[piece.source]), as: UTF8.self)
                pieceOrigins = NormalizedText(text, counter: counter, trackingOrigins: true).sourceOffsets
                originsPiece = low
            }
            let offset = index - piece.foldStart + 1
            return offset < pieceOrigins.count ? piece.source.lowerBound + Int(pieceOrigins[offset]) : nil
        }
    }

    /// At most `scalars` Unicode scalars of UTF-8 text from byte offset `start` (a scalar's first byte).
    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, scalars: Int) -> String {
        var end = start, seen = 0
        while end < bytes.count {
            if bytes[end] & 0xC0 != 0x80 {
                if seen == scalars { break }
                seen += 1
            }
            end += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// The Gregorian calendar in UTC, made once: building one (and its time zone) costs more than the date arithmetic.
    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    func resolve(_ parts: DateParts, against reference: Date) -> String? {
        guard let today = CivilDay(reference) else { return calendarResolve(parts, against: reference) }
        let candidates = parts.year.map { [$0] } ?? [today.year, today.year + 1]
        let horizon = parts.year == nil ? horizonDays : statedYearHorizonDays
        for year in candidates where parts.day <= CivilDay.daysIn(month: parts.month, of: year) {
            let days = CivilDay.number(year: year, month: parts.month, day: parts.day) - today.number
            if days >= 0, days <= horizon {
                return CivilDay.isoText(year: year, month: parts.month, day: parts.day)
            }
        }
        return nil
    }

    /// `resolve(_:against:)` by Foundation's calendar, for dates outside the range `CivilDay` reads.
    func calendarResolve(_ parts: DateParts, against reference: Date) -> String? {
        let calendar = Self.utcCalendar
        let referenceYear = calendar.component(.year, from: reference)
        let startOfReference = calendar.startOfDay(for: reference)
        var candidates: [Int] = []
        if let year = parts.year { candidates = [year] } else { candidates = [referenceYear, referenceYear + 1] }
        for year in candidates {
            var components = DateComponents()
            components.year = year; components.month = parts.month; components.day = parts.day
            guard let date = calendar.date(from: components),
                  calendar.component(.day, from: date) == parts.day else { continue }
            let days = calendar.dateComponents([.day], from: startOfReference, to: date).day ?? -1
            if days >= 0, days <= (parts.year == nil ? horizonDays : statedYearHorizonDays) {
                return String(format: "%04d-%02d-%02d", year, parts.month, parts.day)
            }
        }
        return nil
    }

    /// "back on Friday", "wieder am Montag": the next such day after the message.
    func resolve(weekday: Int, against reference: Date) -> String? {
        guard let today = CivilDay(reference) else { return calendarResolve(weekday: weekday, against: reference) }
        var ahead = (weekday - today.weekday + 7) % 7
        if ahead == 0 { ahead = 7 }
        let date = CivilDay(number: today.number + ahead)
        return CivilDay.isoText(year: date.year, month: date.month, day: date.day)
    }

    /// `resolve(weekday:against:)` by Foundation's calendar.
    func calendarResolve(weekday: Int, against reference: Date) -> String? {
        let calendar = Self.utcCalendar
        let today = calendar.component(.weekday, from: reference)  // 1 = Sunday
        var ahead = (weekday - today + 7) % 7
        if ahead == 0 { ahead = 7 }
        guard let date = calendar.date(byAdding: .day, value: ahead, to: calendar.startOfDay(for: reference)) else { return nil }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// The weekday named right after a trigger (skipping fillers such as "next", "on", "am"), when no date follows it.
    static func leadingWeekday(_ tokens: [Token]) -> Int? {
        var skipped = 0
        for token in tokens {
            guard case .word(let word) = token else { return nil }
            if let day = DateVocabulary.weekdayNumbers[word] { return day }
            guard DateVocabulary.fillers.contains(word), skipped < 4 else { return nil }
            skipped += 1
        }
        return nil
    }

    enum Token: Equatable { case number(Int, digits: Int, separator: Character?), word(String) }

    /// Numbers and words of the text, each number with the character that ended it (nil for a space): at most
    /// 13 tokens. Text whose every scalar is a character of its own is read by scalars (CR LF, a separator either
    /// way, is the one pair of scalars that is one character there).
    static func tokens(_ text: String) -> [Token] {
        if let scalarTokens = text.utf8.withContiguousStorageIfAvailable(scalarTokens), let scalarTokens { return scalarTokens }
        return characterTokens(text)
    }

    private static func scalarTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [Token]? {
        guard SingleScalarText.holds(lineBreaksAllowed: bytes) else { return nil }
        var tokens: [Token] = []
        // At most 13 tokens are read, and one more may end the text: one allocation instead of five as they come.
        tokens.reserveCapacity(14)
        var start = 0, index = 0
        var isNumber = false
        func flush(separator: Character?) {
            guard index > start else { return }
            let current = UnsafeBufferPointer(rebasing: bytes[start..<index])
            var value = 0, overflow = false
            if isNumber {
                for digit in current {
                    let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times10.addingReportingOverflow(Int(digit &- UInt8(ascii: "0")))
                    overflow = overflow || o1 || o2
                    value = sum
                }
            }
            if isNumber, !overflow {
                tokens.append(.number(value, digits: current.count, separator: separator))
            } else if !current.contains(where: { $0 >= 0x80 }) {
                // A word of ASCII letters folds to its lowercase (digits stay as they are).
                tokens.append(.word(String(asciiLowercasing: current)))
            } else {
                let folded = NormalizedText(String(decoding: current, as: UTF8.self))
                tokens.append(.word(folded.phraseText(0..<folded.bytes.count)))
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            var length = 1
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if !isNumber { flush(separator: nil); start = index }
                isNumber = true
            } else if byte < 0x80 ? (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                                  : SingleScalarText.first(of: UnsafeBufferPointer(rebasing: bytes[index...])).map({ Character($0).isLetter }) == true {
                if isNumber { flush(separator: nil); start = index }
                isNumber = false
                length = byte < 0x80 ? 1 : SingleScalarText.scalar(in: bytes, at: index)?.1 ?? 1
            } else {
                length = byte < 0x80 ? 1 : SingleScalarText.scalar(in: bytes, at: index)?.1 ?? 1
                let separator = byte == 0x20 ? nil : SingleScalarText.first(of: UnsafeBufferPointer(rebasing: bytes[index...])).map(Character.init)
                flush(separator: separator)
                start = index + length
                isNumber = false
            }
            index += length
            if tokens.count > 12 { break }
        }
        flush(separator: nil)
        return tokens
    }

    private static func characterTokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        // At most 13 tokens are read, and one more may end the text: one allocation instead of five as they come.
        tokens.reserveCapacity(14)
        var iterator = Array(text).makeIterator()
        var current = ""
        var isNumber = false
        func flush(separator: Character?) {
            guard !current.isEmpty else { return }
            if isNumber, let value = Int(current) {
                tokens.append(.number(value, digits: current.count, separator: separator))
            } else {
                let folded = NormalizedText(current)
                tokens.append(.word(folded.phraseText(0..<folded.bytes.count)))
            }
            current = ""
        }
        while let character = iterator.next() {
            // ASCII characters (CR LF included, as LF) are classified by value: the digits are the only ASCII
            // numbers and A–Z, a–z the only ASCII letters.
            let ascii = character.asciiValue
            let isDigit = ascii.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false
            if isDigit {
                if !isNumber { flush(separator: nil) }
                isNumber = true
                current.append(character)
            } else if ascii.map({ $0 | 0x20 >= UInt8(ascii: "a") && $0 | 0x20 <= UInt8(ascii: "z") }) ?? character.isLetter {
                if isNumber {
                    // "3rd", "1st", "2nd", "4th", "1er", "3º": ordinal suffix stays with the number.
                    flush(separator: nil)
                }
                isNumber = false
                current.append(character)
            } else {
                flush(separator: character == " " ? nil : character)
                isNumber = false
            }
            if tokens.count > 12 { break }
        }
        flush(separator: nil)
        return tokens
    }

    static func parseDate(_ tokens: [Token], monthFirst: Bool) -> DateParts? {
        var tokens = tokens[...]
        // Skip articles, weekdays and ordinal suffixes before the date.
        var skipped = 0
        while let first = tokens.first, case .word(let word) = first, skipped < 4 {
            guard DateVocabulary.fillers.contains(word) || DateVocabulary.weekdays.contains(word) else { break }
            tokens = tokens.dropFirst(); skipped += 1
        }
        guard let first = tokens.first else { return nil }
        // A first word that is no month dates nothing, whatever follows.
        if case .word(let word) = first, DateVocabulary.months[word] == nil { return nil }
        // The rules read the two tokens after the first that are no filler or ordinal suffix: taken one by one,
        // not gathered in an array.
        var following = tokens.dropFirst().lazy.filter {
            if case .word(let word) = $0 { return !DateVocabulary.fillers.contains(word) && !DateVocabulary.ordinalSuffixes.contains(word) }
            return true
        }.makeIterator()
        let second = following.next()
        let third = second == nil ? nil : following.next()
        switch first {
        case .number(let a, let digits, let separator):
            if let separator, "./-".contains(separator), case .number(let b, _, let separator2)? = second {
                var year: Int?
                if let separator2, "./-".contains(separator2), case .number(let c, let cDigits, _)? = third {
                    year = cDigits == 2 ? 2000 + c : (cDigits == 4 ? c : nil)
                    if digits == 4 { return valid(DateParts(year: a, month: b, day: c)) }
                }
                if separator == "/" && monthFirst && b <= 31 && a <= 12 {
                    return valid(DateParts(year: year, month: a, day: b))
                }
                if a > 12 || separator != "/" || !monthFirst { return valid(DateParts(year: year, month: b, day: a)) }
                return valid(DateParts(year: year, month: a, day: b))
            }
            // "3 December 2026", "3. Dezember", "3 de diciembre de 2026"
            if case .word(let word)? = second, let month = DateVocabulary.months[word] {
                var year: Int?
                if case .number(let y, 4, _)? = third { year = y }
                return valid(DateParts(year: year, month: month, day: a))
            }
        case .word(let word):
            // "December 3", "Dec 3rd, 2026"
            if let month = DateVocabulary.months[word], case .number(let day, let digits, _)? = second,
               digits <= 2 {
                var year: Int?
                if case .number(let y, 4, _)? = third { year = y }
                return valid(DateParts(year: year, month: month, day: day))
            }
        }
        return nil
    }

    private static func valid(_ parts: DateParts) -> DateParts? {
        guard (1...12).contains(parts.month), (1...31).contains(parts.day) else { return nil }
        if let year = parts.year, !(2000...2100).contains(year) { return nil }
        return parts
    }
}

/// Month and weekday names in the seven languages, normalised.
enum DateVocabulary {
    static let months: [String: Int] = {
        let names: [[String]] = [
            ["january", "jan", "januar", "janner", "janvier", "janv", "enero", "ene", "januari", "janeiro", "gennaio", "gen",
             "stycznia", "января", "янв"],
            ["february", "feb", "februar", "fevrier", "fevr", "fev", "febrero", "februari", "fevereiro", "febbraio",
             "lutego", "февраля", "февр", "фев"],
            ["march", "mar", "marz", "mars", "marzo", "maart", "mrt", "marco", "marca", "марта", "мар"],
            ["april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "апреля", "апр"],
            ["may", "mai", "mayo", "mei", "maio", "maggio", "mag", "maj", "maja", "мая"],
            ["june", "jun", "juni", "juin", "junio", "junho", "giugno", "giu", "czerwca", "июня", "июн"],
            ["july", "jul", "juli", "juillet", "juil", "julio", "julho", "luglio", "lug", "lipca", "июля", "июл"],
            ["august", "aug", "aout", "agosto", "ago", "augustus", "augusti", "sierpnia", "августа", "авг"],
            ["september", "sep", "sept", "septembre", "septiembre", "setiembre", "setembro", "set", "settembre", "sett",
             "wrzesnia", "сентября", "сент", "сен"],
            ["october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "out", "ottobre", "ott", "pazdziernika", "октября", "окт"],
            ["november", "nov", "novembre", "noviembre", "novembro", "listopada", "ноября", "нояб", "ноя"],
            ["december", "dec", "dezember", "dez", "decembre", "diciembre", "dic", "dezembro", "dicembre", "grudnia", "декабря", "дек"],
        ]
        var table: [String: Int] = [:]
        for (index, group) in names.enumerated() { for name in group { table[name] = index + 1 } }
        return table
    }()

    /// Calendar weekday numbers (1 = Sunday) by full name.
    static let weekdayNumbers: [String: Int] = {
        let names: [[String]] = [
            ["sunday", "sonntag", "dimanche", "domingo", "zondag", "domenica", "sondag"],
            ["monday", "montag", "lundi", "lunes", "maandag", "segunda", "lunedi", "mandag"],
            ["tuesday", "dienstag", "mardi", "martes", "dinsdag", "terca", "martedi", "tisdag"],
            ["wednesday", "mittwoch", "mercredi", "miercoles", "woensdag", "quarta", "mercoledi", "onsdag"],
            ["thursday", "donnerstag", "jeudi", "jueves", "donderdag", "quinta", "giovedi", "torsdag"],
            ["friday", "freitag", "vendredi", "viernes", "vrijdag", "sexta", "venerdi", "fredag"],
            ["saturday", "samstag", "samedi", "sabado", "zaterdag", "sabato", "lordag"],
        ]
        var table: [String: Int] = [:]
        for (index, group) in names.enumerated() { for name in group { table[name] = index + 1 } }
        return table
    }()

    static let weekdays: Set<String> = [
        "mandag", "tisdag", "onsdag", "torsdag", "fredag", "lordag", "sondag",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
        "thu", "thur", "thurs", "fri", "sat", "sun", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
        "samstag", "sonntag", "mo", "di", "mi", "do", "fr", "sa", "so", "lundi", "mardi", "mercredi", "jeudi",
        "vendredi", "samedi", "dimanche", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "segunda", "terca",
        "quarta", "quinta", "sexta", "feira", "lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "sabato",
        "domenica",
    ]

    static let fillers: Set<String> = [
        "on", "the", "of", "le", "el", "il", "dem", "den", "de", "del", "o", "dia", "am", "zum", "zur", "einschliesslich",
        "inclusive", "including", "op", "en", "met", "a", "al", "au", "du", "lo", "on", "next", "prochain",
        "naechsten", "nachsten", "proximo", "prossimo", "office", "in", "im", "buro", "ufficio", "biura", "do",
        "kantoor", "escritorio", "bureau", "until", "no", "dia", "le", "la", "i", "r",
    ]

    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th", "er", "e", "o", "a", "eme"]
}
