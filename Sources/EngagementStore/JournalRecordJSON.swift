import Foundation
import Engagement

// The JSON form of a journal line, as `JournalRecord`'s synthesised Codable conformance wrote it: the fields present,
// keys sorted. A commit marker is therefore always `{"commit":{"records":K}}`.

enum JournalRecordField: String, JSONField {
    case commit, event, from, generation, kind, schema, to, unmatched
    static let lookup = JSONFieldLookup<Self>()
}

enum JournalCommitField: String, JSONField {
    case records
    static let lookup = JSONFieldLookup<Self>()
}

extension JSONWriter {
    /// One journal line, newline included.
    mutating func writeLine(_ record: JournalRecord) {
        beginObject()
        if let commit = record.commit {
            key(JournalRecordField.commit)
            beginObject()
            key(JournalCommitField.records)
            int(commit.records)
            endObject()
        }
        if let event = record.event {
            key(JournalRecordField.event)
            write(event)
        }
        optionalString(record.from?.rawValue, JournalRecordField.from)
        optionalInt(record.generation, JournalRecordField.generation)
        optionalString(record.kind, JournalRecordField.kind)
        optionalInt(record.schema, JournalRecordField.schema)
        optionalString(record.to?.rawValue, JournalRecordField.to)
        if let message = record.unmatched {
            key(JournalRecordField.unmatched)
            write(message)
        }
        endObject()
        newline()
    }
}

extension JSONWriter {
    /// The line `writeLine(.applied(entry))` writes, without making the record: the entry as a contact's history
    /// holds it, `{"event":…,"from":…,"to":…}`.
    mutating func writeAppliedLine(_ entry: borrowing HistoryEntry) {
        write(entry)
        newline()
    }

    /// The line `writeLine(JournalRecord(unmatched: message))` writes, without making the record.
    mutating func writeUnmatchedLine(_ message: borrowing UnmatchedMessage) {
        beginObject()
        key(JournalRecordField.unmatched)
        write(message)
        endObject()
        newline()
    }

    private mutating func optionalInt(_ value: Int?, _ field: JournalRecordField) {
        guard let value else { return }
        key(field)
        int(value)
    }
}

extension JSONReader {
    /// One whole journal line: nothing but whitespace may follow the record.
    mutating func readJournalRecord() throws -> JournalRecord {
        var object = try beginObject()
        var record = JournalRecord()
        while let field = try nextField(in: &object, as: JournalRecordField.self) {
            switch field {
            case .commit: record.commit = try readNull() ? nil : readJournalCommit()
            case .event: record.event = try readNull() ? nil : readEvent()
            case .from: record.from = try readNull() ? nil : readRawValue(EngagementStatus.self, what: "an Engagement Status")
            case .generation: record.generation = try readNull() ? nil : readInt()
            case .kind: record.kind = try readOptionalString()
            case .schema: record.schema = try readNull() ? nil : readInt()
            case .to: record.to = try readNull() ? nil : readRawValue(EngagementStatus.self, what: "an Engagement Status")
            case .unmatched: record.unmatched = try readNull() ? nil : readUnmatchedMessage()
            }
        }
        try finish()
        return record
    }

    private mutating func readJournalCommit() throws -> JournalCommit {
        var object = try beginObject()
        var records: Int?
        while let field = try nextField(in: &object, as: JournalCommitField.self) {
            switch field {
            case .records: records = try readInt()
            }
        }
        return JournalCommit(records: try required(records, JournalCommitField.records, in: object, of: "a commit marker"))
    }
}
