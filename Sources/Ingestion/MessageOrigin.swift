import Engagement
import MailParsing

/// Where one inbound message was read, which names it in event sources and gives it a stable identity when the
/// message has no Message-ID.
public enum MessageOrigin: Sendable, Equatable {
    case imap(mailbox: String, uidValidity: UInt32, uid: UInt32)
    /// `source` is the path (mbox: `path#N`); `identity` is stable across renames (a Maildir unique name, `#N`).
    case file(mailbox: String, source: String, identity: String)

    public var mailbox: String {
        switch self {
        case .imap(let mailbox, _, _), .file(let mailbox, _, _): return mailbox
        }
    }

    /// Shown in the contact's history: `mailbox sales uid 42`, or the file path.
    public var source: String {
        switch self {
        case .imap(let mailbox, _, let uid): return Self.imapSource(mailbox: mailbox, uid: uid)
        case .file(_, let source, _): return source
        }
    }

    /// `mailbox NAME uid N`, written into one new string: every event and unmatched record of a fetched message
    /// carries it, and the pieces (a list of them, the UID's digits as a string) cost more than the result.
    private static func imapSource(mailbox: String, uid: UInt32) -> String {
        var digits = 1
        var rest = uid
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        let prefix = "mailbox ", infix = " uid "
        let length = prefix.utf8.count + mailbox.utf8.count + infix.utf8.count + digits
        return String(unsafeUninitializedCapacity: length) { buffer in
            guard let out = buffer.baseAddress else { return 0 }
            var end = copy(prefix, to: out)
            end += copy(mailbox, to: out + end)
            end += copy(infix, to: out + end)
            var value = uid
            for position in stride(from: end + digits - 1, through: end, by: -1) {
                out[position] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
            return end + digits
        }
    }

    /// Copies `text`'s UTF-8 to `out` (which has room for it); returns how many bytes.
    private static func copy(_ text: String, to out: UnsafeMutablePointer<UInt8>) -> Int {
        text.withBorrowedUTF8 { bytes in
            guard let source = bytes.baseAddress else { return 0 }
            out.update(from: source, count: bytes.count)
            return bytes.count
        }
    }

    /// Identifies the message when it has no Message-ID: the same message read again gives the same key.
    public var fallbackKey: String {
        switch self {
        case .imap(let mailbox, let uidValidity, let uid): return "mailbox \(mailbox) uidvalidity \(uidValidity) uid \(uid)"
        case .file(let mailbox, _, let identity): return "mailbox \(mailbox) file \(identity)"
        }
    }
}
