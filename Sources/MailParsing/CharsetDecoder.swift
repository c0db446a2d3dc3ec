/// Text decoded from bytes in some charset.
public struct DecodedText: Sendable, Equatable {
    public var text: String
    /// The charset that produced `text`: the canonical name of the declared charset (`"x-sjis"` → `"Shift_JIS"`), or
    /// of the fallback (`"UTF-8"`, `"windows-1252"`) when `fellBack` is true.
    public var charset: String
    /// True when the declared charset was unknown, missing while the bytes were not plain ASCII or UTF-8, or
    /// contradicted by the bytes, and the text was decoded by the fallback instead.
    public var fellBack: Bool

    public init(text: String, charset: String, fellBack: Bool) {
        self.text = text
        self.charset = charset
        self.fellBack = fellBack
    }
}

/// Decodes mail text in any charset mail uses to a Swift `String`, and never fails.
///
/// UTF-8, US-ASCII, ISO-8859-1 and Windows-1252 are decoded in Swift; every other charset goes through iconv, with
/// legacy labels read as the superset senders really use (see `CharsetName`).
///
/// Fallback, for a charset that is unknown or that the bytes contradict (a sequence the charset does not define,
/// 8-bit bytes under US-ASCII, C1 controls under ISO-8859-1): the bytes are decoded as UTF-8 if they are valid
/// UTF-8, else as Windows-1252 (which maps every byte), and `fellBack` is set. One-byte charsets are also read as
/// UTF-8 when their 8-bit bytes form valid UTF-8, the commonest lie in mail (UTF-8 text labelled ISO-8859-1): valid
/// UTF-8 multi-byte sequences are vanishingly rare in real one-byte-charset text.
/// A missing charset means UTF-8 if the bytes are valid UTF-8 (RFC 6532), else the Windows-1252 fallback.
/// A byte-order mark is removed; an input that ends inside a multi-byte character ends with U+FFFD.
public enum CharsetDecoder {
    public static func decode(_ bytes: [UInt8], charset: String?) -> DecodedText {
        guard let label = charset else { return decodeUndeclared(bytes) }
        let common = CharsetName.commonLabel(label)
        guard common != nil || !CharsetName.compactKey(label).isEmpty else { return decodeUndeclared(bytes) }
        guard let resolved = common ?? CharsetName.resolve(label) else { return decodeUnlisted(bytes, label: label) }
        if resolved.isASCIICompatible, isASCII(bytes) {
            return DecodedText(text: asciiText(bytes), charset: resolved.canonical, fellBack: false)
        }
        switch resolved.family {
        case .utf8:
            if let text = validUTF8(bytes) { return DecodedText(text: text, charset: "UTF-8", fellBack: false) }
            return fallback(bytes)
        case .usASCII:
            return fallback(bytes)
        case .windows1252:
            if let utf8 = lyingOneByteCharset(bytes) { return utf8 }
            // ISO-8859-1's 0x80–0x9F are C1 controls no sender means; Windows-1252 is what they meant.
            let name = Windows1252.containsC1Range(bytes) ? "windows-1252" : resolved.canonical
            return DecodedText(text: Windows1252.decode(bytes), charset: name, fellBack: false)
        case .singleByte(let iconvName):
            if let utf8 = lyingOneByteCharset(bytes) { return utf8 }
            return decodeWithIconv(bytes, candidates: [iconvName], canonical: resolved.canonical, pooled: true)
        case .multiByte(let candidates):
            let decoded = decodeWithIconv(bytes, candidates: candidates, canonical: resolved.canonical, pooled: true)
            if decoded.fellBack, resolved.canonical.hasPrefix("ISO-2022-JP"),
               let shiftJIS = ISO2022JPExtended.shiftJISBytes(bytes),
               case .decoded(let text, false) = IconvConversion.decode(shiftJIS, from: "CP932", pooled: true) {
                return DecodedText(text: text, charset: resolved.canonical, fellBack: false)
            }
            return decoded
        case .utf16(let endianness):
            return decodeWide(bytes, width: 2, endianness: endianness, canonical: resolved.canonical)
        case .utf32(let endianness):
            return decodeWide(bytes, width: 4, endianness: endianness, canonical: resolved.canonical)
        }
    }

    /// The canonical name for a charset label (`"latin1"` → `"ISO-8859-1"`), or nil when the label is unknown.
    public static func canonicalName(_ label: String) -> String? {
        CharsetName.resolve(label)?.canonical
    }

    // MARK: - Paths

    private static func decodeUndeclared(_ bytes: [UInt8]) -> DecodedText {
        if isASCII(bytes) { return DecodedText(text: asciiText(bytes), charset: "US-ASCII", fellBack: false) }
        if let text = validUTF8(bytes) { return DecodedText(text: text, charset: "UTF-8", fellBack: false) }
        return DecodedText(text: Windows1252.decode(bytes), charset: "windows-1252", fellBack: true)
    }

    /// A label outside the alias table may still be a charset iconv knows under that name (`CP850`, `VISCII`).
    private static func decodeUnlisted(_ bytes: [UInt8], label: String) -> DecodedText {
        guard let iconvName = CharsetName.iconvLabel(label), IconvConversion.isSupported(iconvName) else {
            return fallback(bytes)
        }
        return decodeWithIconv(bytes, candidates: [iconvName], canonical: iconvName)
    }

    /// `pooled` only for the alias table's iconv names (see `IconvDescriptorPool`).
    private static func decodeWithIconv(_ bytes: [UInt8], candidates: [String], canonical: String,
                                        pooled: Bool = false) -> DecodedText {
        for candidate in candidates {
            switch IconvConversion.decode(bytes, from: candidate, pooled: pooled) {
            case .decoded(let text, let incompleteTail):
                // As for UTF-8: a cut-off last character is only believed when the rest decoded to non-ASCII text.
                if incompleteTail && text.unicodeScalars.allSatisfy({ $0.isASCII || $0 == "\u{FFFD}" }) { continue }
                return DecodedText(text: dropByteOrderMark(text), charset: canonical, fellBack: false)
            case .invalid, .unsupported:
                continue
            }
        }
        return fallback(bytes)
    }

    /// UTF-16 and UTF-32: a byte-order mark decides; without one, the byte positions that hold zeros for ASCII text
    /// do (Windows writes little-endian without a mark), and big-endian (RFC 2781) when that says nothing.
    private static func decodeWide(_ bytes: [UInt8], width: Int, endianness: CharsetName.Endianness?,
                                   canonical: String) -> DecodedText {
        let order = endianness ?? byteOrder(of: bytes, width: width)
        let bits = width == 2 ? "16" : "32"
        let iconvName = "UTF-\(bits)\(order == .big ? "BE" : "LE")"
        return decodeWithIconv(bytes, candidates: [iconvName], canonical: canonical)
    }

    private static func byteOrder(of bytes: [UInt8], width: Int) -> CharsetName.Endianness {
        if width == 2, bytes.count >= 2 {
            if bytes[0] == 0xFE && bytes[1] == 0xFF { return .big }
            if bytes[0] == 0xFF && bytes[1] == 0xFE { return .little }
        }
        if width == 4, bytes.count >= 4 {
            if bytes[0...3].elementsEqual([0, 0, 0xFE, 0xFF]) { return .big }
            if bytes[0...3].elementsEqual([0xFF, 0xFE, 0, 0]) { return .little }
        }
        // For ASCII-range text the high byte comes first in big-endian, last in little-endian.
        var zerosFirst = 0, zerosLast = 0
        var index = 0
        while index + width <= bytes.count, index < 4096 {
            if bytes[index] == 0 { zerosFirst += 1 }
            if bytes[index + width - 1] == 0 { zerosLast += 1 }
            index += width
        }
        return zerosLast > zerosFirst ? .little : .big
    }

    // MARK: - Fallback

    /// The documented fallback: UTF-8 when valid, else Windows-1252, which decodes every byte.
    static func fallback(_ bytes: [UInt8]) -> DecodedText {
        if let text = validUTF8(bytes) { return DecodedText(text: text, charset: "UTF-8", fellBack: true) }
        return DecodedText(text: Windows1252.decode(bytes), charset: "windows-1252", fellBack: true)
    }

    /// UTF-8 text under a one-byte charset label: only when its 8-bit bytes all form valid UTF-8 sequences.
    private static func lyingOneByteCharset(_ bytes: [UInt8]) -> DecodedText? {
        guard let text = validUTF8(bytes) else { return nil }
        return DecodedText(text: text, charset: "UTF-8", fellBack: true)
    }

    // MARK: - Byte checks

    static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var combined: UInt8 = 0
            for byte in buffer { combined |= byte }
            return combined < 0x80
        }
    }

    /// Bytes `isASCII` accepted, as text: copied, not validated again.
    private static func asciiText(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer(String.init(checkedASCII:))
    }

    /// The bytes as a String when they are valid UTF-8 (a byte-order mark removed). An input cut off inside its last
    /// character still counts, ending with U+FFFD, when the rest proves it UTF-8: a multi-byte character before the
    /// cut, or a continuation byte after the cut's lead byte. A lone trailing 0xE9 is far likelier a Latin-1 "é".
    static func validUTF8(_ bytes: [UInt8]) -> String? {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        if let text = body.withUnsafeBufferPointer(UTF8Validation.text) { return text }
        let cut = incompleteTailLength(body)
        guard cut > 0, let text = body.dropLast(cut).withUnsafeBufferPointer(UTF8Validation.text) else { return nil }
        guard cut > 1 || text.utf8.count != text.unicodeScalars.count else { return nil }
        return text + "\u{FFFD}"
    }

    /// The length of a truncated multi-byte sequence at the end of `bytes` (a lead byte followed by fewer
    /// continuation bytes than it announces), or 0.
    private static func incompleteTailLength(_ bytes: ArraySlice<UInt8>) -> Int {
        var continuation = 0
        var index = bytes.endIndex
        while index > bytes.startIndex, continuation < 3 {
            index -= 1
            let byte = bytes[index]
            if byte & 0xC0 == 0x80 {
                continuation += 1
                continue
            }
            let expected: Int
            switch byte {
            case 0xC2...0xDF: expected = 1
            case 0xE0...0xEF: expected = 2
            case 0xF0...0xF4: expected = 3
            default: return 0
            }
            return continuation < expected ? continuation + 1 : 0
        }
        return 0
    }

    private static func dropByteOrderMark(_ text: String) -> String {
        text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
    }
}
