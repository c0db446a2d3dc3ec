/// A server response, interpreted as far as this client needs.
enum IMAPServerResponse {
    case tagged(tag: String, status: IMAPStatusText)
    /// `* OK/NO/BAD/BYE/PREAUTH …`
    case untaggedStatus(IMAPStatusText)
    case exists(Int)
    case expunge(Int)
    case capability([String])
    case search([UInt32])
    /// `* n FETCH (…)`: the items this client asks for.
    case fetch(IMAPFetchResponse)
    case continuation(String)
    /// Anything else (`* FLAGS`, `* LIST`, `* n RECENT`, …): ignored by the commands we send.
    case other

    init(_ raw: IMAPRawResponse) throws(IMAPResponseSyntaxError) {
        let first = raw.lines[0]
        if let (sequence, offset) = Self.fetchStart(raw.text, first) {
            var scanner = IMAPFetchScanner(raw, offset: offset)
            self = .fetch(try scanner.read(sequence: sequence))
            return
        }
        if raw.text[first].first == UInt8(ascii: "+") {
            self = .continuation(String(decoding: raw.text[first].dropFirst().drop { $0 == 32 }, as: UTF8.self))
            return
        }
        var words = IMAPWordCursor(raw.text, first)
        guard let head = words.next() else { throw IMAPResponseSyntaxError("empty response line") }
        guard head == "*" else {
            guard let word = words.next(), let status = IMAPStatus(rawValue: word.imapKeyword) else {
                throw IMAPResponseSyntaxError("tagged response without OK/NO/BAD")
            }
            self = .tagged(tag: head, status: IMAPStatusText(status: status, rest: words.rest))
            return
        }
        guard let word = words.next() else { throw IMAPResponseSyntaxError("untagged response without data") }
        if let number = Int(word) {
            switch words.next()?.imapKeyword {
            case "EXISTS": self = .exists(number)
            case "EXPUNGE": self = .expunge(number)
            case "FETCH":
                var scanner = IMAPFetchScanner(raw, offset: words.offset)
                self = .fetch(try scanner.read(sequence: number))
            default: self = .other
            }
            return
        }
        let keyword = word.imapKeyword
        if let status = IMAPStatus(rawValue: keyword) {
            self = .untaggedStatus(IMAPStatusText(status: status, rest: words.rest))
        } else if keyword == "CAPABILITY" {
            self = .capability(words.rest.split(separator: " ").map { $0.uppercased() })
        } else if keyword == "SEARCH" {
            self = .search(words.numbers())
        } else {
            self = .other
        }
    }
}

extension IMAPServerResponse {
    /// `* n FETCH` as servers write it (single spaces, digits, the keyword in any case): the sequence number and where
    /// the item list starts. One arrives for every fetched message, so it is read from the bytes without making words;
    /// any other shape goes the general way.
    fileprivate static func fetchStart(_ text: [UInt8], _ line: Range<Int>) -> (sequence: Int, offset: Int)? {
        guard line.count > 9 else { return nil }
        // Read through a buffer pointer, the keyword as five byte comparisons: iterating "FETCH".utf8 and the array's
        // checked subscripts cost more than the rest of the response's scan.
        return text.withUnsafeBufferPointer { text -> (sequence: Int, offset: Int)? in
            var index = line.lowerBound
            guard text[index] == UInt8(ascii: "*"), text[index + 1] == 32 else { return nil }
            index += 2
            var sequence = 0
            let digitsStart = index
            while index < line.upperBound, case let digit = text[index] &- UInt8(ascii: "0"), digit < 10,
                  index - digitsStart < 18 {
                sequence = sequence * 10 + Int(digit)
                index += 1
            }
            guard index > digitsStart, index + 6 <= line.upperBound, text[index] == 32,
                  text[index + 1] & 0xDF == UInt8(ascii: "F"), text[index + 2] & 0xDF == UInt8(ascii: "E"),
                  text[index + 3] & 0xDF == UInt8(ascii: "T"), text[index + 4] & 0xDF == UInt8(ascii: "C"),
                  text[index + 5] & 0xDF == UInt8(ascii: "H") else { return nil }
            index += 6
            // The keyword is a whole word: the item list follows after a space (or nothing does).
            guard index == line.upperBound || text[index] == 32 else { return nil }
            return (sequence, index)
        }
    }
}

extension String {
    /// The word upper-cased, as IMAP keywords are compared. Servers send them upper-case already (every FETCH
    /// response carries several), so a word with no ASCII lower-case letter is returned as it is.
    var imapKeyword: String {
        utf8.contains(where: { $0 &- UInt8(ascii: "a") < 26 }) ? uppercased() : self
    }
}

enum IMAPStatus: String {
    case ok = "OK", no = "NO", bad = "BAD", bye = "BYE", preauth = "PREAUTH"
}

/// `OK [CODE args] human text`
struct IMAPStatusText {
    var status: IMAPStatus
    /// Response code name, uppercased (`UIDVALIDITY`, `READ-ONLY`, `NONEXISTENT`).
    var code: String?
    var codeArguments: String?
    var text: String

    init(status: IMAPStatus, rest: String) {
        self.status = status
        var remainder = Substring(rest)
        if remainder.hasPrefix("["), let close = remainder.firstIndex(of: "]") {
            let inside = remainder[remainder.index(after: remainder.startIndex)..<close]
            let space = inside.firstIndex(of: " ")
            code = inside[..<(space ?? inside.endIndex)].uppercased()
            codeArguments = space.map { String(inside[inside.index(after: $0)...]) }
            remainder = remainder[remainder.index(after: close)...].drop { $0 == " " }
        }
        text = String(remainder)
    }
}

struct IMAPResponseSyntaxError: Error {
    var detail: String
    init(_ detail: String) { self.detail = detail }
}

/// Space-separated words at the start of a response line (tag, keywords, numbers).
struct IMAPWordCursor {
    private let text: [UInt8]
    private let end: Int
    /// Where the next word starts (or spaces before it), in `text`.
    private(set) var offset: Int

    /// The line `line` of `text`.
    init(_ text: [UInt8], _ line: Range<Int>) {
        self.text = text
        offset = line.lowerBound
        end = line.upperBound
    }

    mutating func next() -> String? {
        while offset < end && text[offset] == 32 { offset += 1 }
        guard offset < end else { return nil }
        let begin = offset
        while offset < end && text[offset] != 32 { offset += 1 }
        let word = String(decoding: text[begin..<offset], as: UTF8.self)
        if offset < end { offset += 1 }
        return word
    }

    var rest: String { String(decoding: text[min(offset, end)..<end], as: UTF8.self) }

    /// The space-separated numbers from here on, read from the bytes (a SEARCH of a large mailbox answers with one
    /// line of thousands). Trailing `(MODSEQ n)` from CONDSTORE servers is not a number: reading stops at the first
    /// word that is not one.
    mutating func numbers() -> [UInt32] {
        var found: [UInt32] = []
        while offset < end {
            while offset < end && text[offset] == 32 { offset += 1 }
            guard offset < end else { break }
            var value: UInt32 = 0
            var digits = 0
            while offset < end, text[offset] != 32 {
                let digit = text[offset] &- UInt8(ascii: "0")
                guard digit < 10, case let (times, overflow) = value.multipliedReportingOverflow(by: 10), !overflow,
                      case let (sum, carry) = times.addingReportingOverflow(UInt32(digit)), !carry else { return found }
                value = sum
                digits += 1
                offset += 1
            }
            guard digits > 0 else { return found }
            found.append(value)
        }
        return found
    }
}
