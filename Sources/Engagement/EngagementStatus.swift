/// Where a contact is in their outreach journey. A system field: only Sequences, replies,
/// hard bounces and unsubscribes move it; no user can set it by hand.
public enum EngagementStatus: String, Sendable, Codable, CaseIterable {
    case open = "Open"
    case enrolled = "Enrolled"
    case working = "Working"
    case responded = "Responded"
    case unresponsive = "Unresponsive"
    case badEmail = "Bad Email"
    case doNotContact = "Do Not Contact"

    /// Accepts the product name in any case, or with `-`/`_` for spaces ("do-not-contact", "bad_email").
    public init?(userInput: String) {
        let wanted = userInput.lowercased().replacingOccurrences(of: "-", with: " ")
            .replacingOccurrences(of: "_", with: " ")
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == wanted }) else { return nil }
        self = match
    }

    /// True while a Sequence owns the contact (enrolled but not yet processed, or working through its steps).
    public var isInSequence: Bool { self == .enrolled || self == .working }
}
