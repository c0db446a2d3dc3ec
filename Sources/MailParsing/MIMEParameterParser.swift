/// Splits a structured MIME header value (`token; a=b; c="d"`) into its leading token and
/// parameters, joining RFC 2231 continuations (`name*0*=`, `name*1=`) and decoding RFC 2231
/// `charset'language'percent-encoded` values. Values carrying RFC 2047 words (a common
/// violation) are decoded too.
enum MIMEParameterParser {
    struct Parsed {
        /// Where the leading token lies in the bytes parsed, trimmed: readers spell it as they need.
        var token: Range<Int>
        var parameters: [MIMEParameter]
    }

    private struct RawParameter {
        var baseName: String
        var section: Int?
        var extended: Bool
        var value: [UInt8]
    }

    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
        plainParse(bytes) ?? generalParse(bytes)
    }

    /// The common case read without intermediate copies: no RFC 2231 markers (`*`) in any name and no escapes in
    /// quoted values. Nil otherwise; `generalParse` then reads the value, with the same result for this case.
    private static func plainParse(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed? {
        var index = ByteScanning.firstIndex(of: 0x3B, in: bytes, from: 0, end: bytes.count) ?? bytes.count
        let token = ByteScanning.trimmed(bytes, 0..<index)
        var parameters: [MIMEParameter] = []
        // One list sized by the separators (a boundary and a type, a charset and a format): growing it from one
        // element reallocated it for every value with two or more parameters.
        var separators = 0, searchFrom = index
        while let separator = ByteScanning.firstIndex(of: 0x3B, in: bytes, from: searchFrom, end: bytes.count) {
            separators += 1
            searchFrom = separator + 1
        }
        if separators > 1 { parameters.reserveCapacity(Swift.min(separators, 8)) }
        var seen: Set<String> = []
        while index < bytes.count {
            guard let nameRange = nextName(bytes, &index) else { continue }
            let valueRange: Range<Int>
            if index < bytes.count, bytes[index] == 0x22 {
                let start = index + 1
                // A boundary is a long quoted value: the closing quote is found by memchr, and so is a backslash
                // (an escape, unless it is the value's last byte) before it.
                index = ByteScanning.firstIndex(of: 0x22, in: bytes, from: start, end: bytes.count) ?? bytes.count
                if let backslash = ByteScanning.firstIndex(of: 0x5C, in: bytes, from: start, end: index),
                   backslash + 1 < bytes.count {
                    return nil
                }
                valueRange = start..<index
                skipPastClosingQuote(bytes, &index)
            } else {
                valueRange = unquotedValue(bytes, &index)
            }
            let trimmedName = ByteScanning.trimmed(bytes, nameRange)
            if bytes[trimmedName].contains(0x2A) { return nil }
            let name = text(bytes, trimmedName, lowercased: true)
            guard !name.isEmpty else { continue }
            // The first of duplicate parameters wins. A header has a handful: a scan beats hashing, and past a few
            // a set keeps a hostile list linear.
            if parameters.count < 8 {
                // Lengths first: most names differ in length, an answer that needs no string comparison.
                let length = name.utf8.count
                guard !parameters.contains(where: { $0.name.utf8.count == length && $0.name == name }) else { continue }
            } else {
                if seen.isEmpty { seen = Set(parameters.map(\.name)) }
                guard seen.insert(name).inserted else { continue }
            }
            parameters.append(MIMEParameter(name: name, value: valueText(bytes, valueRange)))
        }
        return Parsed(token: token, parameters: parameters)
    }

    private static func generalParse(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
        var index = 0
        // Leading token, up to the first ';'.
        while index < bytes.count, bytes[index] != 0x3B { index += 1 }
        let token = ByteScanning.trimmed(bytes, 0..<index)
        var raw: [RawParameter] = []
        raw.reserveCapacity(4)
        while index < bytes.count {
            guard let nameRange = nextName(bytes, &index) else { continue }
            var valueBytes: [UInt8] = []
            if index < bytes.count, bytes[index] == 0x22 {
                index += 1
                while index < bytes.count, bytes[index] != 0x22 {
                    if bytes[index] == 0x5C, index + 1 < bytes.count { index += 1 }
                    valueBytes.append(bytes[index])
                    index += 1
                }
                skipPastClosingQuote(bytes, &index)
            } else {
                valueBytes = Array(UnsafeBufferPointer(rebasing: bytes[unquotedValue(bytes, &index)]))
            }
            let name = text(bytes, ByteScanning.trimmed(bytes, nameRange), lowercased: true)
            guard !name.isEmpty else { continue }
            raw.append(split(name: name, value: valueBytes))
        }
        return Parsed(token: token, parameters: assemble(raw))
    }

    /// Moves `index` past separators and blanks to the next parameter, then past its name, its "=" and the blanks
    /// after that, and returns where the name lies (untrimmed). Nil for a parameter without a value, with `index`
    /// at the ';' after it or at the end.
    private static func nextName(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Range<Int>? {
        while index < bytes.count, bytes[index] == 0x3B || ByteScanning.isWhitespace(bytes[index]) { index += 1 }
        let nameStart = index
        while index < bytes.count, bytes[index] != 0x3D, bytes[index] != 0x3B { index += 1 }
        guard index < bytes.count, bytes[index] == 0x3D else { return nil }
        let name = nameStart..<index
        index += 1
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return name
    }

    /// Moves `index` from a quoted value's closing quote to the ';' after it: junk in between is ignored.
    private static func skipPastClosingQuote(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) {
        index += 1
        while index < bytes.count, bytes[index] != 0x3B { index += 1 }
    }

    /// An unquoted value from `index` to the next ';', trailing whitespace trimmed; `index` ends at the ';'.
    private static func unquotedValue(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Range<Int> {
        let start = index
        while index < bytes.count, bytes[index] != 0x3B { index += 1 }
        var end = index
        while end > start, ByteScanning.isWhitespace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    /// A plain parameter value's text: header bytes decoded, then encoded words (a common violation). Only a value
    /// holding "=?" can carry one, and its bytes tell that without reading the string: decoding header bytes never
    /// makes or breaks an ASCII "=?".
    private static func valueText(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let text = TextDecoding.decodeHeader(UnsafeBufferPointer(rebasing: bytes[range]))
        return HeaderBlockParser.containsEncodedWordStart(bytes, range) ? EncodedWordDecoder.decode(text) : text
    }

    /// `bytes[range]` as text, ASCII letters lowercased when asked.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, lowercased: Bool) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        return lowercased ? CommonTokens.lowercased(slice) : String(decoding: slice, as: UTF8.self)
    }

    /// "filename*1*" → base "filename", section 1, extended.
    private static func split(name: String, value: [UInt8]) -> RawParameter {
        guard name.utf8.contains(0x2A), let star = name.firstIndex(of: "*") else {
            return RawParameter(baseName: name, section: nil, extended: false, value: value)
        }
        let base = String(name[..<star])
        var rest = name[name.index(after: star)...]
        var extended = false
        if rest.hasSuffix("*") { extended = true; rest = rest.dropLast() }
        if rest.isEmpty {
            return RawParameter(baseName: base, section: nil, extended: true, value: value)
        }
        if let section = Int(rest), section >= 0, section < 10_000 {
            return RawParameter(baseName: base, section: section, extended: extended, value: value)
        }
        return RawParameter(baseName: name, section: nil, extended: false, value: value)
    }

    private static func assemble(_ raw: [RawParameter]) -> [MIMEParameter] {
        // Common case: no RFC 2231 markers and no duplicates; keep the order as written.
        if raw.allSatisfy({ $0.section == nil && !$0.extended }) {
            var result: [MIMEParameter] = []
            result.reserveCapacity(raw.count)
            // A header has a handful of parameters: a scan of those kept beats hashing; a set keeps long lists linear.
            var seen: Set<String>? = raw.count > 8 ? [] : nil
            for parameter in raw {
                if seen != nil {
                    guard seen?.insert(parameter.baseName).inserted == true else { continue }
                } else if result.contains(where: { $0.name == parameter.baseName }) {
                    continue
                }
                result.append(MIMEParameter(name: parameter.baseName, value: plainValue(parameter.value)))
            }
            return result
        }
        var order: [String] = []
        var groups: [String: [RawParameter]] = [:]
        for parameter in raw {
            if groups[parameter.baseName] == nil { order.append(parameter.baseName) }
            groups[parameter.baseName, default: []].append(parameter)
        }
        var result: [MIMEParameter] = []
        result.reserveCapacity(order.count)
        for name in order {
            guard let pieces = groups[name] else { continue }
            // A plain duplicate parameter: the first one wins.
            if pieces.allSatisfy({ $0.section == nil }) && !pieces[0].extended {
                result.append(MIMEParameter(name: name, value: plainValue(pieces[0].value)))
                continue
            }
            let sorted = pieces.filter { $0.section != nil || $0.extended }
                .sorted { ($0.section ?? 0) < ($1.section ?? 0) }
            var charset: String? = nil
            var language: String? = nil
            var bytes: [UInt8] = []
            for (position, piece) in sorted.enumerated() {
                var value = piece.value[...]
                if piece.extended {
                    if position == 0 {
                        // charset'language'value
                        if let first = value.firstIndex(of: 0x27),
                           let second = value[(first + 1)...].firstIndex(of: 0x27) {
                            let declared = String(decoding: value[value.startIndex..<first], as: UTF8.self)
                            let tag = String(decoding: value[(first + 1)..<second], as: UTF8.self)
                            charset = declared.isEmpty ? nil : declared
                            language = tag.isEmpty ? nil : tag
                            value = value[(second + 1)...]
                        }
                    }
                    bytes.append(contentsOf: percentDecoded(value))
                } else {
                    bytes.append(contentsOf: value)
                }
            }
            let text = TextDecoding.decode(bytes, charset: charset)
            result.append(MIMEParameter(name: name, value: text, language: language))
        }
        return result
    }

    private static func plainValue(_ bytes: [UInt8]) -> String {
        let text = TextDecoding.decodeHeader(bytes)
        return EncodedWordDecoder.decode(text)
    }

    private static func percentDecoded(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x25, index + 2 < bytes.endIndex,
               let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
