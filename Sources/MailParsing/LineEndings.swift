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
        // Output is never longer than input: written in place, CR-free runs copied whole.
        return bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            return [UInt8](unsafeUninitializedCapacity: count) { output, written in
                guard let source = buffer.baseAddress, let target = output.baseAddress else { written = 0; return }
                target.update(from: source, count: firstCR)
                var length = firstCR
                var index = firstCR
                while index < count {
                    // `index` is at a CR.
                    target[length] = 0x0A
                    length += 1
                    index += 1
                    if index < count, source[index] == 0x0A { index += 1 }
                    let runEnd = memchr(source + index, 0x0D, count - index)
                        .map { source.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? count
                    (target + length).update(from: source + index, count: runEnd - index)
                    length += runEnd - index
                    index = runEnd
                }
                written = length
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
