/// Reads RFC 5322 address lists, including obsolete and broken forms, and finds addresses in free text.
public enum AddressParser {
    /// Every mailbox in an address header value (`To`, `From`, `Cc`, `Reply-To`, …), in order.
    ///
    /// Handles display names (atoms, quoted strings, RFC 2047 already decoded by the caller or left raw), comments,
    /// groups (`Team: a@x.com, b@x.com;`, `undisclosed-recipients:;`), route addresses (`<@relay:user@host>`),
    /// `user@host (Name)`, `user @ host . com`, UTF-8 local parts and domains (RFC 6532), unquoted commas in names
    /// (`Doe, John <john@x.com>`). A piece that is not a well-formed mailbox is searched with `findAddresses`, so
    /// addresses in broken headers are still found. Domains are lowercased; local parts are kept as written.
    public static func parseList(_ value: String) -> [MailAddress] {
        // Nearly every header is `user@host` or `Name <user@host>`: those are read straight from the bytes, and
        // only the rest goes through the tokenizer (which gives the same result for them, at many times the cost).
        var text = value
        if let simple = text.withUTF8(SimpleAddressListReader.read) { return simple }
        return parseListByTokens(value)
    }

    /// `parseList` of the value whose UTF-8 is `utf8`.
    static func parseList(utf8: UnsafeBufferPointer<UInt8>) -> [MailAddress] {
        SimpleAddressListReader.read(utf8) ?? parseListByTokens(String(decoding: utf8, as: UTF8.self))
    }

    /// `parseList` without the byte-level shortcut: every form, through the tokenizer.
    static func parseListByTokens(_ value: String) -> [MailAddress] {
        var reader = AddressListReader(tokens: AddressTokenizer.tokenize(value))
        return reader.read()
    }

    /// Addresses (`local@domain`) in free text such as a bounce body, each once, in order of first appearance,
    /// without surrounding punctuation or brackets. Linear in the length of the text.
    public static func findAddresses(in text: String) -> [String] {
        var scanner = AddressScanner(text)
        return scanner.scan()
    }
}

/// Groups address tokens into mailboxes.
private struct AddressListReader {
    let tokens: [AddressToken]
    private var addresses: [MailAddress] = []
    /// Tokens of the current mailbox outside `<…>`: its display name, or its whole address when there are no brackets.
    private var phrase: [AddressToken] = []
    /// Tokens inside `<…>`, nil when the current mailbox has no angle brackets.
    private var angle: [AddressToken]?
    private var insideAngle = false
    /// Pieces without any address, kept in case they are the first half of a name split by an unquoted comma.
    private var pendingName: [AddressToken] = []

    init(tokens: [AddressToken]) {
        self.tokens = tokens
    }

    mutating func read() -> [MailAddress] {
        for token in tokens {
            if insideAngle {
                if token.isSpecial(">") {
                    insideAngle = false
                } else {
                    angle?.append(token)
                }
                continue
            }
            switch token.kind {
            case .special where token.text == "<":
                if angle == nil { angle = [] }
                insideAngle = true
            case .special where token.text == "," || token.text == ";":
                finishMailbox()
            case .special where token.text == ":":
                // A group name ends here. A colon after an address (broken header) just separates.
                if phrase.contains(where: { $0.isSpecial("@") }) || angle != nil {
                    finishMailbox()
                } else {
                    phrase = []
                    pendingName = []
                }
            case .special where token.text == ">":
                continue
            default:
                phrase.append(token)
            }
        }
        finishMailbox()
        return addresses
    }

    private mutating func finishMailbox() {
        defer {
            phrase = []
            angle = nil
            insideAngle = false
        }
        if let angle {
            let name = displayName(pendingName + phrase) ?? commentName(phrase + angle)
            pendingName = []
            if let address = addressSpec(withoutRoute(angle)) {
                addresses.append(MailAddress(displayName: name, address: address))
            } else {
                appendFound(in: angle)
            }
            return
        }
        guard !phrase.isEmpty else { return }
        guard phrase.contains(where: { $0.isSpecial("@") || $0.kind != .special && $0.text.contains("@") }) else {
            pendingName += phrase + [AddressToken(kind: .special, text: ",", spaceBefore: false)]
            return
        }
        pendingName = []
        if let address = addressSpec(phrase) {
            addresses.append(MailAddress(displayName: commentName(phrase), address: address))
        } else {
            appendFound(in: phrase)
        }
    }

    /// The forgiving path: any `user@host` in the text of a piece that is not a well-formed mailbox.
    private mutating func appendFound(in pieceTokens: [AddressToken]) {
        let text = pieceTokens.map { token in
            switch token.kind {
            case .quoted: return " \"" + token.text + "\""
            case .comment: return " (" + token.text + ")"
            default: return (token.spaceBefore ? " " : "") + token.text
            }
        }.joined()
        for address in AddressParser.findAddresses(in: text) {
            addresses.append(MailAddress(displayName: nil, address: address))
        }
    }

    /// `<@relay1,@relay2:user@host>` → `user@host` (RFC 5322 obs-route).
    private func withoutRoute(_ tokens: [AddressToken]) -> [AddressToken] {
        guard let first = tokens.first, first.isSpecial("@"),
              let colon = tokens.firstIndex(where: { $0.isSpecial(":") }) else { return tokens }
        return Array(tokens[(colon + 1)...])
    }

    /// `local@domain` from tokens that form exactly an addr-spec (comments and spacing ignored, per obs-local-part
    /// and obs-domain), or nil.
    private func addressSpec(_ tokens: [AddressToken]) -> String? {
        let parts = tokens.filter { $0.kind != .comment }
        guard let at = parts.lastIndex(where: { $0.isSpecial("@") }) else { return nil }
        guard let local = localPart(parts[..<at]), let domain = domain(parts[(at + 1)...]) else { return nil }
        return local + "@" + domain
    }

    /// Dot-separated words or quoted strings. A quoted local part keeps its quotes unless it is a plain dot-atom.
    private func localPart(_ tokens: ArraySlice<AddressToken>) -> String? {
        guard !tokens.isEmpty else { return nil }
        var text = ""
        var expectWord = true
        var needsQuotes = false
        for token in tokens {
            switch token.kind {
            case .word where expectWord, .quoted where expectWord:
                if token.kind == .quoted, token.text.isEmpty || !token.text.unicodeScalars.allSatisfy(AddressCharacterClass.isAtext) {
                    needsQuotes = true
                }
                guard token.kind == .quoted || token.text.unicodeScalars.allSatisfy(AddressCharacterClass.isAtext) else {
                    return nil
                }
                text += token.text
                expectWord = false
            case .special where !expectWord && token.text == ".":
                text += "."
                expectWord = true
            default:
                return nil
            }
        }
        guard !expectWord else { return nil }
        return needsQuotes ? quoted(text) : text
    }

    private func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { result += "\\" }
            result.unicodeScalars.append(scalar)
        }
        return result + "\""
    }

    /// Dot-separated labels or one domain literal, lowercased.
    private func domain(_ tokens: ArraySlice<AddressToken>) -> String? {
        if tokens.count == 1, let only = tokens.first, only.kind == .literal { return only.text }
        var text = ""
        var expectLabel = true
        for token in tokens {
            switch token.kind {
            case .word where expectLabel:
                guard token.text.unicodeScalars.allSatisfy(AddressCharacterClass.isDomainLabelCharacter) else {
                    return nil
                }
                text += token.text
                expectLabel = false
            case .special where !expectLabel && token.text == ".":
                text += "."
                expectLabel = true
            default:
                return nil
            }
        }
        // A trailing dot (`user@example.com.`) is the DNS root, not a missing label; normalizedDomain drops it.
        guard !text.isEmpty else { return nil }
        return AddressCharacterClass.normalizedDomain(text)
    }

    /// The display name: words, quoted strings and dots as written, comments left out; nil when empty.
    private func displayName(_ tokens: [AddressToken]) -> String? {
        var name = ""
        for token in tokens where token.kind != .comment {
            if token.spaceBefore, !name.isEmpty { name += " " }
            name += token.text
        }
        return AddressDisplayName.cleaned(name)
    }

    /// `user@host (Pat Smith)`: the comment is the only name there is.
    private func commentName(_ tokens: [AddressToken]) -> String? {
        let comments = tokens.filter { $0.kind == .comment }.map { $0.text.trimmingWhitespace() }.filter { !$0.isEmpty }
        return comments.isEmpty ? nil : comments.joined(separator: " ")
    }
}
