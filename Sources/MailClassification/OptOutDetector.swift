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

    func detect(replyText: String, subject: String?, counter: StepCounter?) -> Finding? {
        // Each text is folded once, for the keyword test and the clause search alike.
        if let subject {
            let stripped = Self.strippingReplyPrefixes(subject)
            let folded = NormalizedText(stripped, counter: counter)
            if let phrase = keywordOnly(stripped, folded: folded) { return Finding(phrase: phrase, place: "subject") }
            if let phrase = clause(in: stripped, folded: folded, counter: counter) { return Finding(phrase: phrase, place: "subject") }
        }
        let folded = NormalizedText(replyText, counter: counter)
        if let phrase = keywordOnly(replyText, folded: folded) ?? keywordOnlyFirstLine(replyText, counter: counter) {
            return Finding(phrase: phrase, place: "reply text")
        }
        if let phrase = clause(in: replyText, folded: folded, counter: counter) {
            return Finding(phrase: phrase, place: "reply text")
        }
        return nil
    }

    /// The text is only an opt-out keyword, give or take politeness ("Unsubscribe", "STOP", "remove me please").
    private func keywordOnly(_ text: String, counter: StepCounter?) -> String? {
        guard text.utf8.count <= 200, NormalizedText.minimumWordCount(of: text) <= 8 else { return nil }
        return keywordOnly(text, folded: NormalizedText(text, counter: counter))
    }

    /// `keywordOnly` with the text's fold at hand.
    private func keywordOnly(_ text: String, folded normalized: NormalizedText) -> String? {
        guard text.utf8.count <= 200 else { return nil }
        if normalized.isSingleScalar { return keywordOnly(words: normalized.bytes) }
        // Folded ASCII splits into exactly `wordCount` words; other text may join a space to a following mark.
        if normalized.wordCount > 8, !normalized.bytes.contains(where: { $0 >= 0x80 }) { return nil }
        let words = normalized.words
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
    /// of bytes between spaces; stops at the first word that is neither a keyword nor politeness.
    private func keywordOnly(words folded: [UInt8]) -> String? {
        var keyword: String?
        var words = 0
        var start = 0
        while start < folded.count {
            guard folded[start] != 0x20 else { start += 1; continue }
            var end = start + 1
            while end < folded.count, folded[end] != 0x20 { end += 1 }
            words += 1
            guard words <= 8 else { return nil }
            let word = String(decoding: folded[start..<end], as: UTF8.self)
            start = end
            if OptOutPhrases.keywords.contains(word) { keyword = keyword ?? word; continue }
            if OptOutPhrases.politeness.contains(word) { continue }
            return nil
        }
        return keyword
    }

    /// A short reply whose first line is only the keyword, followed by a sign-off ("Unsubscribe.\n\nBram").
    private func keywordOnlyFirstLine(_ text: String, counter: StepCounter?) -> String? {
        guard text.utf8.count <= 200 else { return nil }
        let firstLine: String?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var first: String?
            var count = 0
            for line in ReplyTextExtractor.lineBounds(of: bytes) where !Self.isBlank(UnsafeBufferPointer(rebasing: bytes[line])) {
                count += 1
                if count > 4 { return nil }
                first = first ?? String(decoding: bytes[line], as: UTF8.self)
            }
            return first
        }
        let first: String?
        if let firstLine {
            first = firstLine
        } else {
            let lines = ReplyTextExtractor.lines(of: text).filter { !$0.allSatisfy(\.isWhitespace) }
            first = lines.count <= 4 ? lines.first.map(String.init) : nil
        }
        return first.flatMap { keywordOnly($0, counter: counter) }
    }

    /// Whether a line (no CR or LF) is only whitespace characters. By scalars when each is a character of its own
    /// (there the whitespace is tab, VT, FF, space, NEL and no-break space), by characters otherwise.
    private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard SingleScalarText.holds(line) else {
            return String(decoding: line, as: UTF8.self).allSatisfy(\.isWhitespace)
        }
        var index = 0
        while index < line.count {
            switch line[index] {
            case 0x09, 0x0B, 0x0C, 0x20: index += 1
            case 0xC2 where index + 1 < line.count && (line[index + 1] == 0x85 || line[index + 1] == 0xA0): index += 2
            default: return false
            }
        }
        return true
    }

    /// An explicit opt-out clause in a sentence that is not a question about it and not negated.
    /// `folded`: the fold of `text`.
    private func clause(in text: String, folded: NormalizedText, counter: StepCounter?) -> String? {
        // Sentences end at characters that folding turns into spaces, so each sentence's fold is a piece of the
        // whole text's fold between spaces: when the whole holds no clause, no sentence does.
        guard OptOutPhrases.clauses.contains(folded, counter: counter) else { return nil }
        for sentence in Self.sentences(of: text) {
            counter?.add(1)
            let normalized = NormalizedText(sentence.text, counter: counter)
            for match in OptOutPhrases.clauses.matches(in: normalized, counter: counter) {
                let before = normalized.bytes[..<match.range.lowerBound]
                let after = normalized.bytes[match.range.upperBound...]
                if Self.endsWithNegation(before) { continue }
                if Self.startsWithUntil(after) { continue }
                if sentence.isQuestion, Self.startsWithQuestionWord(normalized) { continue }
                return normalized.phraseText(match.range)
            }
        }
        return nil
    }

    struct Sentence { let text: Substring; let isQuestion: Bool }

    static func sentences(of text: String) -> [Sentence] {
        if let ascii = asciiSentences(of: text) { return ascii }
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

    /// `sentences(of:)` on the UTF-8 bytes of ASCII text, where every byte is a character but CR LF (one
    /// character, a break like CR and LF alone); nil for other text.
    private static func asciiSentences(of text: String) -> [Sentence]? {
        var bounds: [(start: Int, end: Int, isQuestion: Bool)] = []
        let scanned: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0, index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                guard byte < 0x80 else { return false }
                var next = index &+ 1
                if byte == 0x0D, next < count, bytes[next] == 0x0A { next &+= 1 }
                switch byte {
                case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ";"), 0x0A, 0x0D:
                    if index > start { bounds.append((start, index, byte == UInt8(ascii: "?"))) }
                    start = next
                default:
                    break
                }
                index = next
            }
            if start < count { bounds.append((start, count, false)) }
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

    static let replyPrefixes: Set<String> = ["re", "aw", "sv", "r", "antw", "res", "odp", "vs", "rif", "ynt", "回复", "答复"]
    static let forwardPrefixes: Set<String> = ["fw", "fwd", "wg", "tr", "rv", "enc", "doorst", "i"]

    /// Whether the subject starts with a reply prefix ("Re:", "AW:", "RE :", "Odp:"), not a forward prefix.
    static func hasReplyPrefix(_ subject: String) -> Bool {
        guard let prefix = leadingPrefix(Substring(subject)).prefix else { return false }
        return replyPrefixes.contains(prefix.word)
    }

    static func strippingReplyPrefixes(_ subject: String) -> String {
        var rest = Substring(subject)
        while true {
            let (trimmed, prefix) = leadingPrefix(rest)
            guard let prefix, replyPrefixes.contains(prefix.word) || forwardPrefixes.contains(prefix.word) else {
                return String(trimmed)
            }
            rest = prefix.rest
        }
    }

    /// The text without leading spaces and tabs and, when a colon is among its first seven characters, the
    /// lowercased word before it ("re", "aw") and the text after it. By bytes when those characters are ASCII
    /// without CR and an ASCII byte follows them (so each is one byte and none is joined to the next).
    private static func leadingPrefix(_ text: Substring) -> (trimmed: Substring, prefix: (word: String, rest: Substring)?) {
        // (offset of the first character after spaces and tabs, offset of the colon, the lowercased word)
        typealias ByteReading = (start: Int, colon: (offset: Int, word: String)?)
        let byBytes: ByteReading?? = text.utf8.withContiguousStorageIfAvailable { bytes -> ByteReading? in
            var start = 0
            while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            let window = bytes[start..<Swift.min(bytes.count, start + 8)]
            guard !window.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
            guard let colon = window.prefix(7).firstIndex(of: UInt8(ascii: ":")) else { return (start, nil) }
            var wordStart = start, wordEnd = colon
            while wordStart < wordEnd, bytes[wordStart] == 0x20 || bytes[wordStart] == 0x09 { wordStart += 1 }
            while wordEnd > wordStart, bytes[wordEnd - 1] == 0x20 || bytes[wordEnd - 1] == 0x09 { wordEnd -= 1 }
            let word = String(asciiLowercasing: bytes[wordStart..<wordEnd])
            return (start, (colon, word))
        }
        if let byBytes, let byBytes {
            let utf8 = text.utf8
            let trimmed = text[utf8.index(utf8.startIndex, offsetBy: byBytes.start)...]
            guard let colon = byBytes.colon else { return (trimmed, nil) }
            return (trimmed, (colon.word, text[utf8.index(utf8.startIndex, offsetBy: colon.offset + 1)...]))
        }
        let trimmed = text.drop(while: { $0 == " " || $0 == "\t" })
        guard let colon = trimmed.prefix(7).firstIndex(where: { $0 == ":" || $0 == "：" }) else { return (trimmed, nil) }
        return (trimmed, (trimmed[..<colon].trimmingWhitespace.lowercased(), trimmed[trimmed.index(after: colon)...]))
    }

    private static func lastWords(_ bytes: ArraySlice<UInt8>, count: Int) -> [String] {
        String(decoding: bytes.suffix(48), as: UTF8.self).split(separator: " ").suffix(count).map(String.init)
    }

    static func endsWithNegation(_ before: ArraySlice<UInt8>) -> Bool {
        lastWords(before, count: 2).contains { OptOutPhrases.negations.contains($0) }
    }

    static func startsWithUntil(_ after: ArraySlice<UInt8>) -> Bool {
        let words = String(decoding: after.prefix(24), as: UTF8.self).split(separator: " ").prefix(2)
        return words.contains { OptOutPhrases.untilWords.contains(String($0)) }
    }

    static func startsWithQuestionWord(_ sentence: NormalizedText) -> Bool {
        let words = String(decoding: sentence.bytes.prefix(40), as: UTF8.self).split(separator: " ").prefix(3)
        return words.contains { OptOutPhrases.questionWords.contains(String($0)) }
    }
}

import Foundation
