/// A lexical token of a date string. Comments are dropped; whitespace and commas only separate.
enum MailDateToken: Equatable {
    case number(value: Int, digits: Int)
    /// Letters, lowercased ASCII.
    case word(String)
    case colon, dot, minus, plus, slash

    /// Longer runs of digits or letters are not part of any date; they are cut so a hostile header costs nothing.
    static let maxRunLength = 12
    /// A date needs about a dozen tokens; past this many the rest of the value is junk.
    static let maxTokens = 64

    static func tokenize(_ value: String) -> [MailDateToken] {
        let bytes = Array(value.utf8)
        var tokens: [MailDateToken] = []
        var index = 0
        var commentDepth = 0
        while index < bytes.count, tokens.count < maxTokens {
            let byte = bytes[index]
            if commentDepth > 0 {
                if byte == UInt8(ascii: "(") { commentDepth += 1 }
                if byte == UInt8(ascii: ")") { commentDepth -= 1 }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                var value = 0, digits = 0
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                    if digits < maxRunLength { value = value * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                    digits += 1
                    index += 1
                }
                tokens.append(.number(value: value, digits: min(digits, maxRunLength + 1)))
                continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                var word = ""
                while index < bytes.count, isLetter(bytes[index]) {
                    if word.utf8.count < maxRunLength { word.unicodeScalars.append(Unicode.Scalar(bytes[index] | 0x20)) }
                    index += 1
                }
                tokens.append(.word(word))
                continue
            case UInt8(ascii: "("): commentDepth = 1
            case UInt8(ascii: ":"): tokens.append(.colon)
            case UInt8(ascii: "."): tokens.append(.dot)
            case UInt8(ascii: "-"): tokens.append(.minus)
            case UInt8(ascii: "+"): tokens.append(.plus)
            case UInt8(ascii: "/"): tokens.append(.slash)
            default: break
            }
            index += 1
        }
        return tokens
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}
