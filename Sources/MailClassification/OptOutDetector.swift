/// Finds an unsubscribe / do-not-contact request in the newly written text of a reply or in its subject.
///
/// Strong signals only: a message that is (almost) just the keyword, or an explicit clause ("remove me from your
/// list", "bitte nehmen Sie mich aus dem Verteiler"). A clause after a negation ("don't unsubscribe me"), inside a
/// question ("how do I unsubscribe?") or followed by "until" (an out-of-office "do not contact me until Monday")
/// is a mention, not a request. Objections ("not interested right now") are not opt-outs.
public struct OptOutDetector: Sendable {
    public struct Finding: Sendable, Equatable {
        /// The phrase as it was found (normalised).
        public let phrase: String
        /// Where it was found: "subject" or "reply text".
        public let place: String
    }

    public init() {}

    public func detect(replyText: String, subject: String?) -> Finding? {
        detect(replyText: replyText, subject: subject, counter: nil)
    }

    /// `folded`: the fold of `replyText` (`NormalizedText(replyText).bytes`) when the caller has it, and
    /// `textSigns` what that fold holds; `subjectFold`: the fold of the first 200 bytes of `subject`, likewise.
    func detect(replyText: String, folded: [UInt8]? = nil, textSigns: ReplyTextSigns? = nil, subject: String?,
                subjectFold: [UInt8]? = nil, counter: StepCounter?) -> Finding? {
        // Each text is folded once, for the keyword test and the clause search alike.
        if let subject {
            let stripped = Self.strippingReplyPrefixes(subject)
            let phrase = Self.withFold(ofStripped: stripped, of: subject, subjectFold: subjectFold, counter: counter) { folded in
                keywordOnly(stripped, folded: folded)
                    ?? (Self.holdsClause(folded, counter: counter) ? clause(in: stripped, counter: counter) : nil)
            }
            if let phrase { return Finding(phrase: phrase, place: "subject") }
        }
        let folded = folded ?? NormalizedText(replyText, counter: counter).bytes
        let phrase = folded.withUnsafeBufferPointer { folded -> String? in
            if let keyword = keywordOnly(replyText, folded: folded) { return keyword }
            // A short reply's first line is read for a keyword, and any reply for a clause, only when its fold holds
            // one: for a short reply one scan tells both.
            let isShort = replyText.utf8.count <= 200
            let holds = if let textSigns {
                (keyword: isShort && textSigns.holdsOptOutKeyword, clause: textSigns.holdsOptOutClause)
            } else if isShort {
                Self.holdsKeywordAndClause(folded, counter: counter)
            } else {
                (keyword: false, clause: Self.holdsClause(folded, counter: counter))
            }
            if holds.keyword, let keyword = keywordOnlyFirstLine(replyText, counter: counter) { return keyword }
            return holds.clause ? clause(in: replyText, counter: counter) : nil
        }
        return phrase.map { Finding(phrase: $0, place: "reply text") }
    }

    /// Whether a fold holds one of the opt-out clauses.
    private static func holdsClause(_ folded: UnsafeBufferPointer<UInt8>, counter: StepCounter?) -> Bool {
        OptOutPhrases.requests.containsMatch(in: folded, counter: counter) { !$0.value }
    }

    /// Whether a fold holds one of `OptOutPhrases.keywords`, and one of its clauses, in one scan.
    private static func holdsKeywordAndClause(_ folded: UnsafeBufferPointer<UInt8>,
                                              counter: StepCounter?) -> (keyword: Bool, clause: Bool) {
        var keyword = false, clause = false
        _ = OptOutPhrases.requests.containsMatch(in: folded, counter: counter) { match in
            if match.value { keyword = true } else { clause = true }
            return keyword && clause
        }
        return (keyword, clause)
    }

    /// Calls `body` with the fold of `stripped`, the subject without its reply prefixes. That is a piece of the
    /// subject's fold when the caller has that whole: the prefixes end with a separator (a colon, spaces), after
    /// which folding starts afresh, so the subject's fold is the prefixes' fold (ending with a space) followed by
    /// the rest's without its leading space. The prefixes are folded on the stack to learn where that piece starts.
    private static func withFold<Result>(ofStripped stripped: String, of subject: String, subjectFold: [UInt8]?,
                                         counter: StepCounter?, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let prefixLength = subject.utf8.count - stripped.utf8.count
        if let subjectFold, subject.utf8.count <= 200,
           let prefixFold = subject.utf8.withContiguousStorageIfAvailable({ bytes in
               withUnsafeTemporaryAllocation(of: UInt8.self, capacity: NormalizedText.foldedCapacity(prefixLength)) { buffer in
                   buffer.baseAddress.map { NormalizedText.fold(utf8: UnsafeBufferPointer(rebasing: bytes[..<prefixLength]), into: $0) }
               }
           }) ?? nil,
           prefixFold >= 1, prefixFold <= subjectFold.count, subjectFold[prefixFold - 1] == 0x20 {
            counter?.add(prefixFold)
            return subjectFold.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[(prefixFold - 1)...])) }
        }
        return NormalizedText(stripped, counter: counter).bytes.withUnsafeBufferPointer(body)
    }

    /// The text is only an opt-out keyword, give or take politeness ("Unsubscribe", "STOP", "remove me please").
    private func keywordOnly(_ text: String, counter: StepCounter?) -> String? {
        guard text.utf8.count <= 200, NormalizedText.minimumWordCount(of: text) <= 8 else { return nil }
        return NormalizedText(text, counter: counter).bytes.withUnsafeBufferPointer { keywordOnly(text, folded: $0) }
    }

    /// `keywordOnly` with the text's fold at hand.
    private func keywordOnly(_ text: String, folded: UnsafeBufferPointer<UInt8>) -> String? {
        guard text.utf8.count <= 200 else { return nil }
        if SingleScalarText.holds(folded) { return keywordOnly(words: folded) }
        // Folded ASCII splits into exactly `wordCount` words; other text may join a space to a following mark.
        if NormalizedText.wordCount(of: folded) > 8, !folded.contains(where: { $0 >= 0x80 }) { return nil }
        let words = String(decoding: folded, as: UTF8.self).split(separator: " ")
        guard !words.isEmpty, words.count <= 8 else { return nil }
        var keyword: String?
        for word in words {
            if OptOutPhrases.keywords.contains(String(word)) { keyword = keyword ?? String(word); continue }
            if OptOutPhrases.politeness.contains(String(word)) { continue }
            return nil
        }
        return keyword
    }

    /// `keywordOnly` on folded text whose every scalar is a character of its own, so that its words are its runs
    /// of bytes between spaces; stops at the first word that is neither a keyword nor politeness. A word is looked
    /// up with the spaces around it, as the word tables hold it (equal bytes: equal strings, in such text).
    private func keywordOnly(words folded: UnsafeBufferPointer<UInt8>) -> String? {
        var keyword: Range<Int>?
        var words = 0
        var start = 0
        while start < folded.count {
            guard folded[start] != 0x20 else { start += 1; continue }
            var end = start + 1
            while end < folded.count, folded[end] != 0x20 { end += 1 }
            words += 1
            guard words <= 8 else { return nil }
            let bounded = UnsafeBufferPointer(rebasing: folded[Swift.max(start - 1, 0)..<Swift.min(end + 1, folded.count)])
            let word = start..<end
            start = end
            // The word is a keyword when a keyword is the whole of it, else politeness when that is.
            var isKeyword = false, isPoliteness = false
            _ = OptOutPhrases.keywordOrPoliteness.containsMatch(in: bounded) { match in
                guard match.range == 0..<bounded.count else { return false }
                if match.value { isKeyword = true } else { isPoliteness = true }
                return isKeyword
            }
            if isKeyword { keyword = keyword ?? word; continue }
            if isPoliteness { continue }
            return nil
        }
        return keyword.map { String(decoding: UnsafeBufferPointer(rebasing: folded[$0]), as: UTF8.self) }
    }

    /// A short reply whose first line is only the keyword, followed by a sign-off ("Unsubscribe.\n\nBram").
    /// Asked only of a text whose fold holds a keyword: the first line's fold is a piece of the text's between
    /// spaces, so without a keyword in the text it has none.
    private func keywordOnlyFirstLine(_ text: String, counter: StepCounter?) -> String? {
        guard text.utf8.count <= 200 else { return nil }
        // nil: more than four lines that are not blank.
        let firstLine: String?? = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var first: Range<Int>?
            var count = 0
            // Whether every blank line was told blank by its bytes, so that it folds to nothing.
            var blanksFoldToNothing = true
            var start: Int? = 0
            while let lineStart = start {
                let line = ReplyTextExtractor.nextLine(in: bytes, from: lineStart)
                start = line.next
                let blank = Self.isBlank(UnsafeBufferPointer(rebasing: bytes[line.bounds]))
                if blank.isBlank {
                    blanksFoldToNothing = blanksFoldToNothing && blank.byBytes
                    continue
                }
                count += 1
                if count > 4 { return nil }
                first = first ?? line.bounds
            }
            // With one line not blank, that line folds as the whole text, whose keyword test came to nothing.
            guard let first, count > 1 || !blanksFoldToNothing else { return "" }
            return String(decoding: bytes[first], as: UTF8.self)
        }
        let first: String?
        if let firstLine {
            first = firstLine
        } else {
            let lines = ReplyTextExtractor.lines(of: text).filter { !$0.allSatisfy(\.isWhitespace) }
            first = lines.count <= 4 ? lines.first.map(String.init) : nil
        }
        guard let first, !first.isEmpty else { return nil }
        return keywordOnly(first, counter: counter)
    }

    /// Whether a line (no CR or LF) is only whitespace characters. By scalars when each is a character of its own
    /// (there the whitespace is tab, VT, FF, space, NEL and no-break space: `byBytes`), by characters otherwise.
    private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> (isBlank: Bool, byBytes: Bool) {
        guard SingleScalarText.holds(line) else {
            return (String(decoding: line, as: UTF8.self).allSatisfy(\.isWhitespace), false)
        }
        var index = 0
        while index < line.count {
            switch line[index] {
            case 0x09, 0x0B, 0x0C, 0x20: index += 1
            case 0xC2 where index + 1 < line.count && (line[index + 1] == 0x85 || line[index + 1] == 0xA0): index += 2
            default: return (false, true)
            }
        }
        return (true, true)
    }

    /// An explicit opt-out clause in a sentence that is not a question about it and not negated. Asked only of a
    /// text whose fold holds a clause: sentences end at characters that folding turns into spaces, so each
    /// sentence's fold is a piece of the whole text's fold between spaces, and when the whole holds no clause, no
    /// sentence does.
    /// Sentences are read in order and only as far as the first that holds a request: by bytes, one at a time,
    /// where each scalar is a character of its own; split up front otherwise.
    private func clause(in text: String, counter: StepCounter?) -> String? {
        let byScalars: String?? = text.utf8.withContiguousStorageIfAvailable { bytes -> String?? in
            guard SingleScalarText.holds(lineBreaksAllowed: bytes) else { return .none }
            let utf8 = text.utf8
            var found: String?
            Self.forEachScalarSentence(in: bytes) { start, end, isQuestion in
                let sentence = text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
                found = clause(inSentence: sentence, isQuestion: isQuestion, counter: counter)
                return found == nil
            }
            return .some(found)
        } ?? nil
        if let byScalars { return byScalars }
        for sentence in Self.sentences(of: text) {
            if let found = clause(inSentence: sentence.text, isQuestion: sentence.isQuestion, counter: counter) {
                return found
            }
        }
        return nil
    }

    /// The request one sentence makes, if any.
    private func clause(inSentence sentence: Substring, isQuestion: Bool, counter: StepCounter?) -> String? {
        counter?.add(1)
        let normalized = NormalizedText(sentence, counter: counter)
        for match in OptOutPhrases.requests.matches(in: normalized, counter: counter) where !match.value {
            let before = normalized.bytes[..<match.range.lowerBound]
            let after = normalized.bytes[match.range.upperBound...]
            if Self.endsWithNegation(before) { continue }
            if Self.startsWithUntil(after) { continue }
            if Self.namesCopyLine(after) { continue }
            if isQuestion, Self.startsWithQuestionWord(normalized) { continue }
            return normalized.phraseText(match.range)
        }
        return nil
    }

    struct Sentence { let text: Substring; let isQuestion: Bool }

    static func sentences(of text: String) -> [Sentence] {
        if let byScalars = scalarSentences(of: text) { return byScalars }
        var result: [Sentence] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if endsSentence(character) {
                if index > start { result.append(Sentence(text: text[start..<index], isQuestion: character == "?")) }
                start = next
            }
            index = next
        }
        if start < text.endIndex { result.append(Sentence(text: text[start...], isQuestion: false)) }
        return result
    }

    /// Whether the character is ".", "!", "?", ";", "¿", "¡", LF, CR or CR LF as `==` compares characters (by
    /// canonical equivalence: of other single scalars only U+037E GREEK QUESTION MARK equals one of them, ";"),
    /// read from its scalars instead of by nine string comparisons.
    private static func endsSentence(_ character: Character) -> Bool {
        var scalars = character.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return false }
        guard let second = scalars.next() else {
            switch first.value {
            case 0x2E, 0x21, 0x3F, 0x0A, 0x0D, 0xBF, 0xA1, 0x3B, 0x37E: return true
            default: return false
            }
        }
        return first == "\r" && second == "\n" && scalars.next() == nil
    }

    /// `sentences(of:)` on the UTF-8 bytes of text whose every scalar is a character of its own but CR LF (one
    /// character, a break like CR and LF alone: the empty sentence between them is never kept); nil for other text.
    private static func scalarSentences(of text: String) -> [Sentence]? {
        var bounds: [(start: Int, end: Int, isQuestion: Bool)] = []
        let scanned: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard SingleScalarText.holds(lineBreaksAllowed: bytes) else { return false }
            forEachScalarSentence(in: bytes) { start, end, isQuestion in
                bounds.append((start, end, isQuestion))
                return true
            }
            return true
        }
        guard scanned == true else { return nil }
        let utf8 = text.utf8
        return bounds.map { bound in
            let start = utf8.index(utf8.startIndex, offsetBy: bound.start)
            let end = utf8.index(utf8.startIndex, offsetBy: bound.end)
            return Sentence(text: text[start..<end], isQuestion: bound.isQuestion)
        }
    }

    /// Calls `body` with the byte bounds of each sentence of UTF-8 text whose every scalar is a character of its
    /// own but CR LF, in order, while it returns true.
    private static func forEachScalarSentence(in bytes: UnsafeBufferPointer<UInt8>,
                                              _ body: (_ start: Int, _ end: Int, _ isQuestion: Bool) -> Bool) {
        var start = 0, index = 0
        let count = bytes.count
        while index < count {
            var value = UInt32(bytes[index])
            var length = 1
            if value >= 0x80, let (scalar, scalarLength) = SingleScalarText.scalar(in: bytes, at: index) {
                value = scalar
                length = scalarLength
            }
            switch value {
            case 0x2E, 0x21, 0x3F, 0x3B, 0x0A, 0x0D, 0xBF, 0xA1, 0x37E:
                if index > start, !body(start, index, value == 0x3F) { return }
                start = index &+ length
            default:
                break
            }
            index &+= length
        }
        if start < count { _ = body(start, count, false) }
    }

    static let replyPrefixes: Set<String> = ["re", "aw", "sv", "r", "antw", "res", "odp", "vs", "rif", "ynt", "回复", "答复"]
    static let forwardPrefixes: Set<String> = ["fw", "fwd", "wg", "tr", "rv", "enc", "doorst", "i"]

    /// What the word before a subject's first colon is.
    enum PrefixKind { case reply, forward, other }

    private static func kind(of word: String) -> PrefixKind {
        replyPrefixes.contains(word) ? .reply : forwardPrefixes.contains(word) ? .forward : .other
    }

    /// The ASCII prefixes with their kinds, compared byte by byte with a subject's ASCII word (equal ASCII bytes:
    /// equal strings; no other prefix can equal an ASCII word).
    private static let asciiPrefixes: [(word: [UInt8], kind: PrefixKind)] = (replyPrefixes.sorted() + forwardPrefixes.sorted())
        .filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        .map { (Array($0.utf8), kind(of: $0)) }

    private static func kind(ofASCII word: UnsafeBufferPointer<UInt8>) -> PrefixKind {
        for entry in asciiPrefixes where entry.word.count == word.count
            && entry.word.elementsEqual(word, by: { $0 == $1.lowercasedASCII }) {
            return entry.kind
        }
        return .other
    }

    /// Whether the subject starts with a reply prefix ("Re:", "AW:", "RE :", "Odp:"), not a forward prefix.
    static func hasReplyPrefix(_ subject: String) -> Bool {
        leadingPrefix(Substring(subject)).prefix?.kind == .reply
    }

    static func strippingReplyPrefixes(_ subject: String) -> String {
        // By bytes while the prefixes are ASCII: offsets instead of substrings, one string made at the end.
        var offset = 0
        let byBytes: String?? = subject.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            while let reading = asciiPrefix(in: bytes, from: offset) {
                guard let colon = reading.colon, colon.kind != .other else {
                    return String(decoding: bytes[reading.start...], as: UTF8.self)
                }
                offset = colon.offset + 1
            }
            return nil
        }
        if let byBytes, let byBytes { return byBytes }
        var rest = subject[subject.utf8.index(subject.startIndex, offsetBy: offset)...]
        while true {
            let (trimmed, prefix) = leadingPrefix(rest)
            guard let prefix, prefix.kind != .other else { return String(trimmed) }
            rest = prefix.rest
        }
    }

    /// Where a subject's text starts after spaces and tabs from `offset`, and the offset and kind of the word before
    /// a colon among its first seven characters; nil when those characters are not ASCII without CR with an
    /// ASCII byte after them (then each is one byte and none is joined to the next).
    private static func asciiPrefix(in bytes: UnsafeBufferPointer<UInt8>,
                                    from offset: Int) -> (start: Int, colon: (offset: Int, kind: PrefixKind)?)? {
        var start = offset
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        let window = bytes[start..<Swift.min(bytes.count, start + 8)]
        guard !window.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
        guard let colon = window.prefix(7).firstIndex(of: UInt8(ascii: ":")) else { return (start, nil) }
        var wordStart = start, wordEnd = colon
        while wordStart < wordEnd, bytes[wordStart] == 0x20 || bytes[wordStart] == 0x09 { wordStart += 1 }
        while wordEnd > wordStart, bytes[wordEnd - 1] == 0x20 || bytes[wordEnd - 1] == 0x09 { wordEnd -= 1 }
        return (start, (colon, kind(ofASCII: UnsafeBufferPointer(rebasing: bytes[wordStart..<wordEnd]))))
    }

    /// The text without leading spaces and tabs and, when a colon is among its first seven characters, the kind
    /// of the lowercased word before it ("re", "aw") and the text after it. By bytes where `asciiPrefix` can tell.
    private static func leadingPrefix(_ text: Substring) -> (trimmed: Substring, prefix: (kind: PrefixKind, rest: Substring)?) {
        if let byBytes = text.utf8.withContiguousStorageIfAvailable({ asciiPrefix(in: $0, from: 0) }), let byBytes {
            let utf8 = text.utf8
            let trimmed = text[utf8.index(utf8.startIndex, offsetBy: byBytes.start)...]
            guard let colon = byBytes.colon else { return (trimmed, nil) }
            return (trimmed, (colon.kind, text[utf8.index(utf8.startIndex, offsetBy: colon.offset + 1)...]))
        }
        let trimmed = text.drop(while: { $0 == " " || $0 == "\t" })
        guard let colon = trimmed.prefix(7).firstIndex(where: { $0 == ":" || $0 == "：" }) else { return (trimmed, nil) }
        return (trimmed, (kind(of: trimmed[..<colon].trimmingWhitespace.lowercased()), trimmed[trimmed.index(after: colon)...]))
    }

    /// Whether one of the first (or last) `count` words of folded bytes is in `words`, as splitting
    /// `String(decoding: bytes)` on " " finds them. By bytes when they are ASCII (then each byte is a character:
    /// folded text holds no CR); nil otherwise.
    private static func hasASCIIWord(in bytes: ArraySlice<UInt8>, fromEnd: Bool, count: Int, of words: Set<String>) -> Bool? {
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        var seen = 0
        var position = fromEnd ? bytes.endIndex : bytes.startIndex
        while seen < count {
            if fromEnd {
                while position > bytes.startIndex, bytes[position - 1] == 0x20 { position -= 1 }
                guard position > bytes.startIndex else { return false }
                var start = position
                while start > bytes.startIndex, bytes[start - 1] != 0x20 { start -= 1 }
                if words.contains(String(decoding: bytes[start..<position], as: UTF8.self)) { return true }
                position = start
            } else {
                while position < bytes.endIndex, bytes[position] == 0x20 { position += 1 }
                guard position < bytes.endIndex else { return false }
                var end = position
                while end < bytes.endIndex, bytes[end] != 0x20 { end += 1 }
                if words.contains(String(decoding: bytes[position..<end], as: UTF8.self)) { return true }
                position = end
            }
            seen += 1
        }
        return false
    }

    private static func lastWords(_ bytes: ArraySlice<UInt8>, count: Int) -> [String] {
        String(decoding: bytes.suffix(48), as: UTF8.self).split(separator: " ").suffix(count).map(String.init)
    }

    static func endsWithNegation(_ before: ArraySlice<UInt8>) -> Bool {
        hasASCIIWord(in: before.suffix(48), fromEnd: true, count: 2, of: OptOutPhrases.negations)
            ?? lastWords(before, count: 2).contains { OptOutPhrases.negations.contains($0) }
    }

    static func startsWithUntil(_ after: ArraySlice<UInt8>) -> Bool {
        if let found = hasASCIIWord(in: after.prefix(24), fromEnd: false, count: 2, of: OptOutPhrases.untilWords) { return found }
        let words = String(decoding: after.prefix(24), as: UTF8.self).split(separator: " ").prefix(2)
        return words.contains { OptOutPhrases.untilWords.contains(String($0)) }
    }

    /// Whether the clause is about the copy line of a thread ("remove me from the CC, Jordan owns this now",
    /// "nehmen Sie mich aus dem CC"): the person hands the conversation over and does not ask to stop being
    /// contacted. Only connecting words may stand between the clause and the copy word, so "remove me from your
    /// list and stop cc'ing my team" stays a request.
    static func namesCopyLine(_ after: ArraySlice<UInt8>) -> Bool {
        for word in String(decoding: after.prefix(40), as: UTF8.self).split(separator: " ").prefix(4) {
            let word = String(word)
            if OptOutPhrases.copyLineWords.contains(word) { return true }
            if !OptOutPhrases.copyLineConnectors.contains(word) { return false }
        }
        return false
    }

    static func startsWithQuestionWord(_ sentence: NormalizedText) -> Bool {
        if let found = hasASCIIWord(in: sentence.bytes.prefix(40), fromEnd: false, count: 3, of: OptOutPhrases.questionWords) {
            return found
        }
        let words = String(decoding: sentence.bytes.prefix(40), as: UTF8.self).split(separator: " ").prefix(3)
        return words.contains { OptOutPhrases.questionWords.contains(String($0)) }
    }
}

import Foundation
