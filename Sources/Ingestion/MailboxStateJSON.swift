import Foundation

/// The text of a mailbox state file, written by hand in the layout `JSONEncoder` used (`.prettyPrinted, .sortedKeys`,
/// dates as ISO 8601 whole seconds, `/` escaped): the worker saves the state after every batch, and the encoder's
/// Codable machinery cost about a thousand instructions per message. `MailboxStateDirectory.load` still reads it with
/// `JSONDecoder`, so files written by older versions load as before.
extension MailboxState {
    func prettyJSON() -> String {
        var members: [(key: String, value: String)] = []
        if let checkpoint {
            members.append(("checkpoint", "{\n    \"last_uid\" : \(checkpoint.lastUID),\n"
                + "    \"uid_validity\" : \(checkpoint.uidValidity)\n  }"))
        }
        members.append(("consecutive_failures", String(consecutiveFailures)))
        members.append(("events_already_applied", String(eventsAlreadyApplied)))
        members.append(("events_applied", String(eventsApplied)))
        if let lastError { members.append(("last_error", Self.quoted(lastError))) }
        if let lastErrorAt { members.append(("last_error_at", Self.quoted(lastErrorAt.ISO8601Format()))) }
        if let lastSuccessAt { members.append(("last_success_at", Self.quoted(lastSuccessAt.ISO8601Format()))) }
        if let localMessagesProcessed { members.append(("local_messages_processed", String(localMessagesProcessed))) }
        members.append(("location", Self.quoted(location)))
        members.append(("mailbox", Self.quoted(mailbox)))
        members.append(("messages_by_kind", Self.kindCounts(messagesByKind)))
        members.append(("rescans", String(rescans)))
        members.append(("schema_version", String(schemaVersion)))
        members.append(("unmatched", String(unmatched)))
        return "{\n" + members.map { "  \"\($0.key)\" : \($0.value)" }.joined(separator: ",\n") + "\n}"
    }

    private static func kindCounts(_ counts: [String: Int]) -> String {
        guard !counts.isEmpty else { return "{}" }
        let lines = counts.sorted { $0.key < $1.key }.map { "    \(quoted($0.key)) : \($0.value)" }
        return "{\n" + lines.joined(separator: ",\n") + "\n  }"
    }

    /// A JSON string as `JSONEncoder` escapes it: `"`, `\`, `/` and control characters.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/": out += "\\/"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
