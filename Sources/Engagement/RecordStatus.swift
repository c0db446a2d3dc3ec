/// The contact record's own status, separate from its Engagement Status. Unlike Engagement Status,
/// people may change it (bulk action "Change Status"); hard bounces and unsubscribes also set it.
public enum RecordStatus: String, Sendable, Codable, CaseIterable {
    case active = "Active"
    case bounced = "Bounced"
    case unsubscribed = "Unsubscribed"
    case inactive = "Inactive"

    /// Accepts the product name in any case, or its kebab/underscore spelling ("bounced", "Unsubscribed").
    public init?(userInput: String) {
        let wanted = userInput.lowercased().replacingOccurrences(of: "-", with: " ")
            .replacingOccurrences(of: "_", with: " ")
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == wanted }) else { return nil }
        self = match
    }
}
