/// Splits a header-like body (delivery status, feedback report) into blocks of fields
/// separated by blank lines, skipping lines that are not fields.
enum StatusBlockReader {
    static let maxBlocks = 10_000

    static func blocks(_ body: [UInt8]) -> [[HeaderField]] {
        let normalized = LineEndings.normalized(body)
        return normalized.withUnsafeBufferPointer { buffer -> [[HeaderField]] in
            var blocks: [[HeaderField]] = []
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
                let result = reader.parse(buffer, start: position, end: end)
                let fields = result.malformedLines == 0 ? result.fields : result.fields.filter { !$0.isMalformed }
                if result.fields.isEmpty || result.bodyStart <= position {
                    position = min(end, lineEnd + 1)  // not a field: skip the line
                    continue
                }
                if !fields.isEmpty { blocks.append(fields) }
                position = result.bodyStart
            }
            return blocks
        }
    }
}
