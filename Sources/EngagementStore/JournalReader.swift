import Foundation
import Engagement

/// Reads a journal file from an offset and keeps only whole committed batches.
///
/// A crash mid-append leaves a tail after the last commit marker: lines of an unfinished batch and perhaps one line cut
/// short. That tail is not committed, so it is ignored (and truncated by the next writer). A line that does not parse
/// *before* a commit marker cannot come from a crash and means the file is corrupt.
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

    /// `offset` 0 means "read the header too"; any other offset must be a committed end returned earlier.
    func read(from offset: UInt64, expectedGeneration: Int) throws -> Committed? {
        guard let bytes = try DurableFiles.read(path, from: offset) else { return nil }
        var result = Committed(committedEnd: offset)
        var pending: [JournalRecord] = []
        var badLine: (number: Int, reason: String)?
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
            let line = bytes[lineStart..<newline]
            let lineEnd = newline + 1
            defer { lineStart = lineEnd }
            let record: JournalRecord
            do {
                record = try decoder.decode(JournalRecord.self, from: Data(line))
            } catch {
                if expectHeader {
                    throw StoreError.corrupt(file: path, line: 1, reason: "the first line is not a journal header")
                }
                if badLine == nil { badLine = (lineNumber, "not a JSON journal record") }
                continue
            }
            if expectHeader {
                try checkHeader(record, expectedGeneration: expectedGeneration)
                expectHeader = false
                result.committedEnd = offset + UInt64(lineEnd)
                continue
            }
            if let commit = record.commit {
                if let badLine {
                    throw StoreError.corrupt(file: path, line: exactLine(offset, badLine.number), reason: badLine.reason)
                }
                guard commit.records == pending.count else {
                    throw StoreError.corrupt(file: path, line: exactLine(offset, lineNumber),
                                             reason: "commit marker counts \(commit.records) records, found \(pending.count)")
                }
                result.records.append(contentsOf: pending)
                pending.removeAll(keepingCapacity: true)
                result.committedEnd = offset + UInt64(lineEnd)
            } else if record.event != nil || record.unmatched != nil {
                pending.append(record)
            } else if badLine == nil {
                badLine = (lineNumber, "a record with neither event, unmatched message nor commit")
            }
        }
        return result
    }

    /// Line numbers are only exact when reading from the start; from an offset they count from that offset.
    private func exactLine(_ offset: UInt64, _ number: Int) -> Int? { offset == 0 ? number : nil }

    private func checkHeader(_ header: JournalRecord, expectedGeneration: Int) throws {
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
