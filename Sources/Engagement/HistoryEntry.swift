/// One line of a contact's history: the event and the status it moved the contact from and to.
public struct HistoryEntry: Sendable, Codable, Equatable {
    public var event: EngagementEvent
    public var from: EngagementStatus
    public var to: EngagementStatus

    public init(event: EngagementEvent, from: EngagementStatus, to: EngagementStatus) {
        self.event = event
        self.from = from
        self.to = to
    }
}
