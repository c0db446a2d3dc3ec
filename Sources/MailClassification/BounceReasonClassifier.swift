import Foundation
import MailParsing

/// Decides why one recipient bounced, from the server's diagnostic text and the RFC 3463 status code.
///
/// The text wins over the status class, because providers misuse codes (5.1.1 for rate limits, 5.x.x for IP
/// blocks): "4.1.1 user unknown" is hard, "5.2.2 mailbox full" and 5.7.1 spam blocks are soft. The status decides
/// only when the text names no reason.
public struct BounceReasonClassifier: Sendable {
    public struct Decision: Sendable, Equatable {
        public let reason: BounceReason
        public let hard: Bool
        /// The phrase or status that decided, for evidence.
        public let basis: String
    }

    public init() {}

    /// When several reasons' phrases appear, the earlier in this list wins.
    static let precedence: [BounceReason] = [
        .mailboxfull, .mesgtoobig, .exceedlimit, .suspend, .requireptr, .notaccept, .hasmoved, .norelaying, .userunknown,
        .hostunknown, .virusdetected, .badreputation, .spamdetected, .rejected, .authfailure, .policyviolation,
        .securityerror, .toomanyconn, .blocked, .filtered, .systemfull, .contenterror, .syntaxerror, .mailererror,
        .systemerror, .networkerror, .expired, .onhold, .vacation,
    ]

    /// Where `BounceReasonPhrases.weakExpiryWords` rank: after every other reason's phrases but "on hold".
    static let weakRank = precedence.firstIndex(of: .onhold) ?? precedence.count
    static let weakExpiryWords = BounceReasonPhrases.weakExpiryWords.map(NormalizedText.phrase)
    static let connectionFailures = BounceReasonPhrases.connectionFailures.map(NormalizedText.phrase)

    /// Whether `matched` (a match's bytes with their bounding spaces) is one of `phrases`: a short list, compared
    /// by length first, needs no hashing.
    static func isOne(of phrases: [[UInt8]], _ matched: ArraySlice<UInt8>) -> Bool {
        phrases.contains { $0.count == matched.count && $0.elementsEqual(matched) }
    }

    /// Phrases so specific that they override any other phrase in the same text.
    static let overrides: [String: BounceReason] = [
        "recipient address rejected access denied": .policyviolation,
        "relay access denied": .norelaying,
        "banned sending ip": .blocked,
        "resolver adr recipientnotfound": .userunknown,
        "mailbox not found or full": .mailboxfull,
        "host not found try again": .networkerror,
    ]

    /// `overrides` as folded phrases with their bounding spaces, the form of a match's bytes.
    private static let foldedOverrides: [(phrase: [UInt8], reason: BounceReason)] =
        overrides.map { (NormalizedText.phrase($0.key), $0.value) }

    /// The override reason of a matched phrase (its bytes with their bounding spaces).
    private static func override(_ matched: ArraySlice<UInt8>) -> BounceReason? {
        for entry in foldedOverrides where entry.phrase.count == matched.count && entry.phrase.elementsEqual(matched) {
            return entry.reason
        }
        return nil
    }

    /// Wordings only ever used for an address that does not exist, whatever the SMTP stage.
    static let definitiveUnknownPhrases: Set<String> = [
        "resolver adr recipientnotfound", "recipientnotfound", "not listed in domino directory",
        "the recipient name is not recognized", "unknown recipient", "invalid final delivery userid",
        "this user doesn't have a yahoo com account", "this user doesn't have a ymail com account",
        "this user doesn't have a rocketmail com account",
        "not listed in public name address book",
    ]

    /// Refusals of the recipient that name no reason; they count as an unknown user only when nothing else is said.
    /// Each holds "rejected": text without it is not scanned for them.
    static let weakUnknownPhrases = PhraseTable<Void>(
        ["recipient address rejected", "recipient rejected", "address rejected"].map { ($0, ()) })

    static let recipientPhaseMarkers = PhraseTable<Void>(
        ["rcpt to", "rcpt", "rcpt_to", "after rcpt", "in reply to rcpt to command", "recipient address rejected",
         // Gmail / Google Workspace say this only of a recipient the next hop refused as unknown.
         "because the address couldn't be found"]
            .map { ($0, ()) })

    static let temporaryWords = PhraseTable<Void>(
        ["temporarily", "temporary", "try again later", "try later", "please retry", "vorubergehend"].map { ($0, ()) })

    /// Words one of which every `recipientPhaseMarkers` phrase holds. "address" is in nearly every report, so it
    /// would let almost every context through to be folded.
    static let recipientStageWords = PhraseAnchors(recipientPhaseMarkers.phrases, common: ["address"])

    /// Words one of which every `dataPhaseMarkers` phrase holds. Looked for apart from the recipient stage's, so a
    /// context that may name only the recipient stage is folded only if a reading gets that far.
    static let dataStageWords = PhraseAnchors(dataPhaseMarkers.phrases)

    static let dataPhaseMarkers = PhraseTable<Void>(
        ["in reply to end of data", "after end of data", "in reply to data command", "after data", "end of data command"]
            .map { ($0, ()) })

    /// False when `classify` of the text folded as `folded`, with no status field, context or origin, cannot
    /// decide mailboxfull: a phrase decides then, and only a mailbox-full phrase (or an override to it, which is one
    /// too) decides that (no later step turns another reason into it); with no phrase at all, a status the text
    /// quotes may. One scan that stops at the first mailbox-full phrase, instead of a whole reading.
    static func mayReadMailboxFull(_ folded: NormalizedText, counter: StepCounter?) -> Bool {
        var namesAReason = false
        let namesMailboxFull = BounceReasonPhrases.table.containsMatch(in: folded, counter: counter) { match in
            namesAReason = true
            return match.value == .mailboxfull
        }
        return namesMailboxFull || !namesAReason
    }

    public func classify(diagnostic: String?, status: String?, action: String? = nil) -> Decision {
        classify(diagnostic: diagnostic, status: status, action: action, context: nil, counter: nil)
    }

    /// `context` is more of the report (the human-readable part about this recipient); it is used only to tell
    /// at which SMTP stage the server refused. `folded` is `diagnostic` folded, and `statuses` its status codes,
    /// when the caller has them already. `settlesUnknownUser` false is for a caller that asks only whether the
    /// text names another reason: an unknown-user decision is then left unsettled (the SMTP stage, which can turn
    /// it only into filtered or rejected, is not looked for) and keeps reason userunknown. `explains` false is for
    /// a caller that reads only the reason and whether it is hard: a reading that could change only the basis (the
    /// SMTP stage of an unknown user whose status or wording settles it anyway) is then skipped.
    func classify(diagnostic: String?, status: String?, action: String?, context: ReportContext? = nil,
                  origin: ReportOrigin = .unknown, folded: NormalizedText? = nil,
                  statuses: StatusScanner.Reading? = nil, settlesUnknownUser: Bool = true, explains: Bool = true,
                  counter: StepCounter?) -> Decision {
        let statusCode = Self.effectiveStatus(field: status.flatMap(StatusCode.init)) {
            if let statuses { return statuses.quoted }
            return diagnostic.flatMap { StatusScanner.preferredStatus(in: $0.leadingBytes(2_000)) }
        }
        let text = folded ?? NormalizedText(diagnostic ?? "", counter: counter)
        // Only ASCII letters lowercase to these (İ and the Kelvin sign give "i" and "k", which it lacks), so its
        // bytes are compared with ASCII case ignored: no lowercased copy is made.
        let delayedAction = action.map { $0.utf8.count == 7 && $0.utf8.lazy.map(\.lowercasedASCII).elementsEqual("delayed".utf8) } ?? false
        let matches = Self.outermost(BounceReasonPhrases.table.matches(in: text, counter: counter), counter: counter)
        // Matches are compared by their byte ranges; only the deciding phrase becomes a string.
        var best: (reason: BounceReason, range: Range<Int>, rank: Int)?
        var saysExpired = false
        for match in matches {
            if let override = Self.override(text.bytes[match.range]) { best = (override, match.range, -1); break }
            var rank = Self.precedence.firstIndex(of: match.value) ?? Self.precedence.count
            if match.value == .expired {
                saysExpired = true
                if Self.isOne(of: Self.weakExpiryWords, text.bytes[match.range]) { rank = Self.weakRank }
            }
            // Of two phrases for the same reason the longer one is the more specific.
            if best == nil || rank < best!.rank || (rank == best!.rank && match.range.count > best!.range.count) {
                best = (match.value, match.range, rank)
            }
        }
        if best == nil, statusCode.map({ $0.subject == 0 || $0.subject == 1 }) ?? true,
           text.holds("rejected"), let weak = Self.weakUnknownPhrases.firstMatch(in: text, counter: counter) {
            // Only when nothing more specific is said: "Recipient address rejected." alone.
            best = (.userunknown, weak.range, 0)
        }
        var reason: BounceReason
        var basis: String
        if let best {
            let phrase = text.phraseText(best.range)
            reason = best.reason
            basis = String(concatenating: "diagnostic says \"", phrase, "\"")
            if reason == .policyviolation, phrase == "recipient address rejected access denied",
               ProviderReadings.isDirectoryEdgeBlock(status: statusCode, origin: origin) {
                reason = .userunknown
                basis += " from Exchange Online with status 5.4.1: directory-based edge blocking found no such recipient"
            } else if reason == .userunknown, settlesUnknownUser {
                (reason, basis) = settleUnknownUser(phrase: phrase, basis: basis, statusCode: statusCode,
                                                    diagnostic: diagnostic ?? "", text: text, context: context,
                                                    origin: origin, explains: explains, counter: counter)
            }
        } else if case .unknownRecipient(let provider)? = ProviderReadings.unnamedRefusal(diagnostic: diagnostic ?? "", origin: origin) {
            reason = .userunknown
            basis = "\(provider) refuses this way only a recipient it does not know"
        } else if ReportOrigin.host(origin.recipientDomain, isIn: "googlegroups.com") {
            // Google Groups returns a post when the group does not exist or the sender may not post to it, in the
            // sender's language and with no code: either way the group refused the post, not a mailbox.
            reason = .rejected
            basis = "Google Groups refused the post"
        } else if let statusCode, let statusReason = statusCode.reason {
            reason = statusReason
            basis = "status \(statusCode.text)"
        } else if delayedAction {
            reason = .expired
            basis = "action delayed"
        } else {
            reason = diagnostic == nil ? .undefined : .onhold
            basis = "no recognised reason"
        }
        // Failing to reach the server, until the sender gave up, is how delivery expires.
        if reason == .networkerror, let best, Self.isOne(of: Self.connectionFailures, text.bytes[best.range]),
           saysExpired || delayedAction
            || statusCode.map({ $0.subject == 4 && [1, 7].contains($0.detail) }) ?? false {
            reason = .expired
            basis += " until delivery " + (delayedAction ? "was delayed" : "expired")
        }
        if let statusCode { Self.refine(&reason, basis: &basis, by: statusCode) }
        // A temporary (4.x.x) DNS failure says nothing final about the domain.
        if reason == .hostunknown, statusCode?.klass == 4
            || Self.temporaryWords.firstMatch(in: text, counter: counter) != nil {
            reason = .networkerror
            basis += ", temporary (status \(statusCode?.text ?? "–") or \"try again\")"
        }
        var hard = reason.isHardByNature
        if reason == .notaccept, statusCode?.klass == 4
            || Self.temporaryWords.firstMatch(in: text, counter: counter) != nil { hard = false }
        // A delay notice is only ever a soft outcome: the server is still trying.
        if delayedAction { hard = false }
        return Decision(reason: reason, hard: hard, basis: basis)
    }

    /// Status codes more precise than the words they come with: RFC 7372's authentication codes, X.2.3's mailbox
    /// limit, X.1.6 / X.1.2 beside unknown-user words, and X.1.7 / X.1.8, which are about the sender.
    static func refine(_ reason: inout BounceReason, basis: inout String, by statusCode: StatusCode) {
        // RFC 7372's authentication codes (X.7.23–X.7.27) are precise where the words that come with them ("spam",
        // "blocked", "policy") are not.
        if statusCode.subject == 7, (23...27).contains(statusCode.detail),
           let statusReason = statusCode.reason, reason != statusReason, !reason.isHardByNature {
            basis = "status \(statusCode.text) over " + basis
            reason = statusReason
        }
        // X.2.3 is a size over an administrative limit set for this mailbox (RFC 3463); X.3.4 is a message too
        // big for the whole system.
        if reason == .mesgtoobig, statusCode.subject == 2, statusCode.detail == 3 {
            reason = .exceedlimit
            basis += ", over the mailbox's own limit (status \(statusCode.text))"
        }
        // X.1.6 and X.1.2 say more than the unknown-user words that come with them: the mailbox has moved, or the
        // domain is the bad part. Both stay hard.
        if reason == .userunknown, statusCode.subject == 1, [2, 6].contains(statusCode.detail) {
            reason = statusCode.detail == 6 ? .hasmoved : .hostunknown
            basis += ", and status \(statusCode.text) says "
                + (statusCode.detail == 6 ? "the mailbox has moved" : "the destination domain is bad")
        }
        // X.1.7 / X.1.8: the sender's address or domain was refused, not the recipient's.
        if reason.isHardByNature, statusCode.subject == 1, [7, 8].contains(statusCode.detail) {
            reason = .rejected
            basis += ", but status \(statusCode.text) is about the sender"
        }
    }

    /// The matches that do not lie inside a longer match: "connection timed out" is about a delivery that expired,
    /// whatever "timed out" alone would suggest. Matches come ordered by where they end and are at most
    /// `longestPhrase` bytes long, so only the few neighbours that end within that distance can contain one: linear.
    static func outermost(_ matches: [PhraseTable<BounceReason>.Match], counter: StepCounter?)
        -> [PhraseTable<BounceReason>.Match] {
        guard matches.count > 1 else { return matches }
        let reach = BounceReasonPhrases.table.longestPhrase
        func contains(_ outer: Range<Int>, _ inner: Range<Int>) -> Bool {
            outer.count > inner.count && outer.lowerBound <= inner.lowerBound && inner.upperBound <= outer.upperBound
        }
        // Most texts hold no nested matches: the given array is returned then, and a new one is made only from
        // the first match found inside another.
        var kept: [PhraseTable<BounceReason>.Match]?
        for (index, match) in matches.enumerated() {
            var inside = false
            var before = index - 1
            while !inside, before >= 0, matches[before].range.upperBound == match.range.upperBound {
                inside = contains(matches[before].range, match.range)
                before -= 1
            }
            var after = index + 1
            while !inside, after < matches.count, matches[after].range.upperBound - match.range.upperBound < reach {
                inside = contains(matches[after].range, match.range)
                after += 1
            }
            counter?.add(after - before)
            if inside, kept == nil {
                kept = Array(matches[..<index])
            } else if !inside {
                kept?.append(match)
            }
        }
        return kept ?? matches
    }

    /// The status field, unless it is missing or generic (X.0.0) and the diagnostic quotes a more specific code.
    /// `quotedInDiagnostic` gives the code the diagnostic quotes (`StatusScanner.Reading.quoted`); it is read only
    /// when the field does not settle it.
    static func effectiveStatus(field: StatusCode?, quotedInDiagnostic: () -> String?) -> StatusCode? {
        if let field, field.subject != 0 || field.detail != 0 { return field }
        guard let quoted = quotedInDiagnostic().flatMap(StatusCode.init), quoted.subject != 0 || quoted.detail != 0 else {
            return field
        }
        if let field, field.klass != quoted.klass { return field }
        return quoted
    }

    /// A recipient-stage marker that is not the "RCPT TO" line of an envelope summary.
    static func namesRecipientStage(_ text: NormalizedText, counter: StepCounter?) -> Bool {
        // Every marker holds "rcpt", "recipient" or "couldn": text with none of them is not scanned.
        guard text.holds("rcpt") || text.holds("recipient") || text.holds("couldn") else { return false }
        return recipientPhaseMarkers.containsMatch(in: text, counter: counter) { match in
            !EnvelopeSummary.lists(text, rcptAt: match.range.lowerBound, counter: counter)
        }
    }

    /// Statuses that, beside unknown-user wording with no sign of the SMTP stage, say the mailbox does not exist:
    /// X.1.x (but X.1.7 / X.1.8, about the sender) and X.2.1.
    private static func namesUnknownMailbox(_ statusCode: StatusCode) -> Bool {
        statusCode.subject == 1 ? statusCode.detail != 7 && statusCode.detail != 8 : statusCode.subject == 2 && statusCode.detail == 1
    }

    private func settleUnknownUser(phrase: String, basis: String, statusCode: StatusCode?, diagnostic: String,
                                   text: NormalizedText, context: ReportContext?, origin: ReportOrigin,
                                   explains: Bool, counter: StepCounter?) -> (BounceReason, String) {
        // The context is folded only when a marker of the stage asked about may be in it.
        func contextText(mayHold anchors: PhraseAnchors) -> NormalizedText? {
            context.flatMap { context in
                context.mayHold(anchors, counter: counter) ? context.folded(counter: counter) : nil
            }
        }
        // A transcript's RCPT right before the refusal is certain. Its DATA is not: with PIPELINING the RCPT
        // replies arrive after DATA is sent.
        let transcript = context?.excludesTranscript == true ? .none : SMTPTranscript.read(diagnostic)
        if (transcript.refusedCommand ?? context?.transcript.refusedCommand) == "RCPT" {
            return (.userunknown, String(concatenating: basis, " at RCPT TO (session transcript)"))
        }
        // Unknown-user words under an X.7.x status are filtered whether or not a DATA marker says so: a reader of
        // the reason alone needs none looked for (nor the context folded to look).
        if !explains, let statusCode, statusCode.subject == 7 { return (.filtered, basis) }
        // Every data-stage marker holds "data": text without it is not scanned for them.
        if text.holds("data") && Self.dataPhaseMarkers.firstMatch(in: text, counter: counter) != nil
            || contextText(mayHold: Self.dataStageWords).map({ Self.dataPhaseMarkers.firstMatch(in: $0, counter: counter) != nil }) ?? false {
            return (.filtered, String(concatenating: basis, " after DATA"))
        }
        if let statusCode, statusCode.subject == 7 {
            // X.7.x is a security or policy refusal; the unknown-user words come with a filter's verdict.
            return (.filtered, String(concatenating: basis, " with policy status ", statusCode.text))
        }
        if transcript.refusesRecipientWhilePipelining || context?.transcript.refusesRecipientWhilePipelining ?? false {
            return (.userunknown, String(concatenating: basis, " at RCPT TO (pipelined: the DATA reply says no recipient",
                                                            " was accepted)"))
        }
        switch ProviderReadings.unknownUser(diagnostic: diagnostic, notice: context, origin: origin) {
        case .unknownRecipient(let provider):
            return (.userunknown, String(concatenating: basis, ", which ", provider, " says only of a mailbox that does not exist"))
        case .filtered(let provider):
            return (.filtered, String(concatenating: basis, ", which ", provider, " also says when its filter refuses"))
        case nil: break
        }
        // From here every outcome for definitive wording, or for a status about the mailbox (not X.1.7 / X.1.8),
        // is userunknown: a recipient stage found in the text would only explain it better.
        if !explains, Self.definitiveUnknownPhrases.contains(phrase) || statusCode.map(Self.namesUnknownMailbox) == true {
            return (.userunknown, basis)
        }
        if Self.namesRecipientStage(text, counter: counter)
            || contextText(mayHold: Self.recipientStageWords).map({ Self.namesRecipientStage($0, counter: counter) }) ?? false {
            return (.userunknown, String(concatenating: basis, " at RCPT TO"))
        }
        if Self.definitiveUnknownPhrases.contains(phrase) { return (.userunknown, basis) }
        if let statusCode {
            if Self.namesUnknownMailbox(statusCode) {
                return (.userunknown, String(concatenating: basis, " with status ", statusCode.text))
            }
            switch (statusCode.subject, statusCode.detail) {
            case (1, 7), (1, 8): return (.rejected, "status \(statusCode.text) (sender address) over \"\(phrase)\"")
            case (2, 0): return (.filtered, String(concatenating: basis, " with status ", statusCode.text))
            default: break
            }
        }
        // No sign of the stage: content filters use the same words after DATA, so the address is not condemned.
        return (.filtered, String(concatenating: basis, " with no sign of the SMTP stage"))
    }

}

/// An RFC 3463 enhanced status code, "class.subject.detail".
struct StatusCode: Equatable {
    let klass: Int
    let subject: Int
    let detail: Int

    init?(_ text: String) {
        guard let (a, b, c) = Self.digitFields(text) ?? Self.fields(text), [2, 4, 5].contains(a) else { return nil }
        klass = a; subject = b; detail = c
    }

    /// The three fields of text made only of digits and dots ("5.1.1", the usual field), read from its bytes with
    /// the answer of `fields`; nil for any other text (which `fields` reads).
    private static func digitFields(_ text: String) -> (Int, Int, Int)? {
        var values = (0, 0, 0)
        var field = 0, digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                // Empty fields are skipped, as `split` omits empty pieces.
                if digits > 0 { field += 1; digits = 0 }
                continue
            }
            guard byte &- UInt8(ascii: "0") < 10, field < 3, digits < 18 else { return nil }
            digits += 1
            // Only the detail's first three digits count.
            if field == 2 && digits > 3 { continue }
            let value = Int(byte &- UInt8(ascii: "0"))
            switch field {
            case 0: values.0 = values.0 &* 10 &+ value
            case 1: values.1 = values.1 &* 10 &+ value
            default: values.2 = values.2 &* 10 &+ value
            }
        }
        guard field == 2 && digits > 0 || field == 3 else { return nil }
        return values
    }

    private static func fields(_ text: String) -> (Int, Int, Int)? {
        let trimmed = text.trimmingWhitespace
        // On ASCII, where "." is one byte and one character, split by bytes.
        let parts = trimmed.utf8.contains(where: { $0 >= 0x80 }) ? trimmed.split(separator: ".")
            : trimmed.utf8.split(separator: UInt8(ascii: ".")).map { Substring($0) }
        guard parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2].prefix(3)) else {
            return nil
        }
        return (a, b, c)
    }

    var text: String { "\(klass).\(subject).\(detail)" }

    /// The reason the code alone suggests, when the text names none.
    var reason: BounceReason? {
        switch (subject, detail) {
        case (1, 1), (1, 3): return .userunknown
        case (1, 2): return .hostunknown
        case (1, 6): return .hasmoved
        case (1, 10): return .notaccept
        case (1, 7), (1, 8): return .rejected
        case (1, _): return .userunknown
        case (2, 1): return .suspend
        case (2, 2): return .mailboxfull
        case (2, 3): return .mesgtoobig
        case (2, 4): return .systemerror
        case (2, _): return .mailboxfull
        case (3, 1): return .systemfull
        case (3, 4): return .mesgtoobig
        case (3, 5): return .systemerror
        case (3, _): return .systemerror
        // X.4.1 "no answer from host": the server was never reached until the sender gave up.
        case (4, 1): return .expired
        case (4, 2): return .networkerror
        case (4, 3): return .systemerror
        case (4, 4): return .hostunknown
        case (4, 5): return .systemfull
        case (4, 6): return .networkerror
        case (4, 7): return .expired
        case (4, _): return .networkerror
        case (5, _): return .syntaxerror
        case (6, _): return .contenterror
        case (7, 1): return .blocked
        case (7, 23), (7, 24), (7, 26): return .authfailure
        // "Sender address has null MX" (RFC 7505): the sender's domain was refused.
        case (7, 27): return .rejected
        case (7, 25): return .requireptr
        case (7, _): return .securityerror
        case (0, _): return nil
        default: return nil
        }
    }
}
