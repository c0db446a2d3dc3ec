/// A parsed `imap://` or `imaps://` mailbox URL (RFC 5092, without user info or UID parts).
public struct IMAPMailboxURL: Sendable, Equatable {
    public var host: String
    public var port: Int?
    public var security: IMAPSecurity
    /// Decoded mailbox name; `INBOX` when the URL has no path.
    public var mailbox: String

    public init(host: String, port: Int? = nil, security: IMAPSecurity, mailbox: String = "INBOX") {
        self.host = host
        self.port = port
        self.security = security
        self.mailbox = mailbox
    }

    public init(_ text: String) throws(IMAPError) {
        func invalid(_ why: String) -> IMAPError {
            IMAPError(.invalidArgument, host: "", port: 0, detail: "mailbox URL \"\(text)\": \(why)")
        }
        let rest: Substring
        if text.lowercased().hasPrefix("imaps://") {
            security = .implicitTLS
            rest = text.dropFirst("imaps://".count)
        } else if text.lowercased().hasPrefix("imap://") {
            security = .startTLS
            rest = text.dropFirst("imap://".count)
        } else {
            throw invalid("expected imap://host/MAILBOX or imaps://host/MAILBOX")
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<slash]
        if authority.contains("@") {
            throw invalid("put the user name in the `user` setting, not in the URL")
        }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            authority = authority[authority.index(after: close)...]
            port = nil
            if authority.hasPrefix(":") {
                guard let value = Int(authority.dropFirst()), (1...65535).contains(value) else { throw invalid("bad port") }
                port = value
            } else if !authority.isEmpty {
                throw invalid("unexpected text after the IPv6 address")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            guard let value = Int(authority[authority.index(after: colon)...]), (1...65535).contains(value) else {
                throw invalid("bad port")
            }
            port = value
        } else {
            host = String(authority)
            port = nil
        }
        guard !host.isEmpty else { throw invalid("no host") }
        let path = slash < rest.endIndex ? rest[rest.index(after: slash)...] : ""
        let decoded = try Self.percentDecode(path, onError: invalid)
        mailbox = decoded.isEmpty ? "INBOX" : decoded
    }

    private static func percentDecode(_ text: Substring,
                                      onError: (String) -> IMAPError) throws(IMAPError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw onError("bad percent escape in the mailbox")
            }
            bytes.append(high << 4 | low)
        }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw onError("mailbox is not UTF-8 after percent-decoding")
        }
        return string
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
