/// Why a path given as a mail source yielded no message. Each case names the path (for mbox messages `path#N`).
public enum MessageSourceError: Error, CustomStringConvertible, Equatable, Sendable {
    case notFound(path: String)
    /// The path exists but cannot be read: permission denied, a device or socket, an I/O error.
    case unreadable(path: String, reason: String)
    /// The file (or mbox entry) holds no bytes, or only blank lines.
    case empty(path: String)
    /// The bytes do not start with header lines: binary junk, a picture, a spreadsheet…
    case notMail(path: String)
    /// A directory with no message files in it (no `.eml`, no Maildir `cur/` or `new/` entries, no mbox).
    case noMessages(path: String)

    public var path: String {
        switch self {
        case .notFound(let path), .unreadable(let path, _), .empty(let path), .notMail(let path),
             .noMessages(let path):
            return path
        }
    }

    public var description: String {
        switch self {
        case .notFound(let path):
            return "\(path): no such file or directory"
        case .unreadable(let path, let reason):
            return "\(path): cannot be read: \(reason)"
        case .empty(let path):
            return "\(path): is empty, there is no message in it"
        case .notMail(let path):
            return "\(path): is not an email message (it does not start with header lines such as \"From: …\")"
        case .noMessages(let path):
            return "\(path): the directory holds no messages (looked for .eml files, MH-style numbered files, "
                + "mbox files and Maildir cur/ and new/ folders)"
        }
    }
}
