import Engagement

/// What applying one event did.
public enum EventOutcome: Sendable, Equatable {
    /// Applied and committed; the entry says from which status to which.
    case applied(HistoryEntry)
    /// Its idempotency key was applied before; nothing changed.
    case duplicate(idempotencyKey: String)
    case refused(RefusedTransition)
}
