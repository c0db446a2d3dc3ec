import Foundation

/// Values a message derives from its headers (address lists, the date; an embedded message's subject, In-Reply-To
/// and References), parsed the first time each is read and kept. Most parsed messages never read them (embedded originals, reports), while the classifier and the worker
/// read some many times. Copies of a message share one cache and may be read from several threads, so it is
/// guarded by a lock (see `HeapMutex`); a message whose headers are replaced gets a new, empty one.
final class MessageHeaderCache: @unchecked Sendable {
    enum AddressList: Int {
        case from, to, cc, replyTo
    }

    private let mutex = HeapMutex()
    private var from: [MailAddress]?
    private var to: [MailAddress]?
    private var cc: [MailAddress]?
    private var replyTo: [MailAddress]?
    private var date: Date??
    private var subject: String??
    private var inReplyTo: [String]?
    private var references: [String]?

    deinit { mutex.destroy() }

    private func withLock<T>(_ body: () -> T) -> T { mutex.withLock(body) }

    func addresses(_ list: AddressList, parse: () -> [MailAddress]) -> [MailAddress] {
        if let cached = withLock({ stored(list) }) { return cached }
        // Parsed outside the lock: two threads may both parse, and both get the same result.
        let parsed = parse()
        withLock {
            switch list {
            case .from: from = parsed
            case .to: to = parsed
            case .cc: cc = parsed
            case .replyTo: replyTo = parsed
            }
        }
        return parsed
    }

    func date(parse: () -> Date?) -> Date? {
        if let cached = withLock({ date }) { return cached }
        let parsed = parse()
        withLock { date = .some(parsed) }
        return parsed
    }

    func subject(parse: () -> String?) -> String? {
        if let cached = withLock({ subject }) { return cached }
        let parsed = parse()
        withLock { subject = .some(parsed) }
        return parsed
    }

    enum MessageIDField {
        case inReplyTo, references
    }

    func messageIDs(_ field: MessageIDField, parse: () -> [String]) -> [String] {
        let cached = withLock { field == .inReplyTo ? inReplyTo : references }
        if let cached { return cached }
        let parsed = parse()
        withLock {
            switch field {
            case .inReplyTo: inReplyTo = parsed
            case .references: references = parsed
            }
        }
        return parsed
    }

    private func stored(_ list: AddressList) -> [MailAddress]? {
        switch list {
        case .from: return from
        case .to: return to
        case .cc: return cc
        case .replyTo: return replyTo
        }
    }
}

extension MessageHeaderCache: Equatable {
    /// The cache holds only what the headers determine, so it never makes two messages differ.
    static func == (lhs: MessageHeaderCache, rhs: MessageHeaderCache) -> Bool { true }
}
