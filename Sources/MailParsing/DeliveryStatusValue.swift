/// Value shapes used in delivery status fields: `type; value`, RFC 3463 codes, xtext addresses.
enum DeliveryStatusValue {
    /// Splits "rfc822; user@example.com" into its type and value. A value without a
    /// recognisable type token keeps its whole text.
    static func typeAndText(_ value: String) -> (type: String?, text: String) {
        let trimmed = value.trimmingMailWhitespace
        guard let semicolon = trimmed.firstIndex(of: ";") else { return (nil, trimmed) }
        let type = trimmed[..<semicolon].trimmingCharacters(inSetOf: " \t")
        guard !type.isEmpty, type.count <= 40, !type.contains(" "), !type.contains("@") else { return (nil, trimmed) }
        let text = trimmed[trimmed.index(after: semicolon)...].trimmingCharacters(inSetOf: " \t\n")
        return (type.asciiLowercased, text)
    }

    static func withoutType(_ value: String) -> String { typeAndText(value).text }

    /// A bare address from "rfc822; <User@Example.com>" or RFC 6533 "utf-8; …" with \x{HHHH}.
    static func address(_ value: String) -> String {
        var text = typeAndText(value).text
        if let open = text.firstIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            text = String(text[text.index(after: open)..<close])
        }
        text = text.trimmingCharacters(inSetOf: " \t\"'")
        if text.contains("\\x{") { text = decodeUnicodeEscapes(text) }
        if text.contains("+"), !text.contains("@") || text.range(of: "+40") != nil { text = decodeXText(text) }
        return text
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
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
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
