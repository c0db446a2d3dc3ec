/// What happened to a contact. The JSON form is Swift's synthesised one: `{"advanced":{"step":2,…}}`,
/// `{"processed":{}}` — documented in the store schema.
public enum EngagementEventKind: Sendable, Codable, Equatable {
    /// Imported (new contact) or re-imported (fields updated, status untouched).
    case imported(profile: ContactProfile)
    case enrolled(sequence: String)
    /// Processed by the sequence and queued for step 1.
    case processed
    /// Moved to (or refreshed at) step N; `outboundMessageID` is the Message-ID of the email that step sent.
    case advanced(step: Int, outboundMessageID: String?)
    /// Completed every step without replying.
    case completed
    /// An email or SMS reply from the contact; `messageID` is the reply's own Message-ID.
    case replyDetected(messageID: String?)
    case unenrolled(via: UnenrollChannel)
    case hardBounce(status: String?, diagnostic: String?)
    case softBounce(status: String?, diagnostic: String?)
    case autoReply(returnDate: String?, leftCompany: Bool)
    case optOut(via: OptOutChannel)
    /// Someone tried to set Engagement Status by hand. Always refused; kept as an event so the refusal is typed.
    case statusChangeRequested(to: EngagementStatus)
    case recordStatusChanged(to: RecordStatus)
    case tagAdded(tag: String)
    case tagRemoved(tag: String)
    case segmentAdded(segment: String)

    /// A short name for tables and `--kind` filters.
    public var name: String {
        switch self {
        case .imported: return "imported"
        case .enrolled: return "enrolled"
        case .processed: return "processed"
        case .advanced: return "advanced"
        case .completed: return "completed"
        case .replyDetected: return "reply"
        case .unenrolled: return "unenrolled"
        case .hardBounce: return "hard-bounce"
        case .softBounce: return "soft-bounce"
        case .autoReply: return "auto-reply"
        case .optOut: return "opt-out"
        case .statusChangeRequested: return "status-change-requested"
        case .recordStatusChanged: return "record-status-changed"
        case .tagAdded: return "tag-added"
        case .tagRemoved: return "tag-removed"
        case .segmentAdded: return "segment-added"
        }
    }

    /// The event's details in one line, for history tables.
    public var details: String {
        switch self {
        case .imported(let profile):
            return [profile.firstName, profile.lastName, profile.company].compactMap { $0 }.joined(separator: " ")
        case .enrolled(let sequence): return "sequence \(sequence)"
        case .processed: return "queued for step 1"
        case .advanced(let step, let id): return "step \(step)" + (id.map { " <\($0)>" } ?? "")
        case .completed: return "every step sent"
        case .replyDetected(let id): return id.map { "<\($0)>" } ?? ""
        case .unenrolled(let via): return "via \(via.rawValue)"
        case .hardBounce(let status, let diagnostic), .softBounce(let status, let diagnostic):
            return [status, diagnostic].compactMap { $0 }.joined(separator: " ")
        case .autoReply(let returnDate, let leftCompany):
            return [leftCompany ? "left company" : nil, returnDate.map { "back \($0)" }].compactMap { $0 }
                .joined(separator: ", ")
        case .optOut(let via): return "via \(via.rawValue)"
        case .statusChangeRequested(let to): return "to \(to.rawValue)"
        case .recordStatusChanged(let to): return "to \(to.rawValue)"
        case .tagAdded(let tag), .tagRemoved(let tag): return tag
        case .segmentAdded(let segment): return segment
        }
    }
}
