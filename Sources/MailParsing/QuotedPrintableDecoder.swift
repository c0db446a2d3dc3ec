#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Quoted-printable decoding (RFC 2045 §6.7, and the Q encoding of RFC 2047 when
/// `underscoreIsSpace`). Soft line breaks (`=` at line end, even with trailing blanks) are
/// removed; a malformed escape (`=G1`, `=` at the very end) is kept literally.
public enum QuotedPrintableDecoder {
    public static func decode<C: Collection>(_ input: C, underscoreIsSpace: Bool = false) -> [UInt8]
    where C.Element == UInt8 {
        if let result = input.withContiguousStorageIfAvailable({ decode(buffer: $0, underscoreIsSpace: underscoreIsSpace) }) {
            return result
        }
        return Array(input).withUnsafeBufferPointer { decode(buffer: $0, underscoreIsSpace: underscoreIsSpace) }
    }

    static func decode(buffer: UnsafeBufferPointer<UInt8>, underscoreIsSpace: Bool) -> [UInt8] {
        // Decoding never lengthens the text, so the output is written in place without per-byte appends.
        let count = buffer.count
        return [UInt8](unsafeUninitializedCapacity: count) { output, written in
            var length = 0
            var index = 0
            while index < count {
                let byte = buffer[index]
                if byte == 0x3D {
                    if index + 2 < count, let high = hexValue(buffer[index + 1]), let low = hexValue(buffer[index + 2]) {
                        output[length] = high << 4 | low; length += 1
                        index += 3
                        continue
                    }
                    // Soft line break: '=' then optional blanks then LF (or end of input).
                    var probe = index + 1
                    while probe < count, buffer[probe] == 0x20 || buffer[probe] == 0x09 { probe += 1 }
                    if probe == count { index = probe; continue }
                    if buffer[probe] == 0x0A { index = probe + 1; continue }
                    if buffer[probe] == 0x0D {
                        index = probe + 1
                        if index < count, buffer[index] == 0x0A { index += 1 }
                        continue
                    }
                    output[length] = byte; length += 1
                    index += 1
                    continue
                }
                if !underscoreIsSpace, let source = buffer.baseAddress, let target = output.baseAddress {
                    // Body text is mostly literal: copy the whole run up to the next '=' at once.
                    let runEnd = memchr(source + index, 0x3D, count - index)
                        .map { source.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? count
                    (target + length).update(from: source + index, count: runEnd - index)
                    length += runEnd - index
                    index = runEnd
                    continue
                }
                output[length] = underscoreIsSpace && byte == 0x5F ? 0x20 : byte; length += 1
                index += 1
            }
            written = length
        }
    }

    @inline(__always)
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
