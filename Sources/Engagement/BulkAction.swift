import Foundation

/// The bulk actions of a filtered custom view, as the product document lists them.
public enum BulkAction: Sendable, Equatable {
    case changeRecordStatus(RecordStatus)
    case addTag(String)
    case removeTag(String)
    case addToSegment(String)
    /// Shows full profiles; limited to the first `emailProfileLimit` contacts of the view.
    case emailProfile
    case enrollInSequence(String)
    /// Syntax and DNS-less domain check; see `EmailValidation.limitations`.
    case validateEmailAddress

    /// "Email Profile (limited to first 50 records)".
    public static let emailProfileLimit = 50

    /// The events this action applies to each contact; empty for the read-only actions (profile, validate).
    public func events(for contacts: [Contact], at date: Date, source: String) -> [EngagementEvent] {
        let kind: EngagementEventKind
        switch self {
        case .changeRecordStatus(let status): kind = .recordStatusChanged(to: status)
        case .addTag(let tag): kind = .tagAdded(tag: tag)
        case .removeTag(let tag): kind = .tagRemoved(tag: tag)
        case .addToSegment(let segment): kind = .segmentAdded(segment: segment)
        case .enrollInSequence(let sequence): kind = .enrolled(sequence: sequence)
        case .emailProfile, .validateEmailAddress: return []
        }
        return contacts.map { EngagementEvent(contact: $0.email, kind: kind, at: date, source: source) }
    }

    /// The contacts "Email Profile" shows: the first 50 of the view, in the view's order.
    public static func emailProfiles(of contacts: [Contact]) -> (shown: [Contact], omitted: Int) {
        let shown = Array(contacts.prefix(emailProfileLimit))
        return (shown, contacts.count - shown.count)
    }

    public static func validate(_ contacts: [Contact]) -> [EmailValidation] {
        contacts.map { EmailValidation(address: $0.email) }
    }
}
