/// Windows-1252 (and ISO-8859-1, its printable subset) decoded without iconv: the fallback must never fail, and
/// Latin-1 text is common enough to deserve a fast path.
enum Windows1252 {
    /// Code points for bytes 0x80–0x9F; the five bytes Windows-1252 leaves undefined map to their C1 control, as
    /// browsers do, so every byte sequence decodes.
    private static let highControls: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// The UTF-8 encoding of each byte 0x80–0xFF, packed little-endian with its length in the top byte.
    private static let utf8Table: [UInt32] = (0x80...0xFF).map { byte in
        let scalar = byte < 0xA0 ? UInt32(highControls[byte - 0x80]) : UInt32(byte)
        if scalar < 0x800 {
            return 2 << 24 | (0x80 | scalar & 0x3F) << 8 | (0xC0 | scalar >> 6)
        }
        return 3 << 24 | (0x80 | scalar & 0x3F) << 16 | (0x80 | (scalar >> 6) & 0x3F) << 8 | (0xE0 | scalar >> 12)
    }

    static func decode(_ bytes: [UInt8]) -> String {
        // At most three UTF-8 bytes per input byte, written by table: valid UTF-8, copied into the string unvalidated.
        String(knownValidUTF8Capacity: bytes.count * 3) { output in
            var count = 0
            utf8Table.withUnsafeBufferPointer { table in
                for byte in bytes {
                    if byte < 0x80 {
                        output[count] = byte
                        count += 1
                        continue
                    }
                    let packed = table[Int(byte) - 0x80]
                    output[count] = UInt8(truncatingIfNeeded: packed)
                    output[count + 1] = UInt8(truncatingIfNeeded: packed >> 8)
                    if packed >> 24 == 3 {
                        output[count + 2] = UInt8(truncatingIfNeeded: packed >> 16)
                        count += 3
                    } else {
                        count += 2
                    }
                }
            }
            return count
        }
    }

    /// Whether any byte falls in 0x80–0x9F, where ISO-8859-1 has only C1 controls that real text never uses.
    static func containsC1Range(_ bytes: [UInt8]) -> Bool {
        bytes.contains { $0 >= 0x80 && $0 < 0xA0 }
    }
}
