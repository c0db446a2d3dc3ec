import Foundation

/// Amazon SES event notifications (delivered by SNS as JSON mail bodies): Bounce, Complaint and Delivery.
struct SESNotificationDecoder: Sendable {
    enum Outcome {
        case bounce([BouncedRecipient])
        case complaint(contact: String?)
        case delivered
    }

    /// The bytes of the first top-level JSON object; mailing footers often follow it.
    static func firstObject(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var depth = 0
        var inString = false
        var escaped = false
        for (index, byte) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return bytes[...index] }
            default: break
            }
        }
        return bytes[...]
    }

    /// False when the body's first character that is not whitespace is ASCII and not "{": the usual mail body,
    /// told from its first bytes. ASCII whitespace bytes are whitespace characters (a CR LF pair too); at the first
    /// other ASCII byte a character starts that is "{" only if the byte is. At a non-ASCII byte the characters decide.
    static func mayStartWithObject(_ body: String) -> Bool {
        for byte in body.utf8 {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { continue }
            return byte >= 0x80 || byte == UInt8(ascii: "{")
        }
        return false
    }

    /// Decodes `body` when it is an SES notification; nil otherwise. Bodies over 1 MB are not considered.
    func decode(_ body: String, counter: StepCounter?) -> Outcome? {
        guard Self.mayStartWithObject(body) else { return nil }
        let trimmed = body.drop(while: { $0.isWhitespace })
        guard trimmed.first == "{", body.utf8.count <= 1 << 20, body.contains("notificationType") else { return nil }
        counter?.add(body.utf8.count)
        // Relays wrap long lines, which puts raw line breaks inside JSON strings; JSON needs none of them.
        let unwrapped = Self.firstObject(trimmed.utf8.filter { $0 != 0x0A && $0 != 0x0D })
        guard var object = (try? JSONSerialization.jsonObject(with: Data(unwrapped))) as? [String: Any] else { return nil }
        if let inner = object["Message"] as? String,
           let decoded = (try? JSONSerialization.jsonObject(with: Data(inner.utf8))) as? [String: Any] {
            object = decoded
        }
        switch (object["notificationType"] as? String ?? object["eventType"] as? String)?.lowercased() {
        case "bounce":
            let bounce = object["bounce"] as? [String: Any] ?? [:]
            let transient = (bounce["bounceType"] as? String)?.lowercased() != "permanent"
            let entries = bounce["bouncedRecipients"] as? [[String: Any]] ?? []
            let reasons = BounceReasonClassifier()
            let recipients = entries.prefix(500).compactMap { entry -> BouncedRecipient? in
                guard let address = entry["emailAddress"] as? String else { return nil }
                let status = entry["status"] as? String
                let diagnostic = entry["diagnosticCode"] as? String
                let action = transient ? "delayed" : (entry["action"] as? String ?? "failed")
                let decision = reasons.classify(diagnostic: diagnostic, status: status, action: action, counter: counter)
                return BouncedRecipient(address: address, status: status, action: action, hard: decision.hard,
                                        reason: decision.reason.rawValue, diagnostic: diagnostic)
            }
            return .bounce(recipients)
        case "complaint":
            let complaint = object["complaint"] as? [String: Any] ?? [:]
            let recipients = complaint["complainedRecipients"] as? [[String: Any]] ?? []
            return .complaint(contact: recipients.first?["emailAddress"] as? String)
        case "delivery":
            return .delivered
        default:
            return nil
        }
    }
}
