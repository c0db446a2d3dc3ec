import MailParsing
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
        // Prose of letters, digits and single spaces, which folding takes eight bytes at a time inside a word.
        "The Quick brown fox", "mailbox unavailable", "A B C D E", "x y", "abcdefghijk", "ABCDEFGHIJKLMNOP",
        "550 5 1 1 User Unknown", "ab  cd ef",
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
            // Folded one after the other into one array, as a bounce's sender and subject are.
            #expect(NormalizedText(joiningFoldsOf: first, second, counter: nil).bytes == joined)
        }
        #expect(NormalizedText(joiningFoldsOf: "", "", counter: nil).bytes == NormalizedText(" ").bytes)
    }

    @Test func leadingBytesFoldInPlaceAsTheirCopy() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator))
                .map { _ in Self.pieces.randomElement(using: &generator) ?? "" }.joined()
            let count = Int.random(in: 0...(text.utf8.count + 2), using: &generator)
            #expect(NormalizedText(leadingBytes: count, of: text).bytes == NormalizedText(text.leadingBytes(count)).bytes,
                    "\(text.debugDescription) cut at \(count)")
        }
    }

    /// The automaton's table is built breadth-first, each state's row copied from its failure state's: every
    /// occurrence of every phrase, overlapping, nested and sharing suffixes, must be found where a plain search of
    /// the fold finds it, ordered by where it ends and then longest first.
    @Test func phraseTableFindsEveryOccurrenceAPlainSearchFinds() {
        var generator = SystemRandomNumberGenerator()
        let phrases = ["a b", "b", "a b c", "b c", "c a b", "ab", "abc", "bc", "x y z", "y", "z", "日本", "本"]
        let table = PhraseTable<Int>(phrases.enumerated().map { ($1, $0) })
        let folded = phrases.map { NormalizedText.phrase($0) }
        let words = ["a", "b", "c", "ab", "abc", "bc", "x", "y", "z", "日本", "本", "q"]
        for _ in 0..<1_000 {
            let text = NormalizedText((0..<Int.random(in: 0...14, using: &generator))
                .map { _ in words.randomElement(using: &generator) ?? "" }.joined(separator: " "))
            var expected: [(end: Int, length: Int, value: Int)] = []
            for (value, phrase) in folded.enumerated() where phrase.count <= text.bytes.count {
                for start in 0...(text.bytes.count - phrase.count)
                where text.bytes[start..<(start + phrase.count)].elementsEqual(phrase) {
                    expected.append((start + phrase.count, phrase.count, value))
                }
            }
            expected.sort { $0.end != $1.end ? $0.end < $1.end : $0.length > $1.length }
            let found = table.matches(in: text).map { ($0.range.upperBound, $0.range.count, $0.value) }
            #expect(found.map(\.0) == expected.map(\.end) && found.map(\.1) == expected.map(\.length)
                    && found.map(\.2) == expected.map(\.value), "\(text.string.debugDescription)")
        }
    }

    /// A phrase table reads text unfolded where it is ASCII and folds only the words that need it (an apostrophe,
    /// a non-ASCII byte) with what follows them: the first match, and where it lies in the fold, must be what a scan
    /// of the text folded whole finds, whatever the text holds around the phrases.
    @Test func scanOfUnfoldedTextFindsWhatTheFoldHolds() {
        var generator = SystemRandomNumberGenerator()
        let table = PhraseTable<Int>(["don't know", "réponse automatique", "日本語", "user unknown", "a b c",
                                      "mailbox unavailable", "the quick", "l'entreprise"].enumerated().map { ($1, $0) })
        let filler = ["don't know", "Réponse automatique", "USER unknown", "a-b-c", "x", "\n", "— ", ". "]
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...200, using: &generator))
                .map { _ in (Self.pieces + filler).randomElement(using: &generator) ?? "" }.joined()
            let prefix = NormalizedText("sender subject")
            let expected = table.firstMatch(in: NormalizedText(joining: prefix, NormalizedText(text)))
            var scan = table.continuedScan()
            var folding = FoldingBuffer()
            let found = prefix.bytes.withUnsafeBufferPointer { table.feedUntilFirstMatch(&scan, $0) } ?? {
                var text = text
                return text.withUTF8 { table.feedUntilFirstMatch(&scan, foldOf: $0, folding: &folding) }
            }()
            #expect(found?.value == expected?.value && found?.range == expected?.range, "\(text.debugDescription)")
        }
    }

    /// The format test reads a report's start unfolded up to the first fingerprint; what it finds, and the start
    /// folded whole afterwards, must be what folding it all at once gives.
    @Test func bodyStartFoldedPieceByPieceMatchesItFoldedWhole() {
        var generator = SystemRandomNumberGenerator()
        let filler = ["mail system", "delivery", "unknown user", "\n", "\r\n", ". ", "日本語の", "—", "don't ", "x'",
                      "Courier mail server", "retry timeout exceeded"]
        for _ in 0..<300 {
            let body = (0..<Int.random(in: 0...700, using: &generator))
                .map { _ in (Self.pieces + filler).randomElement(using: &generator) ?? "" }.joined()
            let parsed = message(["From: MAILER-DAEMON@example.org", "Subject: Returned mail",
                                  "Content-Type: text/plain; charset=utf-8"], body)
            let whole = NormalizedText(leadingBytes: MessageFolds.bodyHeadLength, of: parsed.textBody ?? "")
            let prefix = NormalizedText("mailer-daemon@example.org Returned mail")
            let expected = BounceFormat.fingerprintTable.firstMatch(in: NormalizedText(joining: prefix, whole))
            let folds = MessageFolds(of: parsed, counter: nil)
            let found = folds.firstMatch(of: BounceFormat.fingerprintTable, inBodyHeadAfter: prefix)
            #expect(found?.value == expected?.value && found?.range == expected?.range)
            #expect(folds.bodyHead.bytes == whole.bytes)
            #expect(folds.bodyHead.bytes == NormalizedText((parsed.textBody ?? "").leadingBytes(MessageFolds.bodyHeadLength)).bytes)
        }
    }

    @Test func foldingExamples() {
        #expect(NormalizedText("Don't STOP—réponse, l'été!").string == " don't stop reponse l'ete ")
        #expect(NormalizedText("'quoted' rock'").string == " quoted rock ")
        #expect(NormalizedText("配信できません").string == " 配 信 で き ま せ ん ")
        #expect(NormalizedText("").string == " ")
    }
}
