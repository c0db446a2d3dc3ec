/// Finds `local@domain` addresses in free text (bounce bodies, broken headers) in one forward pass.
///
/// Every character is looked at a bounded number of times, whatever the input: the scan never backs up past the
/// start of the current word, and `steps` counts the work so tests can prove linear time without clocks.
struct AddressScanner {
    private let scalars: [Unicode.Scalar]
    /// Characters examined so far, for the linear-time test.
    private(set) var steps = 0

    /// Longest local part / domain accepted; longer runs are junk (base64, hex dumps), not addresses.
    static let maxLocalLength = 128
    static let maxDomainLength = 255

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// The addresses in order of first appearance, each once, domain lowercased.
    mutating func scan() -> [String] {
        var found: [String] = []
        var seen = Set<String>()
        var wordStart = 0
        var index = 0
        while index < scalars.count {
            steps += 1
            let scalar = scalars[index]
            if scalar == "@" {
                let domainEnd = domainEnd(after: index)
                if let local = localPart(from: wordStart, to: index),
                   let domain = domain(from: index + 1, to: domainEnd) {
                    let address = local + "@" + domain
                    if seen.insert(address).inserted { found.append(address) }
                }
                // The domain's characters cannot start the next local part: `a@b.com@c.com` yields one address.
                index = max(domainEnd, index + 1)
                wordStart = index
                continue
            }
            if !Self.isFreeTextLocalCharacter(scalar) { wordStart = index + 1 }
            index += 1
        }
        return found
    }

    /// Local-part characters accepted in free text: the atext that real addresses use. `/`, `!`, `{` and friends are
    /// legal but appear next to addresses (URLs, markup) far more often than inside them.
    private static func isFreeTextLocalCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "_", "%", "+", "-", "=", "'": return true
        default: return AddressCharacterClass.isAlphanumeric(scalar)
        }
    }

    private mutating func localPart(from start: Int, to end: Int) -> String? {
        var first = start, last = end
        // Leading punctuation (`'user@…'`, `..user`) is quoting, not address.
        while first < last, !AddressCharacterClass.isAlphanumeric(scalars[first]), scalars[first] != "_" {
            first += 1
            steps += 1
        }
        while last > first, scalars[last - 1] == "." {
            last -= 1
            steps += 1
        }
        guard first < last, last - first <= Self.maxLocalLength else { return nil }
        steps += last - first
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[first..<last])
        return text
    }

    /// One past the last character that can belong to the domain starting after the `@` at `at`.
    private mutating func domainEnd(after at: Int) -> Int {
        var index = at + 1
        if index < scalars.count, scalars[index] == "[" {
            while index < scalars.count, index - at <= 64 {
                steps += 1
                if scalars[index] == "]" { return index + 1 }
                index += 1
            }
            return at + 1
        }
        while index < scalars.count, index - at <= Self.maxDomainLength + 1 {
            steps += 1
            let scalar = scalars[index]
            if scalar == "." {
                // `..` ends the domain: `user@host..` is a sentence, not a label.
                if index + 1 < scalars.count, scalars[index + 1] == "." { break }
            } else if !AddressCharacterClass.isDomainLabelCharacter(scalar) {
                break
            }
            index += 1
        }
        return index
    }

    /// The domain in `start..<end` with trailing dots and hyphens cut, when it has at least two labels, none empty
    /// or hyphen-edged, and a top-level label that is not all digits; or a domain literal.
    private mutating func domain(from start: Int, to end: Int) -> String? {
        guard start < end, end - start <= Self.maxDomainLength else { return nil }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start..<end])
        steps += end - start
        if text.hasPrefix("[") { return text.count > 2 ? text : nil }
        while let last = text.unicodeScalars.last, last == "." || last == "-" { text.unicodeScalars.removeLast() }
        guard text.unicodeScalars.count <= Self.maxDomainLength else { return nil }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let topLevel = labels.last,
              !topLevel.allSatisfy(\.isNumber),
              labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") })
        else { return nil }
        return AddressCharacterClass.normalizedDomain(text)
    }
}
