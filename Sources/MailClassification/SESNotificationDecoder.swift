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

    /// The text's UTF-8 without CR and LF, copied in one pass over its storage when it is contiguous.
    static func bytesWithoutLineBreaks(_ text: Substring) -> [UInt8] {
        let copied: [UInt8]? = text.utf8.withContiguousStorageIfAvailable { source in
            [UInt8](unsafeUninitializedCapacity: source.count) { out, count in
                count = 0
                for byte in source where byte != 0x0A && byte != 0x0D {
                    out[count] = byte
                    count += 1
                }
            }
        }
        return copied ?? text.utf8.filter { $0 != 0x0A && $0 != 0x0D }
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
        let unwrapped = Self.firstObject(Self.bytesWithoutLineBreaks(trimmed))
        if let outcome = plainOutcome(Array(unwrapped), counter: counter) { return outcome }
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
            let recipients = entries.prefix(500).compactMap { entry -> BouncedRecipient? in
                guard let address = entry["emailAddress"] as? String else { return nil }
                return Self.recipient(address, status: entry["status"] as? String,
                                      diagnostic: entry["diagnosticCode"] as? String,
                                      action: transient ? "delayed" : (entry["action"] as? String ?? "failed"),
                                      counter: counter)
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

    /// The outcome of a document that `PlainJSON` reads, as the `JSONSerialization` reading gives it; nil when a
    /// document (the notification or the event in its Message) is not plain JSON, which the caller then reads so.
    private func plainOutcome(_ bytes: [UInt8], counter: StepCounter?) -> Outcome?? {
        guard var document = PlainJSON(bytes) else { return nil }
        if let message = document.string(document.member("Message", of: document.root)) {
            // Delivered by SNS: the event is the JSON text of its Message.
            guard let event = PlainJSON(Array(message.utf8)) else { return nil }
            document = event
        }
        let root = document.root
        // A list with an element that is no object counts as none, as a cast to `[[String: Any]]` fails.
        func objects(in list: Int?) -> [Int] {
            let elements = document.elements(of: list) ?? []
            return elements.allSatisfy(document.isObject) ? elements : []
        }
        func string(_ key: String, of object: Int?) -> String? { document.string(document.member(key, of: object)) }
        switch (string("notificationType", of: root) ?? string("eventType", of: root))?.lowercased() {
        case "bounce":
            let bounce = document.member("bounce", of: root)
            let transient = string("bounceType", of: bounce)?.lowercased() != "permanent"
            let entries = objects(in: document.member("bouncedRecipients", of: bounce))
            let recipients = entries.prefix(500).compactMap { entry -> BouncedRecipient? in
                guard let address = string("emailAddress", of: entry) else { return nil }
                return Self.recipient(address, status: string("status", of: entry),
                                      diagnostic: string("diagnosticCode", of: entry),
                                      action: transient ? "delayed" : (string("action", of: entry) ?? "failed"),
                                      counter: counter)
            }
            return .some(.bounce(recipients))
        case "complaint":
            let recipients = objects(in: document.member("complainedRecipients", of: document.member("complaint", of: root)))
            return .some(.complaint(contact: recipients.first.flatMap { string("emailAddress", of: $0) }))
        case "delivery":
            return .some(.delivered)
        default:
            return .some(nil)
        }
    }

    private static func recipient(_ address: String, status: String?, diagnostic: String?, action: String,
                                  counter: StepCounter?) -> BouncedRecipient {
        let decision = BounceReasonClassifier().classify(diagnostic: diagnostic, status: status, action: action,
                                                         counter: counter)
        return BouncedRecipient(address: address, status: status, action: action, hard: decision.hard,
                                reason: decision.reason.rawValue, diagnostic: diagnostic)
    }
}
