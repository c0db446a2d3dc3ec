/// Value shapes used in delivery status fields: `type; value`, RFC 3463 codes, xtext addresses.
enum DeliveryStatusValue {
    /// Splits "rfc822; user@example.com" into its type and value. A value without a
    /// recognisable type token keeps its whole text.
    static func typeAndText(_ value: String) -> (type: String?, text: String) {
        let trimmed = value.trimmingMailWhitespace
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
        let bytes = text.utf8
        if bytes.contains(0x5C) { text = decodeUnicodeEscapes(text) }
        // xtext ("user+40example.com") only when the address has no literal '@' or encodes one.
        if bytes.contains(0x2B), !bytes.contains(0x40) || containsXTextAt(bytes) { text = decodeXText(text) }
        return text
    }

    private static func containsXTextAt(_ bytes: String.UTF8View) -> Bool {
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
        let bytes = Array(value.utf8)
        var index = 0
        while index < bytes.count {
            if let (code, _) = statusCode(bytes, at: index) { return code }
            index += 1
        }
        return value.trimmingMailWhitespace
    }

    private static func statusCode(_ bytes: [UInt8], at start: Int) -> (String, Int)? {
        guard start == 0 || !isDigitOrDot(bytes[start - 1]) else { return nil }
        guard start < bytes.count, [0x32, 0x34, 0x35].contains(bytes[start]) else { return nil }  // 2, 4, 5
        var index = start + 1
        var numbers: [Int] = [Int(bytes[start] - 0x30)]
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
            numbers.append(value)
        }
        if index < bytes.count, isDigitOrDot(bytes[index]) { return nil }
        return (numbers.map(String.init).joined(separator: "."), index)
    }

    private static func isDigitOrDot(_ byte: UInt8) -> Bool { (byte >= 0x30 && byte <= 0x39) || byte == 0x2E }

    static func collapsedWhitespace(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if ByteScanning.isWhitespace(byte) {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(0x20) }
                pendingSpace = false
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
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
    private static func decodeXText(_ text: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(text.utf8)
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
