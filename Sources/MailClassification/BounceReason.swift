/// Why a message was not delivered, in Sisimai's vocabulary so results compare with the reference analyser.
public enum BounceReason: String, Sendable, Codable, CaseIterable {
    case authfailure, badreputation, blocked, contenterror, delivered, exceedlimit, expired, feedback, filtered
    case hasmoved, hostunknown, mailboxfull, mailererror, mesgtoobig, networkerror, norelaying, notaccept
    case notcompliantrfc, onhold, policyviolation, rejected, requireptr, securityerror, spamdetected, speeding
    case suspend, syntaxerror, systemerror, systemfull, toomanyconn, undefined, userunknown, vacation
    case virusdetected

    /// Whether this reason says the address itself is bad. `notaccept` is hard unless the text says it is
    /// temporary, which the classifier decides (see `BounceReasonClassifier`).
    var isHardByNature: Bool {
        switch self {
        case .userunknown, .hostunknown, .hasmoved, .notaccept: return true
        default: return false
        }
    }
}
