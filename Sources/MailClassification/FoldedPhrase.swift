/// The text of a phrase found in folded bytes (a `PhraseTable` match's range, bounding spaces included), without
/// those spaces: `NormalizedText.phraseText` for a fold held as bytes. Folded text holds no whitespace but U+0020.
enum FoldedPhrase {
    static func text(_ range: Range<Int>, in folded: [UInt8]) -> String {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, folded[lower] == 0x20 { lower += 1 }
        while upper > lower, folded[upper - 1] == 0x20 { upper -= 1 }
        return String(decoding: folded[lower..<upper], as: UTF8.self)
    }
}
