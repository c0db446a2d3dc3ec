import MailParsing

/// Whether a message is a non-delivery report at all: a mail-system sender, `X-Failed-Recipients`, a
/// `multipart/report`, or a bounce subject together with a known bounce format. A person's mail with an attached
/// message has none of these, so it is never read as a bounce.
enum BounceEvidence {
    /// `folds` holds the message's folded subject and text start, shared with the other checks;
    /// `failedRecipientsHeader` the values of its `X-Failed-Recipients` fields, when the caller has read them.
    static func looksLikeBounce(_ message: Message, folds: MessageFolds, failedRecipientsHeader: [String]? = nil,
                                counter: StepCounter?) -> Bool {
        let from = message.from
        if !message.deliveryStatusReports.isEmpty { return true }
        if !(failedRecipientsHeader ?? message.headers.values("X-Failed-Recipients")).isEmpty { return true }
        let sender = from.first
        let systemSender = (sender.map { BounceMarkers.systemSenderNames.contains(localPartOf: $0.address) } ?? false)
            || from.isEmpty || namesMailSystem(sender)
        let subject = folds.subject
        let bounceSubject = BounceMarkers.subjects.firstMatch(in: subject, counter: counter) != nil
        // `mimeType.lowercased() == "multipart/report"`, read from the type and subtype apart (lowercasing each is
        // lowercasing the "type/subtype" text): no such text is made for every message.
        let contentType = message.root.contentType
        let isReport = contentType.type.lowercasedText == "multipart" && contentType.subtype.lowercasedText == "report"
        if systemSender && (bounceSubject || isReport) {
            return true
        }
        if isReport, contentType.parameters.value("report-type")?.lowercasedText == "delivery-status" {
            return true
        }
        // A mail system returning a message it could not deliver.
        if systemSender, !(from.isEmpty), !message.embeddedMessages.isEmpty { return true }
        let noReplySender = sender.map { BounceMarkers.noReplySenderNames.contains(localPartOf: $0.address) } ?? false
        guard bounceSubject || systemSender || noReplySender else { return false }
        let text = folds.bodyHead
        if noReplySender && !bounceSubject && !systemSender {
            return BounceMarkers.permanent.firstMatch(in: text, counter: counter) != nil
        }
        return BounceFormat.identify(text, counter: counter) != nil
            || BounceMarkers.permanent.firstMatch(in: text, counter: counter) != nil
            || (systemSender && BounceMarkers.delayed.firstMatch(in: text, counter: counter) != nil)
    }

    private static let mailSystemNames = ["mail delivery", "mailer-daemon", "postmaster"]

    /// Whether a sender's display name, lowercased, holds the name of a mail system ("Mail Delivery Subsystem").
    /// Most names are told apart by their bytes, with ASCII letters lowered, and are not lowercased whole: only
    /// ASCII characters lowercase to these names' letters, hyphen and space without a non-ASCII byte right after
    /// (İ gives "i" and a combining dot, which ends no name; the Kelvin sign gives "k", in none), and no other
    /// character is canonically equivalent to them, so a name without their bytes cannot hold them lowercased.
    /// A name without an encoded word is read as written, without a pass of the RFC 2047 decoder.
    static func namesMailSystem(_ sender: MailAddress?) -> Bool {
        guard let sender else { return false }
        return namesMailSystem(sender.displayNameHoldsEncodedWord ? sender.displayName : sender.writtenDisplayName)
    }

    static func namesMailSystem(_ displayName: String?) -> Bool {
        guard var name = displayName else { return false }
        let mayName = name.withUTF8 { bytes in
            mailSystemNames.contains { HTMLText.find(in: bytes, $0, from: 0, caseInsensitive: true) != nil }
        }
        guard mayName else { return false }
        let lowered = name.lowercasedText
        return mailSystemNames.contains { lowered.containsText($0) }
    }

    /// Whether a message's text reads as a delivery report (a known format's wording or a permanent-failure
    /// statement), whoever sent it.
    static func readsLikeReport(_ folds: MessageFolds, counter: StepCounter?) -> Bool {
        let text = folds.bodyHead
        return BounceFormat.identify(text, counter: counter) != nil
            || BounceMarkers.permanent.firstMatch(in: text, counter: counter) != nil
    }

    /// A provider's spam complaint that is not in ARF form: a complaint subject with the original attached.
    static func complaintEvidence(_ message: Message, folds: MessageFolds, counter: StepCounter?) -> String? {
        guard let subject = message.subject, !message.embeddedMessages.isEmpty else { return nil }
        let normalized = folds.subject
        guard BounceMarkers.complaintSubjects.firstMatch(in: normalized, counter: counter) != nil else { return nil }
        return "complaint report (subject \"\(subject.prefix(60))\") with the original attached"
    }

    /// `head` is the report text's first 3,000 bytes, folded; nil for the text body's (`folds.bodyHead`), which
    /// is folded only when its unfolded text may hold delay wording.
    static func isDelayed(_ folds: MessageFolds, head: NormalizedText? = nil, counter: StepCounter?) -> Bool {
        let subject = folds.subject
        if BounceMarkers.delayed.firstMatch(in: subject, counter: counter) != nil { return true }
        guard let head = head ?? (folds.bodyHeadMayHold(BounceMarkers.delayedWords) ? folds.bodyHead : nil),
              BounceMarkers.delayed.firstMatch(in: head, counter: counter) != nil else { return false }
        return BounceMarkers.permanent.firstMatch(in: head, counter: counter) == nil
    }
}
