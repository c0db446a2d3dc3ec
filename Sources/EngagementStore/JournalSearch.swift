#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the journal lines (their ranges, without the newline) that contain a byte string: `memchr` to the needle's first byte, `memcmp` to confirm.
/// Linear in the file for needles like `"contact":"…"` whose first byte is rare.
enum JournalSearch {
    static func lines(in bytes: [UInt8], containing needle: [UInt8]) -> [Range<Int>] {
        guard let first = needle.first, bytes.count >= needle.count else { return [] }
        var found: [Range<Int>] = []
        bytes.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { pattern in
                guard let base = haystack.baseAddress, let patternBase = pattern.baseAddress else { return }
                var position = 0
                let lastStart = haystack.count - pattern.count
                while position <= lastStart {
                    guard let hit = memchr(base + position, Int32(first), lastStart - position + 1) else { break }
                    let index = base.distance(to: UnsafeRawPointer(hit))
                    guard memcmp(base + index, patternBase, pattern.count) == 0 else {
                        position = index + 1
                        continue
                    }
                    var start = index
                    while start > 0 && bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
                    var end = index + needle.count
                    while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                    found.append(start..<end)
                    position = end
                }
            }
        }
        return found
    }
}
