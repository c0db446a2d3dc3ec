import Foundation
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
    let decoder: JSONDecoder

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
                try checkHeader(bytes[range], expectedGeneration: expectedGeneration)
                expectHeader = false
                result.committedEnd = offset + UInt64(lineStart)
                continue
            }
            if bytes[range].starts(with: Self.commitPrefix),
               let commit = try? decoder.decode(JournalRecord.self, from: Data(bytes[range])).commit {
                guard commit.records == pending.count else {
                    // A count that does not match is a damaged batch, unless a line of it is unreadable: report that.
                    try decodeEach(pending, in: bytes, offset: offset)
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

    /// One decoder call for all committed lines (joined into a JSON array): per-call overhead dominates otherwise.
    private func decodeAll(_ lines: [(range: Range<Int>, line: Int)], in bytes: [UInt8],
                           offset: UInt64) throws -> [JournalRecord] {
        guard !lines.isEmpty else { return [] }
        var array = [UInt8]()
        array.reserveCapacity(lines.reduce(2) { $0 + $1.range.count + 1 })
        array.append(UInt8(ascii: "["))
        for (index, line) in lines.enumerated() {
            if index > 0 { array.append(UInt8(ascii: ",")) }
            array.append(contentsOf: bytes[line.range])
        }
        array.append(UInt8(ascii: "]"))
        let records: [JournalRecord]
        do {
            records = try decoder.decode([JournalRecord].self, from: Data(array))
        } catch {
            try decodeEach(lines, in: bytes, offset: offset)
            throw StoreError.corrupt(file: path, line: nil, reason: "the committed records do not decode (\(error))")
        }
        for (record, line) in zip(records, lines) where record.event == nil && record.unmatched == nil {
            throw StoreError.corrupt(file: path, line: exactLine(offset, line.line),
                                     reason: "a record with neither event, unmatched message nor commit")
        }
        return records
    }

    /// Finds the first line that does not decode, to name it in the error.
    private func decodeEach(_ lines: [(range: Range<Int>, line: Int)], in bytes: [UInt8], offset: UInt64) throws {
        for line in lines {
            do { _ = try decoder.decode(JournalRecord.self, from: Data(bytes[line.range])) } catch {
                throw StoreError.corrupt(file: path, line: exactLine(offset, line.line), reason: "not a JSON journal record")
            }
        }
    }

    /// Line numbers are only exact when reading from the start; from an offset they count from that offset.
    private func exactLine(_ offset: UInt64, _ number: Int) -> Int? { offset == 0 ? number : nil }

    private func checkHeader(_ line: ArraySlice<UInt8>, expectedGeneration: Int) throws {
        guard let header = try? decoder.decode(JournalRecord.self, from: Data(line)),
              header.kind == StoreSchema.journalKind, let schema = header.schema else {
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
