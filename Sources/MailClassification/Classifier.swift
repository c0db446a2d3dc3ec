import Foundation
import MailParsing

/// Turns a parsed message into the verdict the engagement domain acts on.
///
/// Decoders run from the most to the least authoritative and the first that decides wins, so a quoted original
/// or an attached message can never outvote the report itself: RFC 3464 delivery reports, RFC 5965 complaints,
/// plain-text bounces (the `BounceFormat` table, `X-Failed-Recipients`), forwarded bounces, automatic replies,
/// read receipts and bulk mail, then replies (opt-out requests first). Mail sent to one of our List-Unsubscribe
/// mailboxes is an opt-out.
public struct Classifier: Sendable {
    /// Addresses we publish in List-Unsubscribe (mailto:); mail to them is an opt-out. Addresses whose local part
    /// says "unsubscribe" or "optout" count too.
    public var unsubscribeMailboxes: Set<String>

    public init() { self.init(unsubscribeMailboxes: []) }

    public init(unsubscribeMailboxes: Set<String>) {
        self.unsubscribeMailboxes = Set(unsubscribeMailboxes.map { $0.lowercased() })
    }

    public func classify(_ message: Message) -> Verdict {
        classify(message, counter: nil)
    }

    func classify(_ message: Message, counter: StepCounter?) -> Verdict {
        var verdict = Verdict(kind: .other, messageID: message.messageID, inReplyTo: message.inReplyTo.first,
                              references: message.references, from: message.from.first?.address,
                              subject: message.subject, date: message.date)
        // Decided in place, and returned from one place: returned from each branch, the verdict was copied into
        // the result and then destroyed (a retain and a release of every field).
        decide(message, into: &verdict, counter: counter)
        return verdict
    }

    /// `verdict` starts as `classify` makes it, with the message's own fields (read from it, not the message, once).
    private func decide(_ message: Message, into verdict: inout Verdict, counter: StepCounter?) {
        let messageID = verdict.messageID
        let inReplyTo = verdict.inReplyTo
        let references = verdict.references
        let from = message.from
        let subject = verdict.subject
        let date = verdict.date
        // The verdict as it starts; for a forwarded bounce made again only when an attached message is one (a
        // copy kept for every message would retain and release each field).
        func base() -> Verdict {
            Verdict(kind: .other, messageID: messageID, inReplyTo: inReplyTo, references: references,
                    from: from.first?.address, subject: subject, date: date)
        }
        // The subject and text start folded once for the bounce tests and, when they find nothing, the auto-reply
        // and opt-out tests. Made here unless a delivery or feedback report (which the bounce tests read without
        // them) will most likely decide. Not with `&&`: its autoclosure would copy the message.
        let folds: MessageFolds?
        if message.deliveryStatusReports.isEmpty, message.feedbackReports.isEmpty {
            folds = MessageFolds(of: message, counter: counter)
        } else {
            folds = nil
        }
        if decideBounceOrComplaint(message, folds: folds, into: &verdict, counter: counter) {
            // A gateway's own notice that names no reason ("could not be delivered") yields to the bounce it
            // attached, which does.
            if Self.namesNoReason(verdict),
               let forwarded = forwardedBounce(message, base: base, insideBounce: true, counter: counter),
               !Self.namesNoReason(forwarded) {
                verdict = forwarded
                return
            }
            return
        }
        if let forwarded = forwardedBounce(message, base: base, insideBounce: false, counter: counter) {
            verdict = forwarded
            return
        }

        let replier = (from.first ?? message.replyTo.first)?.address
        let extracted = Self.newText(of: message, counter: counter)
        let newText = extracted?.text

        if let mailbox = unsubscribeMailbox(in: message) {
            verdict.kind = .optOut
            verdict.reason = "list-unsubscribe"
            verdict.contact = replier
            verdict.replyText = newText
            verdict.evidence.append("sent to List-Unsubscribe mailbox \(mailbox)")
            return
        }

        let isReplyToUs = inReplyTo != nil || !references.isEmpty || OptOutDetector.hasReplyPrefix(subject ?? "")
        // The subject's fold, made once for the bounce, auto-reply and opt-out tests (the bounce tests have
        // nearly always folded it by now).
        var subjectFold: [UInt8]? = subject == nil ? nil : folds?.subject.bytes
        if let evidence = AutoReplySignals.notificationEvidence(message, subject: subject, isReply: isReplyToUs),
           AutoReplySignals.autoReplySubject(subject, subjectFold: &subjectFold, counter: counter) == nil {
            verdict.reason = "notification"
            verdict.contact = replier
            verdict.evidence.append(evidence)
            return
        }

        if let evidence = AutoReplySignals.autoReplyEvidence(message, subject: subject, subjectFold: &subjectFold,
                                                                   counter: counter) {
            Self.decideAutoReply(evidence, newText: newText, folded: extracted?.folded, replier: replier, date: date,
                                 into: &verdict, counter: counter)
            return
        }

        if let evidence = AutoReplySignals.readReceiptEvidence(message, subject: subject, counter: counter) {
            verdict.reason = "read receipt"
            verdict.contact = replier
            verdict.evidence.append(evidence)
            return
        }

        if !isReplyToUs, message.root.children.contains(where: Self.carriesMessage) {
            verdict.reason = "attached message"
            verdict.contact = replier
            verdict.replyText = newText
            verdict.evidence.append("a person's mail with a message attached, answering nothing of ours")
            return
        }
        if !isReplyToUs, let evidence = AutoReplySignals.bulkEvidence(message) {
            verdict.reason = "bulk"
            verdict.contact = replier
            verdict.evidence.append(evidence)
            return
        }

        verdict.contact = replier
        verdict.replyText = newText
        // Folded once for the opt-out and the automatic-note tests, when the extraction did not fold it on the way.
        let textFold = extracted?.folded ?? newText.map { NormalizedText($0, counter: counter).bytes }
        // Scanned once for the opt-out and the automatic-note vocabularies.
        let textSigns = textFold.map { fold in
            fold.withUnsafeBufferPointer { ReplyTextSigns(folded: $0, counter: counter) }
        }
        if let finding = OptOutDetector().detect(replyText: newText ?? "", folded: textFold, textSigns: textSigns,
                                                 subject: subject, subjectFold: subjectFold, counter: counter) {
            verdict.kind = .optOut
            verdict.reason = "unsubscribe"
            verdict.evidence.append("\(finding.place) asks to opt out: \"\(finding.phrase)\"")
            return
        }
        if let text = newText, !text.isEmpty {
            if let evidence = AutoReplySignals.templateEvidence(newText: text, folded: textFold, signs: textSigns,
                                                                    counter: counter) {
                Self.decideAutoReply(evidence, newText: text, folded: textFold, replier: replier, date: date,
                                     into: &verdict, counter: counter)
                return
            }
            verdict.kind = .reply
            verdict.evidence.append(isReplyToUs ? "reply (In-Reply-To / References / Re: subject) with new text"
                                                : "message from a person with new text")
        } else {
            verdict.reason = "no new text"
            verdict.evidence.append("no newly written text found")
        }
    }

    /// An automatic reply (`evidence` says why): a departure ("left company") or an absence, with its return date
    /// when the text gives one.
    private static func decideAutoReply(_ evidence: String, newText: String?, folded: [UInt8]?, replier: String?,
                                        date: Date?, into verdict: inout Verdict, counter: StepCounter?) {
        verdict.kind = .autoReply
        verdict.contact = replier
        verdict.replyText = newText
        verdict.evidence.append(evidence)
        let text = newText ?? ""
        let folded = folded ?? NormalizedText(text, counter: counter).bytes
        if let left = folded.withUnsafeBufferPointer({ AutoReplyPhrases.leftCompany.firstMatch(in: $0, counter: counter) }) {
            verdict.leftCompany = true
            verdict.reason = "left company"
            verdict.evidence.append("text says \"\(FoldedPhrase.text(left.range, in: folded))\"")
        } else {
            verdict.reason = "vacation"
            if let returnDate = ReturnDateExtractor().returnDate(in: text, folded: folded, messageDate: date,
                                                                         counter: counter) {
                verdict.returnDate = returnDate
                verdict.evidence.append("return date \(returnDate) read from the text")
            }
        }
    }

    // MARK: - Bounces and complaints

    /// The verdict on the first attached message that is itself a bounce or complaint. Inside a bounce, an
    /// attached message whose text reads as a delivery report counts even without a mail-system sender (gateways
    /// attach the next hop's report as the "original").
    private func forwardedBounce(_ message: Message, base: () -> Verdict, insideBounce: Bool, counter: StepCounter?) -> Verdict? {
        for embedded in message.embeddedMessages.prefix(4) {
            let embeddedFrom = embedded.from
            let folds = MessageFolds(of: embedded, counter: counter)
            let isReport = BounceEvidence.looksLikeBounce(embedded, folds: folds, counter: counter)
                || (insideBounce && BounceEvidence.readsLikeReport(folds, counter: counter))
            guard isReport else { continue }
            var forwarded = base()
            if decideBounceOrComplaint(embedded, folds: folds, into: &forwarded,
                                       knownBounce: insideBounce, counter: counter) {
                forwarded.evidence.insert("forwarded bounce (attached message from \(embeddedFrom.first?.address ?? "unknown"))", at: 0)
                return forwarded
            }
        }
        return nil
    }

    /// A bounce verdict whose every recipient failed for no recognised reason.
    static func namesNoReason(_ verdict: Verdict) -> Bool {
        guard verdict.kind == .softBounce else { return false }
        let unnamed = { (reason: String?) in reason == BounceReason.onhold.rawValue || reason == BounceReason.undefined.rawValue }
        return verdict.recipients.isEmpty ? unnamed(verdict.reason) : verdict.recipients.allSatisfy { unnamed($0.reason) }
    }

    /// Tries RFC 3464, ARF and the plain-text formats in that order; true when one decided.
    /// `folds` holds `message`'s folded subject and text start when the caller has read them already.
    private func decideBounceOrComplaint(_ message: Message, folds: MessageFolds? = nil,
                                         into verdict: inout Verdict, knownBounce: Bool = false,
                                         counter: StepCounter?) -> Bool {
        let from = message.from
        if !message.deliveryStatusReports.isEmpty, decideDeliveryStatus(message, into: &verdict, counter: counter) {
            return true
        }
        if let report = message.feedbackReports.first {
            let type = report.feedbackType?.lowercased() ?? "abuse"
            verdict.originalMessageID = message.embeddedMessages.first?.messageID
            if type == "auth-failure" || type == "dmarc" {
                verdict.kind = .other
                verdict.reason = "auth-failure report"
                verdict.evidence.append("ARF Feedback-Type: \(type)")
                return true
            }
            verdict.kind = .optOut
            verdict.reason = "complaint"
            verdict.contact = report.originalRcptTo.first ?? message.embeddedMessages.first?.to.first?.address
            verdict.evidence.append("ARF feedback report, Feedback-Type: \(type)")
            if let contact = verdict.contact { verdict.evidence.append("complainant \(contact)") }
            return true
        }
        if let body = message.textBody, let outcome = SESNotificationDecoder().decode(body, counter: counter) {
            switch outcome {
            case .bounce(let recipients) where !recipients.isEmpty:
                verdict.evidence.append("Amazon SES bounce notification (JSON)")
                for recipient in recipients {
                    verdict.evidence.append("\(recipient.address): \(recipient.reason)" + (recipient.status.map { " status \($0)" } ?? ""))
                }
                finishBounce(recipients, message: message, into: &verdict)
                return true
            case .complaint(let contact):
                verdict.kind = .optOut
                verdict.reason = "complaint"
                verdict.contact = contact
                verdict.evidence.append("Amazon SES complaint notification (JSON)")
                return true
            case .delivered:
                verdict.reason = "delivered"
                verdict.evidence.append("Amazon SES delivery notification (JSON)")
                return true
            case .bounce:
                break
            }
        }
        let folds = folds ?? MessageFolds(of: message, counter: counter)
        if let evidence = BounceEvidence.complaintEvidence(message, folds: folds, counter: counter) {
            verdict.kind = .optOut
            verdict.reason = "complaint"
            verdict.contact = message.embeddedMessages.first?.to.first?.address
            verdict.originalMessageID = message.embeddedMessages.first?.messageID
            verdict.evidence.append(evidence)
            return true
        }
        if let rejection = MailingListRejection.decode(message, counter: counter) {
            verdict.evidence.append("mailing list refused the post: \"\(rejection.phrase)\"")
            if let list = rejection.list {
                finishBounce([BouncedRecipient(address: list, status: nil, action: "failed", hard: false,
                                               reason: BounceReason.rejected.rawValue, diagnostic: rejection.phrase)],
                             message: message, into: &verdict)
            } else {
                verdict.kind = .softBounce
                verdict.reason = BounceReason.rejected.rawValue
            }
            return true
        }
        // Read once: the bounce test asks whether the field is there, the plain-text reading for its addresses.
        let failedRecipientsHeader = message.headers.values("X-Failed-Recipients")
        guard knownBounce || BounceEvidence.looksLikeBounce(message, folds: folds,
                                                            failedRecipientsHeader: failedRecipientsHeader,
                                                            counter: counter) else {
            return false
        }
        return decidePlainText(message, folds: folds, from: from, failedRecipientsHeader: failedRecipientsHeader,
                               into: &verdict, addresseeMayHaveFailed: knownBounce, counter: counter)
    }

    private func decideDeliveryStatus(_ message: Message, into verdict: inout Verdict, counter: StepCounter?) -> Bool {
        let reasons = BounceReasonClassifier()
        let reports = message.deliveryStatusReports
        // A single report's recipients are its own array: no copy of every recipient into a new one.
        let entries = Self.mergedEntries(reports.count == 1 ? reports[0].recipients : reports.flatMap(\.recipients))
        var failed: [BouncedRecipient] = []
        // One allocation each for the recipients and their evidence lines.
        failed.reserveCapacity(min(entries.count, 500))
        verdict.evidence.reserveCapacity(verdict.evidence.count + min(entries.count, 500) + 1)
        var delivered = 0
        // The human-readable part is read only when a report's own fields name no reason.
        var textFallbackCache: [(address: String, diagnostic: String?)]?
        func textFallback() -> [(address: String, diagnostic: String?)] {
            if let cached = textFallbackCache { return cached }
            let decoded = plainTextDiagnostics(message, addresses: entries.compactMap(\.address), counter: counter)
            textFallbackCache = decoded
            return decoded
        }
        let reportText = message.textBody.map { ReportContext($0, limit: 4_000) }
        var noticeCache: BounceReasonClassifier.Decision??
        // Read only to learn whether the notice says the mailbox is full, so an unknown user is left unsettled;
        // nil when it cannot say so.
        func noticeDecision() -> BounceReasonClassifier.Decision? {
            if let cached = noticeCache { return cached }
            let decided = reportText.flatMap { notice -> BounceReasonClassifier.Decision? in
                let folded = notice.foldedLeading(1_000, counter: counter)
                guard BounceReasonClassifier.mayReadMailboxFull(folded, counter: counter) else { return nil }
                return reasons.classify(diagnostic: notice.text.leadingBytes(1_000), status: nil, action: nil,
                                        folded: folded, settlesUnknownUser: false, counter: counter)
            }
            noticeCache = .some(decided)
            return decided
        }
        let reportOrigin = ReportOrigin(reportingMTA: message.deliveryStatusReports.first?.reportingMTA,
                                        reportHeaders: message.headers)
        for entry in entries.prefix(500) {
            guard var address = entry.address else { continue }
            if address.hasPrefix("@"), entries.count == 1, let named = mailboxNamedElsewhere(message, host: address, counter: counter) {
                // The report names only the host ("@mx.example.org"); its notice or the original names the mailbox.
                address = named
            }
            let action = entry.action?.lowercasedText.trimmingWhitespace
            let statusClass = entry.status?.trimmingWhitespace.first
            if action == "delivered" || action == "relayed" || action == "expanded" || statusClass == "2" {
                delivered += 1
                continue
            }
            let effectiveAction = action == "delayed" || (action == nil && statusClass == "4") ? "delayed" : "failed"
            var diagnostic = entry.diagnostic.flatMap { $0.isEmpty ? nil : $0 }
            let origin = reportOrigin.about(address, remoteMTA: entry.remoteMTA)
            var decision = reasons.classify(diagnostic: diagnostic, status: entry.status, action: effectiveAction,
                                            context: reportText, origin: origin, counter: counter)
            if entry.diagnosticType?.lowercasedText.hasPrefix("x-unix") == true,
               ![.mailboxfull, .suspend].contains(decision.reason) || !decision.basis.hasPrefix("diagnostic says") {
                // A local delivery program (procmail, a pipe) failed: the mailer, not the address, unless its
                // message says the mailbox is full or disabled ("Quota exceeded").
                decision = .init(reason: .mailererror, hard: false, basis: "Diagnostic-Code type \(entry.diagnosticType ?? "")")
            }
            if decision.basis.hasPrefix("status") || decision.basis == "no recognised reason",
               let fromText = textFallback().first(where: { $0.address.lowercasedText == address.lowercasedText }),
               let textDiagnostic = fromText.diagnostic {
                // The report's own fields say little; the human-readable part often names the reason.
                let combined = [diagnostic, textDiagnostic].compactMap { $0 }.joined(separator: " ")
                let textDecision = reasons.classify(diagnostic: combined, status: entry.status, action: effectiveAction,
                                                    context: nil, origin: origin, counter: counter)
                if !textDecision.basis.hasPrefix("status"), textDecision.basis != "no recognised reason" {
                    decision = textDecision
                    diagnostic = diagnostic ?? textDiagnostic
                }
            }
            if decision.hard, entries.count == 1, let notice = noticeDecision(), notice.reason == .mailboxfull {
                // The report's own notice, about its only recipient, says the mailbox is full: the address exists.
                decision = .init(reason: .mailboxfull, hard: false, basis: notice.basis + " in the notice, over " + decision.basis)
            }
            let status = entry.status ?? StatusScanner.firstStatus(in: diagnostic ?? "")
            failed.append(BouncedRecipient(address: address, status: status, action: effectiveAction, hard: decision.hard,
                                           reason: decision.reason.rawValue, diagnostic: diagnostic))
            verdict.evidence.append(String(concatenating: "RFC 3464 report: ", address, " Action: ", entry.action ?? "–",
                                           " Status: ", entry.status ?? "–", " → ", decision.reason.rawValue,
                                           " (", decision.basis, ")"))
        }
        if failed.isEmpty {
            guard delivered > 0 else { return false }
            verdict.kind = .other
            verdict.reason = "delivered"
            verdict.evidence.append("RFC 3464 report with only delivered/relayed/expanded recipients")
            return true
        }
        finishBounce(failed, message: message, into: &verdict)
        return true
    }

    /// One recipient's fields as the report gave them. A block without an address, or one that repeats the
    /// address of a block that had no action or status yet (Postfix writes Final-Recipient before
    /// Original-Recipient), continues the block before it.
    struct ReportEntry {
        var address: String?
        var action: String?
        var status: String?
        var diagnostic: String?
        var diagnosticType: String?
        var remoteMTA: String?
    }

    static func mergedEntries(_ recipients: [DeliveryStatusRecipient]) -> [ReportEntry] {
        var entries: [ReportEntry] = []
        entries.reserveCapacity(recipients.count)
        for recipient in recipients {
            // A Final-Recipient without a local part ("@mx.example.org") names no mailbox; try the original.
            let namesMailbox: (String?) -> Bool = { address in
                guard let address else { return false }
                return !address.hasPrefix("@") && address.containsText("@")
            }
            let named = namesMailbox(recipient.finalRecipient) ? recipient.finalRecipient
                : namesMailbox(recipient.originalRecipient) ? recipient.originalRecipient : nil
            let entry = ReportEntry(address: named ?? recipient.finalRecipient ?? recipient.originalRecipient,
                                    action: recipient.action, status: recipient.status,
                                    diagnostic: recipient.diagnosticCode, diagnosticType: recipient.diagnosticType,
                                    remoteMTA: recipient.remoteMTA)
            let continuesPrevious = entries.last.map { previous in
                entry.address == nil || (previous.action == nil && previous.status == nil
                                         && previous.address?.lowercasedText == entry.address?.lowercasedText)
            } ?? false
            if continuesPrevious, var previous = entries.popLast() {
                previous.action = previous.action ?? entry.action
                previous.status = previous.status ?? entry.status
                previous.diagnostic = previous.diagnostic ?? entry.diagnostic
                previous.diagnosticType = previous.diagnosticType ?? entry.diagnosticType
                previous.remoteMTA = previous.remoteMTA ?? entry.remoteMTA
                entries.append(previous)
            } else {
                entries.append(entry)
            }
        }
        return entries
    }

    /// The one failed mailbox the notice text presents, else the original's single addressee, for a report whose
    /// recipient field names only a host.
    private func mailboxNamedElsewhere(_ message: Message, host: String, counter: StepCounter?) -> String? {
        var excluded = (message.from + message.to + message.replyTo).map(\.address)
        if let original = message.embeddedMessages.first { excluded += original.from.map(\.address) }
        if let text = message.textBody, !text.isEmpty {
            let found = PlainTextBounceDecoder().diagnostics(.init(text: text, excluded: excluded), counter: counter)
            if found.count == 1, let only = found.first { return only.address }
        }
        if let to = message.embeddedMessages.first?.to, to.count == 1 { return to[0].address }
        return nil
    }

    /// The diagnostic line the human-readable part gives for each of `addresses`; their reasons are the caller's.
    private func plainTextDiagnostics(_ message: Message, addresses: [String],
                                      counter: StepCounter?) -> [(address: String, diagnostic: String?)] {
        guard let text = message.textBody, !text.isEmpty else { return [] }
        let input = PlainTextBounceDecoder.Input(text: text, excluded: [], failedRecipientsHeader: addresses)
        return PlainTextBounceDecoder().diagnostics(input, counter: counter)
    }

    /// `addresseeMayHaveFailed`: the message is a report a gateway attached as the "original", so its To may be
    /// the recipient that failed rather than the sender being told.
    private func decidePlainText(_ message: Message, folds: MessageFolds, from: [MailAddress],
                                 failedRecipientsHeader: [String], into verdict: inout Verdict,
                                 addresseeMayHaveFailed: Bool = false, counter: StepCounter?) -> Bool {
        let text = message.textBody ?? message.htmlBody.map { HTMLText.visibleText(of: $0, droppingQuotes: false, counter: counter) } ?? ""
        // Lowered here, as the decoder compares them (so it need not lower them again), and put in one list
        // without arrays in between.
        let replyTo = message.replyTo, to = addresseeMayHaveFailed ? [] : message.to
        let original = message.embeddedMessages.first?.from ?? []
        var excluded: [String] = []
        excluded.reserveCapacity(from.count + replyTo.count + to.count + original.count)
        // One list after another, not an array of them made for the loop.
        func exclude(_ list: [MailAddress]) { for address in list { excluded.append(address.address.lowercasedText) } }
        exclude(from); exclude(replyTo); exclude(to); exclude(original)
        let failedHeader = failedRecipientsHeader.flatMap(Self.failedRecipients(in:))
        // The folded start of the report serves the delay check and the format check below. A text body's is
        // the shared one, folded only as far as those checks need.
        let htmlHead = message.textBody != nil ? nil : NormalizedText(text.leadingBytes(3_000), counter: counter)
        let delayed = BounceEvidence.isDelayed(folds, head: htmlHead, counter: counter)
        var input = PlainTextBounceDecoder.Input(text: text, excluded: excluded, failedRecipientsHeader: failedHeader,
                                                 delayed: delayed,
                                                 origin: ReportOrigin(reportHeaders: message.headers))
        // A text body no longer than its folded start is folded whole there.
        if message.textBody != nil, text.utf8.count <= MessageFolds.bodyHeadLength { input.foldedText = { folds.bodyHead } }
        var recipients = PlainTextBounceDecoder().decode(input, counter: counter)
        if recipients.isEmpty, let originalTo = message.embeddedMessages.first?.to.first?.address
            ?? PlainTextBounceDecoder.quotedOriginalAddressee(text, excluded: excluded, counter: counter) {
            // No address in the report text: the original's addressee (attached, or summarised below the
            // report as "To: …") is the one that failed.
            input.failedRecipientsHeader = [originalTo]
            recipients = PlainTextBounceDecoder().decode(input, counter: counter)
        }
        if recipients.isEmpty {
            // Clearly a bounce, but the failed address is not in the text: keep the verdict, say so.
            let decision = BounceReasonClassifier().classify(diagnostic: text.leadingBytes(8_000),
                                                             status: StatusScanner.firstStatus(in: text),
                                                             action: delayed ? "delayed" : "failed", counter: counter)
            verdict.kind = decision.hard ? .hardBounce : .softBounce
            verdict.reason = decision.reason.rawValue
            verdict.originalMessageID = message.embeddedMessages.first?.messageID
            verdict.evidence.append("bounce without a recognisable failed address: \(decision.reason.rawValue) (\(decision.basis))")
            return true
        }
        let senderAndSubject = NormalizedText(joiningFoldsOf: from.first?.address ?? "", message.subject ?? "",
                                              counter: counter)
        let format: BounceFormat?
        if let htmlHead {
            format = BounceFormat.identify(NormalizedText(joining: senderAndSubject, htmlHead), counter: counter)
        } else {
            format = BounceFormat.identify(after: senderAndSubject, bodyOf: folds)
        }
        // The format line and one line per recipient, in one allocation.
        verdict.evidence.reserveCapacity(verdict.evidence.count + 1 + recipients.count)
        verdict.evidence.append(String(concatenating: "plain-text bounce", format == nil ? "" : " (", format?.name ?? "",
                                       format == nil ? "" : " format)",
                                       failedHeader.isEmpty ? "" : ", X-Failed-Recipients: ",
                                       failedHeader.joined(separator: ", ")))
        for recipient in recipients {
            let status = recipient.status, diagnostic = recipient.diagnostic
            verdict.evidence.append(String(concatenating: recipient.address, ": ", recipient.reason,
                                           status == nil ? "" : " status ", status ?? "",
                                           diagnostic == nil ? "" : " — \"", diagnostic.map { String($0.leadingCharacters(160)) } ?? "",
                                           diagnostic == nil ? "" : "\""))
        }
        finishBounce(recipients, message: message, into: &verdict)
        return true
    }

    /// The addresses of an `X-Failed-Recipients` value: its pieces between commas and spaces that hold "@". ASCII
    /// is split by bytes, where (CR LF aside, which is neither separator) each byte is a character of its own.
    static func failedRecipients(in value: String) -> [String] {
        let pieces: [String]? = value.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return bytes.split(whereSeparator: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: " ") })
                .map { String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self) }
        } ?? nil
        let split = pieces ?? value.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        return split.filter { $0.containsText("@") }
    }

    private func finishBounce(_ recipients: [BouncedRecipient], message: Message, into verdict: inout Verdict) {
        verdict.recipients = recipients
        // The first hard recipient, else the first: read in place (a copy of one would retain each of its fields).
        let hard = recipients.firstIndex { $0.hard }
        verdict.kind = hard != nil ? .hardBounce : .softBounce
        if let deciding = hard ?? recipients.indices.first {
            verdict.reason = recipients[deciding].reason
            verdict.contact = recipients[deciding].address
        } else {
            verdict.reason = nil
            verdict.contact = nil
        }
        verdict.originalMessageID = message.embeddedMessages.first?.messageID
    }

    /// Whether the part is an attached message. A pattern, not `!= nil`: Message is Equatable, so that would
    /// compare whole messages.
    private static func carriesMessage(_ part: MessagePart) -> Bool {
        if case .some = part.embeddedMessage { return true }
        return false
    }

    // MARK: - Replies

    static func newText(of message: Message, counter: StepCounter?) -> ReplyTextExtractor.Extract? {
        let extractor = ReplyTextExtractor()
        if let text = message.textBody, !text.consists(only: .whitespacesAndNewlines) {
            return extractor.extract(fromPlainText: text, counter: counter)
        }
        if let html = message.htmlBody {
            return extractor.extract(fromHTML: html, counter: counter)
        }
        return nil
    }

    private static let deliveredToPadding = TrimmedCharacters(CharacterSet(charactersIn: " <>"))

    private func unsubscribeMailbox(in message: Message) -> String? {
        // With no mailbox configured only a local part starting "opt…", "unsubscribe" or "list-unsubscribe" can
        // match; when no recipient field could hold one, its address lists need not be parsed at all.
        if unsubscribeMailboxes.isEmpty, !mayNameOptOutMailbox(message.headers) { return nil }
        let delivered = message.headers.values("Delivered-To") + message.headers.values("X-Original-To")
        let recipients = message.to + message.cc
        let addresses = recipients.map { $0.address.lowercased() } + delivered.map { $0.lowercased().trimming(Self.deliveredToPadding) }
        for address in addresses {
            if unsubscribeMailboxes.contains(address) { return address }
            let local = address.localPart.map(String.init) ?? ""
            if ["unsubscribe", "optout", "opt-out", "opt_out", "list-unsubscribe"].contains(where: local.hasPrefix) {
                return address
            }
        }
        return nil
    }

    /// Whether a To or Cc field (as parsed: its raw value) or a Delivered-To or X-Original-To field (as read: its
    /// decoded value) could name an opt-out mailbox. Fields are looked up by name: a parsed message builds its full
    /// field list only when asked for it.
    private func mayNameOptOutMailbox(_ headers: HeaderSection) -> Bool {
        // The four are read in one pass, each value in place when it is one plain line.
        var mayName = false
        headers.forEachField(named: Self.recipientFieldNames) { name, field in
            mayName = name < 2 ? headers.withRawValueUTF8(at: field, Self.mayHoldOptOutLocalPart)
                : headers.withValueUTF8(at: field, Self.mayHoldOptOutLocalPart)
            return !mayName
        }
        return mayName
    }

    /// To and Cc (read raw, as address lists are parsed), then Delivered-To and X-Original-To (read decoded).
    private static let recipientFieldNames = HeaderFieldNames(["To", "Cc", "Delivered-To", "X-Original-To"])

    /// Whether an address parsed from `field` could have a local part starting "opt" or "unsubscribe" (ignoring
    /// ASCII case). Parsing takes a local part's characters from the field in order, dropping only spacing,
    /// quotes, backslashes and comments; lowercasing maps no other character onto these letters. So when, with
    /// those dropped, neither word occurs, no address can; a comment makes the answer "could".
    static func mayHoldOptOutLocalPart(_ field: String) -> Bool {
        if let found = field.utf8.withContiguousStorageIfAvailable(mayHoldOptOutLocalPart) { return found }
        return Array(field.utf8).withUnsafeBufferPointer(mayHoldOptOutLocalPart)
    }

    private static func mayHoldOptOutLocalPart(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        // Only at a letter that ends one of the words ("t", "e", in either case: the only bytes that give them with
        // bit 0x20 set) are the letters kept before it read, backwards, and compared with the word's.
        // The words are read once: a static read inside the loop would be guarded by its one-time initialisation.
        let opt = Self.optLetters, unsubscribe = Self.unsubscribeLetters
        for index in 0..<field.count {
            let byte = field[index]
            if byte == UInt8(ascii: "(") { return true }
            let lowered = byte | 0x20
            if lowered == UInt8(ascii: "t"), keptLetters(of: field, endingAt: index, are: opt) { return true }
            if lowered == UInt8(ascii: "e"), keptLetters(of: field, endingAt: index, are: unsubscribe) { return true }
        }
        return false
    }

    /// Whether the letters parsing keeps from `field` (spacing, quotes and backslashes dropped), up to and
    /// including the one at `end`, end with `word`, ASCII case ignored. A look back reads at most as many kept
    /// letters as the word has, so the looks back at a field's letters read each byte a bounded number of times.
    private static func keptLetters(of field: UnsafeBufferPointer<UInt8>, endingAt end: Int, are word: [UInt8]) -> Bool {
        var position = end
        var letter = word.count
        while letter > 0 {
            guard position >= 0 else { return false }
            let byte = field[position]
            position -= 1
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "\""), UInt8(ascii: "\\"): continue
            default:
                letter -= 1
                guard byte.lowercasedASCII == word[letter] else { return false }
            }
        }
        return true
    }

    private static let optLetters = Array("opt".utf8)
    private static let unsubscribeLetters = Array("unsubscribe".utf8)
}
