/// Reads the item list of a `* n FETCH (…)` response into an `IMAPFetchResponse`, crossing from a line into its literal
/// where a `{n}` marker ends the line.
///
/// The items are read straight from the response's bytes into the fields the client keeps: no value tree, and no
/// allocation besides the body (a literal the reader already holds) and the flags.
struct IMAPFetchScanner {
    /// Deeper nesting than any real response has is refused rather than followed.
    static let maxDepth = 32
    private let raw: IMAPRawResponse
    private var line = 0
    private var offset: Int
    private var end: Int

    /// `offset`: where the item list starts in the first line, after `* n FETCH`.
    init(_ raw: IMAPRawResponse, offset: Int) {
        self.raw = raw
        self.offset = offset
        end = raw.lines[0].upperBound
    }

    /// The items, the last one of a name winning when a server repeats it (as a lookup by name would find it).
    mutating func read(sequence: Int) throws(IMAPResponseSyntaxError) -> IMAPFetchResponse {
        var response = IMAPFetchResponse(sequence: sequence)
        skipSpaces()
        guard offset < end else { throw IMAPResponseSyntaxError("response ended where a value was expected") }
        guard byte == UInt8(ascii: "(") else { throw IMAPResponseSyntaxError("FETCH without a parenthesised item list") }
        offset += 1
        while true {
            guard try !closesList() else { return response }
            // An item is a name (an atom) and a value; anything else in a name's place is skipped with its value.
            let name = try itemName()
            guard try !closesList() else { return response }
            switch name {
            case .uid: response.uid = try number()
            case .flags: response.flags = try atomList()
            case .body: response.body = try string()
            case .other: try skipValue(depth: 1)
            }
        }
    }

    private enum ItemName { case uid, flags, body, other }

    private var byte: UInt8 { raw.text[offset] }

    private mutating func skipSpaces() {
        while offset < end && raw.text[offset] == 32 { offset += 1 }
    }

    /// Skips spaces; true (and consumed) at the list's `)`.
    private mutating func closesList() throws(IMAPResponseSyntaxError) -> Bool {
        skipSpaces()
        guard offset < end else { throw IMAPResponseSyntaxError("unterminated list") }
        guard byte == UInt8(ascii: ")") else { return false }
        offset += 1
        return true
    }

    private mutating func itemName() throws(IMAPResponseSyntaxError) -> ItemName {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: "\""), UInt8(ascii: "{"):
            try skipValue(depth: 1)
            return .other
        default:
            let name = try atom()
            if equalsKeyword(name, "UID") { return .uid }
            if equalsKeyword(name, "FLAGS") { return .flags }
            if equalsKeyword(name, "BODY[]") { return .body }
            return .other
        }
    }

    /// UID's value: a number, else nil (the value is read and dropped).
    private mutating func number() throws(IMAPResponseSyntaxError) -> UInt32? {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: "\""), UInt8(ascii: "{"):
            try skipValue(depth: 1)
            return nil
        default:
            let word = try atom()
            var value: UInt32 = 0
            for index in word {
                let digit = raw.text[index] &- UInt8(ascii: "0")
                guard digit < 10, case let (times, overflow) = value.multipliedReportingOverflow(by: 10), !overflow,
                      case let (sum, carry) = times.addingReportingOverflow(UInt32(digit)), !carry else {
                    // Not plain digits: read it as Swift reads a number (a sign is allowed), or not at all.
                    return UInt32(String(decoding: raw.text[word], as: UTF8.self))
                }
                value = sum
            }
            return value
        }
    }

    /// FLAGS' value: the atoms of a list (other elements and NIL dropped); empty when the value is not a list.
    private mutating func atomList() throws(IMAPResponseSyntaxError) -> [String] {
        guard byte == UInt8(ascii: "(") else {
            try skipValue(depth: 1)
            return []
        }
        offset += 1
        var atoms: [String] = []
        while try !closesList() {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: "\""), UInt8(ascii: "{"):
                try skipValue(depth: 2)
            default:
                let word = try atom()
                if !equalsKeyword(word, "NIL") { atoms.append(String(decoding: raw.text[word], as: UTF8.self)) }
            }
        }
        return atoms
    }

    /// BODY[]'s value: a literal or quoted string's bytes; nil for NIL or anything else.
    private mutating func string() throws(IMAPResponseSyntaxError) -> [UInt8]? {
        switch byte {
        case UInt8(ascii: "\""): return try quoted()
        case UInt8(ascii: "{"): return try literal()
        default:
            try skipValue(depth: 1)
            return nil
        }
    }

    private mutating func skipValue(depth: Int) throws(IMAPResponseSyntaxError) {
        skipSpaces()
        guard offset < end else { throw IMAPResponseSyntaxError("response ended where a value was expected") }
        switch byte {
        case UInt8(ascii: "("):
            guard depth < Self.maxDepth else { throw IMAPResponseSyntaxError("lists nested too deeply") }
            offset += 1
            while try !closesList() { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""):
            _ = try quoted()
        case UInt8(ascii: "{"):
            _ = try literal()
        default:
            _ = try atom()
        }
    }

    /// The literal announced at the end of this line; reading continues at the start of the next line.
    private mutating func literal() throws(IMAPResponseSyntaxError) -> [UInt8] {
        guard line < raw.literals.count else { throw IMAPResponseSyntaxError("literal marker without literal") }
        let literal = raw.literals[line]
        line += 1
        offset = raw.lines[line].lowerBound
        end = raw.lines[line].upperBound
        return literal
    }

    private mutating func quoted() throws(IMAPResponseSyntaxError) -> [UInt8] {
        offset += 1
        var bytes: [UInt8] = []
        while offset < end {
            let byte = raw.text[offset]
            offset += 1
            if byte == UInt8(ascii: "\"") { return bytes }
            if byte == UInt8(ascii: "\\"), offset < end {
                bytes.append(raw.text[offset])
                offset += 1
            } else {
                bytes.append(byte)
            }
        }
        throw IMAPResponseSyntaxError("unterminated quoted string")
    }

    /// An atom, including a bracketed section that may hold spaces and parentheses (`BODY[HEADER.FIELDS (FROM)]`).
    private mutating func atom() throws(IMAPResponseSyntaxError) -> Range<Int> {
        let begin = offset
        while offset < end {
            let byte = raw.text[offset]
            if byte == UInt8(ascii: "[") {
                while offset < end && raw.text[offset] != UInt8(ascii: "]") { offset += 1 }
                if offset < end { offset += 1 }
                continue
            }
            if byte == 32 || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "\"") {
                break
            }
            offset += 1
        }
        guard offset > begin else { throw IMAPResponseSyntaxError("unexpected byte \(raw.text[begin]) in response data") }
        return begin..<offset
    }

    /// Whether the atom is `keyword` (upper-case ASCII) in any case, as IMAP compares names.
    private func equalsKeyword(_ word: Range<Int>, _ keyword: StaticString) -> Bool {
        guard word.count == keyword.utf8CodeUnitCount else { return false }
        return keyword.withUTF8Buffer { expected in
            var index = word.lowerBound
            for wanted in expected {
                let byte = raw.text[index]
                // ASCII lower-case letters compare as upper-case; every other byte as it is.
                guard byte == wanted || (byte &- UInt8(ascii: "a") < 26 && byte &- 32 == wanted) else { return false }
                index += 1
            }
            return true
        }
    }
}
