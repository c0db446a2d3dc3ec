/// The numbers and words of the text after a return-date trigger, each number with the character that ended it
/// (nil for a space): at most 13, and one more may end the text. The date rules mostly tell from the first token or
/// two that no date follows, so text whose every scalar is a character of its own is read by scalars as far as
/// tokens are asked for (CR LF, a separator either way, is the one pair of scalars that is one character there);
/// other text is read by characters at once.
struct ReturnDateTokens {
    enum Token: Equatable { case number(Int, digits: Int, separator: Character?), word(DateWord) }

    /// The tokens read so far.
    private var read: [Token] = []
    /// Reads the rest of the text by scalars; nil once every token is read.
    private var reader: ScalarReader?

    /// `window`: valid UTF-8 that outlives this value.
    init(_ window: UnsafeBufferPointer<UInt8>) {
        if SingleScalarText.holds(lineBreaksAllowed: window) {
            reader = ScalarReader(bytes: window)
            // The rules seldom ask for more than four.
            read.reserveCapacity(4)
        } else {
            read = Self.characterTokens(String(decoding: window, as: UTF8.self))
        }
    }

    /// The token at `position`, reading the text as far as it; nil past the last.
    mutating func token(at position: Int) -> Token? {
        while read.count <= position {
            guard let next = reader?.next() else {
                reader = nil
                return nil
            }
            read.append(next)
        }
        return read[position]
    }

    /// The tokens of text whose every scalar is a character of its own, one at a time.
    private struct ScalarReader {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Where the token being read starts, and where reading stands.
        private var start = 0, index = 0
        private var isNumber = false
        private var produced = 0
        /// The scan has stopped (at the end or after 13 tokens); the token it was in may still be handed out.
        private var scanEnded = false, finished = false

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func next() -> Token? {
            while !scanEnded {
                guard index < bytes.count else { scanEnded = true; break }
                let byte = bytes[index]
                var length = 1
                var token: Token?
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    if !isNumber { token = flush(separator: nil); start = index }
                    isNumber = true
                } else if byte < 0x80 ? (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                                      : SingleScalarText.first(of: UnsafeBufferPointer(rebasing: bytes[index...])).map({ Character($0).isLetter }) == true {
                    if isNumber { token = flush(separator: nil); start = index }
                    isNumber = false
                    length = byte < 0x80 ? 1 : SingleScalarText.scalar(in: bytes, at: index)?.1 ?? 1
                } else {
                    length = byte < 0x80 ? 1 : SingleScalarText.scalar(in: bytes, at: index)?.1 ?? 1
                    let separator: Character? = byte == 0x20 ? nil
                        : byte < 0x80 ? Character(Unicode.Scalar(byte))
                        : SingleScalarText.first(of: UnsafeBufferPointer(rebasing: bytes[index...])).map(Character.init)
                    token = flush(separator: separator)
                    start = index + length
                    isNumber = false
                }
                index += length
                if let token {
                    produced += 1
                    if produced > 12 { scanEnded = true }
                    return token
                }
            }
            guard !finished else { return nil }
            finished = true
            return flush(separator: nil)
        }

        /// The token from `start` to where reading stands, if any.
        private func flush(separator: Character?) -> Token? {
            guard index > start else { return nil }
            let current = UnsafeBufferPointer(rebasing: bytes[start..<index])
            if isNumber {
                var value = 0, overflow = false
                for digit in current {
                    let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times10.addingReportingOverflow(Int(digit &- UInt8(ascii: "0")))
                    overflow = overflow || o1 || o2
                    value = sum
                }
                if !overflow { return .number(value, digits: current.count, separator: separator) }
            }
            if !current.contains(where: { $0 >= 0x80 }) {
                // A word of ASCII letters folds to its lowercase (digits stay as they are).
                return .word(DateWord(asciiLetters: current))
            }
            let folded = NormalizedText(String(decoding: current, as: UTF8.self)).bytes
            return .word(folded.withUnsafeBufferPointer { DateWord(folded: $0) })
        }
    }

    /// The tokens of the text read by characters, all at once.
    static func characterTokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        // At most 13 tokens are read, and one more may end the text: one allocation instead of five as they come.
        tokens.reserveCapacity(14)
        var iterator = Array(text).makeIterator()
        var current = ""
        var isNumber = false
        func flush(separator: Character?) {
            guard !current.isEmpty else { return }
            if isNumber, let value = Int(current) {
                tokens.append(.number(value, digits: current.count, separator: separator))
            } else {
                tokens.append(.word(NormalizedText(current).bytes.withUnsafeBufferPointer { DateWord(folded: $0) }))
            }
            current = ""
        }
        while let character = iterator.next() {
            // ASCII characters (CR LF included, as LF) are classified by value: the digits are the only ASCII
            // numbers and A–Z, a–z the only ASCII letters.
            let ascii = character.asciiValue
            let isDigit = ascii.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false
            if isDigit {
                if !isNumber { flush(separator: nil) }
                isNumber = true
                current.append(character)
            } else if ascii.map({ $0 | 0x20 >= UInt8(ascii: "a") && $0 | 0x20 <= UInt8(ascii: "z") }) ?? character.isLetter {
                if isNumber {
                    // "3rd", "1st", "2nd", "4th", "1er", "3º": ordinal suffix stays with the number.
                    flush(separator: nil)
                }
                isNumber = false
                current.append(character)
            } else {
                flush(separator: character == " " ? nil : character)
                isNumber = false
            }
            if tokens.count > 12 { break }
        }
        flush(separator: nil)
        return tokens
    }
}
