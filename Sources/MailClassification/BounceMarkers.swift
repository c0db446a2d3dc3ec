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

    static let systemSenderNames = LocalPartNames(systemSenders)
    static let noReplySenderNames = LocalPartNames(noReplySenders)

    /// Lines at which the copy of the original message starts in a plain-text bounce.
    static let originalStarts = PhraseTable<Void>([
        "below this line is a copy of the message", "this is a copy of the message", "original message follows",
        "original message", "copy of the original message", "unsent message follows", "returned message follows",
        "the header of the original message is following", "original message headers", "headers of the original message",
        "message headers follow", "the original message headers are included", "content type message rfc822",
        "returned mail follows", "your message reads", "original text follows",
    ].map { ($0, ()) })

    /// Words one of which every `originalStarts` phrase holds, to pass over most lines without folding them.
    /// "message" is on many lines of any report, so rarer words stand for the phrases that hold it.
    static let originalStartWords = PhraseAnchors(originalStarts.phrases, common: ["message"])

    /// Phrases that say a delivery is only delayed.
    static let delayed = PhraseTable<Void>([
        "delayed", "delay", "delivery delayed", "still trying", "will continue trying", "will keep trying",
        "has not yet been delivered", "has not been delivered yet", "not yet been delivered",
        "delivery attempts will continue", "warning could not send message for past", "this is only a warning",
        "you do not need to resend", "will be retried",
    ].map { ($0, ()) })

    /// Words one of which every `delayed` phrase holds, to pass over most reports without folding their text.
    /// The words of failure notices ("will", "not", "delivered", …) stand for a phrase only when it has no other.
    static let delayedWords = PhraseAnchors(delayed.phrases, common: [
        "will", "delivery", "not", "has", "been", "delivered", "could", "send", "message", "for", "this", "is", "a",
        "you", "do", "to", "be", "still", "keep", "only", "need", "past", "attempts",
    ])

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

    /// Words one of which every `senderIntros` phrase holds, to pass over most addresses without folding the
    /// text before them.
    static let senderIntroWords = PhraseAnchors(senderIntros.phrases)
}

/// Local-part names (lowercase ASCII) an address's local part is compared with, lowercased. An ASCII address is read
/// by its bytes, where lowercasing maps only A–Z and every character but CR LF (which no name holds) is one byte,
/// so no string is made for the many addresses that are none of them; other addresses take `localPart`.
struct LocalPartNames: Sendable {
    let names: Set<String>
    private let spellings: [[UInt8]]

    init(_ names: Set<String>) {
        self.names = names
        spellings = names.map { Array($0.utf8) }
    }

    /// Whether `address`'s local part (`String.localPart`, "" without one), lowercased, is one of the names.
    /// `lowercasing` false is for an address lowercased already.
    func contains(localPartOf address: String, lowercasing: Bool = true) -> Bool {
        // A closure, not the method itself: a partial application would be allocated at each call.
        if let byBytes = Self.withASCIILocalPart(of: address, { local in isOne(of: local) }) { return byBytes }
        let local = address.localPart.map(String.init) ?? ""
        return names.contains(lowercasing ? local.lowercasedText : local)
    }

    /// Whether an ASCII local part, lowercased, is one of the names.
    func isOne(of local: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        spellings.contains { $0.count == local.count && Self.spells($0, in: local, at: local.startIndex) }
    }

    /// Whether the bytes of `local` from `position` on, lowercased, start with `name`.
    static func spells(_ name: [UInt8], in local: Slice<UnsafeBufferPointer<UInt8>>, at position: Int) -> Bool {
        guard position >= local.startIndex, position + name.count <= local.endIndex else { return false }
        for offset in 0..<name.count where local[position + offset].lowercasedASCII != name[offset] { return false }
        return true
    }

    /// `body` of the address's local part as `String.localPart` reads it (the first run of bytes that are not
    /// "@"; empty without one), when the address is ASCII held in one piece; nil otherwise.
    static func withASCIILocalPart<Result>(of address: String,
                                           _ body: (Slice<UnsafeBufferPointer<UInt8>>) -> Result) -> Result? {
        let result: Result?? = address.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            let start = bytes.firstIndex { $0 != UInt8(ascii: "@") } ?? bytes.endIndex
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "@")) ?? bytes.endIndex
            return .some(body(bytes[start..<end]))
        }
        return result ?? nil
    }
}
