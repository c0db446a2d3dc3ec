/// Bounces forwarded "inline" (the whole report pasted into a text/plain body, as some relays
/// and help desks do) keep their MIME structure as text. When such a body holds a header block
/// declaring multipart/report, that block is parsed as an embedded message so its delivery
/// status is not lost.
enum InlineForwardedReport {
    /// Offset where the pasted message's header block starts, or nil when the text holds none.
    static func start(in body: [UInt8]) -> Int? {
        body.withUnsafeBufferPointer { buffer -> Int? in
            let end = buffer.count
            var lineStarts: [Int] = []
            var position = 0
            while position < end {
                let lineEnd = ByteScanning.lineEnd(buffer, from: position, end: end)
                lineStarts.append(position)
                if declaresReport(buffer, position..<lineEnd) {
                    return headerBlockStart(buffer, lineStarts: lineStarts)
                }
                position = lineEnd + 1
            }
            return nil
        }
    }

    private static func declaresReport(_ buffer: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        let prefix = "content-type:"
        guard line.count > prefix.utf8.count + 16 else { return false }
        for (offset, byte) in prefix.utf8.enumerated()
        where ByteScanning.lowercased(buffer[line.lowerBound + offset]) != byte { return false }
        var index = line.lowerBound + prefix.utf8.count
        while index < line.upperBound, buffer[index] == 0x20 || buffer[index] == 0x09 { index += 1 }
        return ByteScanning.equalsLowercase(buffer, index..<min(line.upperBound, index + 16), "multipart/report")
    }

    /// Walks back from the Content-Type line over header and continuation lines.
    private static func headerBlockStart(_ buffer: UnsafeBufferPointer<UInt8>, lineStarts: [Int]) -> Int? {
        var index = lineStarts.count - 1
        while index > 0 {
            let previous = lineStarts[index - 1]
            let previousEnd = lineStarts[index] - 1
            guard previousEnd > previous else { break }  // blank line
            let first = buffer[previous]
            let isContinuation = first == 0x20 || first == 0x09
            let isField = HeaderBlockParser.fieldNameEnd(buffer, from: previous, end: previousEnd) != nil
            let isEnvelope = ByteScanning.equalsLowercase(buffer, previous..<min(previousEnd, previous + 5), "from ")
            guard isContinuation || isField || isEnvelope else { break }
            index -= 1
            if isEnvelope { break }
        }
        return lineStarts[index]
    }
}
