/// A few words of which every phrase of a table holds at least one, looked for in raw text before it is folded.
/// Folding ASCII only lowercases letters and turns the other bytes into spaces (an apostrophe may join two words),
/// so a phrase can match only text that holds one of these words in some case; text without them need not be
/// folded. Kana, CJK ideographs (U+3000–U+9FFF) and Cyrillic (U+0400–U+047F) fold to themselves or to spaces, never
/// to ASCII letters, so they are passed over like punctuation; any other non-ASCII text may match.
struct PhraseAnchors: Sendable {
    /// Lowercase ASCII letters and digits; nil when some phrase has no such word (everything may match).
    private let words: [[UInt8]]?
    /// Per byte: 1 when it starts an anchor word in some case, 2 when it leads a scalar that may fold to ASCII.
    private let roles: [UInt8]
    /// Per lowercase first byte, the anchor words it starts, so a byte is compared only with its own words.
    private let wordsByFirst: [[[UInt8]]]

    /// `phrases` in folded form (`PhraseTable.phrases`). A word of `common` (frequent in the text scanned, so it
    /// would let most of it through) stands for a phrase only when the phrase has no other word.
    init(_ phrases: [String], common: Set<String> = []) {
        let commonWords = Set(common.map { Array($0.utf8) })
        let wordsOfPhrases = phrases.map { phrase in
            let words = Set(phrase.split(separator: " ").map { Array($0.utf8) }.filter { word in
                word.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
            })
            let rarer = words.subtracting(commonWords)
            return rarer.isEmpty ? words : rarer
        }
        var chosen: [[UInt8]]? = []
        if wordsOfPhrases.contains(where: \.isEmpty) { chosen = nil }
        // Greedy cover: the word most uncovered phrases hold (the longer, then the first in byte order, on a tie).
        var uncovered = chosen == nil ? [] : wordsOfPhrases
        while !uncovered.isEmpty {
            var counts: [[UInt8]: Int] = [:]
            for words in uncovered { for word in words { counts[word, default: 0] += 1 } }
            guard let best = counts.max(by: { a, b in
                a.value != b.value ? a.value < b.value
                    : a.key.count != b.key.count ? a.key.count < b.key.count
                    : b.key.lexicographicallyPrecedes(a.key)
            })?.key else { break }
            chosen?.append(best)
            uncovered.removeAll { $0.contains(best) }
        }
        words = chosen
        var wordsByFirst = [[[UInt8]]](repeating: [], count: 256)
        for word in chosen ?? [] { wordsByFirst[Int(word[0])].append(word) }
        self.wordsByFirst = wordsByFirst
        var roles = [UInt8](repeating: 0, count: 256)
        for word in chosen ?? [] {
            roles[Int(word[0])] = 1
            if word[0] >= 0x61 { roles[Int(word[0] - 0x20)] = 1 }
        }
        // Lead bytes of scalars that might fold to ASCII letters: all but Cyrillic (D0, D1) and U+3000–U+9FFF (E3–E9).
        for lead in 0xC0...0xFF where !(0xD0...0xD1).contains(lead) && !(0xE3...0xE9).contains(lead) { roles[lead] = 2 }
        self.roles = roles
    }

    /// Whether a phrase may match the folded form of `text`.
    func mayMatch(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard words != nil else { return true }
        return roles.withUnsafeBufferPointer { roles in
            let count = text.count
            for start in 0..<count {
                let role = roles[Int(text[start])]
                if role == 0 { continue }
                if role == 2 { return true }
                let first = text[start] | 0x20
                for word in wordsByFirst[Int(first)] where word.count <= count &- start {
                    var offset = 1
                    while offset < word.count, text[start &+ offset].lowercasedASCII == word[offset] { offset &+= 1 }
                    if offset == word.count { return true }
                }
            }
            return false
        }
    }

    /// `mayMatch` of a string's UTF-8.
    func mayMatch(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { mayMatch($0) }
    }
}
