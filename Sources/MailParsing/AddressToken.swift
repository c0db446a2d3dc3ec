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

/// Splits an address header into tokens in one pass; unterminated quotes, comments and literals run to the end.
enum AddressTokenizer {
    static func tokenize(_ value: String) -> [AddressToken] {
        let scalars = Array(value.unicodeScalars)
        var tokens: [AddressToken] = []
        var index = 0
        var spaceBefore = false
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case " ", "\t", "\r", "\n":
                spaceBefore = true
                index += 1
                continue
            case "\"":
                let (text, next) = quoted(scalars, from: index + 1, closing: "\"")
                tokens.append(AddressToken(kind: .quoted, text: text, spaceBefore: spaceBefore))
                index = next
            case "(":
                let (text, next) = comment(scalars, from: index + 1)
                tokens.append(AddressToken(kind: .comment, text: text, spaceBefore: spaceBefore))
                index = next
            case "[":
                let (text, next) = quoted(scalars, from: index + 1, closing: "]")
                tokens.append(AddressToken(kind: .literal, text: "[" + text + "]", spaceBefore: spaceBefore))
                index = next
            case "<", ">", ",", ":", ";", "@", ".":
                tokens.append(AddressToken(kind: .special, text: String(scalar), spaceBefore: spaceBefore))
                index += 1
            default:
                var end = index
                while end < scalars.count, !isDelimiter(scalars[end]) { end += 1 }
                var text = ""
                text.unicodeScalars.append(contentsOf: scalars[index..<end])
                tokens.append(AddressToken(kind: .word, text: text, spaceBefore: spaceBefore))
                index = end
            }
            spaceBefore = false
        }
        return tokens
    }

    private static func isDelimiter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\r", "\n", "\"", "(", "[", "<", ">", ",", ":", ";", "@", ".": return true
        default: return false
        }
    }

    /// Content up to the unescaped `closing` character, and the index after it.
    private static func quoted(_ scalars: [Unicode.Scalar], from start: Int,
                               closing: Unicode.Scalar) -> (String, Int) {
        var text = ""
        var index = start
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count {
                text.unicodeScalars.append(scalars[index + 1])
                index += 2
                continue
            }
            if scalar == closing { return (text, index + 1) }
            if scalar != "\r" && scalar != "\n" { text.unicodeScalars.append(scalar) }
            index += 1
        }
        return (text, index)
    }

    /// Comment content (nested parentheses kept as text) and the index after the closing parenthesis. Nesting is a
    /// counter, not recursion, so any depth costs nothing extra.
    private static func comment(_ scalars: [Unicode.Scalar], from start: Int) -> (String, Int) {
        var text = ""
        var depth = 1
        var index = start
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "\\" where index < scalars.count:
                text.unicodeScalars.append(scalars[index])
                index += 1
                continue
            case "(":
                depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return (text, index) }
            default:
                break
            }
            text.unicodeScalars.append(scalar)
        }
        return (text, index)
    }
}
