/// Phrases that tell a bounce apart from a person's mail and mark the parts of its text.
enum BounceMarkers {
    /// Subjects of non-delivery reports (English and the product's other languages).
    static let subjects = PhraseTable<Void>([
        "undeliverable", "undelivered mail", "undelivered mail returned to sender", "returned mail",
        "delivery status notification", "mail delivery failed", "delivery failure", "delivery failed",
        "failure notice", "failed delivery", "non remis", "non distribuable", "unzustellbar", "nicht zustellbar",
        "no se puede entregar", "no entregado", "onbestelbaar", "niet afgeleverd", "nao entregue",
        "mancata consegna", "non recapitabile", "message not delivered", "delivery has failed",
        "delivery notification", "undeliverable mail", "permanent error", "could not send message",
        "delayed mail", "delivery delayed", "mail system error", "returned to sender", "mail failure",
        "rejected", "bounce", "nondeliverable", "non delivery", "delivery problem", "warning could not send",
        "delivery incomplete", "mail could not be delivered", "message delivery failure", "mail failed",
        "returning to sender", "failure delivery", "delivery error", "error sending", "not delivered",
        "unable to deliver", "delivery report", "nondelivery", "undeliverable message",
    ].map { ($0, ()) })

    /// Subjects of spam complaints that providers send outside ARF.
    static let complaintSubjects = PhraseTable<Void>([
        "complaint about message from", "spam complaint", "abuse report", "spam report", "complaint report",
    ].map { ($0, ()) })

    /// Sender local parts and names used by mail systems.
    static let systemSenders: Set<String> = [
        "mailer-daemon", "postmaster", "mail-daemon", "maildaemon", "mailerdaemon", "mdaemon", "bounce", "bounces",
        "mail-delivery-subsystem", "nobody", "root", "mailer", "mail-notify", "mailadmin", "mail.delivery.system",
        "microsoftexchange329e71ec88ae4615bbc36ab6ce41109e", "no-reply-bounce", "ndr", "post_master",
    ]

    /// Senders that also send ordinary notifications: a bounce only when the text says delivery failed.
    static let noReplySenders: Set<String> = ["no-reply", "noreply", "do-not-reply", "donotreply"]

    /// Lines at which the copy of the original message starts in a plain-text bounce.
    static let originalStarts = PhraseTable<Void>([
        "below this line is a copy of the message", "this is a copy of the message", "original message follows",
        "original message", "copy of the original message", "unsent message follows", "returned message follows",
        "the header of the original message is following", "original message headers", "headers of the original message",
        "message headers follow", "the original message headers are included", "content type message rfc822",
        "returned mail follows", "your message reads", "original text follows",
    ].map { ($0, ()) })

    /// Words one of which every `originalStarts` phrase holds, to pass over most lines without folding them.
    static let originalStartWords = PhraseAnchors(originalStarts.phrases)

    /// Phrases that say a delivery is only delayed.
    static let delayed = PhraseTable<Void>([
        "delayed", "delay", "delivery delayed", "still trying", "will continue trying", "will keep trying",
        "has not yet been delivered", "has not been delivered yet", "not yet been delivered",
        "delivery attempts will continue", "warning could not send message for past", "this is only a warning",
        "you do not need to resend", "will be retried",
    ].map { ($0, ()) })

    /// Phrases that say a failure is final, which outrank delay wording elsewhere in the text.
    static let permanent = PhraseTable<Void>([
        "permanent error", "permanent failure", "permanently", "fatal error", "fatal errors", "given up",
        "gave up", "giving up", "could not be delivered", "couldn't be delivered", "was not delivered",
        "unable to deliver", "failed permanently", "delivery has failed", "undeliverable",
        "requested action not taken", "invalid user address", "could not be delivered to",
    ].map { ($0, ()) })

    /// Words before an address on its line that make it a recipient.
    static let recipientIntros = PhraseTable<Void>([
        "rcpt to", "recipient", "recipients", "following address", "following addresses", "delivered to",
        "deliver to", "deliver your message to", "message to", "addressed to", "failed to", "original recipient",
        "final recipient", "rfc822", "to", "an", "destinataire", "empfanger", "destinatario", "ontvanger", "user",
        "address", "mailbox", "delivery to",
    ].map { ($0, ()) })

    /// Words before an address on its line that make it the sender, not a recipient.
    static let senderIntros = PhraseTable<Void>([
        "mail from", "envelope from", "from", "sender", "return path", "reply to", "sent by", "contact",
        "please contact", "write to", "contact us at", "postmaster",
    ].map { ($0, ()) })
}

/// A few words of which every phrase of a table holds at least one, looked for in raw text before it is folded.
/// Folding ASCII only lowercases letters and turns the other bytes into spaces (an apostrophe may join two words),
/// so a phrase can match only text that holds one of these words in some case; text without them need not be
/// folded. Kana, CJK ideographs (U+3000–U+9FFF) and Cyrillic (U+0400–U+047F) fold to themselves or to spaces, never
/// to ASCII letters, so they are passed over like punctuation; any other non-ASCII text may match.
struct PhraseAnchors: Sendable {
    /// Lowercase ASCII letters and digits; nil when some phrase has no such word (everything may match).
    private let words: [[UInt8]]?
    /// Per byte: 1 when it starts an anchor word in some case, 2 when it leads a scalar that may fold to ASCII.
    private let roles: [UInt8]

    /// `phrases` in folded form (`PhraseTable.phrases`).
    init(_ phrases: [String]) {
        let wordsOfPhrases = phrases.map { phrase in
            Set(phrase.split(separator: " ").map { Array($0.utf8) }.filter { word in
                word.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
            })
        }
        var chosen: [[UInt8]]? = []
        if wordsOfPhrases.contains(where: \.isEmpty) { chosen = nil }
        // Greedy cover: the word most uncovered phrases hold (the longer, then the first in byte order, on a tie).
        var uncovered = chosen == nil ? [] : wordsOfPhrases
        while !uncovered.isEmpty {
            var counts: [[UInt8]: Int] = [:]
            for words in uncovered { for word in words { counts[word, default: 0] += 1 } }
            guard let best = counts.max(by: { a, b in
                a.value != b.value ? a.value < b.value
                    : a.key.count != b.key.count ? a.key.count < b.key.count
                    : b.key.lexicographicallyPrecedes(a.key)
            })?.key else { break }
            chosen?.append(best)
            uncovered.removeAll { $0.contains(best) }
        }
        words = chosen
        var roles = [UInt8](repeating: 0, count: 256)
        for word in chosen ?? [] {
            roles[Int(word[0])] = 1
            if word[0] >= 0x61 { roles[Int(word[0] - 0x20)] = 1 }
        }
        // Lead bytes of scalars that might fold to ASCII letters: all but Cyrillic (D0, D1) and U+3000–U+9FFF (E3–E9).
        for lead in 0xC0...0xFF where !(0xD0...0xD1).contains(lead) && !(0xE3...0xE9).contains(lead) { roles[lead] = 2 }
        self.roles = roles
    }

    /// Whether a phrase may match the folded form of `text`.
    func mayMatch(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let words else { return true }
        return roles.withUnsafeBufferPointer { roles in
            let count = text.count
            for start in 0..<count {
                let role = roles[Int(text[start])]
                if role == 0 { continue }
                if role == 2 { return true }
                let first = text[start] | 0x20
                for word in words where word[0] == first && word.count <= count &- start {
                    var offset = 1
                    while offset < word.count, Self.lowered(text[start &+ offset]) == word[offset] { offset &+= 1 }
                    if offset == word.count { return true }
                }
            }
            return false
        }
    }

    /// `mayMatch` of a string's UTF-8.
    func mayMatch(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { mayMatch($0) }
    }

    private static func lowered(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
}
