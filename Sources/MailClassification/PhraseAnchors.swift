import Foundation

/// A few words of which every phrase of a table holds at least one, looked for in raw text before it is folded.
/// Folding ASCII only lowercases letters and turns the other bytes into spaces (an apostrophe may join two words),
/// so a phrase can match only text that holds one of these words in some case; text without them need not be
/// folded. Non-ASCII text folds to ASCII letters only in Latin-1 and Latin Extended-A (U+0080–U+017F: accented
/// letters lose their accents, İ lowercases to i) and in U+2000–U+2FFF (the Kelvin sign lowercases to k); text with
/// a scalar from those may match, any other non-ASCII scalar is passed over like punctuation.
///
/// Each word is looked for by its rarest letter, found with the C library's byte search, so the text is read in
/// bulk and compared byte by byte only around those letters.
struct PhraseAnchors: Sendable {
    /// Lowercase ASCII letters and digits; nil when some phrase has no such word (everything may match).
    private let words: [[UInt8]]?
    /// The anchor words, end to end.
    private let letters: [UInt8]
    /// Per anchor word: where it starts in `letters`, its length, and the offset in it of the letter it is looked for by.
    private let entries: [Entry]
    /// Each byte looked for (a word's rarest letter, in either case) with the entries it stands for.
    private let triggers: [Trigger]
    /// Per byte: whether it leads a scalar that may fold to ASCII.
    private let foldsToASCII: [Bool]
    /// Per byte, for short texts read byte by byte: 1 when it is a word's rarest letter (in either case), 2 when it
    /// leads a scalar that may fold to ASCII, else 0; with the entries a letter stands for.
    private let roles: [UInt8]
    private let entriesByTrigger: [Range<Int>]
    /// The trigger bytes and the lead bytes that may fold to ASCII, as a C string: the bytes one search of a
    /// string's text stops at.
    private let stops: [CChar]
    /// Texts shorter than this are read byte by byte: a byte search per letter costs more than it saves there.
    private static let searchedLength = 96

    private struct Entry: Sendable {
        let start: Int
        let count: Int
        let trigger: Int
        /// A word of at most eight bytes, little-endian as eight bytes of text are read: its bytes, bit 0x20 at its
        /// letters (set in a byte, it lowercases A–Z and keeps a–z, and only those two bytes give the letter), and
        /// 0xFF at each of its bytes.
        let packed: UInt64, caseBits: UInt64, mask: UInt64

        init(start: Int, word: [UInt8], trigger: Int) {
            self.start = start
            count = word.count
            self.trigger = trigger
            var packed: UInt64 = 0, caseBits: UInt64 = 0, mask: UInt64 = 0
            for (offset, byte) in word.prefix(8).enumerated() {
                let shift = UInt64(offset * 8)
                packed |= UInt64(byte) << shift
                mask |= 0xFF << shift
                if byte >= 0x61 && byte <= 0x7A { caseBits |= 0x20 << shift }
            }
            (self.packed, self.caseBits, self.mask) = (packed, caseBits, mask)
        }
    }

    private struct Trigger: Sendable {
        let byte: UInt8
        let entries: Range<Int>
    }

    /// Letters from the most to the least frequent in English text; a word is looked for by its last one here.
    private static let frequencyOrder = Array("0123456789etaoinsrhldcumfpgwybvkxjqz".utf8)

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
        // A word holding another chosen word is found wherever that one is, so looking for it too finds nothing more.
        chosen = chosen.map { chosen in
            chosen.filter { word in
                !chosen.contains { other in other.count < word.count && Self.holdsWord(other, in: word) }
            }
        }
        words = chosen
        // Each word by its rarest letter; the words sharing one are compared wherever it occurs.
        let rarity: (UInt8) -> Int = { Self.frequencyOrder.firstIndex(of: $0) ?? Self.frequencyOrder.count }
        let keyed = (chosen ?? []).map { word -> (word: [UInt8], trigger: Int) in
            let rarest = word.indices.max { rarity(word[$0]) < rarity(word[$1]) || (rarity(word[$0]) == rarity(word[$1]) && $0 > $1) } ?? 0
            return (word, rarest)
        }.sorted { $0.word[$0.trigger] < $1.word[$1.trigger] }
        var letters: [UInt8] = []
        var entries: [Entry] = []
        var triggers: [Trigger] = []
        var index = 0
        while index < keyed.count {
            let letter = keyed[index].word[keyed[index].trigger]
            let first = entries.count
            while index < keyed.count, keyed[index].word[keyed[index].trigger] == letter {
                entries.append(Entry(start: letters.count, word: keyed[index].word, trigger: keyed[index].trigger))
                letters.append(contentsOf: keyed[index].word)
                index += 1
            }
            triggers.append(Trigger(byte: letter, entries: first..<entries.count))
            if letter >= 0x61 { triggers.append(Trigger(byte: letter - 0x20, entries: first..<entries.count)) }
        }
        self.letters = letters
        self.entries = entries
        self.triggers = triggers
        // Lead bytes of the scalars that may fold to ASCII letters: U+0080–U+017F (C2–C5) and U+2000–U+2FFF (E2).
        let foldsToASCII = (0...255).map { lead in (0xC2...0xC5).contains(lead) || lead == 0xE2 }
        self.foldsToASCII = foldsToASCII
        var roles = foldsToASCII.map { $0 ? UInt8(2) : 0 }
        var entriesByTrigger = [Range<Int>](repeating: 0..<0, count: 256)
        for trigger in triggers {
            roles[Int(trigger.byte)] = 1
            entriesByTrigger[Int(trigger.byte)] = trigger.entries
        }
        self.roles = roles
        self.entriesByTrigger = entriesByTrigger
        stops = (1...255).filter { roles[$0] != 0 }.map { CChar(bitPattern: UInt8($0)) } + [0]
    }

    private static func holdsWord(_ part: [UInt8], in word: [UInt8]) -> Bool {
        (0...(word.count - part.count)).contains { start in word[start..<(start + part.count)].elementsEqual(part) }
    }

    /// Whether a phrase may match the fold of `text`'s first `leadingBytes` UTF-8 bytes (cut back to a scalar
    /// boundary), read in place: a native string's storage is its NUL-terminated C string (`withCString` copies
    /// only a string stored otherwise).
    func mayMatch(leadingBytes: Int, of text: String, counter: StepCounter?) -> Bool {
        let count = text.utf8.count
        return text.withCString { cString in
            let utf8 = UnsafeBufferPointer(start: UnsafeRawPointer(cString).assumingMemoryBound(to: UInt8.self), count: count)
            let head = UnsafeBufferPointer(rebasing: utf8[..<NormalizedText.scalarBoundary(atOrBefore: leadingBytes, in: utf8)])
            counter?.add(head.count)
            return mayMatch(head, endingWithinNULTerminated: true, counter: counter)
        }
    }

    /// Whether a phrase may match the folded form of `text`. `endingWithinNULTerminated`: the text is the start of
    /// a C string (a NUL byte follows it, at its end or later): it is then read in one pass that stops at every
    /// trigger and lead byte (the C library's `strcspn`, many bytes at a step), where a search per trigger byte read
    /// it once for each.
    func mayMatch(_ text: UnsafeBufferPointer<UInt8>, endingWithinNULTerminated: Bool = false,
                  counter: StepCounter? = nil) -> Bool {
        guard words != nil else { return true }
        guard let base = text.baseAddress, !text.isEmpty else { return false }
        if text.count < Self.searchedLength { return mayMatchByBytes(text) }
        if endingWithinNULTerminated { return mayMatchInOnePass(text, counter: counter) }
        if holdsLeadFoldingToASCII(text) { return true }
        return letters.withUnsafeBufferPointer { letters in
            entries.withUnsafeBufferPointer { entries in
                for trigger in triggers {
                    var from = 0
                    while from < text.count, let hit = memchr(base + from, Int32(trigger.byte), text.count - from) {
                        let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                        for entry in entries[trigger.entries] where Self.holds(entry, letters, in: text, at: position - entry.trigger) {
                            return true
                        }
                        from = position + 1
                    }
                }
                return false
            }
        }
    }

    /// `mayMatch` of text followed, at or after its end, by a NUL byte: each search stops at the first trigger or
    /// lead byte (a NUL inside the text is passed over). The last search may read on past the text's end, up to the
    /// next stop byte or the string's NUL: callers make one such call per string, never one per line of it, or
    /// hostile text without stop bytes would be read again for every line (quadratic time).
    private func mayMatchInOnePass(_ text: UnsafeBufferPointer<UInt8>, counter: StepCounter?) -> Bool {
        guard let base = text.baseAddress else { return false }
        return stops.withUnsafeBufferPointer { stops in
            letters.withUnsafeBufferPointer { letters in
                entries.withUnsafeBufferPointer { entries in
                    entriesByTrigger.withUnsafeBufferPointer { entriesByTrigger in
                        guard let stopBytes = stops.baseAddress else { return true }
                        var from = 0
                        while from < text.count {
                            let position = from + strcspn(UnsafeRawPointer(base + from).assumingMemoryBound(to: CChar.self), stopBytes)
                            // Every byte the search read, those past the text's end included.
                            counter?.add(position &- from &+ 1)
                            guard position < text.count else { return false }
                            let byte = base[position]
                            // A lead byte that may fold to ASCII.
                            if byte >= 0x80 { return true }
                            if byte != 0 {
                                for entry in entries[entriesByTrigger[Int(byte)]]
                                where Self.holds(entry, letters, in: text, at: position &- entry.trigger) {
                                    return true
                                }
                            }
                            from = position &+ 1
                        }
                        return false
                    }
                }
            }
        }
    }

    /// `mayMatch` read byte by byte.
    private func mayMatchByBytes(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        roles.withUnsafeBufferPointer { roles in
            letters.withUnsafeBufferPointer { letters in
                entries.withUnsafeBufferPointer { entries in
                    for position in 0..<text.count {
                        let role = roles[Int(text[position])]
                        if role == 0 { continue }
                        if role == 2 { return true }
                        for entry in entries[entriesByTrigger[Int(text[position])]]
                        where Self.holds(entry, letters, in: text, at: position - entry.trigger) {
                            return true
                        }
                    }
                    return false
                }
            }
        }
    }

    /// Whether the anchor word of `entry` is in `text` at `start`, in any case.
    private static func holds(_ entry: Entry, _ letters: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>,
                              at start: Int) -> Bool {
        guard start >= 0, start + entry.count <= text.count else { return false }
        // A short word is compared at once where eight bytes can be read.
        if entry.count <= 8, start &+ 8 <= text.count, let base = text.baseAddress {
            let block = UInt64(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
            return (block | entry.caseBits) & entry.mask == entry.packed
        }
        for offset in 0..<entry.count where text[start + offset].lowercasedASCII != letters[entry.start + offset] {
            return false
        }
        return true
    }

    /// Whether a byte of `text` leads a scalar that may fold to ASCII; ASCII is passed over eight bytes at a step.
    private func holdsLeadFoldingToASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return false }
        return foldsToASCII.withUnsafeBufferPointer { foldsToASCII in
            var index = 0
            // Most text is ASCII throughout: 32 bytes are passed at a step while none has its high bit set.
            while index + 32 <= text.count {
                let raw = UnsafeRawPointer(base + index)
                let high = (raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)) & EightBytes.highBits
                if high != 0 { break }
                index += 32
            }
            while index < text.count {
                if index + 8 <= text.count,
                   UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & EightBytes.highBits == 0 {
                    index += 8
                    continue
                }
                if foldsToASCII[Int(text[index])] { return true }
                index += 1
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
