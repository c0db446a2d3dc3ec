import MailParsing

/// A mailing-list manager's notice that it refused a post (the sender is not a member, the list is closed or
/// moderated): the list address did not take the message, for a reason that says nothing about the address, so
/// it is a soft bounce with reason `rejected`, never a person's reply.
///
/// Both signs are required: the notice comes from a list manager (an -admin / -owner / -request sender, or the
/// manager program itself) and its text says the post was refused for membership or moderation.
enum MailingListRejection {
    /// Sender local parts of list managers. List headers (List-Id, X-MLServer, X-Mailman-Version) are no sign:
    /// every post a member writes through the list carries them too.
    static let managerSenderSuffixes = ["-admin", "-owner", "-request", "-bounces"]
    static let managerSenders: Set<String> = ["mailman", "majordomo", "listserv", "ezmlm", "fml", "sympa"]

    static let refusals = PhraseTable<Void>([
        "you are not a member of this mailing list", "you are not a member of this list",
        "you are not member", "are not member", "not a member of this list",
        "you are not allowed to post to this mailing list", "only members can post", "members only list",
        "posting to this list is restricted", "post by non member", "posted by a non member",
        "your message has been automatically rejected", "rejected by the list moderator",
        "non member submission", "this list is closed",
    ].map { ($0, ()) })

    /// Whether the sender's address, lowercased, has a list manager's local part. An ASCII address is read by its
    /// bytes, where lowercasing maps only A–Z and every character is one byte (CR LF aside, which none of the
    /// names holds), with no string made.
    static func isManager(_ address: String) -> Bool {
        let names = managerSenderNames, prefix = ownerPrefix, suffixes = managerSuffixBytes
        let byBytes = LocalPartNames.withASCIILocalPart(of: address) { local in
            names.isOne(of: local) || LocalPartNames.spells(prefix, in: local, at: local.startIndex)
                || suffixes.contains { LocalPartNames.spells($0, in: local, at: local.endIndex - $0.count) }
        }
        if let byBytes { return byBytes }
        let local = address.lowercased().localPart.map(String.init) ?? ""
        return managerSenders.contains(local) || local.hasPrefix("owner-")
            || managerSenderSuffixes.contains { local.hasSuffix($0) }
    }

    private static let managerSenderNames = LocalPartNames(managerSenders)
    private static let managerSuffixBytes = managerSenderSuffixes.map { Array($0.utf8) }
    private static let ownerPrefix = Array("owner-".utf8)

    /// The refused list address and the phrase that says so, or nil when the message is not such a notice.
    static func decode(_ message: Message, counter: StepCounter?) -> (list: String?, phrase: String)? {
        guard isManager(message.from.first?.address ?? "") else { return nil }
        let text = (message.subject ?? "") + "\n" + (message.textBody ?? "").leadingBytes(2_000)
        let normalized = NormalizedText(text, counter: counter)
        guard let match = refusals.firstMatch(in: normalized, counter: counter) else { return nil }
        let phrase = normalized.phraseText(match.range)
        let excluded = Set((message.from + message.to + message.replyTo).map { $0.address.lowercased() })
        let lines = ReplyTextExtractor.lines(of: (message.textBody ?? "").leadingBytes(2_000))
        let list = AddressScanner.addresses(inLines: lines, counter: counter)
            .map(\.address).first { !excluded.contains($0.lowercased()) }
        return (list, phrase)
    }
}
