/// A lexical token of an RFC 5322 address header.
struct AddressToken: Equatable {
    enum Kind: Equatable {
        /// A run of atext (and of anything else that is not a special; broken headers are read, not rejected).
        case word
        /// A quoted string; `text` is its content with escapes removed.
        case quoted
        /// A comment; `text` is its content, nested comments included.
        case comment
        /// A domain literal; `text` includes the brackets.
        case literal
        /// One of `<>,:;@.`; `text` is the character.
        case special
    }

    var kind: Kind
    var text: String
    /// Whitespace came before this token, so a display name can be rebuilt with its original spacing.
    var spaceBefore: Bool

    func isSpecial(_ character: Unicode.Scalar) -> Bool {
        kind == .special && text.unicodeScalars.first == character
    }
}

/// Splits an address header into tokens in one pass over its UTF-8 (every delimiter is ASCII, so multi-byte
/// characters never need decoding); unterminated quotes, comments and literals run to the end.
enum AddressTokenizer {
    static func tokenize(_ value: String) -> [AddressToken] {
        let bytes = Array(value.utf8)
        var tokens: [AddressToken] = []
        var index = 0
        var spaceBefore = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                spaceBefore = true
                index += 1
                continue
            case UInt8(ascii: "\""):
                let (text, next) = quoted(bytes, from: index + 1, closing: UInt8(ascii: "\""))
                tokens.append(AddressToken(kind: .quoted, text: text, spaceBefore: spaceBefore))
                index = next
            case UInt8(ascii: "("):
                let (text, next) = comment(bytes, from: index + 1)
                tokens.append(AddressToken(kind: .comment, text: text, spaceBefore: spaceBefore))
                index = next
            case UInt8(ascii: "["):
                let (text, next) = quoted(bytes, from: index + 1, closing: UInt8(ascii: "]"))
                tokens.append(AddressToken(kind: .literal, text: "[" + text + "]", spaceBefore: spaceBefore))
                index = next
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"),
                 UInt8(ascii: "@"), UInt8(ascii: "."):
                tokens.append(AddressToken(kind: .special, text: String(Unicode.Scalar(byte)), spaceBefore: spaceBefore))
                index += 1
            default:
                var end = index
                while end < bytes.count, !isDelimiter(bytes[end]) { end += 1 }
                tokens.append(AddressToken(kind: .word, text: String(decoding: bytes[index..<end], as: UTF8.self),
                                           spaceBefore: spaceBefore))
                index = end
            }
            spaceBefore = false
        }
        return tokens
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: "\""),
             UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ","),
             UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "@"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    /// Content up to the unescaped `closing` byte, and the index after it.
    private static func quoted(_ bytes: [UInt8], from start: Int, closing: UInt8) -> (String, Int) {
        var text: [UInt8] = []
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                text.append(bytes[index + 1])
                index += 2
                continue
            }
            if byte == closing { return (String(decoding: text, as: UTF8.self), index + 1) }
            if byte != UInt8(ascii: "\r") && byte != UInt8(ascii: "\n") { text.append(byte) }
            index += 1
        }
        return (String(decoding: text, as: UTF8.self), index)
    }

    /// Comment content (nested parentheses kept as text) and the index after the closing parenthesis. Nesting is a
    /// counter, not recursion, so any depth costs nothing extra.
    private static func comment(_ bytes: [UInt8], from start: Int) -> (String, Int) {
        var text: [UInt8] = []
        var depth = 1
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\\") where index < bytes.count:
                text.append(bytes[index])
                index += 1
                continue
            case UInt8(ascii: "("):
                depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return (String(decoding: text, as: UTF8.self), index) }
            default:
                break
            }
            text.append(byte)
        }
        return (String(decoding: text, as: UTF8.self), index)
    }
}
