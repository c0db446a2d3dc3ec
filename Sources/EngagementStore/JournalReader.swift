import Engagement

/// Reads a journal file from an offset and keeps only whole committed batches.
///
/// A crash mid-append leaves a tail after the last commit marker: lines of an unfinished batch and perhaps one line cut
/// short. That tail is not committed, so it is never decoded (and the next writer truncates it). A line that does not
/// parse *before* a commit marker cannot come from a crash and means the file is corrupt.
struct JournalReader {
    struct Committed {
        var records: [JournalRecord] = []
        /// Byte offset just past the last commit marker (or past the header when there is no batch yet).
        var committedEnd: UInt64
        /// True when the file has no complete header line yet (created, then crashed).
        var missingHeader: Bool = false
    }

    let path: String

    /// Keys are written sorted, so a commit marker, whose only key is `commit`, starts with these bytes.
    private static let commitPrefix = Array("{\"commit\":".utf8)

    /// `offset` 0 means "read the header too"; any other offset must be a committed end returned earlier.
    /// With `decodeRecords` false only the batch structure is checked (for finding the committed end).
    func read(from offset: UInt64, expectedGeneration: Int, decodeRecords: Bool = true) throws -> Committed? {
        guard let bytes = try DurableFiles.read(path, from: offset) else { return nil }
        var result = Committed(committedEnd: offset)
        var pending: [(range: Range<Int>, line: Int)] = []
        var committed: [(range: Range<Int>, line: Int)] = []
        var lineNumber = 0
        var lineStart = 0
        var expectHeader = offset == 0
        if expectHeader && bytes.isEmpty { result.missingHeader = true }
        while lineStart < bytes.count {
            guard let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) else {
                if expectHeader { result.missingHeader = true }
                break  // a last line without its newline is an unfinished write
            }
            lineNumber += 1
            let range = lineStart..<newline
            lineStart = newline + 1
            if expectHeader {
                try checkHeader(bytes, range, expectedGeneration: expectedGeneration)
                expectHeader = false
                result.committedEnd = offset + UInt64(lineStart)
                continue
            }
            if bytes[range].starts(with: Self.commitPrefix), let commit = try? decode(bytes, range).commit {
                guard commit.records == pending.count else {
                    // A count that does not match is a damaged batch, unless a line of it is unreadable: report that.
                    _ = try decodeAll(pending, in: bytes, offset: offset)
                    throw StoreError.corrupt(file: path, line: exactLine(offset, lineNumber),
                                             reason: "commit marker counts \(commit.records) records, found \(pending.count)")
                }
                committed.append(contentsOf: pending)
                pending.removeAll(keepingCapacity: true)
                result.committedEnd = offset + UInt64(lineStart)
            } else {
                pending.append((range, lineNumber))
            }
        }
        if decodeRecords { result.records = try decodeAll(committed, in: bytes, offset: offset) }
        return result
    }

    private func decodeAll(_ lines: [(range: Range<Int>, line: Int)], in bytes: [UInt8],
                           offset: UInt64) throws -> [JournalRecord] {
        var records: [JournalRecord] = []
        records.reserveCapacity(lines.count)
        for line in lines {
            let record: JournalRecord
            do {
                record = try decode(bytes, line.range)
            } catch {
                throw StoreError.corrupt(file: path, line: exactLine(offset, line.line),
                                         reason: "not a JSON journal record (\(error))")
            }
            guard record.event != nil || record.unmatched != nil else {
                throw StoreError.corrupt(file: path, line: exactLine(offset, line.line),
                                         reason: "a record with neither event, unmatched message nor commit")
            }
            records.append(record)
        }
        return records
    }

    private func decode(_ bytes: [UInt8], _ line: Range<Int>) throws -> JournalRecord {
        var reader = JSONReader(bytes, range: line)
        return try reader.readJournalRecord()
    }

    /// Line numbers are only exact when reading from the start; from an offset they count from that offset.
    private func exactLine(_ offset: UInt64, _ number: Int) -> Int? { offset == 0 ? number : nil }

    private func checkHeader(_ bytes: [UInt8], _ line: Range<Int>, expectedGeneration: Int) throws {
        let header: JournalRecord
        do {
            header = try decode(bytes, line)
        } catch {
            throw StoreError.corrupt(file: path, line: 1, reason: "the first line is not a journal header (\(error))")
        }
        guard header.kind == StoreSchema.journalKind, let schema = header.schema else {
            throw StoreError.corrupt(file: path, line: 1, reason: "the first line is not a journal header")
        }
        guard schema <= StoreSchema.version else {
            throw StoreError.futureSchema(file: path, found: schema, supported: StoreSchema.version)
        }
        guard header.generation == expectedGeneration else {
            throw StoreError.corrupt(file: path, line: 1, reason:
                "header says generation \(header.generation.map(String.init) ?? "none"), file name says \(expectedGeneration)")
        }
    }
}
