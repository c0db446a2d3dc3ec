/// Base64 content transfer decoding that tolerates what real mailers send: line breaks and
/// whitespace anywhere, junk characters (skipped), missing or early padding (decoding resumes
/// after `=` so concatenated encoded chunks still decode).
public enum Base64Decoder {
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        // URL-safe variants appear in the wild too.
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    public static func decode<C: Collection>(_ input: C) -> [UInt8] where C.Element == UInt8 {
        if let result = input.withContiguousStorageIfAvailable({ decode(buffer: $0) }) { return result }
        return Array(input).withUnsafeBufferPointer { decode(buffer: $0) }
    }

    static func decode(buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(buffer.count / 4 * 3 + 3)
        table.withUnsafeBufferPointer { table in
            var accumulator: UInt32 = 0
            var count = 0
            for byte in buffer {
                let value = table[Int(byte)]
                if value == 0xFF {
                    if byte == 0x3D {  // padding ends the current quantum
                        flush(&accumulator, &count, into: &output)
                    }
                    continue
                }
                accumulator = (accumulator << 6) | UInt32(value)
                count += 1
                if count == 4 {
                    output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                    output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                    output.append(UInt8(truncatingIfNeeded: accumulator))
                    accumulator = 0
                    count = 0
                }
            }
            flush(&accumulator, &count, into: &output)
        }
        return output
    }

    /// Emits the whole bytes held by a partial quantum (2 chars → 1 byte, 3 → 2); a single
    /// dangling character carries no whole byte and is dropped.
    @inline(__always)
    private static func flush(_ accumulator: inout UInt32, _ count: inout Int, into output: inout [UInt8]) {
        switch count {
        case 2:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        case 3:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        default:
            break
        }
        accumulator = 0
        count = 0
    }
}
