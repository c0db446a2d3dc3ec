#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Small byte-level primitives shared by the header, MIME and report scanners.
/// They work on LF-normalised buffers and never build Strings.
enum ByteScanning {
    /// Index of the next LF at or after `from` before `end`, or `end` when there is none.
    @inline(__always)
    static func lineEnd(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int {
        guard from < end, let base = buffer.baseAddress else { return end }
        guard let hit = memchr(base + from, 0x0A, end - from) else { return end }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Index of the first `byte` at or after `from` before `end`, or nil.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int? {
        guard from < end, let base = buffer.baseAddress, let hit = memchr(base + from, Int32(byte), end - from) else {
            return nil
        }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }

    /// Whether `count` bytes at `left` and at `right` are equal ignoring ASCII case. Field names are compared many
    /// times per message (every lookup by name confirms its candidates this way): eight bytes at a time, each word
    /// lowercased with a few arithmetic operations, rather than a byte at a time.
    @inline(__always)
    static func equalIgnoringASCIICase(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, count: Int) -> Bool {
        if count < 8 {
            for offset in 0..<count where lowercased(left[offset]) != lowercased(right[offset]) { return false }
            return true
        }
        var offset = 0
        while true {
            // The last word overlaps the one before it when the length is not a multiple of eight.
            let at = Swift.min(offset, count - 8)
            let leftWord = UnsafeRawPointer(left + at).loadUnaligned(as: UInt64.self)
            let rightWord = UnsafeRawPointer(right + at).loadUnaligned(as: UInt64.self)
            if leftWord != rightWord, lowercased(word: leftWord) != lowercased(word: rightWord) { return false }
            offset += 8
            if offset >= count { return true }
        }
    }

    /// Whether `count` bytes at `bytes`, ASCII capitals lowercased, are the `count` bytes at `lowercase` (which hold
    /// no capital): `equalIgnoringASCIICase` with one side to lowercase, for names and tokens stored lowercased.
    @inline(__always)
    static func equalsLowercase(_ bytes: UnsafePointer<UInt8>, _ lowercase: UnsafePointer<UInt8>, count: Int) -> Bool {
        if count < 8 {
            for offset in 0..<count where lowercased(bytes[offset]) != lowercase[offset] { return false }
            return true
        }
        var offset = 0
        while true {
            let at = Swift.min(offset, count - 8)
            let word = UnsafeRawPointer(bytes + at).loadUnaligned(as: UInt64.self)
            if lowercased(word: word) != UnsafeRawPointer(lowercase + at).loadUnaligned(as: UInt64.self) { return false }
            offset += 8
            if offset >= count { return true }
        }
    }

    /// The eight bytes of `word` with ASCII capitals lowercased (every other byte unchanged).
    @inline(__always)
    static func lowercased(word: UInt64) -> UInt64 {
        let sevenBits = word & 0x7F7F_7F7F_7F7F_7F7F
        // Per byte, the high bit of each sum says the byte (seven bits) is at least "A", resp. past "Z"; no sum
        // carries into the next byte.
        let atLeastA = sevenBits &+ 0x3F3F_3F3F_3F3F_3F3F
        let pastZ = sevenBits &+ 0x2525_2525_2525_2525
        let capitals = atLeastA & ~pastZ & ~word & 0x8080_8080_8080_8080
        return word | (capitals >> 2)
    }

    /// The offset, within the eight bytes of `word` (in memory order), of the first byte that cannot be in a field
    /// name (a control byte, space, DEL, 8-bit byte or colon), or 8 when there is none.
    @inline(__always)
    static func firstNonNameByte(in word: UInt64) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highBits: UInt64 = 0x8080_8080_8080_8080
        // Below "!": the subtraction borrows out of the byte. DEL and 8-bit bytes: adding one sets (or keeps) the
        // high bit. A colon: the byte is zero once the colon is XORed away. Borrows and carries can only mark bytes
        // after the first marked one, so the lowest mark is exact.
        let belowExclamation = (word &- ones &* 0x21) & ~word & highBits
        let pastTilde = ((word &+ ones) | word) & highBits
        let colonless = word ^ (ones &* 0x3A)
        let colon = (colonless &- ones) & ~colonless & highBits
        let marks = belowExclamation | pastTilde | colon
        return marks == 0 ? 8 : marks.trailingZeroBitCount >> 3
    }

    /// Whether `buffer[range]` holds a space, tab or line break: eight bytes at a time, a byte at a time only in a
    /// word holding a byte below "!".
    static func containsWhitespace(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        var index = range.lowerBound
        while index + 8 <= range.upperBound {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let ones: UInt64 = 0x0101_0101_0101_0101
            if (word &- ones &* 0x21) & ~word & 0x8080_8080_8080_8080 != 0 {
                for offset in 0..<8 where isWhitespace(base[index + offset]) { return true }
            }
            index += 8
        }
        while index < range.upperBound {
            if isWhitespace(base[index]) { return true }
            index += 1
        }
        return false
    }

    /// Trims spaces, tabs and line breaks from both ends of `range`.
    @inline(__always)
    static func trimmed(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, isWhitespace(buffer[lower]) { lower += 1 }
        while upper > lower, isWhitespace(buffer[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// Case-insensitive comparison of `buffer[range]` with an ASCII lowercase literal.
    static func equalsLowercase(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<range.count where lowercased(buffer[range.lowerBound + offset]) != pointer[offset] {
            return false
        }
        return true
    }
}

extension String {
    /// ASCII-only lowercase; header names and MIME tokens are ASCII, and this avoids
    /// Unicode case mapping on the hot path.
    var asciiLowercased: String {
        var source = self
        return source.withUTF8 { bytes in
            guard bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return self }
            // Written straight into the new string's storage: no intermediate array.
            return String(unsafeUninitializedCapacity: bytes.count) { output in
                for index in 0..<bytes.count { output[index] = ByteScanning.lowercased(bytes[index]) }
                return bytes.count
            }
        }
    }

    /// Whether two ASCII tokens are equal ignoring case, without allocating.
    @inline(__always)
    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        // Most comparisons (a field name against the one looked for) differ in length: that answer costs no setup.
        utf8.count == other.utf8.count && sameLengthEqualsIgnoringASCIICase(other)
    }

    @inline(never)
    private func sameLengthEqualsIgnoringASCIICase(_ other: String) -> Bool {
        let lhs = utf8, rhs = other.utf8
        let fast = lhs.withContiguousStorageIfAvailable { left in
            rhs.withContiguousStorageIfAvailable { right -> Bool in
                for index in 0..<left.count
                where ByteScanning.lowercased(left[index]) != ByteScanning.lowercased(right[index]) {
                    return false
                }
                return true
            }
        }
        if let fast, let result = fast { return result }
        var right = rhs.makeIterator()
        for left in lhs {
            guard let byte = right.next(), ByteScanning.lowercased(left) == ByteScanning.lowercased(byte) else { return false }
        }
        return true
    }

    /// `self == other`, for tokens (MIME types, parameter names): most that are compared differ in length, and that
    /// answer needs no call into the general string comparison.
    @inline(__always)
    func equalsToken(_ other: String) -> Bool { utf8.count == other.utf8.count && self == other }

    /// Whether the UTF-8 form holds `byte`; scans the storage directly, not through the UTF-8 view.
    func containsByte(_ byte: UInt8) -> Bool {
        var source = self
        return source.withUTF8 { $0.contains(byte) }
    }

    /// Leading and trailing spaces, tabs and line breaks removed.
    var trimmingMailWhitespace: String {
        let view = utf8
        var lower = view.startIndex, upper = view.endIndex
        while lower < upper, ByteScanning.isWhitespace(view[lower]) { lower = view.index(after: lower) }
        while upper > lower, ByteScanning.isWhitespace(view[view.index(before: upper)]) { upper = view.index(before: upper) }
        if lower == view.startIndex && upper == view.endIndex { return self }
        return String(self[lower..<upper])
    }
}

extension Substring {
    /// The text with the given ASCII characters removed from both ends.
    func trimmingCharacters(inSetOf characters: StaticString) -> String {
        let set = UnsafeBufferPointer(start: characters.utf8Start, count: characters.utf8CodeUnitCount)
        let view = utf8
        var lower = view.startIndex, upper = view.endIndex
        while lower < upper, set.contains(view[lower]) { lower = view.index(after: lower) }
        while upper > lower, set.contains(view[view.index(before: upper)]) { upper = view.index(before: upper) }
        return String(self[lower..<upper])
    }
}

extension String {
    /// The text with the given ASCII characters removed from both ends.
    func trimmingCharacters(inSetOf characters: StaticString) -> String {
        self[...].trimmingCharacters(inSetOf: characters)
    }
}
