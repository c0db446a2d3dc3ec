import Engagement
import Foundation

/// The checkpoint of a local mailbox: the identity of every message already applied (a Maildir unique name, a path
/// under an .eml folder, an mbox message's fingerprint), one per line in `DATA_DIR/worker/NAME.processed`.
///
/// Append-only, so a batch costs what it adds, not what the mailbox holds: each batch's identities are appended with
/// one write and one fsync after its events are durable. A crash mid-append leaves a torn last line, which `load`
/// drops (those messages are read again, harmlessly).
public struct ProcessedMessageLog: Sendable {
    public let path: String
    /// The folder `path` is in, kept from `init`: each batch's append creates it if needed.
    private let directory: String

    public init(directory: MailboxStateDirectory, mailbox: String) {
        path = (directory.path as NSString).appendingPathComponent("\(mailbox).processed")
        self.directory = (path as NSString).deletingLastPathComponent
    }

    /// Every identity recorded so far; cuts a torn last line off the file so later appends start on a fresh line.
    public func load() throws(MailboxStateDirectory.Failure) -> Set<String> {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw MailboxStateDirectory.Failure(path: path, problem: "cannot be read")
            }
            return []
        }
        var bytes = [UInt8](data)
        if let lastNewline = bytes.lastIndex(of: UInt8(ascii: "\n")), lastNewline + 1 < bytes.count {
            bytes.removeSubrange((lastNewline + 1)...)
            guard truncate(path, off_t(bytes.count)) == 0 else {
                throw MailboxStateDirectory.Failure(path: path, problem: "cannot drop a torn last line: "
                    + String(cString: strerror(errno)))
            }
        } else if !bytes.contains(UInt8(ascii: "\n")), !bytes.isEmpty {
            bytes.removeAll()
            _ = truncate(path, 0)
        }
        var identities = Set<String>()
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            identities.insert(Self.decode(String(decoding: line, as: UTF8.self)))
        }
        return identities
    }

    /// Appends and fsyncs. Call only after the messages' events are durable in the store.
    public func append(_ identities: some Collection<String>) throws(MailboxStateDirectory.Failure) {
        guard !identities.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw MailboxStateDirectory.Failure(path: directory, problem: "cannot be created (\(error))")
        }
        let created = !FileManager.default.fileExists(atPath: path)
        var lines: [UInt8] = []
        lines.reserveCapacity(identities.reduce(0) { $0 + $1.utf8.count + 1 })
        for identity in identities {
            lines += Self.encode(identity).utf8
            lines.append(UInt8(ascii: "\n"))
        }
        do {
            try DurableFile.append(path, Data(lines))
            if created { try DurableFile.syncDirectory(directory) }
        } catch {
            throw MailboxStateDirectory.Failure(path: path, problem: error.description)
        }
    }

    /// Identities are file names and fingerprints; newlines (possible in a file name) are escaped to keep one per line.
    static func encode(_ identity: String) -> String {
        // Almost every identity has nothing to escape; Foundation's replacing is costly enough to show per batch.
        // A scan of its bytes, not of a `UTF8View`.
        if !identity.withBorrowedUTF8({ $0.contains { $0 == UInt8(ascii: "%") || $0 == 0x0A || $0 == 0x0D } }) {
            return identity
        }
        return identity.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A")
            .replacingOccurrences(of: "\r", with: "%0D")
    }

    static func decode(_ line: String) -> String {
        if !line.utf8.contains(UInt8(ascii: "%")) { return line }
        return line.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%25", with: "%")
    }
}
