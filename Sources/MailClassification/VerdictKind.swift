/// What an inbound message means for the contact it is about.
public enum VerdictKind: String, Sendable, Codable, CaseIterable {
    case reply
    case autoReply = "auto_reply"
    case hardBounce = "hard_bounce"
    case softBounce = "soft_bounce"
    case optOut = "opt_out"
    case other
}
