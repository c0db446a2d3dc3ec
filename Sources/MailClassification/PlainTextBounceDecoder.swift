/// Reads failed recipients and their diagnostics out of a bounce's human-readable text: the generic
/// "failed recipient + diagnostic" extractor every `BounceFormat` shares.
///
/// The text is cut where the copy of the original message starts, so addresses of the original (the sender, its
/// own recipients, its footer) are never picked up. Recipients are the addresses on lines that present them
/// (alone on the line, after "RCPT TO", after "following address"); each one's diagnostic is the text from its
/// line to the next recipient's.
struct PlainTextBounceDecoder: Sendable {
    struct Input {
        var text: String
        /// Addresses that are never failed recipients: the bounce's sender and addressee, the original's sender.
        /// A list, not a set: a bounce names few, compared one by one without hashing (repeats change nothing).
        var excluded: [String]
        /// Addresses from `X-Failed-Recipients`, which decide the recipient list when present.
        var failedRecipientsHeader: [String] = []
        var delayed = false
        /// What the report's headers tell about who wrote it; each recipient adds its own domain.
        var origin = ReportOrigin.unknown
        /// `text` folded whole, when the caller has it (or folds it on demand) and the text is no longer than
        /// 4,000 bytes.
        var foldedText: (() -> NormalizedText)?
    }

    /// A failed recipient as the text presents it, before its reason is read.
    struct Located {
        let address: String
        /// The text about this recipient: its line up to the next recipient's (at most 12 lines, 2,000 bytes).
        let region: String
    }

    private let reasons = BounceReasonClassifier()

    func decode(_ input: Input, counter: StepCounter?) -> [BouncedRecipient] {
        let report = ReportLines(input.text, counter: counter)
        let located = Self.locate(input, in: report, counter: counter)
        guard !located.isEmpty else { return [] }
        let action = input.delayed ? "delayed" : "failed"

        // The report's whole text, and its folded start, are made only when a recipient's reading needs them.
        // A report that runs to the end of the text is the text with its line breaks made LF: folding turns every
        // run of line breaks into one space either way, so the text's folded form is the report's.
        let reportIsWholeText = report.bytes.count == report.textLength
        let context = ReportContext(reading: { report.joined(0..<report.lines.count, separator: 0x0A, limit: 8_000) },
                                    folded: reportIsWholeText ? input.foldedText : nil,
                                    lines: .init(bytes: report.bytes, startsTranscriptLine: report.startsTranscriptLine))
        func wholeText() -> String { context.text }
        return located.map { recipient in
            let statuses = StatusScanner.Reading(recipient.region)
            var status = statuses.first
            var decision = reasons.classify(diagnostic: recipient.region, status: status, action: action,
                                            context: context,
                                            origin: input.origin.about(recipient.address, remoteMTA: nil),
                                            statuses: statuses, explains: false, counter: counter)
            // The whole text speaks for one recipient only; with several it mixes their reasons.
            if decision.basis == "no recognised reason", located.count == 1 {
                let wholeStatuses = StatusScanner.Reading(wholeText())
                status = status ?? wholeStatuses.first
                // The context's folded text is the whole text's when the whole text is no longer than it.
                decision = reasons.classify(diagnostic: wholeText(), status: status, action: action,
                                            folded: context.foldedLeading(counter: counter),
                                            statuses: wholeStatuses, explains: false, counter: counter)
            }
            return BouncedRecipient(address: recipient.address, status: status, action: action,
                                    hard: decision.hard, reason: decision.reason.rawValue,
                                    diagnostic: Self.diagnosticLine(recipient.region))
        }
    }

    /// The failed recipients the text presents and their diagnostic lines, without reading why they failed.
    func diagnostics(_ input: Input, counter: StepCounter?) -> [(address: String, diagnostic: String?)] {
        Self.locate(input, in: ReportLines(input.text, counter: counter), counter: counter)
            .map { ($0.address, Self.diagnosticLine($0.region)) }
    }

    /// The failed recipients in presentation order, each with the text about it.
    private static func locate(_ input: Input, in report: ReportLines, counter: StepCounter?) -> [Located] {
        // Addresses are mostly lowercase ASCII already (their domains always are): then the set is its own lowercasing.
        // Read in place (an address is a native string): no iteration through the string's UTF-8 view.
        let isLoweredASCII: (String) -> Bool = { address in
            var address = address
            return address.withUTF8 { bytes in !bytes.contains { $0 >= 0x80 || $0 &- 0x41 < 26 } }
        }
        let excluded = input.excluded.allSatisfy(isLoweredASCII) ? input.excluded
                                                                 : input.excluded.map { $0.lowercased() }
        // A few excluded addresses (a bounce's sender and addressee) are compared with an ASCII candidate's bytes,
        // so a candidate they drop is never spelled; many are looked up by hash.
        let excludedByBytes = excluded.count <= 8
        let excludedSet: Set<String> = excludedByBytes ? [] : Set(excluded)
        let isExcluded = { (lowered: String) in excludedByBytes ? excluded.contains(lowered) : excludedSet.contains(lowered) }
        let usable: [AddressScanner.Found] = report.bytes.withUnsafeBufferPointer { text in
            let spots = report.addressSpots(in: text, counter: counter)
            // Most candidates are kept: one allocation holds them all.
            var usable: [AddressScanner.Found] = []
            usable.reserveCapacity(spots.count)
            for spot in spots {
                let line = UnsafeBufferPointer(rebasing: text[report.lines[spot.line]])
                if excludedByBytes, let spelling = spot.asciiBytes(inLine: line) {
                    guard !excluded.contains(where: { Self.lowercases(spelling, to: $0) }),
                          !BounceMarkers.systemSenderNames.isOne(of: spot.localPart(of: spelling)),
                          !Self.introducedAsSender(report.bytes(spot.before, ofLine: spot.line), counter: counter) else {
                        continue
                    }
                    usable.append(spot.found(inLine: line))
                    continue
                }
                let candidate = spot.found(inLine: line)
                guard !isExcluded(candidate.lowered),
                      !BounceMarkers.systemSenderNames.contains(localPartOf: candidate.lowered, lowercasing: false),
                      !Self.introducedAsSender(report.bytes(candidate.before, ofLine: candidate.line), counter: counter) else {
                    continue
                }
                usable.append(candidate)
            }
            return usable
        }

        var chosen: [AddressScanner.Found] = []
        var seen: Set<String> = []
        if !input.failedRecipientsHeader.isEmpty {
            for address in input.failedRecipientsHeader {
                let lowered = address.lowercasedText
                guard Self.isFirst(lowered, among: chosen, seen: &seen) else { continue }
                chosen.append(usable.first { $0.lowered == lowered } ?? AddressScanner.Found(address: address))
            }
        } else if usable.count == 1 {
            // The only candidate is chosen however it is presented.
            chosen = usable
        } else {
            // Addresses presented as failed win over ones only shown in a "To:" summary of the original.
            let strengths = usable.map { Self.presentation($0, in: report, counter: counter) }
            let wanted: Presentation = strengths.contains(.strong) ? .strong : .summary
            for (candidate, strength) in zip(usable, strengths) where strength == wanted {
                if Self.isFirst(candidate.lowered, among: chosen, seen: &seen) { chosen.append(candidate) }
            }
            if chosen.isEmpty, let first = usable.first { chosen = [first] }
        }
        guard !chosen.isEmpty else { return [] }

        // One recipient's text runs to the report's end (or its 12 lines): no other starts it.
        let startLines = chosen.count > 1 ? chosen.map(\.line).sorted() : []
        let lineCount = report.lines.count
        return chosen.map { recipient in
            let next = startLines.first { $0 > recipient.line } ?? lineCount
            // Sendmail's "554 <address>... reason" line is complete in itself; the lines after it are about the
            // next address.
            let isSendmailLine = Self.isSendmailErrorLine(before: report.bytes(recipient.before, ofLine: recipient.line),
                                                          after: report.bytes(recipient.after, ofLine: recipient.line))
            let end = isSendmailLine ? recipient.line + 1 : min(next, recipient.line + 12, lineCount)
            let region = report.joined(recipient.line..<max(end, recipient.line + 1), separator: 0x20, limit: 2_000)
            return Located(address: recipient.address, region: region)
        }
    }

    /// Whether no address `chosen` so far lowercases to `lowered`. Few are chosen: they are compared one by one,
    /// and past 16 the set `seen` (made then, and kept as each is chosen) keeps the test linear.
    private static func isFirst(_ lowered: String, among chosen: [AddressScanner.Found], seen: inout Set<String>) -> Bool {
        if chosen.count < 16 { return !chosen.contains { $0.lowered == lowered } }
        if seen.isEmpty { seen = Set(chosen.map(\.lowered)) }
        return seen.insert(lowered).inserted
    }

    /// A bounce's text as far as the copy of the original starts, as lines: LF, CR and CR LF each end one. The
    /// lines are byte ranges of one copy of the report's bytes, so no line is made a string unless it is read as one.
    struct ReportLines {
        let bytes: [UInt8]
        /// Byte ranges of the lines in `bytes`, line breaks excluded.
        let lines: [Range<Int>]
        /// The UTF-8 length of the whole text, the copy of the original included.
        let textLength: Int
        /// Whether some line starts as an SMTP transcript line does: without one, neither the report nor any of
        /// its lines holds a transcript.
        let startsTranscriptLine: Bool

        init(_ text: String, counter: StepCounter?) {
            var text = text
            textLength = text.utf8.count
            var startsTranscriptLine = false
            (bytes, lines) = text.withUTF8 { buffer in
                var lines: [Range<Int>] = []
                // Report lines are rarely shorter than this on average: one allocation holds them.
                lines.reserveCapacity(buffer.count / 32 + 8)
                var sawContent = false
                PlainTextBounceDecoder.forEachLine(buffer) { range in
                    let line = UnsafeBufferPointer(rebasing: buffer[range])
                    guard !PlainTextBounceDecoder.startsOriginal(line, sawContent: &sawContent, counter: counter) else {
                        return false
                    }
                    if !startsTranscriptLine { startsTranscriptLine = SMTPTranscript.startsTranscriptLine(line) }
                    lines.append(range)
                    return true
                }
                counter?.add(lines.count)
                return (Array(buffer[0..<(lines.last?.upperBound ?? 0)]), lines)
            }
            self.startsTranscriptLine = startsTranscriptLine
        }

        /// The bytes of `range` in line `line` (an empty range needs no line).
        func bytes(_ range: Range<Int>, ofLine line: Int) -> ArraySlice<UInt8> {
            guard !range.isEmpty else { return [] }
            let start = lines[line].lowerBound
            return bytes[(start + range.lowerBound)..<(start + range.upperBound)]
        }

        /// Where the report's addresses lie; `text` is `bytes` read in place.
        func addressSpots(in text: UnsafeBufferPointer<UInt8>, counter: StepCounter?) -> [AddressScanner.Spot] {
            AddressScanner.spots(in: text, lines: lines, counter: counter)
        }

        /// The lines joined by `separator`, cut to their first `limit` UTF-8 bytes (a scalar cut in half becomes
        /// U+FFFD), and joined only as far as kept.
        func joined(_ range: Range<Int>, separator: UInt8, limit: Int) -> String {
            // Written straight into the string's storage (repaired as `String(decoding:as:)` repairs): no array in
            // between. `length` is at least the joined text's length or `limit`, whichever is less.
            let length = min(limit, lines[range].reduce(range.count) { $0 + $1.count })
            return bytes.withUnsafeBufferPointer { source in
                String(unsafeUninitializedCapacity: max(length, 0)) { out in
                    var count = 0
                    for index in range {
                        if index > range.lowerBound, count < length { out[count] = separator; count += 1 }
                        guard count < length else { break }
                        let line = lines[index]
                        let taken = min(line.count, length - count)
                        if taken > 0, let from = source.baseAddress, let to = out.baseAddress {
                            (to + count).update(from: from + line.lowerBound, count: taken)
                        }
                        count += taken
                    }
                    return count
                }
            }
        }
    }

    /// Calls `body` with the byte range of each line of `bytes` (LF, CR and CR LF end a line; the text after the last
    /// break is a line too, empty or not) until it returns false.
    static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Bool) {
        let count = bytes.count
        // Most texts end their lines with LF alone (a parsed text body does): without a CR, each line's end is found
        // by the C library's byte search, which passes over a line's text many bytes at a step.
        if let base = bytes.baseAddress, memchr(base, 0x0D, count) == nil {
            var start = 0
            while start < count, let found = memchr(base + start, 0x0A, count - start) {
                let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                guard body(start..<end) else { return }
                start = end + 1
            }
            _ = body(start..<count)
            return
        }
        var start = 0, index = 0
        while index < count {
            // Eight bytes at a step through a line's text; a step that holds a line break is read byte by byte.
            if index &+ 8 <= count, let base = bytes.baseAddress {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if !EightBytes.holds(0x0A, in: word), !EightBytes.holds(0x0D, in: word) { index &+= 8; continue }
            }
            let stop = Swift.min(index &+ 8, count)
            while index < stop {
                let byte = bytes[index]
                guard byte == 0x0A || byte == 0x0D else { index &+= 1; continue }
                guard body(start..<index) else { return }
                var next = index &+ 1
                if byte == 0x0D, next < count, bytes[next] == 0x0A { next &+= 1 }
                start = next
                index = next
            }
        }
        _ = body(start..<count)
    }

    /// Index of the first line of the original message's copy (or the end).
    static func reportEnd(_ lines: [Substring], counter: StepCounter?) -> Int {
        var sawContent = false
        for (index, line) in lines.enumerated() where startsOriginal(line, sawContent: &sawContent, counter: counter) {
            return index
        }
        return lines.count
    }

    static func startsOriginal(_ line: Substring, sawContent: inout Bool, counter: StepCounter?) -> Bool {
        var line = line
        return line.withUTF8 { startsOriginal($0, sawContent: &sawContent, counter: counter) }
    }

    /// Whether `line` (its UTF-8 bytes), read after the lines before it (`sawContent`: one of them was not blank),
    /// starts the original's copy.
    static func startsOriginal(_ line: UnsafeBufferPointer<UInt8>, sawContent: inout Bool, counter: StepCounter?) -> Bool {
        if !line.contains(where: { $0 != 0x20 && $0 != 0x09 }) { return false }  // blank
        if sawContent, line.count <= 120 {
            if Self.startsHeaderLine(line) { return true }
            // Most lines hold none of the words every marker has; only the others are folded and matched.
            counter?.add(line.count)
            // The line is a whole piece of valid UTF-8 (lines end at ASCII bytes), folded where it lies.
            if BounceMarkers.originalStartWords.mayMatch(line) {
                let starts = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: NormalizedText.foldedCapacity(line.count)) { buffer in
                    guard let out = buffer.baseAddress else { return false }
                    let count = NormalizedText.fold(utf8: line, into: out)
                    counter?.add(count)
                    let folded = UnsafeBufferPointer(start: out, count: count)
                    return NormalizedText.wordCount(of: folded) <= 14
                        && BounceMarkers.originalStarts.firstMatch(in: folded, counter: counter) != nil
                }
                if starts { return true }
            }
        }
        sawContent = true
        return false
    }

    /// The single addressee on a "To:" line within the first lines of the original's copy below the report.
    static func quotedOriginalAddressee(_ text: String, excluded: [String], counter: StepCounter?) -> String? {
        let lines = ReplyTextExtractor.lines(of: text.leadingBytes(16_000))
        let start = reportEnd(lines, counter: counter)
        guard start < lines.count else { return nil }
        let excludedLowered = Set(excluded.map { $0.lowercased() })
        for line in lines[start..<min(lines.count, start + 20)] {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            guard trimmed.lowercased().hasPrefix("to:") else { continue }
            let found = AddressScanner.addresses(inLines: [trimmed], counter: counter)
                .filter { !excludedLowered.contains($0.address.lowercased()) }
            return found.count == 1 ? found[0].address : nil
        }
        return nil
    }

    /// `hasPrefix` compares grapheme by grapheme; the byte check first keeps that cost to the rare lines that
    /// could match (for these ASCII prefixes, `hasPrefix` implies the bytes match).
    private static func startsHeaderLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.first == UInt8(ascii: "R") else { return false }
        for prefix in ["Return-Path:", "Received: ", "Return-path:"] where line.starts(with: prefix.utf8) {
            if String(decoding: line, as: UTF8.self).hasPrefix(prefix) { return true }
        }
        return false
    }

    /// Whether the text before an address on its line (`before`, the scanner's window) ends by introducing it as
    /// the sender. Only its last 24 bytes are folded, and ASCII text is folded only when it holds a word that some
    /// sender intro holds.
    static func introducedAsSender(_ before: ArraySlice<UInt8>, counter: StepCounter?) -> Bool {
        if isASCII(before) {
            let tail = before.suffix(24)
            counter?.add(tail.count)
            guard tail.withUnsafeBufferPointer({ BounceMarkers.senderIntroWords.mayMatch($0) }) else { return false }
            return withFold(ofASCII: tail, counter: counter) { folded in
                BounceMarkers.senderIntros.lastMatch(endingAtEndOf: folded, counter: counter) != nil
            }
        }
        // A window cut inside a character is repaired before its last 24 bytes are taken.
        let window = String(decoding: String(decoding: before, as: UTF8.self).utf8.suffix(24), as: UTF8.self)
        let folded = NormalizedText(window, counter: counter)
        return folded.bytes.withUnsafeBufferPointer {
            BounceMarkers.senderIntros.lastMatch(endingAtEndOf: $0, counter: counter) != nil
        }
    }

    /// Calls `body` with the fold of ASCII `bytes` (what `NormalizedText` of them holds), made on the stack: the
    /// short windows around an address are read this way without a heap copy.
    private static func withFold<R>(ofASCII bytes: ArraySlice<UInt8>, counter: StepCounter?,
                                    _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: NormalizedText.foldedCapacity(bytes.count)) { buffer in
            let count = bytes.withUnsafeBufferPointer { input in
                buffer.baseAddress.map { NormalizedText.fold(utf8: input, into: $0) } ?? 0
            }
            counter?.add(count)
            return body(UnsafeBufferPointer(start: buffer.baseAddress, count: count))
        }
    }

    enum Presentation { case none, summary, strong }

    /// An address alone on its line ("  pat@example.com", "<pat@example.com>:"), after "RCPT TO:", or on a line
    /// that presents recipients is strong; after a bare "To:" it may only be the original's addressee list.
    static func presentation(_ candidate: AddressScanner.Found, in report: ReportLines, counter: StepCounter?) -> Presentation {
        guard report.lines[candidate.line].count <= 400 else { return .none }
        let beforeBytes = report.bytes(candidate.before, ofLine: candidate.line)
        let afterBytes = report.bytes(candidate.after, ofLine: candidate.line)
        if Self.holdsNoWord(beforeBytes, afterBytes, counter: counter) { return .strong }
        func read(_ before: UnsafeBufferPointer<UInt8>) -> Presentation {
            let words = NormalizedText.wordCount(of: before)
            if words == 0 || isSendmailErrorLine(before: beforeBytes, after: afterBytes) { return .strong }
            guard let intro = BounceMarkers.recipientIntros.lastMatch(endingAtEndOf: before, counter: counter) else {
                return .none
            }
            // A one-word text is its intro, between its bounding spaces.
            let word = before[(intro.range.lowerBound + 1)..<(intro.range.upperBound - 1)]
            return words == 1 && (word.elementsEqual("to".utf8) || word.elementsEqual("an".utf8)) ? .summary : .strong
        }
        if isASCII(beforeBytes) { return withFold(ofASCII: beforeBytes, counter: counter, read) }
        let before = NormalizedText(String(decoding: beforeBytes, as: UTF8.self), counter: counter)
        return before.bytes.withUnsafeBufferPointer(read)
    }

    /// Whether ASCII `spelling`, lowercased, is `lowered`.
    private static func lowercases(_ spelling: Slice<UnsafeBufferPointer<UInt8>>, to lowered: String) -> Bool {
        lowered.utf8.count == spelling.count && lowered.utf8.elementsEqual(spelling.lazy.map(\.lowercasedASCII))
    }

    private static func isASCII(_ bytes: ArraySlice<UInt8>) -> Bool { !bytes.contains(where: { $0 >= 0x80 }) }

    /// Whether the two texts, folded together, hold no word. In ASCII text only letters and digits make words,
    /// so that text is not folded.
    private static func holdsNoWord(_ first: ArraySlice<UInt8>, _ second: ArraySlice<UInt8>, counter: StepCounter?) -> Bool {
        let isAlphanumeric: (UInt8) -> Bool = { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
        }
        if isASCII(first), isASCII(second) {
            counter?.add(first.count + second.count)
            return !first.contains(where: isAlphanumeric) && !second.contains(where: isAlphanumeric)
        }
        let joined = String(decoding: first, as: UTF8.self) + " " + String(decoding: second, as: UTF8.self)
        return NormalizedText(joined, counter: counter).wordCount == 0
    }

    /// Sendmail's per-recipient error line: an SMTP reply code, then the address in angle brackets followed by
    /// "...", e.g. "554 <pat@example.com>... 550 Host unknown". `before` and `after` are the text around the address.
    static func isSendmailErrorLine(before: ArraySlice<UInt8>, after: ArraySlice<UInt8>) -> Bool {
        // For this ASCII prefix `hasPrefix` implies the bytes match; most lines fail on the bytes.
        guard after.starts(with: ">...".utf8), String(decoding: after, as: UTF8.self).hasPrefix(">...") else { return false }
        if isASCII(before) { return asciiSendmailCode(before) }
        let code = String(decoding: before, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard code.hasSuffix("<") else { return false }
        let digits = code.dropLast().trimmingCharacters(in: .whitespaces)
        return digits.utf8.count == 3 && digits.allSatisfy(\.isNumber) && (digits.first == "4" || digits.first == "5")
    }

    /// `isSendmailErrorLine`'s reading of ASCII text before the address, where the only whitespace characters are
    /// space and tab and the only numbers are the digits.
    private static func asciiSendmailCode(_ before: ArraySlice<UInt8>) -> Bool {
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        var code = before
        while let last = code.last, isBlank(last) { code.removeLast() }
        guard code.last == UInt8(ascii: "<") else { return false }
        code.removeLast()
        while let last = code.last, isBlank(last) { code.removeLast() }
        guard let start = code.firstIndex(where: { !isBlank($0) }) else { return false }
        let digits = code[start...]
        return digits.count == 3 && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            && (digits.first == UInt8(ascii: "4") || digits.first == UInt8(ascii: "5"))
    }

    /// The region with runs of spaces and tabs collapsed, at most 500 bytes.
    static func diagnosticLine(_ region: String) -> String? {
        // Read in place: a region is a native string, so this copies nothing.
        var region = region
        return region.withUTF8 { collapsedLine($0) }
    }

    private static func collapsedLine(_ source: UnsafeBufferPointer<UInt8>) -> String? {
        // Written straight into the string's storage (invalid UTF-8, such as a scalar cut at 500 bytes, is repaired
        // as `String(decoding:as:)` repairs it): no array in between. Collapsing never lengthens the text, so the
        // storage need hold no more than the source; a short one then needs no allocation at all.
        let line = String(unsafeUninitializedCapacity: min(500, source.count)) { out in
            guard let start = source.baseAddress, let to = out.baseAddress else { return 0 }
            let capacity = min(out.count, 500)
            let end = start + source.count
            var n = 0
            var next = start
            // Read through raw pointers: the loop is bounded by `end` and `capacity`. Eight bytes are copied at a
            // step where collapsing leaves them as they are; the eight that a step cannot copy so (a run of spaces,
            // a tab) are read byte by byte, before the next step is tried.
            copying: while next < end {
                if end - next >= 8, n + 8 <= capacity {
                    let word = UnsafeRawPointer(next).loadUnaligned(as: UInt64.self)
                    if copiesUnchanged(word, afterSpace: n == 0 || to[n - 1] == 0x20) {
                        UnsafeMutableRawPointer(to + n).storeBytes(of: word, as: UInt64.self)
                        n &+= 8; next += 8
                        if n >= capacity { break }
                        continue
                    }
                }
                let stop = next + min(8, end - next)
                while next < stop {
                    let byte = next.pointee
                    next += 1
                    if byte == 0x20 || byte == 0x09 {
                        if n > 0, to[n - 1] != 0x20 { to[n] = 0x20; n &+= 1 }
                    } else {
                        to[n] = byte; n &+= 1
                    }
                    if n >= capacity { break copying }
                }
            }
            while n > 0, out[n - 1] == 0x20 { n -= 1 }
            return n
        }
        return line.isEmpty ? nil : line
    }

    /// Whether collapsing leaves the eight bytes of `word` (in memory order) as they are: no tab, no space beside
    /// another, and no space first when the line so far is empty or ends in one. The space test may also flag a
    /// "!" right after a space (the zero-byte test's borrow), which only sends the word to the byte-by-byte path.
    @inline(__always)
    private static func copiesUnchanged(_ word: UInt64, afterSpace: Bool) -> Bool {
        if EightBytes.holds(0x09, in: word) { return false }
        let difference = word ^ (EightBytes.lowBits &* 0x20)
        let spaces = (difference &- EightBytes.lowBits) & ~difference & EightBytes.highBits
        if spaces == 0 { return true }
        // Memory order is little-endian here: the first byte is the low one, its neighbour 8 bits up.
        if spaces & (spaces << 8) != 0 { return false }
        return !(afterSpace && UInt8(truncatingIfNeeded: UInt64(littleEndian: word)) == 0x20)
    }
}

/// Finds RFC 3463 status codes ("5.1.1") and SMTP reply codes ("550") in diagnostic text, scanning once.
enum StatusScanner {
    /// The status the remote server itself gave: the first code right after an SMTP reply code ("550 5.7.1",
    /// "550-'5.7.1"), else the first code at all.
    static func preferredStatus(in text: String) -> String? {
        statusAfterReplyCode(in: text) ?? firstStatus(in: text)
    }

    /// The codes of one diagnostic that the reason and the verdict both ask for, read once.
    struct Reading {
        /// `firstStatus(in:)` of the text: the status a recipient is reported with when the report gives none.
        let first: String?
        private let text: String

        init(_ text: String) {
            self.text = text
            first = StatusScanner.firstStatus(in: text)
        }

        /// `preferredStatus(in:)` of the text's first 2,000 bytes: the code the server quoted, which may make a
        /// generic status field specific. Read only when asked: a specific status field needs no other.
        var quoted: String? {
            // A text that short is its own first 2,000 bytes, and its first status is `preferredStatus`'s fallback.
            text.utf8.count <= 2_000 ? StatusScanner.statusAfterReplyCode(in: text) ?? first
                                     : StatusScanner.preferredStatus(in: text.leadingBytes(2_000))
        }
    }

    /// The first status code right after an SMTP reply code ("550 5.7.1", "550-'5.7.1"), if any.
    private static func statusAfterReplyCode(in text: String) -> String? {
        withBytes(of: text, prefix: 4_096) { bytes in
            var index = 0
            while index + 4 < bytes.count {
                // A reply code starts with 4 or 5: eight bytes without either start none.
                if !mayStart(at: index, in: bytes, with: UInt8(ascii: "4"), UInt8(ascii: "5"), UInt8(ascii: "5")) {
                    index += 8
                    continue
                }
                if isDigit(bytes[index]), isDigit(bytes[index + 1]), isDigit(bytes[index + 2]),
                   index == 0 || !isDigitOrDot(bytes[index - 1]),
                   bytes[index] == UInt8(ascii: "4") || bytes[index] == UInt8(ascii: "5") {
                    var cursor = index + 3
                    while cursor < bytes.count, cursor - index < 6, " -'\"(".utf8.contains(bytes[cursor]) { cursor += 1 }
                    // The window starts after ASCII, so it holds whole scalars but maybe the last; a cut scalar's
                    // bytes are no digit, dot, space or hyphen, as the U+FFFD decoding would make them.
                    if cursor < bytes.count,
                       let status = firstStatus(in: UnsafeBufferPointer(rebasing: bytes[cursor..<min(bytes.count, cursor + 12)])),
                       !status.hasSuffix(".0.0") || bytes[cursor] != bytes[index] {
                        if status.first == Character(Unicode.Scalar(bytes[index])),
                           status.utf8.contains(UInt8(ascii: ".")) { return status }
                    }
                }
                index += 1
            }
            return nil
        }
    }

    static func firstStatus(in text: String) -> String? {
        withBytes(of: text, prefix: 16_384) { firstStatus(in: $0) }
    }

    private static func firstStatus(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // A status has a dot right after its class digit: the C library's byte search finds the dots, and only the
        // byte before each is read as a class. Statuses start in the order of their dots, so the first found is
        // the first in the text.
        if let base = bytes.baseAddress {
            var from = 1
            while from < bytes.count, let found = memchr(base + from, 0x2E, bytes.count - from) {
                let dot = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if let end = statusEnd(from: dot - 1, in: bytes) {
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[(dot - 1)..<end]), as: UTF8.self)
                }
                from = dot + 1
            }
        }
        return firstReplyCodeStatus(in: bytes)
    }

    /// Where the status "class.subject.detail" that starts at `index` ends, if one does: a class of 2, 4 or 5 not
    /// right after a digit or dot, a subject and a detail of one to three digits, no digit after.
    private static func statusEnd(from index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let byte = bytes[index]
        guard byte == UInt8(ascii: "2") || byte == UInt8(ascii: "4") || byte == UInt8(ascii: "5"),
              index == 0 || !isDigitOrDot(bytes[index - 1]),
              index + 4 < bytes.count, bytes[index + 1] == UInt8(ascii: ".") else { return nil }
        var cursor = index + 2
        let subjectStart = cursor
        while cursor < bytes.count, cursor - subjectStart < 3, isDigit(bytes[cursor]) { cursor += 1 }
        guard cursor > subjectStart, cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") else { return nil }
        let detailStart = cursor + 1
        var detailEnd = detailStart
        while detailEnd < bytes.count, detailEnd - detailStart < 3, isDigit(bytes[detailEnd]) { detailEnd += 1 }
        guard detailEnd > detailStart,
              detailEnd == bytes.count || !isDigitOrDot(bytes[detailEnd]) || bytes[detailEnd] == UInt8(ascii: ".") else {
            return nil
        }
        return detailEnd
    }

    /// The status a text without one gives through its first SMTP reply code ("550 " or "550-" gives "5.0.0").
    private static func firstReplyCodeStatus(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        while index < bytes.count {
            // Codes start with 2, 4 or 5: eight bytes without any of them start none.
            if !mayStart(at: index, in: bytes, with: UInt8(ascii: "2"), UInt8(ascii: "4"), UInt8(ascii: "5")) {
                index += 8
                continue
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "2") || byte == UInt8(ascii: "4") || byte == UInt8(ascii: "5"),
               index == 0 || !isDigitOrDot(bytes[index - 1]),
               index + 3 <= bytes.count, isDigit(bytes[index + 1]), isDigit(bytes[index + 2]),
               index + 3 == bytes.count || bytes[index + 3] == UInt8(ascii: " ") || bytes[index + 3] == UInt8(ascii: "-") {
                return "\(Character(Unicode.Scalar(byte))).0.0"
            }
            index += 1
        }
        return nil
    }

    /// False when the eight bytes from `index` are all in `bytes` and none of them is `first`, `second` or `third`:
    /// no code starts there. True otherwise (fewer than eight bytes left), so the caller reads the byte at `index`.
    @inline(__always)
    private static func mayStart(at index: Int, in bytes: UnsafeBufferPointer<UInt8>,
                                 with first: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
        guard index + 8 <= bytes.count, let base = bytes.baseAddress else { return true }
        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
        return EightBytes.holds(first, in: word) || EightBytes.holds(second, in: word) || EightBytes.holds(third, in: word)
    }

    /// The text's first `prefix` UTF-8 bytes, read in place when the text is stored contiguously.
    private static func withBytes<R>(of text: String, prefix: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable({ body(UnsafeBufferPointer(rebasing: $0.prefix(prefix))) }) {
            return result
        }
        return Array(text.utf8.prefix(prefix)).withUnsafeBufferPointer(body)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isDigitOrDot(_ byte: UInt8) -> Bool { isDigit(byte) || byte == UInt8(ascii: ".") }
}

import Foundation
