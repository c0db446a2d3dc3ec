/// Tuning for the store; the defaults suit 100,000 contacts and millions of events.
public struct StoreOptions: Sendable {
    /// After this many journal records the store writes a new snapshot and starts a new journal, so opening replays
    /// at most this many records.
    public var compactionThreshold: Int

    public init(compactionThreshold: Int = 200_000) {
        self.compactionThreshold = max(1, compactionThreshold)
    }
}
