#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Finds the parts of a multipart body (RFC 2046 §5.1) from its boundary delimiter lines.
enum MultipartSplitter {
    struct Split {
        /// Byte ranges of each part, without the line break that belongs to the next delimiter.
        var parts: [Range<Int>]
        /// Whether the close delimiter (`--boundary--`) was seen.
        var closed: Bool
    }

    static func split(_ buffer: UnsafeBufferPointer<UInt8>, body: Range<Int>, boundary: [UInt8]) -> Split {
        boundary.withUnsafeBufferPointer { split(buffer, body: body, boundary: $0) }
    }

    /// `split` with the boundary read in place (a Content-Type parameter's UTF-8: no array is made of it).
    static func split(_ buffer: UnsafeBufferPointer<UInt8>, body: Range<Int>,
                      boundary: UnsafeBufferPointer<UInt8>) -> Split {
        // A delimiter is a whole line; a boundary holding a line break can match none.
        guard !boundary.isEmpty, !boundary.contains(0x0A) else { return Split(parts: [], closed: false) }
        var parts: [Range<Int>] = []
        // Most multiparts have two to four parts: room for them up front, rather than growing the list twice.
        parts.reserveCapacity(4)
        var partStart: Int? = nil
        var searchFrom = body.lowerBound
        let end = body.upperBound
        // A delimiter line is "--boundary" after at most 8 spaces or tabs. Rather than stop at every "-" of every
        // part (text and HTML hold many), memchr looks for the boundary's rarest byte where a delimiter would put it,
        // and only those hits are checked.
        let pivot = rarestByteOffset(boundary)
        let pivotByte = boundary[pivot]
        let pivotDistance = 2 + pivot
        while searchFrom + pivotDistance < end,
              let hit = ByteScanning.firstIndex(of: pivotByte, in: buffer, from: searchFrom + pivotDistance, end: end) {
            let dash = hit - pivotDistance
            // Most hits are the byte somewhere in text: no "--" where the delimiter would start.
            guard buffer[dash] == 0x2D, buffer[dash + 1] == 0x2D else {
                searchFrom = dash + 1
                continue
            }
            // Some MTAs indent delimiter lines (up to 8 spaces or tabs); otherwise the "--" must open its line.
            var lineStart = dash
            while lineStart > body.lowerBound, dash - lineStart < 8,
                  buffer[lineStart - 1] == 0x20 || buffer[lineStart - 1] == 0x09 { lineStart -= 1 }
            guard lineStart == body.lowerBound || buffer[lineStart - 1] == 0x0A else {
                searchFrom = dash + 1
                continue
            }
            let lineEnd = ByteScanning.lineEnd(buffer, from: dash, end: end)
            if let isClose = delimiter(buffer, from: dash, lineEnd: lineEnd, boundary: boundary) {
                if let start = partStart {
                    // The line break before a delimiter belongs to the delimiter.
                    let partEnd = max(start, lineStart - 1)
                    parts.append(start..<partEnd)
                }
                if isClose { return Split(parts: parts, closed: true) }
                partStart = min(end, lineEnd + 1)
                searchFrom = lineEnd + 1
            } else {
                searchFrom = dash + 1
            }
        }
        if let start = partStart { parts.append(start..<end) }
        return Split(parts: parts, closed: false)
    }

    /// The offset of the boundary byte least likely to occur in part bodies, by how common each kind of byte is in
    /// mail text, HTML and base64: "-" (text, HTML, rules), then the commonest letters of English, the other small
    /// letters, the punctuation of text, addresses and quoted-printable (".", "/", ":", "=", "+", ",", space), the
    /// digits that dates and times are full of (0–3), the other digits, capitals, and last "_" and rarer
    /// punctuation. Each hit of the byte costs a look at the text around it, and boundaries of digits and
    /// hexadecimal letters are common. The first of the rarest kind is taken.
    private static func rarestByteOffset(_ boundary: UnsafeBufferPointer<UInt8>) -> Int {
        var best = 0, bestRarity: UInt8 = 0
        rarityByByte.withUnsafeBufferPointer { rarity in
            for (offset, byte) in boundary.enumerated() where offset == 0 || rarity[Int(byte)] > bestRarity {
                best = offset
                bestRarity = rarity[Int(byte)]
                if bestRarity == 7 { break }
            }
        }
        return best
    }

    /// The rarity of each byte value, as `rarestByteOffset` ranks them (higher is rarer): a table, as every byte of
    /// every boundary is ranked.
    private static let rarityByByte: [UInt8] = (0...255).map { (byte: Int) -> UInt8 in
        switch byte {
        case 0x2D: return 0                                                     // -
        case 0x61, 0x63, 0x65, 0x68, 0x69, 0x6C, 0x6E, 0x6F, 0x72, 0x73, 0x74: return 1  // a c e h i l n o r s t
        case 0x61...0x7A: return 2                                              // other a-z
        case 0x2E, 0x2F, 0x3A, 0x3D, 0x2B, 0x2C, 0x20: return 3                 // . / : = + , space
        case 0x30...0x33: return 4                                              // 0-3
        case 0x34...0x39: return 5                                              // 4-9
        case 0x41...0x5A: return 6                                              // A-Z
        default: return 7
        }
    }

    /// Whether `buffer[start..<lineEnd]` is "--boundary" ending the line: nil when it is not a delimiter, true for
    /// the close delimiter ("--" follows), false when only spaces and tabs follow.
    @inline(__always)
    private static func delimiter(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, lineEnd: Int,
                                  boundary: UnsafeBufferPointer<UInt8>) -> Bool? {
        let length = boundary.count
        guard lineEnd - start >= length + 2, buffer[start + 1] == 0x2D else { return nil }
        guard let base = buffer.baseAddress, let boundaryBase = boundary.baseAddress,
              memcmp(base + start + 2, boundaryBase, length) == 0 else { return nil }
        var index = start + 2 + length
        if index + 1 < lineEnd, buffer[index] == 0x2D, buffer[index + 1] == 0x2D { return true }
        // Only trailing whitespace may follow a delimiter; anything else is a longer boundary.
        while index < lineEnd {
            if buffer[index] != 0x20 && buffer[index] != 0x09 { return nil }
            index += 1
        }
        return false
    }

    /// When the declared boundary never occurs, a "--token" line followed by a header field
    /// line is taken as the boundary actually used.
    static func guessBoundary(_ buffer: UnsafeBufferPointer<UInt8>, body: Range<Int>) -> [UInt8]? {
        var position = body.lowerBound
        let end = body.upperBound
        var linesSeen = 0
        while position < end, linesSeen < 2_000 {
            linesSeen += 1
            let lineEnd = ByteScanning.lineEnd(buffer, from: position, end: end)
            let line = ByteScanning.trimmed(buffer, position..<lineEnd)
            if line.count >= 3, line.count <= 200, buffer[line.lowerBound] == 0x2D, buffer[line.lowerBound + 1] == 0x2D,
               !(line.lowerBound..<line.upperBound).contains(where: { buffer[$0] == 0x20 || buffer[$0] == 0x09 }) {
                let nextStart = lineEnd + 1
                if nextStart < end {
                    let nextEnd = ByteScanning.lineEnd(buffer, from: nextStart, end: end)
                    if HeaderBlockParser.fieldNameEnd(buffer, from: nextStart, end: nextEnd) != nil {
                        var token = Array(UnsafeBufferPointer(rebasing: buffer[(line.lowerBound + 2)..<line.upperBound]))
                        if token.count > 2, token.suffix(2) == [0x2D, 0x2D] { token.removeLast(2) }
                        // A rule of dashes above a quoted header block is not a boundary.
                        if token.contains(where: { $0 != 0x2D }) { return token }
                    }
                }
            }
            position = lineEnd + 1
        }
        return nil
    }
}
