import Engagement

/// Everything one durable commit writes: events for known contacts and messages that matched none.
public struct StoreBatch: Sendable {
    public var events: [EngagementEvent]
    public var unmatched: [UnmatchedMessage]

    public init(events: [EngagementEvent] = [], unmatched: [UnmatchedMessage] = []) {
        self.events = events
        self.unmatched = unmatched
    }
}
