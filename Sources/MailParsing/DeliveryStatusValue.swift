/// Value shapes used in delivery status fields: `type; value`, RFC 3463 codes, xtext addresses.
enum DeliveryStatusValue {
    /// Splits "rfc822; user@example.com" into its type and value. A value without a
    /// recognisable type token keeps its whole text.
    static func typeAndText(_ value: String) -> (type: String?, text: String) {
        var trimmed = value.trimmingMailWhitespace
        let text = trimmed
        return trimmed.withUTF8 { typeAndText(trimmedUTF8: $0, text: { text }) }
    }

    /// `typeAndText` of a value given as its UTF-8 (valid: a string's, or checked ASCII) without leading or trailing
    /// whitespace; `text` spells it, for the
    /// answers that are the whole value. Scanned as bytes; only a non-ASCII byte right after the ';' (which could
    /// extend it into one character with a combining mark) takes the character-wise path.
    static func typeAndText(trimmedUTF8 bytes: UnsafeBufferPointer<UInt8>,
                            text: () -> String) -> (type: String?, text: String) {
        guard let semicolon = bytes.firstIndex(of: 0x3B) else { return (nil, text()) }
        if semicolon + 1 < bytes.count, bytes[semicolon + 1] >= 0x80 { return characterwiseTypeAndText(text()) }
        let typeRange = trimmedRange(bytes, 0..<semicolon, includingLineFeed: false)
        let type = UnsafeBufferPointer(rebasing: bytes[typeRange])
        guard !type.isEmpty, type.count <= 40, !type.contains(0x20), !type.contains(0x40) else { return (nil, text()) }
        let textRange = trimmedRange(bytes, (semicolon + 1)..<bytes.count, includingLineFeed: true)
        // Cut next to ASCII bytes, the text is as valid as the value.
        let text = String(knownValidUTF8: UnsafeBufferPointer(rebasing: bytes[textRange]))
        return (lowercased(utf8: type), text)
    }

    /// The bytes as text with ASCII letters lowercased: `asciiLowercased` of their text.
    static func lowercased(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String { CommonTokens.lowercased(bytes) }

    /// `range` without leading and trailing spaces and tabs (and line feeds when asked).
    private static func trimmedRange(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                     includingLineFeed: Bool) -> Range<Int> {
        func trims(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || (includingLineFeed && byte == 0x0A) }
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, trims(bytes[lower]) { lower += 1 }
        while upper > lower, trims(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private static func characterwiseTypeAndText(_ trimmed: String) -> (type: String?, text: String) {
        guard let semicolon = trimmed.utf8.firstIndex(of: 0x3B) else { return (nil, trimmed) }
        let type = trimmed[..<semicolon].trimmingCharacters(inSetOf: " \t")
        let typeBytes = type.utf8
        guard !typeBytes.isEmpty, typeBytes.count <= 40, !typeBytes.contains(0x20), !typeBytes.contains(0x40) else {
            return (nil, trimmed)
        }
        let text = trimmed[trimmed.index(after: semicolon)...].trimmingCharacters(inSetOf: " \t\n")
        return (type.asciiLowercased, text)
    }

    static func withoutType(_ value: String) -> String { typeAndText(value).text }

    /// A bare address from "rfc822; <User@Example.com>" or RFC 6533 "utf-8; …" with \x{HHHH}.
    static func address(_ value: String) -> String {
        var source = value
        if let address = source.withUTF8(asciiAddress) { return address }
        return characterwiseAddress(value)
    }

    /// `address` of a value given as its UTF-8.
    static func address(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        asciiAddress(bytes) ?? characterwiseAddress(String(decoding: bytes, as: UTF8.self))
    }

    /// `address` read from the value's bytes, with one string made at the end; nil when the value is not ASCII or
    /// holds a backslash (`\x{HHHH}` escapes), which `characterwiseAddress` handles. For ASCII, every step below
    /// cuts the text where the character-wise one does: no ASCII pair but CR LF forms one character, and no cut
    /// falls between those two.
    private static func asciiAddress(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0x5C }) else { return nil }
        var text = ByteScanning.trimmed(bytes, 0..<bytes.count)
        // The same type test as `typeAndText`.
        if let semicolon = ByteScanning.firstIndex(of: 0x3B, in: bytes, from: text.lowerBound, end: text.upperBound) {
            let typeRange = trimmedRange(bytes, text.lowerBound..<semicolon, includingLineFeed: false)
            let type = UnsafeBufferPointer(rebasing: bytes[typeRange])
            if !type.isEmpty, type.count <= 40, !type.contains(0x20), !type.contains(0x40) {
                text = trimmedRange(bytes, (semicolon + 1)..<text.upperBound, includingLineFeed: true)
            }
        }
        if let open = ByteScanning.firstIndex(of: 0x3C, in: bytes, from: text.lowerBound, end: text.upperBound),
           let close = ByteScanning.firstIndex(of: 0x3E, in: bytes, from: open, end: text.upperBound) {
            text = (open + 1)..<close
        }
        text = trimmedRange(bytes, text, includingLineFeed: false)
        if text.count >= 2, bytes[text.lowerBound] == bytes[text.upperBound - 1],
           bytes[text.lowerBound] == 0x22 || bytes[text.lowerBound] == 0x27 {
            text = (text.lowerBound + 1)..<(text.upperBound - 1)
        }
        let address = UnsafeBufferPointer(rebasing: bytes[text])
        if address.contains(0x2B), !address.contains(0x40) || containsXTextAt(bytes: address) {
            return decodeXText(address)
        }
        return String(checkedASCII: address)
    }

    static func characterwiseAddress(_ value: String) -> String {
        var text = typeAndText(value).text
        if let open = text.utf8.firstIndex(of: 0x3C), let close = text.utf8[open...].firstIndex(of: 0x3E) {
            text = String(text[text.index(after: open)..<close])
        }
        text = text.trimmingCharacters(inSetOf: " \t")
        // Quotes around the whole value go; a quoted local part ("first..last"@example.com) keeps its quotes.
        if let first = text.utf8.first, let last = text.utf8.last, text.utf8.count >= 2, first == last,
           first == 0x22 || first == 0x27 {
            text = String(text.dropFirst().dropLast())
        }
        if text.containsByte(0x5C) { text = decodeUnicodeEscapes(text) }
        // xtext ("user+40example.com") only when the address has no literal '@' or encodes one.
        if text.containsByte(0x2B), !text.containsByte(0x40) || containsXTextAt(text) { text = decodeXText(Array(text.utf8)) }
        return text
    }

    private static func containsXTextAt(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { containsXTextAt(bytes: $0) }
    }

    private static func containsXTextAt(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var state = 0
        for byte in bytes {
            switch (state, byte) {
            case (_, 0x2B): state = 1
            case (1, 0x34): state = 2
            case (2, 0x30): return true
            default: state = 0
            }
        }
        return false
    }

    /// RFC 3463 code in a Status value: "5.1.1 (user unknown)" or "550 5.1.1" → "5.1.1";
    /// leading zeros dropped ("5.01.001" → "5.1.1").
    static func normalizedStatus(_ value: String) -> String {
        var source = value
        return source.withUTF8(statusCode(in:)) ?? value.trimmingMailWhitespace
    }

    /// `normalizedStatus` of a value given as its UTF-8 without leading or trailing whitespace.
    static func normalizedStatus(trimmedUTF8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        statusCode(in: bytes) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// The first status code in the bytes, normalised.
    private static func statusCode(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        while index < bytes.count {
            if let code = statusCode(bytes, at: index) { return code }
            index += 1
        }
        return nil
    }

    private static func statusCode(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> String? {
        guard start == 0 || !isDigitOrDot(bytes[start - 1]) else { return nil }
        guard start < bytes.count, bytes[start] == 0x32 || bytes[start] == 0x34 || bytes[start] == 0x35 else {
            return nil  // 2, 4, 5
        }
        var index = start + 1
        // "c.sss.ddd" with leading zeros dropped is at most 9 bytes: spelled in a stack buffer (an array, grown to
        // its capacity, was two allocations per status code), the string made only for a whole code.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 9) { code -> String? in
            var length = 0
            func append(_ byte: UInt8) {
                code[length] = byte
                length += 1
            }
            append(bytes[start])
            for _ in 0..<2 {
                guard index < bytes.count, bytes[index] == 0x2E else { return nil }
                index += 1
                var value = 0, digits = 0
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, digits < 4 {
                    value = value * 10 + Int(bytes[index] - 0x30)
                    digits += 1
                    index += 1
                }
                guard digits >= 1, digits <= 3 else { return nil }
                append(0x2E)
                if value >= 100 { append(UInt8(0x30 + value / 100)) }
                if value >= 10 { append(UInt8(0x30 + value / 10 % 10)) }
                append(UInt8(0x30 + value % 10))
            }
            if index < bytes.count, isDigitOrDot(bytes[index]) { return nil }
            return String(checkedASCII: UnsafeBufferPointer(rebasing: code[..<length]))
        }
    }

    private static func isDigitOrDot(_ byte: UInt8) -> Bool { (byte >= 0x30 && byte <= 0x39) || byte == 0x2E }

    static func collapsedWhitespace(_ text: String) -> String {
        var source = text
        return source.withUTF8 { bytes in
            // Most diagnostics are already single-spaced and trimmed: then the text is returned as it is.
            var alreadyCollapsed = true
            var previousWasSpace = true  // a leading space is not allowed either
            for byte in bytes {
                if ByteScanning.isWhitespace(byte) {
                    if previousWasSpace || byte != 0x20 { alreadyCollapsed = false; break }
                    previousWasSpace = true
                } else {
                    previousWasSpace = false
                }
            }
            if alreadyCollapsed && (bytes.isEmpty || !previousWasSpace) { return text }
            // A string's bytes without some ASCII whitespace: as valid as they were.
            return String(knownValidUTF8Capacity: bytes.count) { output in
                var length = 0
                var pendingSpace = false
                for byte in bytes {
                    if ByteScanning.isWhitespace(byte) {
                        pendingSpace = length > 0
                    } else {
                        if pendingSpace { output[length] = 0x20; length += 1 }
                        pendingSpace = false
                        output[length] = byte
                        length += 1
                    }
                }
                return length
            }
        }
    }

    /// RFC 6533 utf-8-addr-unitext: `\x{HHHH}` escapes.
    private static func decodeUnicodeEscapes(_ text: String) -> String {
        var output = ""
        var rest = text[...]
        while let range = rest.range(of: "\\x{") {
            output += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            if let close = after.firstIndex(of: "}"), let scalarValue = UInt32(after[..<close], radix: 16),
               let scalar = Unicode.Scalar(scalarValue) {
                output.unicodeScalars.append(scalar)
                rest = after[after.index(after: close)...]
            } else {
                output += "\\x{"
                rest = after
            }
        }
        output += rest
        return output
    }

    /// RFC 3461 xtext: "+HH" hex escapes.
    private static func decodeXText<Input: RandomAccessCollection<UInt8>>(_ input: Input) -> String
    where Input.Index == Int {
        var bytes: [UInt8] = []
        var index = 0
        while index < input.count {
            if input[index] == 0x2B, index + 2 < input.count,
               let value = UInt8(String(decoding: input[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
