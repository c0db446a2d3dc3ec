/// What the worker does to a message on the server once its events are durable in the store.
public enum PostAction: Sendable, Equatable, CustomStringConvertible {
    /// Touch nothing (the mailbox is opened read-only with EXAMINE).
    case leave
    /// Add this IMAP keyword (e.g. `Leadfwd-Processed`); `\Seen` is never set by the worker itself.
    case flag(String)
    /// Move the message to this folder (MOVE, or COPY + EXPUNGE where MOVE is missing).
    case move(String)

    public var description: String {
        switch self {
        case .leave: return "leave"
        case .flag(let keyword): return "flag \(keyword)"
        case .move(let folder): return "move to \(folder)"
        }
    }
}
