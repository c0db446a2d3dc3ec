import Foundation

/// Values a message derives from its headers (address lists, the date; an embedded message's subject, In-Reply-To
/// and References), parsed the first time each is read and kept. Most parsed messages never read them (embedded
/// originals, reports), while the classifier and the worker read some many times. Copies of a message share one
/// cache and may be read from several threads, so it is guarded by a lock (see `LockedState`); a message whose
/// headers are replaced gets a new, empty one.
struct MessageHeaderCache: Sendable {
    enum AddressList: Int {
        case from, to, cc, replyTo
    }

    enum MessageIDField {
        case inReplyTo, references
    }

    private struct Values {
        var from: [MailAddress]?
        var to: [MailAddress]?
        var cc: [MailAddress]?
        var replyTo: [MailAddress]?
        var date: Date??
        var subject: String??
        var inReplyTo: [String]?
        var references: [String]?
    }

    private let values = LockedState(Values())

    // Each value is parsed outside the lock: two threads may both parse, and both get the same result.

    func addresses(_ list: AddressList, parse: () -> [MailAddress]) -> [MailAddress] {
        let address: WritableKeyPath<Values, [MailAddress]?> = switch list {
        case .from: \.from
        case .to: \.to
        case .cc: \.cc
        case .replyTo: \.replyTo
        }
        return cached(address, parse: parse)
    }

    func date(parse: () -> Date?) -> Date? {
        if let cached = values.withLock({ $0.date }) { return cached }
        let parsed = parse()
        values.withLock { $0.date = .some(parsed) }
        return parsed
    }

    func subject(parse: () -> String?) -> String? {
        if let cached = values.withLock({ $0.subject }) { return cached }
        let parsed = parse()
        values.withLock { $0.subject = .some(parsed) }
        return parsed
    }

    func messageIDs(_ field: MessageIDField, parse: () -> [String]) -> [String] {
        cached(field == .inReplyTo ? \.inReplyTo : \.references, parse: parse)
    }

    private func cached<Value>(_ path: WritableKeyPath<Values, Value?>, parse: () -> Value) -> Value {
        if let cached = values.withLock({ $0[keyPath: path] }) { return cached }
        let parsed = parse()
        values.withLock { $0[keyPath: path] = parsed }
        return parsed
    }
}

extension MessageHeaderCache: Equatable {
    /// The cache holds only what the headers determine, so it never makes two messages differ.
    static func == (lhs: MessageHeaderCache, rhs: MessageHeaderCache) -> Bool { true }
}
