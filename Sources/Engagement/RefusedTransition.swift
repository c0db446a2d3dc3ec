/// Why an event may not be applied to a contact. Each case prints a sentence a person can act on.
public enum RefusedTransition: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    /// Engagement Status is a system field; nobody sets it by hand.
    case manualStatusChange(email: String, requested: EngagementStatus)
    case enrollBadEmail(email: String)
    case enrollDoNotContact(email: String)
    case alreadyInSequence(email: String, sequence: String, status: EngagementStatus)
    case notEnrolled(email: String, status: EngagementStatus)
    case notWorking(email: String, status: EngagementStatus)
    case notInSequence(email: String, status: EngagementStatus)
    case stepBackwards(email: String, current: Int, requested: Int)
    case invalidStep(email: String, step: Int)
    case unknownContact(email: String)
    case invalidAddress(email: String, reason: String)
    case emptyName(email: String, what: String)

    public var email: String {
        switch self {
        case .manualStatusChange(let email, _), .enrollBadEmail(let email), .enrollDoNotContact(let email),
             .alreadyInSequence(let email, _, _), .notEnrolled(let email, _), .notWorking(let email, _),
             .notInSequence(let email, _), .stepBackwards(let email, _, _), .invalidStep(let email, _),
             .unknownContact(let email), .invalidAddress(let email, _), .emptyName(let email, _):
            return email
        }
    }

    /// The sentence from the product document, shown whenever someone tries to set the status by hand.
    public static let systemFieldExplanation = "The Engagement Status data object is a system field that is "
        + "automatically maintained by Leadfwd, therefore its value cannot be modified or changed manually by any user. "
        + "It is maintained exclusively by Sequences."

    public var description: String {
        switch self {
        case .manualStatusChange(let email, let requested):
            return "\(email): refusing to set Engagement Status to \(requested.rawValue). "
                + Self.systemFieldExplanation
                + " Use `leadfwd sequence enroll|unenroll`, `leadfwd optout`, or `leadfwd unibox categorize` to act on "
                + "the contact, or `leadfwd bulk change-status --to Bounced|Unsubscribed|Inactive|Active` for the record status."
        case .enrollBadEmail(let email):
            return "\(email): cannot enroll a contact whose Engagement Status is Bad Email (a hard bounce proved the "
                + "address undeliverable). Import a corrected address instead."
        case .enrollDoNotContact(let email):
            return "\(email): cannot enroll a contact whose Engagement Status is Do Not Contact (they unsubscribed; "
                + "this is never lifted automatically)."
        case .alreadyInSequence(let email, let sequence, let status):
            return "\(email): already \(status.rawValue) in sequence \"\(sequence)\". Run "
                + "`leadfwd sequence unenroll --email \(email) --via reporting` first."
        case .notEnrolled(let email, let status):
            return "\(email): only an Enrolled contact can be processed into step 1; this one is \(status.rawValue). "
                + "Run `leadfwd sequence enroll --email \(email) --sequence NAME` first."
        case .notWorking(let email, let status):
            return "\(email): only a Working contact can advance or complete a sequence; this one is \(status.rawValue)."
                + (status == .enrolled ? " Run `leadfwd sequence process --email \(email)` first." : "")
        case .notInSequence(let email, let status):
            return "\(email): not in a sequence (status \(status.rawValue)), so there is nothing to unenroll."
        case .stepBackwards(let email, let current, let requested):
            return "\(email): is at step \(current); a sequence does not go back to step \(requested)."
        case .invalidStep(let email, let step):
            return "\(email): step \(step) is not a step number; steps start at 1."
        case .unknownContact(let email):
            return "\(email): no such contact. Import it first: `leadfwd contacts import FILE`."
        case .invalidAddress(let email, let reason):
            return "\(email): not a usable email address: \(reason)."
        case .emptyName(let email, let what):
            return "\(email): the \(what) name is empty."
        }
    }
}
