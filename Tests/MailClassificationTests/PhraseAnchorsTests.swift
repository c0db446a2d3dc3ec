import Foundation
import Testing
@testable import MailClassification

/// Anchor words let a check pass over text without folding it; they may let text through that holds no phrase,
/// but must never turn away text whose fold holds one.
@Suite struct PhraseAnchorsTests {
    static let tables: [(PhraseTable<Void>, PhraseAnchors)] = [
        (BounceMarkers.delayed, BounceMarkers.delayedWords),
        (BounceMarkers.originalStarts, BounceMarkers.originalStartWords),
        (BounceMarkers.senderIntros, BounceMarkers.senderIntroWords),
    ]

    @Test func textWhoseFoldHoldsAPhraseIsNeverPassedOver() {
        var generator = SystemRandomNumberGenerator()
        let noise = ["the", " ", "\n", "RCPT", "Mail", "—", "日本", "é", "'", "x", "delivery", "Original", "copy", "DELAY",
                     "tried", "yet", "message", "from", "ret", "ried", "Warn", "ing", ".", "@", "ü", "Ж"]
        for (table, anchors) in Self.tables {
            let phrases = table.phrases.map { $0.trimmingCharacters(in: .whitespaces) }
            for _ in 0..<1_500 {
                let pieces = (0..<Int.random(in: 0...14, using: &generator)).map { _ -> String in
                    Bool.random(using: &generator) ? (noise.randomElement(using: &generator) ?? "")
                        : (phrases.randomElement(using: &generator) ?? "").uppercased()
                }
                let text = pieces.joined(separator: Bool.random(using: &generator) ? " " : "")
                if table.firstMatch(in: NormalizedText(text)) != nil {
                    #expect(anchors.mayMatch(text), "\(text.debugDescription) holds a phrase")
                }
            }
        }
    }

    /// A string's text read in one pass to its end (the string's storage ends with a NUL byte) gives the answer the
    /// search per trigger byte gives, NUL bytes inside the text and text past the part read included.
    @Test func onePassOverAStringAgreesWithASearchPerTriggerByte() {
        var generator = SystemRandomNumberGenerator()
        let noise = ["the", " ", "\n", "\u{0}", "RCPT", "Mail", "—", "日本", "é", "'", "x", "delivery", "Original", "copy",
                     "DELAY", "tried", "yet", "message", "from", "ret", "ried", "Warn", "ing", ".", "@", "\u{212A}", "Ж"]
        var agreedOnBoth = Set<Bool>()
        for (table, anchors) in Self.tables {
            let phrases = table.phrases.map { $0.trimmingCharacters(in: .whitespaces) }
            for _ in 0..<1_000 {
                let pieces = (0..<Int.random(in: 8...60, using: &generator)).map { _ -> String in
                    Int.random(in: 0..<8, using: &generator) > 0 ? (noise.randomElement(using: &generator) ?? "")
                        : (phrases.randomElement(using: &generator) ?? "").uppercased()
                }
                let text = pieces.joined(separator: Bool.random(using: &generator) ? " " : "")
                let cut = Int.random(in: 0...text.utf8.count, using: &generator)
                // The same bytes in an array, read by the search per trigger byte.
                let expected = Array(text.utf8).withUnsafeBufferPointer { all in
                    anchors.mayMatch(UnsafeBufferPointer(rebasing: all[..<NormalizedText.scalarBoundary(atOrBefore: cut, in: all)]))
                }
                let read = anchors.mayMatch(leadingBytes: cut, of: text, counter: nil)
                #expect(read == expected, "\(text.debugDescription) cut at \(cut)")
                agreedOnBoth.insert(read)
            }
        }
        #expect(agreedOnBoth == [true, false])
        let long = String(repeating: "nothing here \u{0} ", count: 20)
        #expect(!BounceMarkers.delayedWords.mayMatch(leadingBytes: .max, of: long, counter: nil))
        #expect(BounceMarkers.delayedWords.mayMatch(leadingBytes: .max, of: long + "will be retried", counter: nil))
        #expect(!BounceMarkers.delayedWords.mayMatch(leadingBytes: long.utf8.count, of: long + "will be retried", counter: nil))
    }

    /// Anchors pass over non-ASCII text but for the lead bytes of U+0080–U+017F and U+2000–U+2FFF: no other scalar
    /// may fold to an ASCII letter or digit. Folding reads scalar by scalar, so every scalar is checked.
    @Test func onlyLatinAndLetterlikeScalarsFoldToASCII() {
        var folding = FoldingBuffer()
        var leads: Set<UInt8> = []
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4) { encoded in
            guard let base = encoded.baseAddress else { return }
            for value in UInt32(0x80)...0x10FFFF {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let count = UTF8.encode(scalar, into: base)
                let foldsToASCII = folding.withFold(of: UnsafeBufferPointer(start: base, count: count), counter: nil) { folded in
                    folded.contains { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
                }
                if foldsToASCII { leads.insert(base[0]) }
            }
        }
        #expect(leads.isSubset(of: [0xC2, 0xC3, 0xC4, 0xC5, 0xE2]), "\(leads.sorted())")
        #expect(leads.contains(0xC3) && leads.contains(0xE2))
    }

    @Test func textWithoutAnchorWordsIsPassedOver() {
        #expect(!BounceMarkers.delayedWords.mayMatch("Your message could not be delivered to pat@client.example."))
        #expect(BounceMarkers.delayedWords.mayMatch("Delivery to pat@client.example is DELAYED"))
        #expect(BounceMarkers.delayedWords.mayMatch("will be retried"))
        #expect(BounceMarkers.delayedWords.mayMatch("réessai"))  // é may fold to ASCII
        #expect(!BounceMarkers.delayedWords.mayMatch("配信できませんでした"))
        #expect(!BounceMarkers.delayedWords.mayMatch("（配信）ＤＥＬＡＹ Задержка"))
        #expect(BounceMarkers.delayedWords.mayMatch("\u{212A}"))  // the Kelvin sign lowercases to k
        #expect(!BounceMarkers.delayedWords.mayMatch(""))
    }
}
