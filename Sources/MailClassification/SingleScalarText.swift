/// Text in which every Unicode scalar is a character of its own, so rules stated on characters can be read by
/// scalars on the UTF-8 bytes. Holds for scalars that never join a neighbour into one grapheme cluster: all below
/// U+0300 but CR (which pairs with LF), Greek and Cyrillic letters, general punctuation up to U+2027, CJK symbols and
/// punctuation ("、", "。", "「") but the ideographic space and tone marks, kana without the combining sound marks,
/// CJK ideographs, Hangul syllables (which join only conjoining jamo, left out) and fullwidth forms up to U+FF9D.
/// Combining marks, joiners, jamo, emoji and the rest are left to the character reading. Of the scalars held, the
/// only whitespace is below U+0100 (tab to CR, space, NEL, no-break space).
enum SingleScalarText {
    static func holds(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { holds(bytes, allowingCR: false) }

    /// `holds`, but CR allowed: for readers to whom CR, LF and CR LF are all the same separator.
    static func holds(lineBreaksAllowed bytes: UnsafeBufferPointer<UInt8>) -> Bool { holds(bytes, allowingCR: true) }

    private static func holds(_ bytes: UnsafeBufferPointer<UInt8>, allowingCR: Bool) -> Bool {
        var index = 0
        while index < bytes.count {
            // Eight ASCII bytes at a time.
            if index &+ 8 <= bytes.count, let base = bytes.baseAddress {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & EightBytes.highBits == 0, !EightBytes.holds(0x0D, in: word) { index &+= 8; continue }
            }
            let byte = bytes[index]
            if byte < 0x80 {
                guard byte != 0x0D || allowingCR else { return false }
                index += 1
                continue
            }
            guard let (value, length) = scalar(in: bytes, at: index), isStandalone(value) else { return false }
            index += length
        }
        return true
    }

    static func isStandalone(_ value: UInt32) -> Bool {
        switch value {
        case 0x0D: return false
        case 0..<0x300, 0x370..<0x483, 0x2010..<0x2028, 0x3001..<0x302A, 0x3030..<0x3040, 0x3041..<0x3097,
             0x30A0..<0x3100, 0x4E00..<0xA000, 0xAC00..<0xD7A4, 0xFF01..<0xFF9E:
            return true
        default:
            return false
        }
    }

    /// The scalar starting at `index` of valid UTF-8, with its length in bytes.
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        let lead = bytes[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard index + length <= bytes.count else { return nil }
        var value = length == 1 ? UInt32(lead) : UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (value, length)
    }

    static func first(of bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard !bytes.isEmpty, let (value, _) = scalar(in: bytes, at: 0) else { return nil }
        return Unicode.Scalar(value)
    }

    /// The byte offset just past the first `count` scalars (or the end).
    static func end(ofFirst count: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var seen = 0, index = 0
        while index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 {
                if seen == count { return index }
                seen += 1
            }
            index += 1
        }
        return bytes.count
    }
}
