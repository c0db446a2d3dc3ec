/// `NormalizedText(text, trackingOrigins: true)` for ASCII text, read byte by byte. The general path reads
/// Unicode scalars and their properties, which is costly for out-of-office notes, nearly always ASCII. In ASCII
/// the rules come down to: letters lowercased, digits kept, an apostrophe kept only between a word and a letter or
/// digit, every run of other bytes one space, a space at each end.
enum TrackedASCIIFold {
    /// The folded bytes and, for each, the offset of the byte of `text` it came from (the text's length for the
    /// closing space); nil when the text is not ASCII.
    static func fold(_ text: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], origins: [Int32])? {
        guard !text.contains(where: { $0 >= 0x80 }) else { return nil }
        var bytes: [UInt8] = [0x20]
        var origins: [Int32] = [0]
        bytes.reserveCapacity(text.count + 2)
        origins.reserveCapacity(text.count + 2)
        var lastWasSpace = true
        var pendingApostrophe = false
        for offset in 0..<text.count {
            let byte = text[offset]
            let isApostrophe = byte == 0x27 || byte == 0x60
            let isLetter = byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            if pendingApostrophe, !isApostrophe {
                pendingApostrophe = false
                if !isLetter && !isDigit {
                    bytes.removeLast(); origins.removeLast()
                    lastWasSpace = bytes.last == 0x20
                }
            }
            if isApostrophe {
                if lastWasSpace || pendingApostrophe { continue }
                bytes.append(UInt8(ascii: "'")); origins.append(Int32(truncatingIfNeeded: offset))
                pendingApostrophe = true
            } else if isLetter || isDigit {
                bytes.append(isLetter ? byte | 0x20 : byte); origins.append(Int32(truncatingIfNeeded: offset))
                lastWasSpace = false
            } else if !lastWasSpace {
                bytes.append(0x20); origins.append(Int32(truncatingIfNeeded: offset))
                lastWasSpace = true
            }
        }
        if pendingApostrophe {
            bytes.removeLast(); origins.removeLast()
            lastWasSpace = bytes.last == 0x20
        }
        if !lastWasSpace { bytes.append(0x20); origins.append(Int32(truncatingIfNeeded: text.count)) }
        return (bytes, origins)
    }
}
