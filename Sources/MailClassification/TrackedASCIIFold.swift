/// `NormalizedText(text, trackingOrigins: true).sourceOffsets` for ASCII text, read byte by byte. The general path
/// reads Unicode scalars and their properties, which is costly for out-of-office notes, nearly always ASCII. In ASCII
/// the rules come down to: letters lowercased, digits kept, an apostrophe kept only between a word and a letter or
/// digit, every run of other bytes one space, a space at each end.
enum TrackedASCIIFold {
    /// For each folded byte, the offset of the byte of `text` it came from (the text's length for the closing
    /// space); nil when the text is not ASCII. The folded bytes are kept on the stack only.
    static func origins(_ text: UnsafeBufferPointer<UInt8>) -> [Int32]? {
        guard !text.contains(where: { $0 >= 0x80 }) else { return nil }
        let capacity = text.count + 2
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { bytes in
            [Int32](unsafeUninitializedCapacity: capacity) { origins, originsCount in
                originsCount = fold(text, into: bytes, origins: origins)
            }
        }
    }

    /// Writes the fold of ASCII `text` and its origins; returns their count.
    private static func fold(_ text: UnsafeBufferPointer<UInt8>, into bytes: UnsafeMutableBufferPointer<UInt8>,
                             origins: UnsafeMutableBufferPointer<Int32>) -> Int {
        bytes[0] = 0x20; origins[0] = 0
        var count = 1
        var lastWasSpace = true
        var pendingApostrophe = false
        func append(_ byte: UInt8, from offset: Int) {
            bytes[count] = byte; origins[count] = Int32(truncatingIfNeeded: offset)
            count += 1
        }
        for offset in 0..<text.count {
            let byte = text[offset]
            let isApostrophe = byte == 0x27 || byte == 0x60
            let isLetter = byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            if pendingApostrophe, !isApostrophe {
                pendingApostrophe = false
                if !isLetter && !isDigit {
                    count -= 1
                    lastWasSpace = bytes[count - 1] == 0x20
                }
            }
            if isApostrophe {
                if lastWasSpace || pendingApostrophe { continue }
                append(UInt8(ascii: "'"), from: offset)
                pendingApostrophe = true
            } else if isLetter || isDigit {
                append(isLetter ? byte | 0x20 : byte, from: offset)
                lastWasSpace = false
            } else if !lastWasSpace {
                append(0x20, from: offset)
                lastWasSpace = true
            }
        }
        if pendingApostrophe {
            count -= 1
            lastWasSpace = bytes[count - 1] == 0x20
        }
        if !lastWasSpace { append(0x20, from: text.count) }
        return count
    }
}
