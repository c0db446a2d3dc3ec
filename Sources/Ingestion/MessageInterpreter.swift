import Engagement
import Foundation
import MailClassification
import MailParsing

/// What one inbound message means for the store: the events to apply, or why no contact could be found for it.
public struct MessageInterpretation: Sendable {
    public var kind: VerdictKind
    public var events: [EngagementEvent]
    /// Set when the verdict is about someone (reply, bounce, opt-out, auto-reply) but no contact matched.
    public var unmatched: UnmatchedReport?
}

/// A message the worker could not attach to any contact; kept so a person can look at it.
public struct UnmatchedReport: Sendable, Equatable {
    public var source: String
    public var key: String
    public var kind: VerdictKind
    public var messageID: String?
    public var from: String?
    public var subject: String?
    public var date: Date?
    /// The Message-IDs and addresses that were tried.
    public var attempts: MatchAttempts
    public var evidence: [String]

    /// The addresses and Message-IDs (`<id>`) that were tried, sorted, each once.
    public var tried: [String] { attempts.tried }

    /// Why no contact was found, as the unmatched record shows it: what was tried, and the verdict's first evidence.
    public var reason: String { attempts.reason(evidence: evidence.first) }
}

/// Turns a verdict into engagement events for the right contacts.
///
/// Matching order: the Message-IDs the message answers (In-Reply-To, References, a bounce's or complaint's embedded
/// original) against outbound sequence emails the store knows — so a reply from an assistant or an alias still reaches
/// the contact we wrote to — then the addresses the verdict names: the replier (From / Reply-To), each failed
/// recipient of a bounce, the complainant of a spam report.
public struct MessageInterpreter: Sendable {
    public init() {}

    public func interpret(_ verdict: Verdict, message: Message, origin: MessageOrigin, receivedAt: Date,
                          directory: some ContactDirectory) -> MessageInterpretation {
        interpret(verdict, facts: MessageFacts(message, verdict: verdict), origin: origin, receivedAt: receivedAt, directory: directory)
    }

    /// The verdict and facts are borrowed, not copied (a retain and a release of each of their fields) to be passed.
    public func interpret(_ verdict: borrowing Verdict, facts: borrowing MessageFacts, origin: MessageOrigin,
                          receivedAt: Date, directory: some ContactDirectory) -> MessageInterpretation {
        var result = MessageInterpretation(kind: verdict.kind, events: [], unmatched: nil)
        guard verdict.kind != .other else { return result }
        // The message's own date, unless it claims to come from the future (a wrong clock, a forged header).
        let claimed = verdict.date ?? facts.date ?? receivedAt
        let at = claimed > receivedAt.addingTimeInterval(86_400) ? receivedAt : claimed
        let thread = threadMatch(verdict, directory: directory)
        // The keys' common start, `message-id <ID>` or the origin's fallback, kept in pieces: each key is then built
        // with one allocation instead of two.
        let keyStart = verdict.messageID.flatMap { $0.isEmpty ? nil : ("message-id <", $0, ">") }
            ?? (origin.fallbackKey, "", "")
        let source = origin.source
        // Addresses tried, for the report of a message no contact matches: a bounce's recipients, or up to the three
        // sources of a person's address (the verdict's contact, Reply-To, From) and the verdict's From.
        var tried: [String] = []
        tried.reserveCapacity(max(verdict.recipients.count, 4))

        let verdictEvidence = verdict.evidence
        func event(_ contact: String, _ kind: EngagementEventKind, _ matchedBy: String) -> EngagementEvent {
            var evidence: [String] = []
            evidence.reserveCapacity(verdictEvidence.count + 1)
            evidence += verdictEvidence
            evidence.append(matchedBy)
            return EngagementEvent(contact: contact, kind: kind, at: at,
                                   idempotencyKey: String(concatenating: keyStart.0, keyStart.1, keyStart.2, " ",
                                                                          contact, " ", kind.name),
                                   source: source, evidence: evidence)
        }

        switch verdict.kind {
        case .hardBounce, .softBounce:
            var unknown: [BouncedRecipient] = []
            for recipient in verdict.recipients {
                let address = EmailAddress.normalize(recipient.address)
                tried.append(address)
                guard directory.isContact(address) else { unknown.append(recipient); continue }
                if result.events.contains(where: { $0.contact == address }) { continue }
                result.events.append(event(address, bounceKind(recipient, verdict: verdict),
                                           String(concatenating: "matched by failed recipient ", address)))
            }
            // The failed address is not a contact (a forwarding alias, a rewritten address) but the bounce carries the
            // email we sent: the bounce is about the contact that email went to.
            if let contact = thread.contact, !result.events.contains(where: { $0.contact == contact }),
               !unknown.isEmpty || verdict.recipients.isEmpty {
                let representative = unknown.first(where: \.hard) ?? unknown.first
                let kind = representative.map { bounceKind($0, verdict: verdict) }
                    ?? (verdict.kind == .hardBounce ? .hardBounce(status: nil, diagnostic: nil)
                        : .softBounce(status: nil, diagnostic: nil))
                result.events.append(event(contact, kind, thread.evidence))
            }
        case .reply, .autoReply, .optOut:
            var matched: (contact: String, evidence: String)?
            if let contact = thread.contact {
                matched = (contact, thread.evidence)
            } else {
                matched = firstContact(verdict, facts: facts, directory: directory, tried: &tried)
            }
            if let matched {
                result.events.append(event(matched.contact, personKind(verdict, facts: facts), matched.evidence))
            }
        case .other:
            break
        }
        if result.events.isEmpty {
            result.unmatched = UnmatchedReport(
                source: source, key: String(concatenating: keyStart.0, keyStart.1, keyStart.2, " unmatched"),
                kind: verdict.kind,
                messageID: verdict.messageID, from: verdict.from ?? facts.from.first?.address,
                subject: verdict.subject ?? facts.subject, date: verdict.date ?? facts.date,
                attempts: MatchAttempts(answering: verdict, addresses: tried), evidence: verdict.evidence)
        }
        return result
    }

    private func bounceKind(_ recipient: BouncedRecipient, verdict: Verdict) -> EngagementEventKind {
        let status = recipient.status
        let diagnostic = recipient.diagnostic ?? (recipient.reason.isEmpty ? nil : recipient.reason)
        return recipient.hard ? .hardBounce(status: status, diagnostic: diagnostic)
            : .softBounce(status: status, diagnostic: diagnostic)
    }

    private func personKind(_ verdict: Verdict, facts: MessageFacts) -> EngagementEventKind {
        switch verdict.kind {
        case .autoReply: return .autoReply(returnDate: verdict.returnDate, leftCompany: verdict.leftCompany)
        case .optOut: return .optOut(via: optOutChannel(verdict, facts: facts))
        default: return .replyDetected(messageID: verdict.messageID)
        }
    }

    private func optOutChannel(_ verdict: Verdict, facts: MessageFacts) -> OptOutChannel {
        if facts.isFeedbackReport { return .spamComplaint }
        let reason = verdict.reason ?? ""
        // The reason is one of the classifier's ASCII phrases: read in place, without a lower-cased copy to search.
        if let mentions = ASCIIPhrase.mentions(reason, "complaint", "abuse", exactly: "list-unsubscribe") {
            if mentions.either { return .spamComplaint }
            // Mail sent to the List-Unsubscribe mailbox of our own emails is the mail form of the opt-out link.
            return mentions.exact ? .link : .dncReply
        }
        let lowered = reason.lowercased()
        if lowered.contains("complaint") || lowered.contains("abuse") { return .spamComplaint }
        if lowered == "list-unsubscribe" { return .link }
        return .dncReply
    }

    /// The first address a person-written message is from that is a contact, trying them in the order they identify
    /// the contact: the verdict's contact, Reply-To, From. Later lists are parsed only when the earlier fail.
    /// `tried` (empty on entry) gets each address once.
    private func firstContact(_ verdict: Verdict, facts: MessageFacts, directory: some ContactDirectory,
                              tried: inout [String]) -> (contact: String, evidence: String)? {
        func attempt(_ label: String, _ raw: String?) -> (contact: String, evidence: String)? {
            guard let raw else { return nil }
            let address = EmailAddress.normalize(raw)
            guard !address.isEmpty, !tried.contains(address) else { return nil }
            tried.append(address)
            guard directory.isContact(address) else { return nil }
            return (address, String(concatenating: "matched by ", label, " ", address))
        }
        if let found = attempt(verdict.kind == .optOut && facts.isFeedbackReport ? "complainant" : "sender",
                               verdict.contact) { return found }
        for address in facts.replyTo { if let found = attempt("Reply-To", address.address) { return found } }
        for address in facts.from { if let found = attempt("From", address.address) { return found } }
        return attempt("From", verdict.from)
    }

    /// The contact of the outbound email this message answers or carries, if the store knows it.
    private func threadMatch(_ verdict: Verdict, directory: some ContactDirectory) -> (contact: String?, evidence: String) {
        func match(_ label: String, _ id: String?) -> (contact: String?, evidence: String)? {
            guard let id, !id.isEmpty, let contact = directory.contactForOutboundMessage(id) else { return nil }
            return (EmailAddress.normalize(contact),
                    String(concatenating: "matched by ", label, " <", id, "> of an outbound email"))
        }
        if let found = match("embedded original Message-ID", verdict.originalMessageID) { return found }
        if let found = match("In-Reply-To", verdict.inReplyTo) { return found }
        // The newest reference is last; an answer to step 3 should match step 3's contact first.
        for reference in verdict.references.reversed() {
            if let found = match("References", reference) { return found }
        }
        return (nil, "")
    }
}
