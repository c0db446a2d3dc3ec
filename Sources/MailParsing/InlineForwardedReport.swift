/// Bounces forwarded "inline" (the whole report pasted into a text/plain body, as some relays
/// and help desks do) keep their MIME structure as text. When such a body holds a header block
/// declaring multipart/report, that block is parsed as an embedded message so its delivery
/// status is not lost.
enum InlineForwardedReport {
    /// Offset where the pasted message's header block starts, or nil when the text holds none.
    static func start(in body: [UInt8]) -> Int? {
        body.withUnsafeBufferPointer { buffer -> Int? in
            let end = buffer.count
            // The Content-Type line is found from the slash of its "multipart/report" (memchr jumps from slash to
            // slash), where reading the text line by line made a call and a test for every line of every plain-text
            // message. The first declaring line holds the first such slash whose line reads as one: its
            // "multipart" follows "content-type:" and blanks from the line's start.
            var search = 0
            while let slash = ByteScanning.firstIndex(of: 0x2F, in: buffer, from: search, end: end) {
                search = slash + 1
                guard slash >= 9, slash + 7 <= end,
                      ByteScanning.equalsLowercase(buffer, (slash - 9)..<(slash + 7), "multipart/report") else {
                    continue
                }
                var lineStart = slash - 9
                while lineStart > 0, buffer[lineStart - 1] == 0x20 || buffer[lineStart - 1] == 0x09 { lineStart -= 1 }
                lineStart -= 13
                guard lineStart >= 0, lineStart == 0 || buffer[lineStart - 1] == 0x0A else { continue }
                if declaresReport(buffer, lineStart..<ByteScanning.lineEnd(buffer, from: lineStart, end: end)) {
                    return headerBlockStart(buffer, contentTypeLine: lineStart)
                }
            }
            return nil
        }
    }

    private static func declaresReport(_ buffer: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        // Nearly every line of a text body fails on its first byte.
        guard line.count > 29, buffer[line.lowerBound] | 0x20 == UInt8(ascii: "c"),
              ByteScanning.equalsLowercase(buffer, line.lowerBound..<(line.lowerBound + 13), "content-type:") else {
            return false
        }
        var index = line.lowerBound + 13
        while index < line.upperBound, buffer[index] == 0x20 || buffer[index] == 0x09 { index += 1 }
        return ByteScanning.equalsLowercase(buffer, index..<min(line.upperBound, index + 16), "multipart/report")
    }

    /// Walks back from the Content-Type line over header and continuation lines.
    private static func headerBlockStart(_ buffer: UnsafeBufferPointer<UInt8>, contentTypeLine: Int) -> Int? {
        var start = contentTypeLine
        while start > 0 {
            // The line before `start` runs from after the LF before it up to the LF at `start - 1`.
            let previousEnd = start - 1
            var previous = previousEnd
            while previous > 0, buffer[previous - 1] != 0x0A { previous -= 1 }
            guard previousEnd > previous else { break }  // blank line
            let first = buffer[previous]
            let isContinuation = first == 0x20 || first == 0x09
            let isField = HeaderBlockParser.fieldNameEnd(buffer, from: previous, end: previousEnd) != nil
            let isEnvelope = ByteScanning.equalsLowercase(buffer, previous..<min(previousEnd, previous + 5), "from ")
            guard isContinuation || isField || isEnvelope else { break }
            start = previous
            if isEnvelope { break }
        }
        return start
    }
}
