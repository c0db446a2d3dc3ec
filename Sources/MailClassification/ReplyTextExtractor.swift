import Foundation

/// Finds the newly written text of a reply: quoted history, attribution lines ("On … wrote:"), Outlook header
/// blocks, forwarded originals, `--` signatures and mobile signatures are removed.
///
/// Works line by line: each line is given a role, then the reply is cut at the first line that starts quoted or
/// forwarded material. A message that opens with an attribution and quote before any text ("bottom posting") keeps
/// the text after the quote instead. Every step is linear in the size of the text.
public struct ReplyTextExtractor: Sendable {
    public init() {}

    /// The new text of a plain-text reply.
    public func newText(fromPlainText text: String) -> String {
        newText(fromPlainText: text, counter: nil)
    }

    /// The new text of an HTML reply: quote containers of the common mail clients are dropped, then the plain-text
    /// rules apply to what is left.
    public func newText(fromHTML html: String) -> String {
        newText(fromPlainText: HTMLText.visibleText(of: html, droppingQuotes: true), counter: nil)
    }

    func newText(fromHTML html: String, counter: StepCounter?) -> String {
        let text = HTMLText.visibleText(of: html, droppingQuotes: true, counter: counter)
        return newText(fromPlainText: text, counter: counter)
    }

    enum LineRole: Equatable {
        /// `separator`: a line of dashes, underscores and the like. Before quoted or forwarded material it ends the
        /// new text; inside it (text goes on after it) it is kept, as writers set off parts of a message with one.
        case empty, text, quote, attribution, header, delimiter, separator, signature
    }

    func newText(fromPlainText text: String, counter: StepCounter?) -> String {
        extract(fromPlainText: text, counter: counter).text
    }

    /// A reply's new text, with its fold (`NormalizedText(text).bytes`) when the line folds made on the way
    /// give it.
    struct Extract {
        let text: String
        let folded: [UInt8]?
    }

    func extract(fromHTML html: String, counter: StepCounter?) -> Extract {
        extract(fromPlainText: HTMLText.visibleText(of: html, droppingQuotes: true, counter: counter), counter: counter)
    }

    func extract(fromPlainText text: String, counter: StepCounter?) -> Extract {
        if let result = text.utf8.withContiguousStorageIfAvailable({ extract(of: text, bytes: $0, counter: counter) }) {
            return result
        }
        // A bridged string: a native copy always holds its UTF-8 contiguously.
        let native = String(decoding: Array(text.utf8), as: UTF8.self)
        return native.utf8.withContiguousStorageIfAvailable { extract(of: native, bytes: $0, counter: counter) }
            ?? Extract(text: "", folded: nil)
    }

    /// The reply rules on the UTF-8 bytes of `text`: lines are byte ranges; lines whose every scalar is a
    /// character of its own are read by scalars and their folds kept, other lines by characters.
    private func extract(of text: String, bytes: UnsafeBufferPointer<UInt8>, counter: StepCounter?) -> Extract {
        let reading = LineReading(text: text, bytes: bytes)
        // Lines are split and given roles only up to the cut: an Outlook reply's unquoted original after it is
        // never read.
        var lineRoles = LineRoles(reading: reading, counter: counter)

        var first = 0
        while lineRoles.hasLine(first), lineRoles.role(of: first) == .empty { first += 1 }
        guard lineRoles.hasLine(first) else { return Extract(text: "", folded: [0x20]) }
        var replyStart = first
        if lineRoles.role(of: first) == .attribution || lineRoles.role(of: first) == .header {
            // Bottom posting: quoted history first, the reply after it.
            while lineRoles.hasLine(replyStart), lineRoles.role(of: replyStart) != .text { replyStart += 1 }
            guard lineRoles.hasLine(replyStart) else { return lineRoles.extract(first..<lineRoles.lineCount) }
        }
        var cut = replyStart
        while lineRoles.hasLine(cut) {
            let role = lineRoles.role(of: cut)
            if role == .separator, let next = lineRoles.firstNonEmpty(after: cut), lineRoles.role(of: next) == .text {
                cut = next
                continue
            }
            if role == .attribution || role == .header || role == .delimiter || role == .separator || role == .signature {
                break
            }
            cut += 1
        }
        var kept = replyStart..<cut
        // A quote at the end is history the replier left in, and so is the paragraph that introduced it.
        if lineRoles.decidedRoles(kept, contain: .text) {
            var end = kept.upperBound
            while end > kept.lowerBound, lineRoles.decidedRole(end - 1) == .quote || lineRoles.decidedRole(end - 1) == .empty {
                end -= 1
            }
            if end < kept.upperBound, lineRoles.decidedRoles(end..<kept.upperBound, contain: .quote) {
                var start = end
                while start > kept.lowerBound, end - start < 3, lineRoles.decidedRole(start - 1) == .text { start -= 1 }
                if start > kept.lowerBound || end - start < 3,
                   Self.introducesQuote(reading.joinedBytes(lineRoles.bounds(start..<end), separator: 0x20)) {
                    end = start
                }
            }
            kept = kept.lowerBound..<end
        }
        return lineRoles.extract(kept)
    }

    /// A text's lines as byte ranges of its UTF-8, with the readings the role rules need.
    struct LineReading {
        let text: String
        let bytes: UnsafeBufferPointer<UInt8>

        func substring(_ line: Range<Int>) -> Substring {
            let utf8 = text.utf8
            return text[utf8.index(utf8.startIndex, offsetBy: line.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: line.upperBound)]
        }

        func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[range]) }

        /// Whether every scalar of the line is a character of its own, so that it can be read by scalars.
        func isSingleScalar(_ line: Range<Int>) -> Bool { SingleScalarText.holds(slice(line)) }

        /// The lines' bytes joined with `separator`.
        func joinedBytes(_ lines: some Collection<Range<Int>>, separator: UInt8) -> [UInt8] {
            var joined: [UInt8] = []
            joined.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
            var isFirst = true
            for line in lines {
                if !isFirst { joined.append(separator) }
                isFirst = false
                joined.append(contentsOf: slice(line))
            }
            return joined
        }

    }

    /// One line of the text: where it is, its role so far, and where its fold is kept (empty until folded).
    struct Line {
        var bounds: Range<Int>
        /// Every byte is ASCII (then every scalar is a character of its own: a line holds no CR).
        var isASCII: Bool
        var role = LineRole.text
        var singleScalar = false
        var fold: Range<Int> = 0..<0
    }

    /// The roles of a text's lines, worked out in order and only as far as they are asked for. A line's role
    /// depends on the lines after it in two ways: an attribution wrapped over several lines is found from its first
    /// line (up to `attributionWindow` lines on), and a header line counts only in a block of three (which may run on
    /// over blank lines). A role is handed out once both are settled for its line.
    struct LineRoles {
        let reading: LineReading
        let counter: StepCounter?
        /// The lines split so far. The first `rolesRead` have their own role (then attributions and header blocks
        /// overwrite it).
        private var lines: [Line] = []
        /// Where the text not yet split into lines starts; nil once it all is.
        private var unsplitStart: Int? = 0
        private var folds = FoldedLines()
        private var rolesRead = 0
        /// The next line the attribution search starts from: before it, lines have their role after attributions.
        private var attributionsBefore = 0
        /// Lines before this one have their final role (their header block, if any, settled).
        private var decidedBefore = 0
        private let attributionWindow = 6

        init(reading: LineReading, counter: StepCounter?) {
            self.reading = reading
            self.counter = counter
            // A line is seldom shorter than 32 bytes, and the reply is usually cut within twenty lines: room for
            // that at once, in a block small enough for the allocator's quick path (more lines grow the array).
            lines.reserveCapacity(Swift.min(reading.bytes.count / 32 + 8, 20))
        }

        var lineCount: Int { lines.count }

        /// Whether the text has a line at `index`, splitting it as far as needed to tell.
        mutating func hasLine(_ index: Int) -> Bool {
            while lines.count <= index, let start = unsplitStart {
                let line = ReplyTextExtractor.nextLineNotingASCII(in: reading.bytes, from: start)
                lines.append(Line(bounds: line.bounds, isASCII: line.isASCII))
                unsplitStart = line.next
                counter?.add(1)
            }
            return index < lines.count
        }

        /// The final role of a line already asked for (below `decidedBefore`).
        func decidedRole(_ index: Int) -> LineRole { lines[index].role }

        func decidedRoles(_ range: Range<Int>, contain role: LineRole) -> Bool {
            lines[range].contains { $0.role == role }
        }

        func bounds(_ range: Range<Int>) -> LazyMapSequence<ArraySlice<Line>, Range<Int>> {
            lines[range].lazy.map(\.bounds)
        }

        /// The first line after `index` that is not empty, or nil.
        mutating func firstNonEmpty(after index: Int) -> Int? {
            var next = index + 1
            while hasLine(next), role(of: next) == .empty { next += 1 }
            return hasLine(next) ? next : nil
        }

        /// The final role of the line at `index` (< the number of lines).
        mutating func role(of index: Int) -> LineRole {
            while decidedBefore <= index { decideNext() }
            return lines[index].role
        }

        /// The lines at `range` joined with LF, without leading and trailing whitespace (as characters, LF
        /// included), and their fold when trimming took whitespace bytes only (then the trimmed text folds as the
        /// lines do).
        mutating func extract(_ range: Range<Int>) -> Extract {
            let (text, byBytes): (String, Bool)
            if let first = range.first, let last = range.last, joinedOnLineFeeds(range) {
                let span = lines[first].bounds.lowerBound..<lines[last].bounds.upperBound
                (text, byBytes) = ReplyTextExtractor.trimmedWhitespace(reading.slice(span))
            } else {
                (text, byBytes) = reading.joinedBytes(bounds(range), separator: 0x0A)
                    .withUnsafeBufferPointer(ReplyTextExtractor.trimmedWhitespace)
            }
            guard byBytes else { return Extract(text: text, folded: nil) }
            for index in range { _ = fold(ofLine: index) }
            return Extract(text: text, folded: folds.joined(lines[range].lazy.map(\.fold)))
        }

        /// Whether the lines at `range` follow one another in the text parted by single LFs: then the text
        /// holds them joined as they are to be.
        private func joinedOnLineFeeds(_ range: Range<Int>) -> Bool {
            for index in range.dropFirst() {
                let end = lines[index - 1].bounds.upperBound
                guard lines[index].bounds.lowerBound == end + 1, reading.bytes[end] == 0x0A else { return false }
            }
            return true
        }

        /// Where the fold of the line at `index` is kept, folding it now if no role rule did.
        private mutating func fold(ofLine index: Int) -> Range<Int> {
            if !lines[index].fold.isEmpty { return lines[index].fold }
            let fold = folds.append(foldOf: reading.slice(lines[index].bounds), counter: counter)
            lines[index].fold = fold
            return fold
        }

        /// Reads each line's own role up to and including `index`.
        private mutating func readRoles(through index: Int) {
            while rolesRead <= index, hasLine(rolesRead) {
                let bounds = lines[rolesRead].bounds
                let isSingleScalar = lines[rolesRead].isASCII || reading.isSingleScalar(bounds)
                lines[rolesRead].singleScalar = isSingleScalar
                if isSingleScalar {
                    let (role, fold) = ReplyTextExtractor.roleByScalars(of: reading.slice(bounds), folds: &folds,
                                                                         counter: counter)
                    lines[rolesRead].role = role
                    lines[rolesRead].fold = fold
                } else {
                    lines[rolesRead].role = ReplyTextExtractor.role(of: reading.substring(bounds), counter: counter)
                }
                rolesRead += 1
            }
        }

        /// Settles the role of the next undecided line; for the first line of a header block, of the whole block.
        private mutating func decideNext() {
            let index = decidedBefore
            findAttributions(through: index)
            guard lines[index].role == .header else { decidedBefore += 1; return }
            // A run of at least three header lines (blank lines may separate them) is a quoted original's header block.
            var end = index
            var headers = 0
            while hasLine(end) {
                findAttributions(through: end)
                let role = lines[end].role
                guard role == .header || role == .empty else { break }
                if role == .header { headers += 1 }
                end += 1
            }
            if headers < 3 {
                for line in index..<end where lines[line].role == .header { lines[line].role = .text }
            }
            decidedBefore = end
        }

        /// Marks "On <date>, <name> wrote:" lines, which mail clients often wrap over several lines, until the
        /// search has passed `index`.
        private mutating func findAttributions(through index: Int) {
            while attributionsBefore <= index, hasLine(attributionsBefore) {
                let opening = attributionsBefore
                attributionsBefore = (attributionEnd(openingAt: opening) ?? opening) + 1
            }
        }

        /// The last line of the attribution that opens at `index`, whose lines are then marked; nil if none does.
        private mutating func attributionEnd(openingAt index: Int) -> Int? {
            // Roles are read only as the search reaches their lines: most lines open no attribution.
            readRoles(through: index)
            guard lines[index].role == .text || lines[index].role == .delimiter else { return nil }
            if VerblessAttribution.matches(reading.slice(lines[index].bounds)) { return markAttribution(index...index) }
            let opening = AttributionOpening(reading, lines[index].bounds, singleScalar: lines[index].singleScalar,
                                             folds: &folds, counter: counter)
            guard opening.mayOpen else {
                let closes = AttributionOpening.mayCloseAlone(reading.slice(lines[index].bounds)) && closesWithVerb(index)
                return closes ? markAttribution(index...index) : nil
            }
            // The lines joined, on the stack: room for the longest text tried (lines are added while it holds at
            // most 400 bytes, each of at most 400).
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 801) { joined in
                attributionEnd(openingAt: index, opensStrongly: opening.opensStrongly, joiningInto: joined)
            }
        }

        /// `attributionEnd(openingAt:)` for a line that may open one, joining the lines tried in `joined`.
        private mutating func attributionEnd(openingAt index: Int, opensStrongly: Bool,
                                             joiningInto joined: UnsafeMutableBufferPointer<UInt8>) -> Int? {
            guard let base = joined.baseAddress else { return nil }
            var joinedCount = 0
            // The verbs are looked for in the fold of the joined lines, line by line as it grows.
            var verbs = QuoteMarkers.attributionVerbs.continuedScan()
            var last = index
            // Only a line that opens like an attribution ("On …", a date) may wrap across blank lines.
            while last < index + attributionWindow, hasLine(last), joinedCount <= 400 {
                readRoles(through: last)
                let line = lines[last]
                if last > index, line.role == .empty, !opensStrongly { return nil }
                // A wrapped address can push "> wrote:" to a line of its own that looks like a quote.
                if line.role == .quote && last > index && line.bounds.count > 40 || line.bounds.count > 400 {
                    return nil
                }
                let continues = joinedCount > 0
                if continues { base[joinedCount] = 0x20; joinedCount += 1 }
                let lineBytes = reading.slice(line.bounds)
                if let source = lineBytes.baseAddress {
                    (base + joinedCount).initialize(from: source, count: lineBytes.count)
                }
                joinedCount += lineBytes.count
                let fold = fold(ofLine: last)
                folds.withFold(fold) { folded in
                    // Folding `a + " " + b` gives folded `a`, then folded `b` without its leading space.
                    let piece = continues ? UnsafeBufferPointer(rebasing: folded.dropFirst()) : folded
                    QuoteMarkers.attributionVerbs.feed(&verbs, piece, counter: counter)
                }
                if ReplyTextExtractor.isAttribution(UnsafeBufferPointer(start: base, count: joinedCount), verbs: verbs) {
                    return markAttribution(index...last)
                }
                last += 1
            }
            return nil
        }

        /// Marks the lines of an attribution; returns its last.
        private mutating func markAttribution(_ range: ClosedRange<Int>) -> Int {
            for line in range { lines[line].role = .attribution }
            counter?.add(range.count)
            return range.upperBound
        }

        /// Whether the line ends with an attribution verb and its colon, nothing or a one-letter word ("(a)") between:
        /// "суббота, 14 марта 2015 г. пользователь sam написал:", "sam via Acme Forum wrote:".
        private mutating func closesWithVerb(_ index: Int) -> Bool {
            var verbs = QuoteMarkers.attributionVerbs.continuedScan()
            let fold = fold(ofLine: index)
            folds.withFold(fold) { QuoteMarkers.attributionVerbs.feed(&verbs, $0, counter: counter) }
            guard let end = verbs.lastMatchEnd else { return false }
            return verbs.length - end <= 2
        }
    }

    /// Whether an ASCII byte is a whitespace character (space, tab, LF, VT, FF, CR).
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// The text without leading and trailing whitespace characters: by bytes where `whitespaceTrimmedBounds`
    /// tells, by characters otherwise. `byBytes`: whether only ASCII whitespace bytes were trimmed.
    static func trimmedWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) -> (text: String, byBytes: Bool) {
        if let trimmed = whitespaceTrimmedBounds(bytes) {
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[trimmed]), as: UTF8.self), true)
        }
        let start = bytes.firstIndex { !isASCIIWhitespace($0) } ?? bytes.count
        let end = (bytes.lastIndex { !isASCIIWhitespace($0) } ?? -1) + 1
        var result = String(decoding: bytes, as: UTF8.self)
        while let last = result.last, last.isWhitespace { result.removeLast() }
        while let first = result.first, first.isWhitespace || first == "\n" { result.removeFirst() }
        // Often the characters trimmed are those whitespace bytes after all.
        return (result, result.utf8.elementsEqual(UnsafeBufferPointer(rebasing: bytes[start..<end])))
    }

    /// Where valid UTF-8 text lies without its leading and trailing whitespace characters, when bytes tell: the
    /// whitespace at each end is ASCII (CR LF, one character, is whitespace too) and meets a scalar that is a
    /// character of its own and no whitespace, or the other end. Such a scalar joins neither the whitespace before
    /// it nor the one after it, and it starts (or, at the end, closes) a character whose first scalar is no
    /// whitespace. Nil when characters must be read.
    static func whitespaceTrimmedBounds(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var start = 0, end = bytes.count
        while start < end, isASCIIWhitespace(bytes[start]) { start += 1 }
        while end > start, isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return start..<end }
        if bytes[start] >= 0x80 {
            guard let (value, _) = SingleScalarText.scalar(in: bytes, at: start), isStandaloneNonWhitespace(value) else {
                return nil
            }
        }
        if bytes[end - 1] >= 0x80 {
            var last = end - 1
            while last > start, bytes[last] & 0xC0 == 0x80 { last -= 1 }
            guard let (value, length) = SingleScalarText.scalar(in: bytes, at: last), last + length == end,
                  isStandaloneNonWhitespace(value) else {
                return nil
            }
        }
        return start..<end
    }

    /// Of the scalars that are characters of their own, the whitespace ones are ASCII but NEL and no-break space.
    private static func isStandaloneNonWhitespace(_ value: UInt32) -> Bool {
        value != 0x85 && value != 0xA0 && SingleScalarText.isStandalone(value)
    }

    /// Lines split on LF, CRLF or CR alike, scanning bytes rather than grapheme clusters.
    static func lines(of text: String) -> [Substring] {
        // Line ends are found on the contiguous UTF-8 bytes; indices are then made by offset, O(1) on native text.
        guard let bounds = text.utf8.withContiguousStorageIfAvailable(lineBounds) else { return slowLines(of: text) }
        let utf8 = text.utf8
        return bounds.map { bound in
            text[utf8.index(utf8.startIndex, offsetBy: bound.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: bound.upperBound)]
        }
    }

    /// The byte ranges of the lines of UTF-8 text, split on LF, CRLF or CR alike (line ends excluded).
    static func lineBounds(of bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var bounds: [Range<Int>] = []
        var start: Int? = 0
        while let lineStart = start {
            let line = nextLine(in: bytes, from: lineStart)
            bounds.append(line.bounds)
            start = line.next
        }
        return bounds
    }

    /// The line of UTF-8 text that starts at byte `start` (its end excluded), and where the next line starts: nil
    /// when this one ends the text. A line end at the very end of the text is followed by an empty line.
    static func nextLine(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (bounds: Range<Int>, next: Int?) {
        let line = nextLineNotingASCII(in: bytes, from: start)
        return (line.bounds, line.next)
    }

    /// `nextLine`, noting on the way whether the line is all ASCII.
    static func nextLineNotingASCII(in bytes: UnsafeBufferPointer<UInt8>,
                                    from start: Int) -> (bounds: Range<Int>, next: Int?, isASCII: Bool) {
        var index = start
        let count = bytes.count
        var highBits: UInt64 = 0
        while index < count {
            // Eight bytes at a time while no line ends among them.
            if index &+ 8 <= count, let base = bytes.baseAddress {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if !EightBytes.holds(0x0A, in: word), !EightBytes.holds(0x0D, in: word) {
                    highBits |= word
                    index &+= 8
                    continue
                }
            }
            let byte = bytes[index]
            guard byte == 0x0A || byte == 0x0D else { highBits |= UInt64(byte); index &+= 1; continue }
            var next = index &+ 1
            if byte == 0x0D, next < count, bytes[next] == 0x0A { next &+= 1 }
            return (start..<index, next, highBits & EightBytes.highBits == 0)
        }
        return (start..<count, nil, highBits & EightBytes.highBits == 0)
    }

    /// `lines(of:)` up to, not including, the first line for which `isEnd` holds (asked of each line in order);
    /// the text after that line is not split.
    static func lines(of text: String, endingBefore isEnd: (Substring) -> Bool) -> [Substring] {
        var result: [Substring] = []
        let utf8 = text.utf8
        let scanned: Void? = utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0, index = 0
            let count = bytes.count
            func take(upTo end: Int) -> Bool {
                let line = text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
                guard !isEnd(line) else { return false }
                result.append(line)
                return true
            }
            while index < count {
                let byte = bytes[index]
                guard byte == 0x0A || byte == 0x0D else { index &+= 1; continue }
                guard take(upTo: index) else { return }
                var next = index &+ 1
                if byte == 0x0D, next < count, bytes[next] == 0x0A { next &+= 1 }
                start = next
                index = next
            }
            _ = take(upTo: count)
        }
        guard scanned != nil else { return Array(slowLines(of: text).prefix { !isEnd($0) }) }
        return result
    }

    private static func slowLines(of text: String) -> [Substring] {
        var result: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            let byte = utf8[index]
            guard byte == 0x0A || byte == 0x0D else { index = utf8.index(after: index); continue }
            result.append(text[start..<index])
            var next = utf8.index(after: index)
            if byte == 0x0D, next != utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
            start = next
            index = next
        }
        result.append(text[start..<utf8.endIndex])
        return result
    }

    /// The role of a line read by characters (`roleByScalars(of:folds:counter:)` reads most lines faster).
    static func role(of line: Substring, counter: StepCounter?) -> LineRole {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" })
        guard let first = trimmed.first else { return .empty }
        if first == ">" || first == "|" { return .quote }
        if trimmed.allSatisfy({ $0.isWhitespace }) { return .empty }
        let content = trailingWhitespaceTrimmed(trimmed)
        if content == "--" || content == "-- " { return .delimiter }
        // Counted only for a line of dashes and the like (usually the first character already says it is not).
        if content.allSatisfy({ "-_=~*".contains($0) || $0 == "\u{2014}" || $0 == "\u{2013}" }), content.count >= 4,
           content.contains(where: { $0 != "*" }) {
            return .separator
        }
        guard content.utf8.count <= 160 else { return .text }
        let normalized = NormalizedText(content, counter: counter)
        let marks = normalized.bytes.withUnsafeBufferPointer {
            QuoteMarkers.markerAndFirstSignature(in: $0, markerCounts: normalized.wordCount <= 8, counter: counter)
        }
        if marks.holdsMarker { return .delimiter }
        if let match = marks.signature, match.range.lowerBound == 0 || content.hasPrefix("<") || content.hasPrefix("(") {
            return .signature
        }
        if content.first == "-" || content.first == "*",
           content.utf8.withContiguousStorageIfAvailable(isDashFramed) ?? Array(content.utf8).withUnsafeBufferPointer(isDashFramed),
           QuoteMarkers.framedMarkers.firstMatch(in: normalized, counter: counter) != nil {
            return .delimiter
        }
        if isHeaderLine(content, counter: counter) { return .header }
        return .text
    }

    /// `role(of:)` by scalars on the UTF-8 of a line without CR or LF whose every scalar is a character of its
    /// own (`SingleScalarText`). There the only whitespace characters are space, tab, VT, FF, NEL and no-break space.
    /// When the rules fold the line, its fold is kept in `folds` (returned, else an empty range): the whitespace
    /// trimmed first folds to nothing, so it is the fold of the whole line.
    static func roleByScalars(of bytes: UnsafeBufferPointer<UInt8>, folds: inout FoldedLines,
                              counter: StepCounter?) -> (LineRole, fold: Range<Int>) {
        var start = 0
        while start < bytes.count {
            if bytes[start] == 0x20 || bytes[start] == 0x09 {
                start += 1
            } else if bytes[start] == 0xC2, start + 1 < bytes.count, bytes[start + 1] == 0xA0 {
                start += 2
            } else {
                break
            }
        }
        guard start < bytes.count else { return (.empty, 0..<0) }
        let first = bytes[start]
        if first == UInt8(ascii: ">") || first == UInt8(ascii: "|") { return (.quote, 0..<0) }
        var end = bytes.count
        while end > start {
            let last = bytes[end - 1]
            if last == 0x20 || last == 0x09 || last == 0x0B || last == 0x0C {
                end -= 1
            } else if end - 2 >= start, bytes[end - 2] == 0xC2, last == 0xA0 || last == 0x85 {
                end -= 2
            } else {
                break
            }
        }
        guard end > start else { return (.empty, 0..<0) }
        let content = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if content.count == 2 && content[0] == UInt8(ascii: "-") && content[1] == UInt8(ascii: "-") {
            return (.delimiter, 0..<0)
        }
        if isDashLine(content) { return (.separator, 0..<0) }
        guard content.count <= 160 else { return (.text, 0..<0) }
        let fold = folds.append(foldOf: content, counter: counter)
        let marked: LineRole? = folds.withFold(fold) { folded in
            // Unless the line opens with "<" or "(", only a signature at its start counts, and the first match
            // ends within the longest signature's length when one starts there.
            let opensWithBracket = first == UInt8(ascii: "<") || first == UInt8(ascii: "(")
            let longest = QuoteMarkers.longestSignature
            if wordCount(of: folded, isAtMost: 8) {
                // One scan for a marker and the first signature: the first in the fold's start is the first in
                // the whole fold when it ends within that start.
                let marks = QuoteMarkers.markerAndFirstSignature(in: folded, markerCounts: true, counter: counter)
                if marks.holdsMarker { return .delimiter }
                guard let signature = marks.signature,
                      opensWithBracket || (signature.range.lowerBound == 0 && signature.range.upperBound <= longest)
                else { return nil }
                return .signature
            }
            let searched = opensWithBracket ? folded : UnsafeBufferPointer(rebasing: folded.prefix(longest))
            if let match = QuoteMarkers.markerAndFirstSignature(in: searched, markerCounts: false, counter: counter).signature,
               match.range.lowerBound == 0 || opensWithBracket {
                return .signature
            }
            return nil
        }
        if let marked { return (marked, fold) }
        if isDashFramed(content),
           folds.withFold(fold, { QuoteMarkers.framedMarkers.firstMatch(in: $0, counter: counter) != nil }) {
            return (.delimiter, fold)
        }
        if isHeaderLineByScalars(content, fold: fold, folds: &folds, counter: counter) { return (.header, fold) }
        return (.text, fold)
    }

    /// `NormalizedText.wordCount(of: folded) <= limit` for a fold, whose words are parted by single spaces
    /// (with one at each end): it has one word fewer than spaces. Spaces are counted eight bytes at a step (the
    /// high bit of each byte of `mask` is set exactly where that byte is a space), and not past the limit.
    private static func wordCount(of folded: UnsafeBufferPointer<UInt8>, isAtMost limit: Int) -> Bool {
        var spaces = 0, index = 0
        if let base = folded.baseAddress {
            let sevenBits = EightBytes.lowBits &* 0x7F
            while index &+ 8 <= folded.count {
                let difference = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) ^ (EightBytes.lowBits &* 0x20)
                let mask = ~(((difference & sevenBits) &+ sevenBits) | difference | sevenBits)
                spaces &+= mask.nonzeroBitCount
                if spaces > limit + 1 { return false }
                index &+= 8
            }
        }
        while index < folded.count {
            if folded[index] == 0x20 { spaces += 1 }
            index += 1
        }
        return spaces <= limit + 1
    }

    /// "----- text -----", maybe inside "*…*": a line set off as a separator.
    private static func isDashFramed(_ content: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0, end = content.count
        if start < end, content[start] == UInt8(ascii: "*") { start += 1 }
        if end > start, content[end - 1] == UInt8(ascii: "*") { end -= 1 }
        guard end - start >= 6 else { return false }
        return content[start] == UInt8(ascii: "-") && content[start + 1] == UInt8(ascii: "-")
            && content[end - 1] == UInt8(ascii: "-") && content[end - 2] == UInt8(ascii: "-")
    }

    /// At least four characters of "-_=~*", em and en dashes, not all "*".
    private static func isDashLine(_ content: UnsafeBufferPointer<UInt8>) -> Bool {
        var characters = 0, index = 0
        var onlyStars = true
        while index < content.count {
            let byte = content[index]
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="), UInt8(ascii: "~"), UInt8(ascii: "*"):
                if byte != UInt8(ascii: "*") { onlyStars = false }
                index += 1
            case 0xE2 where index + 2 < content.count && content[index + 1] == 0x80
                && (content[index + 2] == 0x93 || content[index + 2] == 0x94):
                onlyStars = false
                index += 3
            default:
                return false
            }
            characters += 1
        }
        return characters >= 4 && !onlyStars
    }

    /// `isHeaderLine` on text whose every scalar is a character of its own: the first 32 characters are its
    /// first 32 scalars. `fold`: where the line's fold is kept in `folds`.
    private static func isHeaderLineByScalars(_ content: UnsafeBufferPointer<UInt8>, fold: Range<Int>, folds: inout FoldedLines,
                                              counter: StepCounter?) -> Bool {
        // The first 32 scalars lie within the first 128 bytes: most lines hold no colon byte there at all.
        guard mayHoldColon(UnsafeBufferPointer(rebasing: content.prefix(128))) else { return false }
        var scalars = 0, index = 0
        while index < content.count, scalars < 32 {
            let byte = content[index]
            let isColon = byte == UInt8(ascii: ":")
                || (byte == 0xEF && index + 2 < content.count && content[index + 1] == 0xBC && content[index + 2] == 0x9A)
            if isColon {
                // The name's fold starts the line's (a colon is a separator, after which folding starts afresh):
                // a header name can be the whole of it only if one starts the line's.
                let longest = QuoteMarkers.headerNames.longestPhrase
                guard folds.withFold(fold, { QuoteMarkers.headerNames.matchesAtStart(UnsafeBufferPointer(rebasing: $0.prefix(longest))) })
                else { return false }
                return folds.withScratchFold(of: UnsafeBufferPointer(rebasing: content[..<index]), counter: counter) { name in
                    QuoteMarkers.headerNames.matchesWhole(name, counter: counter)
                }
            }
            if byte & 0xC0 != 0x80 { scalars += 1 }
            index += 1
        }
        return false
    }

    /// Whether the bytes hold ":" or 0xEF (the lead byte of "："), eight bytes at a step.
    private static func mayHoldColon(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if let base = bytes.baseAddress {
            while index &+ 8 <= bytes.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if EightBytes.holds(UInt8(ascii: ":"), in: word) || EightBytes.holds(0xEF, in: word) { return true }
                index &+= 8
            }
        }
        return bytes[index...].contains { $0 == UInt8(ascii: ":") || $0 == 0xEF }
    }

    /// The line without trailing whitespace, found by walking back over its characters.
    private static func trailingWhitespaceTrimmed(_ line: Substring) -> Substring {
        var end = line.endIndex
        while end > line.startIndex {
            let previous = line.index(before: end)
            guard line[previous].isWhitespace else { break }
            end = previous
        }
        return line[..<end]
    }

    /// "From: …", "Von: …", "*De :* …" — a header name from the list followed by a colon near the start.
    static func isHeaderLine(_ content: Substring, counter: StepCounter?) -> Bool {
        // Neither ":" nor "：" (EF BC 9A) can be in a line without their bytes. In ASCII without CR (CR LF is one
        // character) the first 32 characters are the first 32 bytes.
        let utf8 = content.utf8
        let hasColonByte: (UInt8) -> Bool = { $0 == UInt8(ascii: ":") || $0 == 0xEF }
        let isPlainASCII: (UInt8) -> Bool = { $0 < 0x80 && $0 != 0x0D }
        let scan = utf8.withContiguousStorageIfAvailable { ($0.contains(where: hasColonByte), $0.allSatisfy(isPlainASCII)) }
            ?? (utf8.contains(where: hasColonByte), utf8.allSatisfy(isPlainASCII))
        guard scan.0 else { return false }
        let colon = scan.1 ? utf8.prefix(32).firstIndex(of: UInt8(ascii: ":"))
                           : standaloneColon(content) ?? content.prefix(32).firstIndex(where: { $0 == ":" || $0 == "：" })
        guard let colon else { return false }
        let name = NormalizedText(content[..<colon], counter: counter)
        return name.bytes.withUnsafeBufferPointer { QuoteMarkers.headerNames.matchesWhole($0, counter: counter) }
    }

    /// The first colon (":" or "：") of the text when its bytes show it is among the first 32 characters and a
    /// character of its own: no earlier colon, fewer than 32 scalars before it, ASCII bytes (or nothing) on either
    /// side, so nothing can join it. Nil when that cannot be told by bytes (or there is no colon).
    private static func standaloneColon(_ content: Substring) -> Substring.Index? {
        let utf8 = content.utf8
        var scalarsBefore = 0
        var previous: UInt8 = 0x20
        var index = utf8.startIndex
        while index < utf8.endIndex, scalarsBefore < 32 {
            let byte = utf8[index]
            var colonEnd: Substring.Index?
            if byte == UInt8(ascii: ":") {
                colonEnd = utf8.index(after: index)
            } else if byte == 0xEF, utf8[index...].starts(with: [0xEF, 0xBC, 0x9A]) {
                colonEnd = utf8.index(index, offsetBy: 3)
            }
            if let colonEnd {
                let nextIsASCII = colonEnd == utf8.endIndex || utf8[colonEnd] < 0x80
                return previous < 0x80 && nextIsASCII ? index : nil
            }
            if byte & 0xC0 != 0x80 { scalarsBefore += 1 }
            previous = byte
            index = utf8.index(after: index)
        }
        return nil
    }

    /// How a line may open an attribution: it carries a date or address and opens like one ("On …",
    /// "2016-10-24 …", "---- On …", "Max <max@example.com> schrieb …"), read by scalars on lines whose every
    /// scalar is a character of its own.
    struct AttributionOpening {
        /// The line may be the first of an attribution.
        var mayOpen = false
        /// Its first word is a date or an attribution lead, so the attribution may wrap across blank lines.
        var opensStrongly = false

        init(_ reading: LineReading, _ line: Range<Int>, singleScalar: Bool, folds: inout FoldedLines,
             counter: StepCounter?) {
            guard singleScalar else {
                let text = reading.substring(line)
                mayOpen = ReplyTextExtractor.mayOpenAttribution(text, counter: counter)
                opensStrongly = mayOpen && ReplyTextExtractor.opensLikeAttribution(text, counter: counter)
                return
            }
            let bytes = reading.bytes
            var start = line.lowerBound
            while start < line.upperBound, bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == UInt8(ascii: "-")
                || bytes[start] == UInt8(ascii: "*") {
                start += 1
            }
            let trimmed = UnsafeBufferPointer(rebasing: bytes[start..<line.upperBound])
            guard trimmed.count <= 400, let first = trimmed.first else { return }
            let signs = AttributionSigns(trimmed)
            let hasAddress = signs.holdsAt && ReplyTextExtractor.containsAddress(bytes: trimmed.lazy)
            guard hasAddress || signs.holdsDigit else { return }
            let startsWithDigit = first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")
            let startsWithNumber = startsWithDigit || (first >= 0x80 && SingleScalarText.first(of: trimmed).map { Character($0).isNumber } == true)
            let leading = UnsafeBufferPointer(rebasing: trimmed[..<SingleScalarText.end(ofFirst: 24, in: trimmed)])
            let startsWithLead = startsWithDigit ? true : folds.withScratchFold(of: leading, counter: counter) {
                QuoteMarkers.attributionLeads.matchesAtStart($0, counter: counter)
            }
            // Without joining characters, Foundation's search finds "<" exactly where its byte is.
            mayOpen = startsWithNumber || hasAddress || signs.holdsLessThan || startsWithLead
            opensStrongly = startsWithLead
        }

        /// Whether a line that does not open like an attribution may still be one on its own, if it ends with a verb
        /// and a colon: it ends with a colon and holds a date's digit or names a list or forum ("sam via Acme Forum
        /// wrote:").
        static func mayCloseAlone(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
            var end = line.count
            while end > 0, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
            let endsWithColon = end >= 1 && line[end - 1] == UInt8(ascii: ":")
                || (end >= 3 && line[end - 3] == 0xEF && line[end - 2] == 0xBC && line[end - 1] == 0x9A)
            guard endsWithColon, end <= 400 else { return false }
            let text = UnsafeBufferPointer(rebasing: line[..<end])
            return ReplyTextExtractor.containsDigit(bytes: text) || HTMLText.find(in: text, " via ", from: 0, caseInsensitive: true) != nil
        }
    }

    /// The first line of an attribution carries its date or address and opens like one: "On …", "2016-10-24 …",
    /// "---- On …", "Max <max@example.com> schrieb …".
    static func opensLikeAttribution(_ line: Substring, counter: StepCounter?) -> Bool {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "-" || $0 == "*" })
        if let first = trimmed.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") { return true }
        let normalized = NormalizedText(trimmed.prefix(24), counter: counter)
        return QuoteMarkers.attributionLeads.matches(in: normalized, counter: counter).contains { $0.range.lowerBound == 0 }
    }

    static func mayOpenAttribution(_ line: Substring, counter: StepCounter?) -> Bool {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "-" || $0 == "*" })
        guard trimmed.utf8.count <= 400, let first = trimmed.first else { return false }
        let hasAddress = containsAddress(trimmed)
        guard hasAddress || containsDigit(trimmed) else { return false }
        // Foundation's `contains` is asked only when the byte occurs: it never finds an ASCII character that is not there.
        if first.isNumber || hasAddress || (trimmed.utf8.contains(UInt8(ascii: "<")) && trimmed.contains("<")) { return true }
        let normalized = NormalizedText(trimmed.prefix(24), counter: counter)
        return QuoteMarkers.attributionLeads.matches(in: normalized, counter: counter).contains { $0.range.lowerBound == 0 }
    }

    /// Whether the text holds something shaped like local@domain (a handle like "@name" is not one).
    static func containsAddress(_ text: some StringProtocol) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { containsAddress(bytes: $0) } ?? containsAddress(bytes: Array(text.utf8))
    }

    /// Most lines hold no "@" at all: that is looked for eight bytes at a step first.
    static func containsAddress(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        var holdsAt = false
        if let base = bytes.baseAddress {
            while index &+ 8 <= bytes.count {
                if EightBytes.holds(UInt8(ascii: "@"), in: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    holdsAt = true
                    break
                }
                index &+= 8
            }
        }
        guard holdsAt || bytes[index...].contains(UInt8(ascii: "@")) else { return false }
        return containsAddress(bytes: bytes.lazy)
    }

    static func containsAddress(bytes: some Sequence<UInt8>) -> Bool {
        var previous: UInt8 = 0x20
        for byte in bytes {
            if byte == UInt8(ascii: "@"), previous >= 0x80 || previous == UInt8(ascii: ".") || previous == UInt8(ascii: "_")
                || (previous | 0x20 >= UInt8(ascii: "a") && previous | 0x20 <= UInt8(ascii: "z"))
                || (previous >= UInt8(ascii: "0") && previous <= UInt8(ascii: "9")) {
                return true
            }
            previous = byte
        }
        return false
    }

    static func containsDigit(_ text: some StringProtocol) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { containsDigit(bytes: $0) } ?? containsDigit(bytes: text.utf8)
    }

    static func containsDigit(bytes: some Sequence<UInt8>) -> Bool {
        bytes.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Whether the joined lines (UTF-8) read as a complete attribution: a verb at the end, or in the middle of
    /// text that ends with a colon. `verbs` has scanned the fold of `raw`, which is the fold of `raw` trimmed of
    /// padding: space, tab and "-" fold to nothing at either end.
    static func isAttribution(_ raw: UnsafeBufferPointer<UInt8>, verbs: PhraseTable<Void>.ContinuedScan) -> Bool {
        // Space, tab and "-" are ASCII: trimming them as bytes trims them as characters.
        let isPadding: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: "-") }
        guard let first = raw.firstIndex(where: { !isPadding($0) }), let last = raw.lastIndex(where: { !isPadding($0) }) else {
            return false
        }
        let trimmed = UnsafeBufferPointer(rebasing: raw[first...last])
        guard trimmed.count <= 400, containsDigit(bytes: trimmed) || trimmed.contains(UInt8(ascii: "@")),
              let verbEnd = verbs.lastMatchEnd else {
            return false
        }
        // Verb in the middle ("Am … schrieb Name:", "Max <max@example.com> schrieb am …:"): it must end with a colon.
        return verbEnd == verbs.length || endsWithCharacter(trimmed, ":") || endsWithCharacter(trimmed, "：")
    }

    /// Whether the text's last character is `character` (a single scalar that no character composes with). By
    /// bytes when an ASCII byte or nothing comes before it: then the character stands alone.
    private static func endsWithCharacter(_ text: UnsafeBufferPointer<UInt8>, _ character: String) -> Bool {
        let suffix = character.utf8
        guard text.count >= suffix.count, text.suffix(suffix.count).elementsEqual(suffix) else { return false }
        let before = text.count - suffix.count
        if before == 0 || text[before - 1] < 0x80 { return true }
        return String(decoding: text, as: UTF8.self).hasSuffix(character)
    }

    /// The line left just above a trailing quote that introduces it ("2013/7/20 Sam <sam@example.com>", "Sam:").
    /// `introducesQuote` on the paragraph's UTF-8, by scalars when each is a character of its own (no CR): there
    /// the whitespace trimmed (`CharacterSet.whitespaces`, scalar by scalar) is space, tab and no-break space, a
    /// colon or "@" character is its byte, and a number is a scalar with a numeric type.
    static func introducesQuote(_ paragraph: [UInt8]) -> Bool {
        let isASCII = !paragraph.contains { $0 >= 0x80 || $0 == 0x0D }
        guard isASCII || paragraph.withUnsafeBufferPointer({ SingleScalarText.holds($0) }) else {
            return introducesQuote(String(decoding: paragraph, as: UTF8.self))
        }
        var start = 0, end = paragraph.count
        while start < end {
            if paragraph[start] == 0x20 || paragraph[start] == 0x09 {
                start += 1
            } else if paragraph[start] == 0xC2, start + 1 < end, paragraph[start + 1] == 0xA0 {
                start += 2
            } else {
                break
            }
        }
        while end > start {
            if paragraph[end - 1] == 0x20 || paragraph[end - 1] == 0x09 {
                end -= 1
            } else if end - 2 >= start, paragraph[end - 2] == 0xC2, paragraph[end - 1] == 0xA0 {
                end -= 2
            } else {
                break
            }
        }
        guard end - start <= 300 else { return false }
        let trimmed = paragraph[start..<end]
        if trimmed.last == UInt8(ascii: ":") { return true }
        guard trimmed.contains(UInt8(ascii: "@")) else { return false }
        if trimmed.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) { return true }
        return !isASCII && paragraph.withUnsafeBufferPointer { bytes in
            var index = start
            while index < end {
                guard bytes[index] >= 0x80 else { index += 1; continue }
                guard let (value, length) = SingleScalarText.scalar(in: bytes, at: index) else { return false }
                if Unicode.Scalar(value)?.properties.numericType != nil { return true }
                index += length
            }
            return false
        }
    }

    static func introducesQuote(_ paragraph: String) -> Bool {
        let trimmed = paragraph.trimmingCharacters(in: .whitespaces)
        guard trimmed.utf8.count <= 300 else { return false }
        return trimmed.hasSuffix(":") || (trimmed.contains("@") && trimmed.contains(where: \.isNumber))
    }
}
