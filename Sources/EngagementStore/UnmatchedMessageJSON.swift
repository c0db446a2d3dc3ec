import Foundation

// The JSON form of an `UnmatchedMessage`, as its synthesised Codable conformance wrote it: keys sorted, nil omitted.

enum UnmatchedMessageField: String, JSONField {
    case from, idempotencyKey, messageID, reason, receivedAt, source, subject, verdict
    static let lookup = JSONFieldLookup<Self>()
}

extension JSONWriter {
    mutating func write(_ message: UnmatchedMessage) {
        beginObject()
        optionalString(message.from, UnmatchedMessageField.from)
        optionalString(message.idempotencyKey, UnmatchedMessageField.idempotencyKey)
        optionalString(message.messageID, UnmatchedMessageField.messageID)
        key(UnmatchedMessageField.reason)
        string(message.reason)
        key(UnmatchedMessageField.receivedAt)
        date(message.receivedAt)
        key(UnmatchedMessageField.source)
        string(message.source)
        optionalString(message.subject, UnmatchedMessageField.subject)
        key(UnmatchedMessageField.verdict)
        string(message.verdict)
        endObject()
    }
}

extension JSONReader {
    mutating func readUnmatchedMessage() throws -> UnmatchedMessage {
        var object = try beginObject()
        var from: String?, idempotencyKey: String?, messageID: String?, reason: String?, receivedAt: Date?
        var source: String?, subject: String?, verdict: String?
        while let field = try nextField(in: &object, as: UnmatchedMessageField.self) {
            switch field {
            case .from: from = try readOptionalString()
            case .idempotencyKey: idempotencyKey = try readOptionalString()
            case .messageID: messageID = try readOptionalString()
            case .reason: reason = try readString()
            case .receivedAt: receivedAt = try readDate()
            case .source: source = try readString()
            case .subject: subject = try readOptionalString()
            case .verdict: verdict = try readString()
            }
        }
        let what = "an unmatched message"
        let received = try required(receivedAt, UnmatchedMessageField.receivedAt, in: object, of: what)
        var message = UnmatchedMessage(
            messageID: messageID, from: from, subject: subject,
            verdict: try required(verdict, UnmatchedMessageField.verdict, in: object, of: what),
            reason: try required(reason, UnmatchedMessageField.reason, in: object, of: what),
            source: try required(source, UnmatchedMessageField.source, in: object, of: what),
            receivedAt: received, idempotencyKey: idempotencyKey)
        message.receivedAt = received  // as saved; the initialiser would round a hand-written fraction of a second
        return message
    }
}
