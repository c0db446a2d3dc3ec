import EngagementStore
import Foundation

/// The text of a mailbox state file, written by hand in the layout `JSONEncoder` used (`.prettyPrinted, .sortedKeys`,
/// dates as ISO 8601 UTC whole seconds, `/` escaped; dates by `StoreTimestamp`, since Foundation's ISO 8601 style took
/// over a million instructions to set up on first use): the worker saves the state after every batch, and the encoder's
/// Codable machinery cost about a thousand instructions per message. `MailboxStateDirectory.load` still reads it with
/// `JSONDecoder`, so files written by older versions load as before.
extension MailboxState {
    func prettyJSON() -> String {
        var members: [(key: String, value: String)] = []
        if let backlog { members.append(("backlog", String(backlog))) }
        if let checkpoint {
            members.append(("checkpoint", "{\n    \"last_uid\" : \(checkpoint.lastUID),\n"
                + "    \"uid_validity\" : \(checkpoint.uidValidity)\n  }"))
        }
        members.append(("consecutive_failures", String(consecutiveFailures)))
        members.append(("events_already_applied", String(eventsAlreadyApplied)))
        members.append(("events_applied", String(eventsApplied)))
        if let lastError { members.append(("last_error", Self.quoted(lastError))) }
        if let lastErrorAt { members.append(("last_error_at", Self.quoted(StoreTimestamp.format(lastErrorAt)))) }
        if let lastPassMessages { members.append(("last_pass_messages", String(lastPassMessages))) }
        if let lastPassMilliseconds { members.append(("last_pass_ms", String(lastPassMilliseconds))) }
        if let lastSuccessAt {
            members.append(("last_success_at", Self.quoted(StoreTimestamp.format(lastSuccessAt))))
        }
        if let localMessagesProcessed { members.append(("local_messages_processed", String(localMessagesProcessed))) }
        members.append(("location", Self.quoted(location)))
        members.append(("mailbox", Self.quoted(mailbox)))
        members.append(("messages_by_kind", Self.kindCounts(messagesByKind)))
        members.append(("rescans", String(rescans)))
        members.append(("schema_version", String(schemaVersion)))
        members.append(("unmatched", String(unmatched)))
        var text = "{\n"
        text.reserveCapacity(1024)
        for (index, member) in members.enumerated() {
            if index > 0 { text += ",\n" }
            text += "  \""
            text += member.key
            text += "\" : "
            text += member.value
        }
        text += "\n}"
        return text
    }

    private static func kindCounts(_ counts: [String: Int]) -> String {
        guard !counts.isEmpty else { return "{}" }
        var text = "{\n"
        for (index, kind) in counts.keys.sorted().enumerated() {
            if index > 0 { text += ",\n" }
            text += "    "
            text += quoted(kind)
            text += " : "
            text += String(counts[kind] ?? 0)
        }
        text += "\n  }"
        return text
    }

    /// A JSON string as `JSONEncoder` escapes it: `"`, `\`, `/` and control characters.
    static func quoted(_ text: String) -> String {
        let needsEscape = text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
            || $0 == UInt8(ascii: "/") }
        guard needsEscape else { return "\"" + text + "\"" }
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
