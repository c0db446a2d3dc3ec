/// A value in a server response's data: atoms and numbers, strings (quoted or literal, as raw bytes), lists, NIL.
///
/// Not `indirect`: the list's array already holds its elements out of line, and an indirect enum boxed every value on
/// the heap (six per fetched message).
enum IMAPValue: Equatable {
    case atom(String)
    case string([UInt8])
    case list([IMAPValue])
    case null

    var number: UInt32? {
        if case .atom(let text) = self { return UInt32(text) }
        return nil
    }
}

/// Parses values from a raw response, crossing from a line into its literal where a `{n}` marker ends the line.
struct IMAPValueScanner {
    /// Deeper nesting than any real response has is refused rather than followed.
    static let maxDepth = 32
    private let raw: IMAPRawResponse
    private var line: Int
    private var offset: Int

    init(_ raw: IMAPRawResponse, line: Int, offset: Int) {
        self.raw = raw
        self.line = line
        self.offset = offset
    }

    mutating func value() throws(IMAPResponseSyntaxError) -> IMAPValue {
        try value(depth: 0)
    }

    private var current: [UInt8] { raw.lines[line] }

    private mutating func skipSpaces() {
        while offset < current.count && current[offset] == 32 { offset += 1 }
    }

    private mutating func value(depth: Int) throws(IMAPResponseSyntaxError) -> IMAPValue {
        skipSpaces()
        guard offset < current.count else { throw IMAPResponseSyntaxError("response ended where a value was expected") }
        switch current[offset] {
        case UInt8(ascii: "("):
            guard depth < Self.maxDepth else { throw IMAPResponseSyntaxError("lists nested too deeply") }
            offset += 1
            var items: [IMAPValue] = []
            while true {
                skipSpaces()
                guard offset < current.count else { throw IMAPResponseSyntaxError("unterminated list") }
                if current[offset] == UInt8(ascii: ")") {
                    offset += 1
                    return .list(items)
                }
                // Reserved on the first element, not before: `FLAGS ()` is empty in most fetches.
                if items.isEmpty { items.reserveCapacity(8) }
                items.append(try value(depth: depth + 1))
            }
        case UInt8(ascii: "\""):
            return .string(try quoted())
        case UInt8(ascii: "{"):
            guard line < raw.literals.count else { throw IMAPResponseSyntaxError("literal marker without literal") }
            let literal = raw.literals[line]
            line += 1
            offset = 0
            return .string(literal)
        default:
            let word = atom()
            guard !word.isEmpty else {
                throw IMAPResponseSyntaxError("unexpected byte \(current[offset]) in response data")
            }
            return word.utf8.count == 3 && word.imapKeyword == "NIL" ? .null : .atom(word)
        }
    }

    private mutating func quoted() throws(IMAPResponseSyntaxError) -> [UInt8] {
        offset += 1
        var bytes: [UInt8] = []
        while offset < current.count {
            let byte = current[offset]
            offset += 1
            if byte == UInt8(ascii: "\"") { return bytes }
            if byte == UInt8(ascii: "\\"), offset < current.count {
                bytes.append(current[offset])
                offset += 1
            } else {
                bytes.append(byte)
            }
        }
        throw IMAPResponseSyntaxError("unterminated quoted string")
    }

    /// An atom, including a bracketed section that may hold spaces and parentheses (`BODY[HEADER.FIELDS (FROM)]`).
    private mutating func atom() -> String {
        let begin = offset
        while offset < current.count {
            let byte = current[offset]
            if byte == UInt8(ascii: "[") {
                while offset < current.count && current[offset] != UInt8(ascii: "]") { offset += 1 }
                if offset < current.count { offset += 1 }
                continue
            }
            if byte == 32 || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "\"") {
                break
            }
            offset += 1
        }
        return String(decoding: current[begin..<offset], as: UTF8.self)
    }
}
