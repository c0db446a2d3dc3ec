/// Whether bytes are well-formed UTF-8 (Unicode §3.9, table 3-7), read for mail text: long runs of ASCII with a
/// non-ASCII character here and there. The standard library's validation, once it meets one non-ASCII byte, reads
/// every byte after it one at a time; this one skips ASCII eight bytes at a time wherever it stands, so a body in
/// UTF-8 costs about what an ASCII one does. Bytes found valid become a string with `String(knownValidUTF8:)`.
enum UTF8Validation {
    /// The bytes as text when they are valid UTF-8, else nil: `String(validating:as:)`.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        isValid(bytes) ? String(knownValidUTF8: bytes) : nil
    }

    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        while index < count {
            if index + 8 <= count,
               UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            // The range the second byte must fall in (narrower than 80–BF after E0, ED, F0 and F4: no overlong
            // forms, no surrogates, nothing past U+10FFFF), and how many bytes the sequence has.
            let secondLow: UInt8, secondHigh: UInt8, length: Int
            switch lead {
            case 0xC2...0xDF: (secondLow, secondHigh, length) = (0x80, 0xBF, 2)
            case 0xE0: (secondLow, secondHigh, length) = (0xA0, 0xBF, 3)
            case 0xE1...0xEC, 0xEE, 0xEF: (secondLow, secondHigh, length) = (0x80, 0xBF, 3)
            case 0xED: (secondLow, secondHigh, length) = (0x80, 0x9F, 3)
            case 0xF0: (secondLow, secondHigh, length) = (0x90, 0xBF, 4)
            case 0xF1...0xF3: (secondLow, secondHigh, length) = (0x80, 0xBF, 4)
            case 0xF4: (secondLow, secondHigh, length) = (0x80, 0x8F, 4)
            default: return false
            }
            guard index + length <= count else { return false }
            let second = base[index + 1]
            guard second >= secondLow, second <= secondHigh else { return false }
            for offset in 2..<length where base[index + offset] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }
}
