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

    @Test func textWithoutAnchorWordsIsPassedOver() {
        #expect(!BounceMarkers.delayedWords.mayMatch("Your message could not be delivered to pat@client.example."))
        #expect(BounceMarkers.delayedWords.mayMatch("Delivery to pat@client.example is DELAYED"))
        #expect(BounceMarkers.delayedWords.mayMatch("will be retried"))
        #expect(BounceMarkers.delayedWords.mayMatch("réessai"))  // é may fold to ASCII
        #expect(!BounceMarkers.delayedWords.mayMatch("配信できませんでした"))
        #expect(!BounceMarkers.delayedWords.mayMatch(""))
    }
}
