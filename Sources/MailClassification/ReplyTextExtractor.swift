import Foundation

/// Finds the newly written text of a reply: quoted history, attribution lines ("On … wrote:"), Outlook header
/// blocks, forwarded originals, `--` signatures and mobile signatures are removed.
///
/// Works line by line: each line is given a role, then the reply is cut at the first line that starts quoted or
/// forwarded material. A message that opens with an attribution and quote before any text ("bottom posting") keeps
/// the text after the quote instead. Every step is linear in the size of the text.
public struct ReplyTextExtractor: Sendable {
    public init() {}

    /// The new text of a plain-text reply.
    public func newText(fromPlainText text: String) -> String {
        newText(fromPlainText: text, counter: nil)
    }

    /// The new text of an HTML reply: quote containers of the common mail clients are dropped, then the plain-text
    /// rules apply to what is left.
    public func newText(fromHTML html: String) -> String {
        newText(fromPlainText: HTMLText.visibleText(of: html, droppingQuotes: true), counter: nil)
    }

    func newText(fromHTML html: String, counter: StepCounter?) -> String {
        let text = HTMLText.visibleText(of: html, droppingQuotes: true, counter: counter)
        return newText(fromPlainText: text, counter: counter)
    }

    enum LineRole: Equatable {
        case empty, text, quote, attribution, header, delimiter, signature
    }

    func newText(fromPlainText text: String, counter: StepCounter?) -> String {
        let lines = Self.lines(of: text)
        counter?.add(lines.count)
        var roles = lines.map { Self.role(of: $0, counter: counter) }
        markAttributions(lines, &roles, counter: counter)
        markHeaderBlocks(&roles)

        guard let first = roles.firstIndex(where: { $0 != .empty }) else { return "" }
        var kept: ArraySlice<Substring>
        var keptRoles: ArraySlice<LineRole>
        if roles[first] == .attribution || roles[first] == .header {
            // Bottom posting: quoted history first, the reply after it.
            guard let start = roles[first...].firstIndex(where: { $0 == .text }) else {
                return Self.joined(lines[first...])
            }
            kept = lines[start...]
            keptRoles = roles[start...]
        } else {
            kept = lines[first...]
            keptRoles = roles[first...]
        }
        if let cut = keptRoles.firstIndex(where: { [.attribution, .header, .delimiter, .signature].contains($0) }) {
            kept = kept[..<cut]
            keptRoles = keptRoles[..<cut]
        }
        // A quote at the end is history the replier left in, and so is the paragraph that introduced it.
        if keptRoles.contains(.text) {
            var end = keptRoles.endIndex
            while end > keptRoles.startIndex, [.quote, .empty].contains(keptRoles[end - 1]) { end -= 1 }
            if end < keptRoles.endIndex, keptRoles[end...].contains(.quote) {
                var start = end
                while start > keptRoles.startIndex, end - start < 3, keptRoles[start - 1] == .text { start -= 1 }
                if start > keptRoles.startIndex || end - start < 3,
                   Self.introducesQuote(kept[start..<end].joined(separator: " ")) {
                    end = start
                }
            }
            kept = kept[..<end]
        }
        return Self.joined(kept)
    }

    private static func joined(_ lines: ArraySlice<Substring>) -> String {
        var result = lines.joined(separator: "\n")
        while let last = result.last, last.isWhitespace { result.removeLast() }
        while let first = result.first, first.isWhitespace || first == "\n" { result.removeFirst() }
        return result
    }

    /// Lines split on LF, CRLF or CR alike, scanning bytes rather than grapheme clusters.
    static func lines(of text: String) -> [Substring] {
        // Line ends are found on the contiguous UTF-8 bytes; indices are then made by offset, O(1) on native text.
        var bounds: [(start: Int, end: Int)] = []
        let scanned: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0, index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                guard byte == 0x0A || byte == 0x0D else { index &+= 1; continue }
                bounds.append((start, index))
                var next = index &+ 1
                if byte == 0x0D, next < count, bytes[next] == 0x0A { next &+= 1 }
                start = next
                index = next
            }
            bounds.append((start, count))
        }
        guard scanned != nil else { return slowLines(of: text) }
        let utf8 = text.utf8
        var result: [Substring] = []
        result.reserveCapacity(bounds.count)
        for bound in bounds {
            let start = utf8.index(utf8.startIndex, offsetBy: bound.start)
            let end = utf8.index(utf8.startIndex, offsetBy: bound.end)
            result.append(text[start..<end])
        }
        return result
    }

    /// `lines(of:)` up to, not including, the first line for which `isEnd` holds (asked of each line in order);
    /// the text after that line is not split.
    static func lines(of text: String, endingBefore isEnd: (Substring) -> Bool) -> [Substring] {
        var result: [Substring] = []
        let utf8 = text.utf8
        let scanned: Void? = utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0, index = 0
            let count = bytes.count
            func take(upTo end: Int) -> Bool {
                let line = text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
                guard !isEnd(line) else { return false }
                result.append(line)
                return true
            }
            while index < count {
                let byte = bytes[index]
                guard byte == 0x0A || byte == 0x0D else { index &+= 1; continue }
                guard take(upTo: index) else { return }
                var next = index &+ 1
                if byte == 0x0D, next < count, bytes[next] == 0x0A { next &+= 1 }
                start = next
                index = next
            }
            _ = take(upTo: count)
        }
        guard scanned != nil else { return Array(slowLines(of: text).prefix { !isEnd($0) }) }
        return result
    }

    private static func slowLines(of text: String) -> [Substring] {
        var result: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            let byte = utf8[index]
            guard byte == 0x0A || byte == 0x0D else { index = utf8.index(after: index); continue }
            result.append(text[start..<index])
            var next = utf8.index(after: index)
            if byte == 0x0D, next != utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
            start = next
            index = next
        }
        result.append(text[start..<utf8.endIndex])
        return result
    }

    static func role(of line: Substring, counter: StepCounter?) -> LineRole {
        if let role = line.utf8.withContiguousStorageIfAvailable({ asciiRole(of: line, bytes: $0, counter: counter) }) ?? nil {
            return role
        }
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" })
        guard let first = trimmed.first else { return .empty }
        if first == ">" || first == "|" { return .quote }
        if trimmed.allSatisfy({ $0.isWhitespace }) { return .empty }
        let content = trailingWhitespaceTrimmed(trimmed)
        if content == "--" || content == "-- " { return .delimiter }
        // Counted only for a line of dashes and the like (usually the first character already says it is not).
        if content.allSatisfy({ "-_=~*".contains($0) || $0 == "\u{2014}" || $0 == "\u{2013}" }), content.count >= 4,
           content.contains(where: { $0 != "*" }) {
            return .delimiter
        }
        guard content.utf8.count <= 160 else { return .text }
        let normalized = NormalizedText(content, counter: counter)
        if QuoteMarkers.originalMessageMarkers.firstMatch(in: normalized, counter: counter) != nil,
           normalized.wordCount <= 8 {
            return .delimiter
        }
        if let match = QuoteMarkers.deviceSignatures.firstMatch(in: normalized, counter: counter),
           match.range.lowerBound == 0 || content.hasPrefix("<") || content.hasPrefix("(") {
            return .signature
        }
        if isHeaderLine(content, counter: counter) { return .header }
        return .text
    }

    /// `role(of:)` by bytes for an ASCII line without CR or LF, where every character is one byte (there
    /// `isWhitespace` holds for tab, VT, FF and space); nil for other lines.
    private static func asciiRole(of line: Substring, bytes: UnsafeBufferPointer<UInt8>, counter: StepCounter?) -> LineRole? {
        guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0A || $0 == 0x0D }) else { return nil }
        var start = 0
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        guard start < bytes.count else { return .empty }
        let first = bytes[start]
        if first == UInt8(ascii: ">") || first == UInt8(ascii: "|") { return .quote }
        var end = bytes.count
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0B || bytes[end - 1] == 0x0C {
            end -= 1
        }
        guard end > start else { return .empty }
        let content = bytes[start..<end]
        if content.elementsEqual("--".utf8) { return .delimiter }
        if content.count >= 4, content.allSatisfy({ "-_=~*".utf8.contains($0) }),
           content.contains(where: { $0 != UInt8(ascii: "*") }) {
            return .delimiter
        }
        guard content.count <= 160 else { return .text }
        let utf8 = line.utf8
        let text = line[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
        let normalized = NormalizedText(text, counter: counter)
        if QuoteMarkers.originalMessageMarkers.firstMatch(in: normalized, counter: counter) != nil,
           normalized.wordCount <= 8 {
            return .delimiter
        }
        if let match = QuoteMarkers.deviceSignatures.firstMatch(in: normalized, counter: counter),
           match.range.lowerBound == 0 || first == UInt8(ascii: "<") || first == UInt8(ascii: "(") {
            return .signature
        }
        if isHeaderLine(text, counter: counter) { return .header }
        return .text
    }

    /// The line without trailing whitespace, found by walking back over its characters.
    private static func trailingWhitespaceTrimmed(_ line: Substring) -> Substring {
        var end = line.endIndex
        while end > line.startIndex {
            let previous = line.index(before: end)
            guard line[previous].isWhitespace else { break }
            end = previous
        }
        return line[..<end]
    }

    /// "From: …", "Von: …", "*De :* …" — a header name from the list followed by a colon near the start.
    static func isHeaderLine(_ content: Substring, counter: StepCounter?) -> Bool {
        // Neither ":" nor "：" (EF BC 9A) can be in a line without their bytes. In ASCII without CR (CR LF is one
        // character) the first 32 characters are the first 32 bytes.
        let utf8 = content.utf8
        let hasColonByte: (UInt8) -> Bool = { $0 == UInt8(ascii: ":") || $0 == 0xEF }
        let isPlainASCII: (UInt8) -> Bool = { $0 < 0x80 && $0 != 0x0D }
        let scan = utf8.withContiguousStorageIfAvailable { ($0.contains(where: hasColonByte), $0.allSatisfy(isPlainASCII)) }
            ?? (utf8.contains(where: hasColonByte), utf8.allSatisfy(isPlainASCII))
        guard scan.0 else { return false }
        let colon = scan.1 ? utf8.prefix(32).firstIndex(of: UInt8(ascii: ":"))
                           : content.prefix(32).firstIndex(where: { $0 == ":" || $0 == "：" })
        guard let colon else { return false }
        let name = NormalizedText(content[..<colon], counter: counter)
        guard let match = QuoteMarkers.headerNames.matches(in: name, counter: counter)
            .first(where: { $0.range == 0..<name.bytes.count }) else { return false }
        _ = match
        return true
    }

    /// Marks "On <date>, <name> wrote:" lines, which mail clients often wrap over several lines.
    private func markAttributions(_ lines: [Substring], _ roles: inout [LineRole], counter: StepCounter?) {
        let window = 6
        var index = 0
        while index < lines.count {
            defer { index += 1 }
            guard roles[index] == .text || roles[index] == .delimiter,
                  Self.mayOpenAttribution(lines[index], counter: counter) else { continue }
            var joined = ""
            var last = index
            var found = false
            // Only a line that opens like an attribution ("On …", a date) may wrap across blank lines.
            let opensStrongly = Self.opensLikeAttribution(lines[index], counter: counter)
            while last < lines.count, last < index + window, joined.utf8.count <= 400 {
                if last > index, roles[last] == .empty, !opensStrongly { break }
                // A wrapped address can push "> wrote:" to a line of its own that looks like a quote.
                if roles[last] == .quote && last > index && lines[last].utf8.count > 40 || lines[last].utf8.count > 400 {
                    break
                }
                joined += (joined.isEmpty ? "" : " ") + lines[last]
                if Self.isAttribution(joined, counter: counter) { found = true; break }
                last += 1
            }
            if found {
                for line in index...last { roles[line] = .attribution }
                counter?.add(last - index + 1)
                index = last
            }
        }
    }

    /// The first line of an attribution carries its date or address and opens like one: "On …", "2016-10-24 …",
    /// "---- On …", "Max <max@example.com> schrieb …".
    static func opensLikeAttribution(_ line: Substring, counter: StepCounter?) -> Bool {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "-" || $0 == "*" })
        if let first = trimmed.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") { return true }
        let normalized = NormalizedText(trimmed.prefix(24), counter: counter)
        return QuoteMarkers.attributionLeads.matches(in: normalized, counter: counter).contains { $0.range.lowerBound == 0 }
    }

    static func mayOpenAttribution(_ line: Substring, counter: StepCounter?) -> Bool {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "-" || $0 == "*" })
        guard trimmed.utf8.count <= 400, let first = trimmed.first else { return false }
        let hasAddress = containsAddress(trimmed)
        guard hasAddress || containsDigit(trimmed) else { return false }
        // Foundation's `contains` is asked only when the byte occurs: it never finds an ASCII character that is not there.
        if first.isNumber || hasAddress || (trimmed.utf8.contains(UInt8(ascii: "<")) && trimmed.contains("<")) { return true }
        let normalized = NormalizedText(trimmed.prefix(24), counter: counter)
        return QuoteMarkers.attributionLeads.matches(in: normalized, counter: counter).contains { $0.range.lowerBound == 0 }
    }

    /// Whether the text holds something shaped like local@domain (a handle like "@name" is not one).
    static func containsAddress(_ text: some StringProtocol) -> Bool {
        func scan(_ bytes: some Sequence<UInt8>) -> Bool {
            var previous: UInt8 = 0x20
            for byte in bytes {
                if byte == UInt8(ascii: "@"), previous >= 0x80 || previous == UInt8(ascii: ".") || previous == UInt8(ascii: "_")
                    || (previous | 0x20 >= UInt8(ascii: "a") && previous | 0x20 <= UInt8(ascii: "z"))
                    || (previous >= UInt8(ascii: "0") && previous <= UInt8(ascii: "9")) {
                    return true
                }
                previous = byte
            }
            return false
        }
        return text.utf8.withContiguousStorageIfAvailable { scan($0) } ?? scan(text.utf8)
    }

    static func containsDigit(_ text: some StringProtocol) -> Bool {
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        return text.utf8.withContiguousStorageIfAvailable { $0.contains(where: isDigit) } ?? text.utf8.contains(where: isDigit)
    }

    private static let attributionPadding = TrimmedCharacters(CharacterSet(charactersIn: " \t-"))

    static func isAttribution(_ raw: String, counter: StepCounter?) -> Bool {
        let trimmed = raw.trimming(attributionPadding)
        guard trimmed.utf8.count <= 400, containsDigit(trimmed) || trimmed.utf8.contains(UInt8(ascii: "@")) else {
            return false
        }
        let normalized = NormalizedText(trimmed, counter: counter)
        let verbs = QuoteMarkers.attributionVerbs.matches(in: normalized, counter: counter)
        guard let verb = verbs.last else { return false }
        if verb.range.upperBound == normalized.bytes.count { return true }
        // Verb in the middle ("Am … schrieb Name:", "Max <max@example.com> schrieb am …:"): it must end with a colon.
        return trimmed.hasSuffix(":") || trimmed.hasSuffix("：")
    }

    /// A run of at least three header lines (blank lines may separate them) is a quoted original's header block.
    private func markHeaderBlocks(_ roles: inout [LineRole]) {
        var index = 0
        while index < roles.count {
            guard roles[index] == .header else { index += 1; continue }
            var end = index
            var headers = 0
            while end < roles.count, roles[end] == .header || roles[end] == .empty {
                if roles[end] == .header { headers += 1 }
                end += 1
            }
            if headers < 3 {
                for line in index..<end where roles[line] == .header { roles[line] = .text }
            }
            index = end
        }
    }

    /// The line left just above a trailing quote that introduces it ("2013/7/20 Sam <sam@example.com>", "Sam:").
    static func introducesQuote(_ paragraph: String) -> Bool {
        let trimmed = paragraph.trimmingCharacters(in: .whitespaces)
        guard trimmed.utf8.count <= 300 else { return false }
        return trimmed.hasSuffix(":") || (trimmed.contains("@") && trimmed.contains(where: \.isNumber))
    }
}
