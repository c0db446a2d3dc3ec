import Testing
@testable import MailClassification

/// Phrase matching depends on folding being exactly the same on every path: the one-pass fold used by the
/// detectors, the origin-tracking fold used for return dates, and folds of joined texts.
@Suite struct NormalizedTextTests {
    /// Pieces that exercise every rule: case, digits, punctuation runs, apostrophes inside and around words,
    /// accented Latin letters, ß and ligatures, CJK, Greek and Cyrillic case, non-letter symbols, emoji.
    static let pieces = [
        "Hello", "WORLD", " ", "  ", "\t", "\n", "42", "don't", "'quoted'", "l'entreprise", "it`s", "rock'", "'n'",
        "’", "‘", "Réponse", "ÉTÉ", "Straße", "Æther", "œuvre", "ıİ", "日本語", "メール", "中", "Ωμέγα", "ПРИВЕТ",
        "—", "…", "€", "½", "😀", ",", "-", "'", "''", "a'b", "5.1.1", "user@example.com", "Ⱥ", "ǅ",
        // Scalars 128 apart share a slot of the fold's property cache: a letter and a non-letter, two letters.
        "ほ", "・", "ㄢ", "ア", "٣",
    ]

    @Test func detectorFoldAndOriginTrackingFoldAgree() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...8, using: &generator)
            let text = (0..<count).map { _ in Self.pieces.randomElement(using: &generator) ?? "" }.joined()
            let fast = NormalizedText(text).bytes
            let tracked = NormalizedText(text, trackingOrigins: true).bytes
            #expect(fast == tracked, "\(text.debugDescription) folds differently")
        }
    }

    @Test func scalarsSharingACacheSlotFoldByTheirOwnProperties() {
        // ほ (U+307B) and ・ (U+30FB), ア (U+30A2) and ㄢ (U+3122) are 128 apart; ・ is no letter.
        let text = "ほ・ほ・アㄢアㄢ"
        #expect(NormalizedText(text).string == " ほ ほ ア ㄢ ア ㄢ ")
        #expect(NormalizedText(text).bytes == NormalizedText(text, trackingOrigins: true).bytes)
    }

    @Test func joiningFoldedTextsEqualsFoldingTheJoinedText() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let first = (0..<3).map { _ in Self.pieces.randomElement(using: &generator) ?? "" }.joined()
            let second = (0..<3).map { _ in Self.pieces.randomElement(using: &generator) ?? "" }.joined()
            let joined = NormalizedText(joining: NormalizedText(first), NormalizedText(second)).bytes
            #expect(joined == NormalizedText(first + " " + second).bytes, "\(first.debugDescription) + \(second.debugDescription)")
        }
    }

    @Test func foldingExamples() {
        #expect(NormalizedText("Don't STOP—réponse, l'été!").string == " don't stop reponse l'ete ")
        #expect(NormalizedText("'quoted' rock'").string == " quoted rock ")
        #expect(NormalizedText("配信できません").string == " 配 信 で き ま せ ん ")
        #expect(NormalizedText("").string == " ")
    }
}
