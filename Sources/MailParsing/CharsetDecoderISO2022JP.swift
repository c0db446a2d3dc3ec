/// ISO-2022-JP as Microsoft writes it (CP50220/CP50221): JIS X 0208 plus the NEC and IBM extension rows (circled
/// numbers ①, Roman numerals Ⅰ, ㈱…) and half-width katakana, which glibc's strict ISO-2022-JP rejects. Japanese
/// mail from Outlook and many web mailers uses them, so when iconv refuses a message, its JIS codes are rewritten as
/// Shift_JIS (a fixed arithmetic mapping) and decoded as CP932, which defines every one of those characters.
enum ISO2022JPExtended {
    private enum Mode { case ascii, jis, katakana }

    /// The same text as CP932 bytes, or nil when the input is not ISO-2022-JP (8-bit bytes, an escape sequence for
    /// a character set CP932 lacks, a broken double-byte pair).
    static func shiftJISBytes(_ bytes: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var mode = Mode.ascii
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x1B:
                guard let next = escape(bytes, at: index) else { return nil }
                mode = next.mode
                index += next.length
                continue
            case 0x0E: mode = .katakana  // SO (CP50221)
            case 0x0F: mode = .ascii     // SI
            case 0x0A, 0x0D:
                // A line must end in ASCII; senders that forget still mean a line break.
                output.append(byte)
                if mode == .jis { mode = .ascii }
            case 0x80...:
                return nil
            default:
                switch mode {
                case .ascii:
                    output.append(byte)
                case .katakana:
                    output.append((0x21...0x5F).contains(byte) ? byte + 0x80 : byte)
                case .jis:
                    guard (0x21...0x7E).contains(byte) else {
                        output.append(byte)
                        break
                    }
                    guard index + 1 < bytes.count, (0x21...0x7E).contains(bytes[index + 1]) else { return nil }
                    output.append(contentsOf: shiftJIS(row: byte, cell: bytes[index + 1]))
                    index += 2
                    continue
                }
            }
            index += 1
        }
        return output
    }

    private static func escape(_ bytes: [UInt8], at index: Int) -> (mode: Mode, length: Int)? {
        guard index + 2 < bytes.count else { return nil }
        switch (bytes[index + 1], bytes[index + 2]) {
        case (UInt8(ascii: "("), UInt8(ascii: "B")), (UInt8(ascii: "("), UInt8(ascii: "J")): return (.ascii, 3)
        case (UInt8(ascii: "$"), UInt8(ascii: "@")), (UInt8(ascii: "$"), UInt8(ascii: "B")): return (.jis, 3)
        case (UInt8(ascii: "("), UInt8(ascii: "I")): return (.katakana, 3)
        default: return nil
        }
    }

    /// JIS X 0208 row/cell bytes (0x21–0x7E each) to their Shift_JIS pair.
    private static func shiftJIS(row: UInt8, cell: UInt8) -> [UInt8] {
        var lead = (row - 0x21) >> 1 + 0x81
        if lead > 0x9F { lead += 0x40 }
        var trail: UInt8
        if row & 1 == 1 {
            trail = cell + 0x1F
            if trail >= 0x7F { trail += 1 }
        } else {
            trail = cell + 0x7E
        }
        return [lead, trail]
    }
}
