/// Finds the parts of a multipart body (RFC 2046 §5.1) from its boundary delimiter lines.
enum MultipartSplitter {
    struct Split {
        /// Byte ranges of each part, without the line break that belongs to the next delimiter.
        var parts: [Range<Int>]
        /// Whether the close delimiter (`--boundary--`) was seen.
        var closed: Bool
    }

    static func split(_ buffer: UnsafeBufferPointer<UInt8>, body: Range<Int>, boundary: [UInt8]) -> Split {
        guard !boundary.isEmpty else { return Split(parts: [], closed: false) }
        var parts: [Range<Int>] = []
        var partStart: Int? = nil
        var position = body.lowerBound
        let end = body.upperBound
        while position < end {
            let lineEnd = ByteScanning.lineEnd(buffer, from: position, end: end)
            if let isClose = delimiter(buffer, line: position..<lineEnd, boundary: boundary) {
                if let start = partStart {
                    // The line break before a delimiter belongs to the delimiter.
                    let partEnd = max(start, position - 1)
                    parts.append(start..<partEnd)
                }
                if isClose { return Split(parts: parts, closed: true) }
                partStart = min(end, lineEnd + 1)
            }
            position = lineEnd + 1
        }
        if let start = partStart { parts.append(start..<end) }
        return Split(parts: parts, closed: false)
    }

    /// nil when the line is not a delimiter for `boundary`; true for the close delimiter.
    @inline(__always)
    private static func delimiter(_ buffer: UnsafeBufferPointer<UInt8>, line: Range<Int>, boundary: [UInt8]) -> Bool? {
        let length = boundary.count
        var lineStart = line.lowerBound
        // Some MTAs indent delimiter lines; an indented exact delimiter is still one.
        while lineStart < line.upperBound, lineStart - line.lowerBound < 8,
              buffer[lineStart] == 0x20 || buffer[lineStart] == 0x09 { lineStart += 1 }
        guard line.upperBound - lineStart >= length + 2, buffer[lineStart] == 0x2D, buffer[lineStart + 1] == 0x2D else {
            return nil
        }
        let start = lineStart + 2
        for offset in 0..<length where buffer[start + offset] != boundary[offset] { return nil }
        var index = start + length
        if index + 1 < line.upperBound, buffer[index] == 0x2D, buffer[index + 1] == 0x2D { return true }
        // Only trailing whitespace may follow a delimiter; anything else is a longer boundary.
        while index < line.upperBound {
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
