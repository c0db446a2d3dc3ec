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

    /// "YYYY-MM-DD", or nil when the text states no usable return date. `folded`: the text's fold
    /// (`NormalizedText(text).bytes`) when the caller has it.
    func returnDate(in text: String, folded: [UInt8]? = nil, messageDate: Date?, counter: StepCounter? = nil) -> String? {
        let folded = folded ?? NormalizedText(text).bytes
        // Read in place: native text holds its UTF-8 contiguously, so no copy of it is made.
        if let found = text.utf8.withContiguousStorageIfAvailable({
            returnDate(utf8: $0, folded: folded, messageDate: messageDate, counter: counter)
        }) {
            return found
        }
        return Array(text.utf8).withUnsafeBufferPointer {
            returnDate(utf8: $0, folded: folded, messageDate: messageDate, counter: counter)
        }
    }

    /// `returnDate(in:folded:messageDate:counter:)` with the text's UTF-8 at hand.
    private func returnDate(utf8 source: UnsafeBufferPointer<UInt8>, folded: [UInt8], messageDate: Date?,
                            counter: StepCounter?) -> String? {
        let reference = messageDate ?? Date()
        counter?.add(folded.count)
        let triggers = AutoReplyPhrases.returnTriggers.matches(in: folded, counter: counter)
        // An English trigger ("until", "back", …) anywhere makes 3/12 read as March 12.
        let english = triggers.contains { $0.value }
        var origins = FoldOrigins()
        // Triggers that end together ("not before", "before") are followed by the same text: read it once.
        var readFrom: Int?
        for trigger in triggers.prefix(64) {
            guard let start = origins.origin(of: trigger.range.upperBound - 1, in: source, counter: counter),
                  start < source.count, start != readFrom else {
                continue
            }
            readFrom = start
            counter?.add(60)
            let window = start..<Self.end(ofScalars: 60, from: start, in: source)
            var tokens = ReturnDateTokens(UnsafeBufferPointer(rebasing: source[window]))
            if let parts = Self.parseDate(&tokens, monthFirst: english), let date = resolve(parts, against: reference) {
                return date
            }
            if let weekday = Self.leadingWeekday(&tokens), let date = resolve(weekday: weekday, against: reference) {
                return date
            }
        }
        // Chinese and Japanese write the date first and the word for "until" or "back" around it.
        if let parts = CJKReturnDate.parts(in: source, counter: counter), let date = resolve(parts, against: reference) {
            return date
        }
        return nil
    }

    /// For any byte of a text's fold (`NormalizedText(text).bytes`), the offset in the text of the scalar it came
    /// from, as `NormalizedText(text, trackingOrigins: true)` gives them. Following every scalar's origin costs
    /// several times the fold, and the triggers read are few and near the start: the text is folded, without
    /// origins, in pieces cut just past an ASCII separator (after which folding starts afresh, so the pieces'
    /// folds make the text's), only as far as the bytes asked about; and a piece's origins are worked out only for
    /// the pieces holding them.
    struct FoldOrigins {
        /// Each piece folded so far that folds to more than a space: where its fold after the leading space starts
        /// in the text's fold (it ends where the next one starts), and the piece's bytes in the text.
        private var pieces: [(foldStart: Int, source: Range<Int>)]
        /// Where the text not yet folded starts.
        private var unfoldedStart = 0
        /// The length of the fold of the text folded so far.
        private var foldedCount = 1
        /// The origins of the piece last asked about: triggers come in the order they end, so each piece's origins
        /// are worked out at most once.
        private var originsPiece = -1
        private var pieceOrigins: [Int32] = []
        /// Pieces are cut at the first separator after this many bytes.
        private static let pieceLength = 32

        init() {
            // Room for the pieces of the text's first 256 bytes or so, where the triggers read nearly always are.
            pieces = []
            pieces.reserveCapacity(8)
        }

        /// The offset in `source` (the text folded, the same on every call) of the scalar the folded byte at
        /// `index` came from; nil past the fold's end.
        mutating func origin(of index: Int, in source: UnsafeBufferPointer<UInt8>, counter: StepCounter?) -> Int? {
            guard index > 0 else { return index == 0 ? 0 : nil }
            // Every piece folded from here on starts its fold at or past `foldedCount`.
            while foldedCount <= index, unfoldedStart < source.count { foldNextPiece(of: source) }
            guard index < foldedCount else { return nil }
            // The last piece whose fold starts at or before `index`.
            var low = 0, high = pieces.count
            while high - low > 1 {
                let middle = (low + high) / 2
                if pieces[middle].foldStart <= index { low = middle } else { high = middle }
            }
            guard low < pieces.count else { return nil }
            let piece = pieces[low]
            guard piece.foldStart <= index else { return nil }
            if originsPiece != low {
                let bytes = UnsafeBufferPointer(rebasing: source[piece.source])
                pieceOrigins = TrackedASCIIFold.origins(bytes)
                    ?? NormalizedText(String(decoding: bytes, as: UTF8.self), counter: counter,
                                      trackingOrigins: true).sourceOffsets
                originsPiece = low
            }
            let offset = index - piece.foldStart + 1
            return offset < pieceOrigins.count ? piece.source.lowerBound + Int(pieceOrigins[offset]) : nil
        }

        /// Folds the next piece of the text, noting where its fold goes: over the space the fold so far ends with,
        /// as its own leading space.
        private mutating func foldNextPiece(of source: UnsafeBufferPointer<UInt8>) {
            let pieceStart = unfoldedStart
            var pieceEnd = Swift.min(pieceStart &+ Self.pieceLength, source.count)
            while pieceEnd < source.count, !NormalizedText.foldsToSpace(source[pieceEnd &- 1]) { pieceEnd &+= 1 }
            let piece = UnsafeBufferPointer(rebasing: source[pieceStart..<pieceEnd])
            let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: NormalizedText.foldedCapacity(piece.count)) {
                $0.baseAddress.map { NormalizedText.fold(utf8: piece, into: $0) } ?? 0
            }
            if written > 1 {
                pieces.append((foldedCount, pieceStart..<pieceEnd))
                foldedCount = foldedCount &- 1 &+ written
            }
            unfoldedStart = pieceEnd
        }
    }

    /// Where at most `scalars` Unicode scalars of UTF-8 text from byte offset `start` (a scalar's first byte) end.
    private static func end(ofScalars scalars: Int, from start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var end = start, seen = 0
        while end < bytes.count {
            if bytes[end] & 0xC0 != 0x80 {
                if seen == scalars { break }
                seen += 1
            }
            end += 1
        }
        return end
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
    static func leadingWeekday(_ tokens: inout ReturnDateTokens) -> Int? {
        var skipped = 0, position = 0
        while let token = tokens.token(at: position) {
            guard case .word(let word) = token else { return nil }
            if let day = word.weekdayNumber { return day }
            guard word.isFiller, skipped < 4 else { return nil }
            skipped += 1
            position += 1
        }
        return nil
    }

    static func parseDate(_ tokens: inout ReturnDateTokens, monthFirst: Bool) -> DateParts? {
        // Skip articles, weekdays and ordinal suffixes before the date.
        var position = 0, skipped = 0
        while skipped < 4, let first = tokens.token(at: position), case .word(let word) = first {
            guard word.isFiller || word.isWeekday else { break }
            position += 1; skipped += 1
        }
        guard let first = tokens.token(at: position) else { return nil }
        // A first word that is no month dates nothing, whatever follows.
        if case .word(let word) = first, word.month == nil { return nil }
        // The rules read the two tokens after the first that are no filler or ordinal suffix: read one by one, as
        // far as they are asked for.
        var next = position + 1
        func following() -> ReturnDateTokens.Token? {
            while let token = tokens.token(at: next) {
                next += 1
                if case .word(let word) = token,
                   word.isFiller || word.isOrdinalSuffix {
                    continue
                }
                return token
            }
            return nil
        }
        let second = following()
        let third = second == nil ? nil : following()
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
            if case .word(let word)? = second, let month = word.month {
                var year: Int?
                if case .number(let y, 4, _)? = third { year = y }
                return valid(DateParts(year: year, month: month, day: a))
            }
        case .word(let word):
            // "December 3", "Dec 3rd, 2026"
            if let month = word.month, case .number(let day, let digits, _)? = second,
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
