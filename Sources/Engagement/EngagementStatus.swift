/// Where a contact is in their outreach journey. A system field: only Sequences, replies,
/// hard bounces and unsubscribes move it; no user can set it by hand.
public enum EngagementStatus: String, Sendable, Codable, CaseIterable, ProductNamed {
    case open = "Open"
    case enrolled = "Enrolled"
    case working = "Working"
    case responded = "Responded"
    case unresponsive = "Unresponsive"
    case badEmail = "Bad Email"
    case doNotContact = "Do Not Contact"


    /// True while a Sequence owns the contact (enrolled but not yet processed, or working through its steps).
    public var isInSequence: Bool { self == .enrolled || self == .working }
}
