import MailParsing

/// Header and subject signals that a message was sent by a machine answering on someone's behalf (RFC 3834 and
/// the vendor headers of Outlook, Apple and others), or is bulk mail rather than a person writing.
enum AutoReplySignals {
    private static let autoReplyFlags = ["X-Autoreply", "X-Autorespond", "X-Autoresponse", "X-Autoresponder"]

    /// Every header `autoReplyEvidence` reads.
    private static let autoReplyHeaderNames = HeaderFieldNames(["Auto-Submitted"] + autoReplyFlags + [
        "Precedence", "X-Apple-Action", "X-Auto-Response-Suppress", "X-MS-Exchange-Inbox-Rules-Loop",
    ])

    /// Evidence for an automatic reply, or nil. `subject`: the message's, as the caller has read it (each read of
    /// `Message.subject` takes a lock).
    /// `subjectFold`: the fold of the subject's first 200 bytes, made here if the subject is read and not made yet.
    static func autoReplyEvidence(_ message: Message, subject: String?, subjectFold: inout [UInt8]?,
                                  counter: StepCounter?) -> String? {
        let headers = message.headers
        // One pass over the headers tells whether any field below is there at all: nearly every message has none.
        guard !headers.firstFields(named: autoReplyHeaderNames).isEmpty else {
            return autoReplySubject(subject, subjectFold: &subjectFold, counter: counter)
        }
        if let value = headers.value("Auto-Submitted")?.trimmingWhitespace,
           !value.isEmpty, !value.lowercased().hasPrefix("no") {
            return "Auto-Submitted: \(value)"
        }
        for name in autoReplyFlags {
            if let value = headers.value(name), !["no", "false", "0"].contains(value.lowercased().trimmingWhitespace) {
                return "\(name): \(value)"
            }
        }
        if let value = headers.value("Precedence"), value.lowercased().contains("auto_reply") {
            return "Precedence: \(value)"
        }
        if let value = headers.value("X-Apple-Action"), value.lowercased().contains("vacation") {
            return "X-Apple-Action: \(value)"
        }
        if headers.value("X-Auto-Response-Suppress") != nil, headers.value("X-MS-Exchange-Inbox-Rules-Loop") != nil {
            return "X-Auto-Response-Suppress with X-MS-Exchange-Inbox-Rules-Loop (Outlook out-of-office)"
        }
        return autoReplySubject(subject, subjectFold: &subjectFold, counter: counter)
    }

    /// Evidence that a message with no automatic-reply header or subject is an automatic note all the same, read from
    /// its new text (`folded`: its fold, `signs`: what the fold holds, when the caller has them): an absence or
    /// departure sentence and a template's wording around it, in a short text that asks nothing. Nil otherwise.
    static func templateEvidence(newText: String, folded knownFold: [UInt8]?, signs knownSigns: ReplyTextSigns?,
                                 counter: StepCounter?) -> String? {
        // Templates run to a few sentences.
        guard newText.utf8.count <= 4_000 else { return nil }
        let folded = knownFold ?? NormalizedText(newText, counter: counter).bytes
        let signs = knownSigns ?? folded.withUnsafeBufferPointer { ReplyTextSigns(folded: $0, counter: counter) }
        // A question is a person's.
        guard let template = signs.template, let absence = signs.absence, NormalizedText.wordCount(of: folded) <= 150,
              !newText.utf8.contains(UInt8(ascii: "?")) else { return nil }
        return "text reads as an automatic note: \"\(FoldedPhrase.text(absence, in: folded))\" with "
            + "\"\(FoldedPhrase.text(template, in: folded))\""
    }

    /// Evidence from a localized automatic-reply subject (the message's), or nil. `subjectFold` as for
    /// `autoReplyEvidence`.
    static func autoReplySubject(_ subject: String?, subjectFold: inout [UInt8]?, counter: StepCounter?) -> String? {
        if let subject {
            let folded = subjectFold ?? NormalizedText(subject.leadingBytes(200), counter: counter).bytes
            subjectFold = folded
            // "Out of Office: …", "Automatic reply", but not "Out of office tomorrow - can we talk today?".
            if let match = folded.withUnsafeBufferPointer({ AutoReplyPhrases.subjectPrefixes.firstMatch(in: $0, counter: counter) }),
               match.range.lowerBound == 0,
               match.range.upperBound == folded.count || subject.prefix(80).contains(where: { ":：[(".contains($0) }) {
                return "subject starts with \"\(subject.prefix(60))\""
            }
        }
        return nil
    }

    /// Evidence that the message is bulk or list mail (not a person), or nil.
    static func bulkEvidence(_ message: Message) -> String? {
        let headers = message.headers
        // One pass over the headers for the three names.
        let found = headers.firstFields(named: bulkHeaderNames)
        if let precedence = found[0], case let value = headers.value(at: precedence).lowercasedText,
           ["bulk", "junk", "list"].contains(where: value.contains) {
            return "Precedence: \(value)"
        }
        if found[1] != nil { return "List-Id header" }
        if found[2] != nil { return "List-Unsubscribe header (newsletter)" }
        return nil
    }

    /// The headers `bulkEvidence` reads, in the order it reads them.
    private static let bulkHeaderNames = HeaderFieldNames(["Precedence", "List-Id", "List-Unsubscribe"])

    /// Machine-made mail that is not an answer to us: notifications (Auto-Submitted: auto-generated), calendar
    /// invitations, DMARC aggregate reports. `subject`: the message's, as the caller has read it.
    static func notificationEvidence(_ message: Message, subject: String?, isReply: Bool) -> String? {
        if !isReply, let value = message.headers.value("Auto-Submitted")?.lowercased(), value.hasPrefix("auto-generated") {
            return "Auto-Submitted: \(value) on a message that answers nothing of ours (notification)"
        }
        if !isReply, hasPart(message, where: { isMIMEType($0, "text", "calendar") }) {
            return "calendar invitation (text/calendar part)"
        }
        if subject?.hasLowercasedPrefix("report domain:") == true {
            return "DMARC aggregate report (subject \"Report domain: …\")"
        }
        return nil
    }

    /// Each with its first byte.
    private static let readReceiptPrefixes = [
        "read:", "gelesen:", "lu :", "lu:", "leído:", "leido:", "gelezen:", "lida:", "letto:", "read receipt",
    ].map { ($0, $0.utf8.first ?? 0) }

    /// Read receipts (RFC 8098 disposition notifications and the clients' "Read:" subjects). `subject`: the
    /// message's, as the caller has read it.
    static func readReceiptEvidence(_ message: Message, subject: String?, counter: StepCounter?) -> String? {
        if message.root.contentType.parameters.value("report-type")?.lowercased() == "disposition-notification" {
            return "multipart/report; report-type=disposition-notification"
        }
        if hasPart(message, where: { isMIMEType($0, "message", "disposition-notification") }) {
            return "message/disposition-notification part"
        }
        // Every prefix below starts with "r", "g" or "l", and lowercasing makes none of these from another letter.
        if let subject, let first = subject.utf8.first,
           first | 0x20 == UInt8(ascii: "r") || first | 0x20 == UInt8(ascii: "g") || first | 0x20 == UInt8(ascii: "l") {
            // A prefix that starts with another letter cannot match: the subject's first character is that letter.
            for (prefix, letter) in readReceiptPrefixes where letter == first | 0x20 && subject.hasLowercasedPrefix(prefix) {
                return "subject starts with \"\(subject.prefix(40))\""
            }
        }
        return nil
    }

    /// Whether the root or a part nested in it (as `Message.allParts` lists them) has a content type for which
    /// `matches` holds. Parts are read where they are, by index: no part is copied, no list of them made.
    private static func hasPart(_ message: Message, where matches: (ContentType) -> Bool) -> Bool {
        if matches(message.root.contentType) { return true }
        var pending: [[MessagePart]] = message.root.children.isEmpty ? [] : [message.root.children]
        while let siblings = pending.popLast() {
            for index in siblings.indices {
                if matches(siblings[index].contentType) { return true }
                if !siblings[index].children.isEmpty { pending.append(siblings[index].children) }
            }
        }
        return false
    }

    /// `contentType.mimeType.lowercased() == type + "/" + subtype` for lowercase ASCII names without "/",
    /// comparing type and subtype apart (so that no "type/subtype" text is made for each part) and ASCII case only:
    /// lowercasing maps no other character onto the letters of a MIME type but K (Kelvin) onto "k", which the
    /// types asked for do not hold.
    private static func isMIMEType(_ contentType: ContentType, _ type: String, _ subtype: String) -> Bool {
        func equals(_ actual: String, _ wanted: String) -> Bool {
            actual.utf8.count == wanted.utf8.count
                && actual.utf8.elementsEqual(wanted.utf8) { $0.lowercasedASCII == $1 }
        }
        return equals(contentType.type, type) && equals(contentType.subtype, subtype)
    }
}

import Foundation
