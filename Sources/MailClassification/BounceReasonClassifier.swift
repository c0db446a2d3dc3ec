/// Decides why one recipient bounced, from the server's diagnostic text and the RFC 3463 status code.
///
/// The text wins over the status class, because providers misuse codes (5.1.1 for rate limits, 5.x.x for IP
/// blocks): "4.1.1 user unknown" is hard, "5.2.2 mailbox full" and 5.7.1 spam blocks are soft. The status decides
/// only when the text names no reason. A vague "address rejected" loses to a status that says something else.
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
        .mailboxfull, .mesgtoobig, .exceedlimit, .notaccept, .hasmoved, .norelaying, .userunknown, .hostunknown,
        .suspend, .virusdetected, .spamdetected, .rejected, .requireptr, .authfailure, .policyviolation,
        .securityerror, .toomanyconn, .blocked, .filtered, .systemfull, .contenterror, .syntaxerror, .mailererror,
        .systemerror, .networkerror, .expired, .onhold, .vacation,
    ]

    /// Phrases so specific that they override any other phrase in the same text.
    static let overrides: [String: BounceReason] = [
        "recipient address rejected access denied": .policyviolation,
        "relay access denied": .norelaying,
        "banned sending ip": .blocked,
        "resolver adr recipientnotfound": .userunknown,
    ]

    /// "user unknown"-like phrases too vague to overrule a status code that says something else.
    static let vagueUnknownPhrases: Set<String> = [
        "mailbox unavailable", "mailbox is unavailable", "recipient rejected", "address rejected",
        "recipient address rejected", "invalid recipient", "invalid address", "mailbox not available",
        "no valid recipients", "user reject", "rejected recipient", "recipient invalid",
    ]

    static let temporaryWords = PhraseTable<Void>(
        ["temporarily", "temporary", "try again later", "try later", "please retry", "vorubergehend"].map { ($0, ()) })

    static let dataPhaseMarkers = PhraseTable<Void>(
        ["in reply to end of data", "after end of data", "in reply to data command", "after data", "end of data command"]
            .map { ($0, ()) })

    public func classify(diagnostic: String?, status: String?, action: String? = nil) -> Decision {
        classify(diagnostic: diagnostic, status: status, action: action, counter: nil)
    }

    func classify(diagnostic: String?, status: String?, action: String?, counter: StepCounter?) -> Decision {
        let statusCode = status.flatMap(StatusCode.init)
        let text = NormalizedText(diagnostic ?? "", counter: counter)
        let matches = BounceReasonPhrases.table.matches(in: text, counter: counter)
        var best: (reason: BounceReason, phrase: String, rank: Int)?
        for match in matches {
            let phrase = String(decoding: text.bytes[match.range], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if let override = Self.overrides[phrase] { best = (override, phrase, -1); break }
            let rank = Self.precedence.firstIndex(of: match.value) ?? Self.precedence.count
            if best == nil || rank < best!.rank { best = (match.value, phrase, rank) }
        }
        var reason: BounceReason
        var basis: String
        if let best {
            reason = best.reason
            basis = "diagnostic says \"\(best.phrase)\""
            if reason == .userunknown, Self.vagueUnknownPhrases.contains(best.phrase),
               let statusReason = statusCode?.reason, statusReason != .userunknown, !statusReason.isHardByNature,
               statusCode?.subject != 0 {
                reason = statusReason
                basis = "status \(statusCode!.text) over vague \"\(best.phrase)\""
            }
            // An unknown user reported after the message body was sent is a content filter answering with the
            // wrong words; the address was accepted at RCPT time.
            if reason == .userunknown, Self.dataPhaseMarkers.firstMatch(in: text, counter: counter) != nil {
                reason = .filtered
                basis += " after DATA"
            }
        } else if let statusCode, let statusReason = statusCode.reason {
            reason = statusReason
            basis = "status \(statusCode.text)"
        } else if action?.lowercased() == "delayed" {
            reason = .expired
            basis = "action delayed"
        } else {
            reason = diagnostic == nil ? .undefined : .onhold
            basis = "no recognised reason"
        }
        var hard = reason.isHardByNature
        if reason == .notaccept, Self.temporaryWords.firstMatch(in: text, counter: counter) != nil { hard = false }
        // A delay notice is only ever a soft outcome: the server is still trying.
        if action?.lowercased() == "delayed" { hard = false }
        return Decision(reason: reason, hard: hard, basis: basis)
    }
}

/// An RFC 3463 enhanced status code, "class.subject.detail".
struct StatusCode: Equatable {
    let klass: Int
    let subject: Int
    let detail: Int

    init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ".")
        guard parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2].prefix(3)),
              [2, 4, 5].contains(a) else { return nil }
        klass = a; subject = b; detail = c
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
        case (4, 1), (4, 2), (4, 3): return .networkerror
        case (4, 4): return .hostunknown
        case (4, 6): return .networkerror
        case (4, 7): return .expired
        case (4, _): return .networkerror
        case (5, _): return .syntaxerror
        case (6, _): return .contenterror
        case (7, 1): return .blocked
        case (7, 23), (7, 24), (7, 26), (7, 27): return .authfailure
        case (7, 25): return .requireptr
        case (7, _): return .securityerror
        case (0, _): return nil
        default: return nil
        }
    }
}

import Foundation
