import Engagement

/// One line of a journal file. Exactly one group of fields is present:
/// the header (`kind`, `schema`, `generation`), an applied event (`event`, `from`, `to`), an unmatched message
/// (`unmatched`), or the commit marker that closes a batch (`commit`).
/// The store writes and reads lines with `JSONWriter`/`JSONReader`; the synthesised Codable form is the format's
/// reference, which the tests hold those to (it is what Foundation's encoder wrote before them).
struct JournalRecord: Codable {
    var kind: String?
    var schema: Int?
    var generation: Int?
    var event: EngagementEvent?
    var from: EngagementStatus?
    var to: EngagementStatus?
    var unmatched: UnmatchedMessage?
    var commit: JournalCommit?

    static func header(generation: Int) -> JournalRecord {
        JournalRecord(kind: StoreSchema.journalKind, schema: StoreSchema.version, generation: generation)
    }

    static func applied(_ entry: HistoryEntry) -> JournalRecord {
        JournalRecord(event: entry.event, from: entry.from, to: entry.to)
    }
}

/// Closes a batch: the batch counts only if this line is complete and `records` matches the lines before it.
struct JournalCommit: Codable {
    var records: Int
}
