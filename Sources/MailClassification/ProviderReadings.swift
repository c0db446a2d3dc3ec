import Foundation

/// Providers and gateways whose wording of an unknown-user refusal settles what the generic reading cannot.
///
/// Generic "user unknown" words are trusted only when the report shows the refusal came at RCPT TO (content
/// filters answer after DATA with the same words). These systems are known to answer differently, each by its
/// own documented or long-observed format, so their name decides:
/// - KDDI / au (ezweb.ne.jp, au.com) answers an unknown mailbox with "<address>: User unknown" and its
///   recipient-side reception filter with the address left empty, "550 : User unknown".
/// - Outlook.com (hotmail.com, outlook.com, live.com, msn.com) answers an unknown mailbox with
///   "550 Requested action not taken: mailbox unavailable".
/// - Exchange Online (…mail.protection.outlook.com) answers "5.4.1 Recipient address rejected: Access denied"
///   when directory-based edge blocking finds no such recipient; elsewhere those words are a policy refusal.
/// - Amazon SES inbound (inbound-smtp.….amazonaws.com) answers "Mailbox does not exist" whenever a receipt rule
///   bounces a message, so the words say nothing certain about the mailbox.
/// - Yahoo's "Sorry, we were unable to deliver your message to the following address" quotes the refused
///   address in angle brackets only for a refusal at RCPT TO.
/// - Verizon Wireless's MMS gateway (vzwpix.com, vtext.com) says "No valid recipients for this MM" of a
///   number it does not serve.
/// - Symantec Email Security.cloud (MessageLabs) answers "542 <address> Rejected", naming no reason, when its
///   address registration knows no such recipient.
/// - McAfee's gateway (`X-NAI-Header`) reports only recipients the next hop refused as unknown; IMail
///   (`X-Mailer: <SMTP32 …>`) says "Unknown user" only of its own local mailboxes.
enum ProviderReadings {
    enum Reading: Equatable {
        /// The words mean the mailbox does not exist; the string names the provider for evidence.
        case unknownRecipient(String)
        /// The words are the provider's filter, not a verdict on the address.
        case filtered(String)
    }

    static let yahooNotice = "sorry, we were unable to deliver your message to the following address"
    private static let yahooNoticeBytes = Array(yahooNotice.utf8)
    /// The start of `yahooNotice`, which has no "i" or "k".
    static let yahooNoticeOpening = "sorry, we were unable to"

    static let outlookConsumerDomains = ["hotmail.com", "outlook.com", "live.com", "msn.com"]
    static let kddiDomains = ["ezweb.ne.jp", "au.com"]
    static let verizonWirelessDomains = ["vzwpix.com", "vtext.com"]

    /// How the provider behind `origin` means unknown-user words in `diagnostic`, when it is one that says.
    static func unknownUser(diagnostic: String, notice: ReportContext?, origin: ReportOrigin) -> Reading? {
        // Lowered only when a provider check reads it.
        lazy var lowered = diagnostic.leadingBytes(2_000).lowercased()
        // Each host name is compared with several providers': read once.
        let hosts = origin.hosts
        if isKDDI(hosts) {
            if lowered.containsText(">: user unknown") { return .unknownRecipient("KDDI / au") }
            if lowered.containsText(" : user unknown") || lowered.hasPrefix(": user unknown") { return .filtered("KDDI / au") }
        }
        if ReportOrigin.host(hosts.reportingMTA, isIn: "amazonaws.com"), hosts.reportingMTA?.contains("inbound-smtp") == true {
            return .filtered("Amazon SES inbound")
        }
        if verizonWirelessDomains.contains(where: { ReportOrigin.host(hosts.recipientDomain, isIn: $0) }),
           lowered.containsText("no valid recipients") {
            return .unknownRecipient("Verizon Wireless")
        }
        if isOutlookConsumer(hosts), lowered.containsText("mailbox unavailable") { return .unknownRecipient("Outlook.com") }
        // Lowercasing makes none of "<", "@" and ">" from other characters: without their bytes in the text the
        // notice need not be read.
        if let notice, Self.mayQuoteAddress(diagnostic), notice.carriesYahooNotice,
           let open = lowered.firstIndex(of: "<"), lowered[open...].contains("@"), lowered[open...].contains(">") {
            return .unknownRecipient("Yahoo")
        }
        if let gateway = origin.gateway, gateway == "McAfee" || gateway == "IMail" { return .unknownRecipient(gateway) }
        return nil
    }

    /// Whether the diagnostic's first 2,000 bytes (what the Yahoo check reads) hold "<", "@" and ">" in any order.
    private static func mayQuoteAddress(_ diagnostic: String) -> Bool {
        let quotes: Bool? = diagnostic.utf8.withContiguousStorageIfAvailable { utf8 in
            guard let base = utf8.baseAddress else { return false }
            let count = Swift.min(utf8.count, 2_000)
            return memchr(base, 0x3C, count) != nil && memchr(base, 0x40, count) != nil && memchr(base, 0x3E, count) != nil
        }
        return quotes ?? true
    }

    /// Whether the first 1,000 bytes of a report's notice hold `yahooNotice`, in any case. ASCII text is compared by
    /// bytes, where lowercasing and Foundation's search come to the same; other text takes their path.
    static func holdsYahooNotice(_ notice: String) -> Bool {
        let head = notice.utf8Bytes(prefix: 1_000)
        guard !head.contains(where: { $0 >= 0x80 }) else {
            // Lowercasing turns no other character into these ASCII letters, comma or space (only İ and the Kelvin
            // sign become ASCII, "i" and "k"), and no other character is canonically equivalent to them: without
            // their bytes the search cannot succeed.
            guard HTMLText.find(head, yahooNoticeOpening, from: 0, caseInsensitive: true) != nil else { return false }
            return notice.leadingBytes(1_000).lowercased().containsText(yahooNotice)
        }
        return head.withUnsafeBufferPointer(holdsYahooNotice(inASCII:))
    }

    /// `HTMLText.find(_, yahooNotice, caseInsensitive: true) != nil` on ASCII bytes (A–Z lowered, the notice is
    /// lowercase).
    private static func holdsYahooNotice(inASCII bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        holds(yahooNoticeBytes, in: bytes)
    }

    /// Whether `bytes` hold `yahooNoticeOpening` in any ASCII case: text from which a notice's lines were taken
    /// (joined by line breaks, its first 1,000 bytes in at most the first 2,000 of these) holds no notice otherwise.
    static func mayHoldYahooNotice(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        holds(yahooNoticeOpeningBytes, in: bytes)
    }

    private static let yahooNoticeOpeningBytes = Array(yahooNoticeOpening.utf8)

    /// Whether `bytes` hold `phrase` (a lowercase start of `yahooNotice`) with A–Z lowered, tried only where the
    /// notice's one comma ("sorry, we …") would fall: commas are found by the C library's byte search.
    private static func holds(_ phrase: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let commaOffset = 5
        var from = commaOffset
        while from < bytes.count, let comma = memchr(base + from, Int32(UInt8(ascii: ",")), bytes.count - from) {
            let start = base.distance(to: comma.assumingMemoryBound(to: UInt8.self)) - commaOffset
            guard start + phrase.count <= bytes.count else { return false }
            if phrase.indices.allSatisfy({ bytes[start + $0].lowercasedASCII == phrase[$0] }) { return true }
            from = start + commaOffset + 1
        }
        return false
    }

    /// A refusal that names no reason but that the provider uses only for an unknown recipient.
    static func unnamedRefusal(diagnostic: String, origin: ReportOrigin) -> Reading? {
        // The host check first: it is cheap, and only MessageLabs' reports need the text lowered and trimmed.
        guard ReportOrigin.host(origin.reportingMTA, isIn: "messagelabs.com") else { return nil }
        let lowered = diagnostic.leadingBytes(500).lowercased().trimmingWhitespace
        if lowered.hasPrefix("542 "), lowered.hasSuffix(" rejected") {
            return .unknownRecipient("MessageLabs")
        }
        return nil
    }

    /// Exchange Online's directory-based edge blocking: "550 5.4.1 Recipient address rejected: Access denied".
    static func isDirectoryEdgeBlock(status: StatusCode?, origin: ReportOrigin) -> Bool {
        guard let status, status.subject == 4, status.detail == 1 else { return false }
        return ReportOrigin.host(origin.remoteMTA, isIn: "mail.protection.outlook.com")
    }

    private static func isKDDI(_ origin: ReportOrigin.Hosts) -> Bool {
        kddiDomains.contains { domain in
            ReportOrigin.host(origin.recipientDomain, isIn: domain) || ReportOrigin.host(origin.remoteMTA, isIn: domain)
        }
    }

    private static func isOutlookConsumer(_ origin: ReportOrigin.Hosts) -> Bool {
        if ReportOrigin.host(origin.remoteMTA, isIn: "mail.protection.outlook.com") { return false }
        return outlookConsumerDomains.contains { domain in
            ReportOrigin.host(origin.recipientDomain, isIn: domain) || ReportOrigin.host(origin.reportingMTA, isIn: domain)
                || ReportOrigin.host(origin.remoteMTA, isIn: domain)
        }
    }
}
