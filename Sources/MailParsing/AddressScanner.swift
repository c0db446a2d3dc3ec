/// Finds `local@domain` addresses in free text (bounce bodies, broken headers) in one forward pass over its UTF-8.
///
/// Every byte is looked at a bounded number of times, whatever the input: the scan never backs up past the start
/// of the current word, and `steps` counts the work so tests can prove linear time without clocks.
struct AddressScanner {
    private let bytes: [UInt8]
    /// Bytes examined so far, for the linear-time test.
    private(set) var steps = 0

    /// Longest local part / domain (in bytes) accepted; longer runs are junk (base64, hex dumps), not addresses.
    static let maxLocalLength = 128
    static let maxDomainLength = 255

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// The addresses in order of first appearance, each once, domain lowercased.
    mutating func scan() -> [String] {
        var found: [String] = []
        var seen = Set<String>()
        var wordStart = 0
        var index = 0
        while index < bytes.count {
            steps += 1
            let byte = bytes[index]
            if byte == UInt8(ascii: "@") {
                let domainEnd = domainEnd(after: index)
                if let local = quotedLocalPart(endingAt: index) ?? localPart(from: wordStart, to: index),
                   let domain = domain(from: index + 1, to: domainEnd) {
                    let address = local + "@" + domain
                    if seen.insert(address).inserted { found.append(address) }
                }
                // The domain's characters cannot start the next local part: `a@b.com@c.com` yields one address.
                index = max(domainEnd, index + 1)
                wordStart = index
                continue
            }
            let (scalar, length) = scalarAt(index)
            if !Self.isFreeTextLocalCharacter(scalar) { wordStart = index + length }
            index += length
        }
        return found
    }

    /// The scalar starting at `index` and its length in bytes; malformed UTF-8 (impossible from a String) reads
    /// as U+FFFD of one byte.
    private func scalarAt(_ index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Local-part characters accepted in free text: the atext that real addresses use. `/`, `!`, `{` and friends are
    /// legal but appear next to addresses (URLs, markup) far more often than inside them.
    private static func isFreeTextLocalCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "_", "%", "+", "-", "=", "'": return true
        default: return AddressCharacterClass.isAlphanumeric(scalar)
        }
    }

    /// `"john..doe"@example.com` (RFC 5321 quoted local part, used by some bounce reports): the quoted string
    /// right before the `@`, searched back at most `maxLocalLength` bytes so the scan stays linear.
    private mutating func quotedLocalPart(endingAt at: Int) -> String? {
        guard at >= 2, bytes[at - 1] == UInt8(ascii: "\"") else { return nil }
        var index = at - 2
        let limit = max(0, at - 1 - Self.maxLocalLength)
        while index >= limit {
            steps += 1
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return nil }
            if byte == UInt8(ascii: "\""), index == 0 || bytes[index - 1] != UInt8(ascii: "\\") {
                // An empty or blank quoted string is punctuation, not a mailbox.
                let content = bytes[(index + 1)..<(at - 1)]
                guard content.contains(where: { $0 != UInt8(ascii: " ") }) else { return nil }
                return String(decoding: bytes[index..<at], as: UTF8.self)
            }
            if index == 0 { return nil }
            index -= 1
        }
        return nil
    }

    private mutating func localPart(from start: Int, to end: Int) -> String? {
        var first = start, last = end
        // Leading punctuation (`'user@…'`, `..user`) is quoting, not address.
        while first < last, bytes[first] < 0x80, !AddressCharacterClass.isAlphanumeric(Unicode.Scalar(bytes[first])),
              bytes[first] != UInt8(ascii: "_") {
            first += 1
            steps += 1
        }
        while last > first, bytes[last - 1] == UInt8(ascii: ".") {
            last -= 1
            steps += 1
        }
        guard first < last, last - first <= Self.maxLocalLength else { return nil }
        steps += last - first
        return String(decoding: bytes[first..<last], as: UTF8.self)
    }

    /// One past the last byte that can belong to the domain starting after the `@` at `at`.
    private mutating func domainEnd(after at: Int) -> Int {
        var index = at + 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
            while index < bytes.count, index - at <= 64 {
                steps += 1
                if bytes[index] == UInt8(ascii: "]") { return index + 1 }
                index += 1
            }
            return at + 1
        }
        while index < bytes.count, index - at <= Self.maxDomainLength + 1 {
            steps += 1
            if bytes[index] == UInt8(ascii: ".") {
                // `..` ends the domain: `user@host..` is a sentence, not a label.
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ".") { break }
                index += 1
                continue
            }
            let (scalar, length) = scalarAt(index)
            guard AddressCharacterClass.isDomainLabelCharacter(scalar) else { break }
            index += length
        }
        return index
    }

    /// The domain in `start..<end` with trailing dots and hyphens cut, when it has at least two labels, none empty
    /// or hyphen-edged, and a top-level label that is not all digits; or a domain literal.
    private mutating func domain(from start: Int, to end: Int) -> String? {
        guard start < end, end - start <= Self.maxDomainLength else { return nil }
        steps += end - start
        var last = end
        while last > start, bytes[last - 1] == UInt8(ascii: ".") || bytes[last - 1] == UInt8(ascii: "-") { last -= 1 }
        let text = String(decoding: bytes[start..<last], as: UTF8.self)
        if text.hasPrefix("[") { return text.utf8.count > 2 ? text : nil }
        let labels = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, let topLevel = labels.last,
              !topLevel.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              labels.allSatisfy({ !$0.isEmpty && $0.first != UInt8(ascii: "-") && $0.last != UInt8(ascii: "-") })
        else { return nil }
        return AddressCharacterClass.normalizedDomain(text)
    }
}
