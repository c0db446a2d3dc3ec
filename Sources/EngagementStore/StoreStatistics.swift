/// Sizes of the store, for `bench store` and for people wondering how big their data directory is.
public struct StoreStatistics: Sendable, Equatable {
    public var contacts: Int
    public var eventsApplied: Int
    public var generation: Int
    /// Records in the active journal: what the next open replays on top of the snapshot.
    public var journalRecords: Int
    public var unmatched: Int
    public var snapshotBytes: UInt64
    public var journalBytes: UInt64
}
