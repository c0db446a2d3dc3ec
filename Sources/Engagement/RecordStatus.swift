/// The contact record's own status, separate from its Engagement Status. Unlike Engagement Status,
/// people may change it (bulk action "Change Status"); hard bounces and unsubscribes also set it.
public enum RecordStatus: String, Sendable, Codable, CaseIterable, ProductNamed {
    case active = "Active"
    case bounced = "Bounced"
    case unsubscribed = "Unsubscribed"
    case inactive = "Inactive"

}
