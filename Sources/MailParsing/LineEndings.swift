/// Mail arrives with LF, CRLF, CR-only or mixed line endings. The parser rewrites every
/// variant to a single LF once, up front, so every later stage sees one convention and a
/// CR-only copy of a message parses exactly like its CRLF twin.
enum LineEndings {
    /// Returns `bytes` with CRLF and lone CR turned into LF; returns the input unchanged
    /// (no copy) when it holds no CR at all, the common case for stored mail.
    /// As the slice variant; an array without CR is returned as is, shared, not copied.
    static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        let hasCR = bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return false }
            return memchr(base, 0x0D, buffer.count) != nil
        }
        return hasCR ? normalized(bytes[...]) : bytes
    }

    static func normalized(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let firstCR: Int? = bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return nil }
            guard let hit = memchr(base, 0x0D, buffer.count) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        guard let firstCR else { return Array(bytes) }
        var output = [UInt8]()
        output.reserveCapacity(bytes.count)
        bytes.withUnsafeBufferPointer { buffer in
            output.append(contentsOf: buffer[0..<firstCR])
            var index = firstCR
            let count = buffer.count
            while index < count {
                let byte = buffer[index]
                if byte == 0x0D {
                    output.append(0x0A)
                    if index + 1 < count, buffer[index + 1] == 0x0A { index += 1 }
                } else {
                    output.append(byte)
                }
                index += 1
            }
        }
        return output
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
