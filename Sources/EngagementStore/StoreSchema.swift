/// The on-disk schema of the flat-JSON store. A file with a higher version is refused, never overwritten.
public enum StoreSchema {
    public static let version = 1
    static let snapshotKind = "leadfwd.snapshot"
    static let journalKind = "leadfwd.journal"

    static let snapshotFileName = "snapshot.json"
    static let lockFileName = "leadfwd.lock"
    static let historyDirectoryName = "history"

    /// `journal.000042.jsonl`: the journal of events committed after snapshot generation 42.
    static func journalFileName(generation: Int) -> String {
        let digits = String(generation)
        return "journal." + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".jsonl"
    }

    static func generation(ofJournalFileName name: String) -> Int? {
        guard name.hasPrefix("journal."), name.hasSuffix(".jsonl") else { return nil }
        return Int(name.dropFirst("journal.".count).dropLast(".jsonl".count))
    }
}
