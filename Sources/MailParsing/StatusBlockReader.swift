/// Splits a header-like body (delivery status, feedback report) into blocks of fields
/// separated by blank lines, skipping lines that are not fields.
enum StatusBlockReader {
    static let maxBlocks = 10_000

    /// The blocks of a body, located but not made into strings.
    struct Blocks {
        /// The body with its line endings normalised (the body itself when it has no CR): what the ranges point into.
        var source: [UInt8]
        var blocks: [[HeaderBlockParser.FieldLayout]]
    }

    static func read(_ body: [UInt8]) -> Blocks {
        let normalized = LineEndings.normalized(body)
        let blocks = normalized.withUnsafeBufferPointer { buffer -> [[HeaderBlockParser.FieldLayout]] in
            var blocks: [[HeaderBlockParser.FieldLayout]] = []
            // A report has a per-message block and a block or two of recipients: one list for them, not three grown.
            blocks.reserveCapacity(4)
            var position = 0
            let end = buffer.count
            let reader = HeaderBlockParser(maxFields: 2_000)
            while position < end, blocks.count < maxBlocks {
                // Skip blank lines and lines that are only whitespace.
                let lineEnd = ByteScanning.lineEnd(buffer, from: position, end: end)
                if ByteScanning.trimmed(buffer, position..<lineEnd).isEmpty {
                    position = min(end, lineEnd + 1)
                    continue
                }
                let result = reader.locate(buffer, start: position, end: end, expectedFields: 8)
                if result.fields.isEmpty || result.bodyStart <= position {
                    position = min(end, lineEnd + 1)  // not a field: skip the line
                    continue
                }
                let fields = result.malformedLines == 0 ? result.fields : result.fields.filter { !$0.isMalformed }
                if !fields.isEmpty { blocks.append(fields) }
                position = result.bodyStart
            }
            return blocks
        }
        return Blocks(source: normalized, blocks: blocks)
    }
}
