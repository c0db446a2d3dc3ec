import Foundation
import Engagement

/// A deterministic stream of realistic events for benchmarks and crash tests: every contact imported, then walked
/// through sequences (enroll, process, steps with outbound Message-IDs, soft bounces, auto-replies, replies,
/// completions), a few hard bounces. Every event carries an idempotency key, so replaying the stream is harmless.
struct SyntheticEngagement {
    let contacts: Int
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func email(_ index: Int) -> String { "contact\(index)@bench\(index % 97).example.net" }

    func importEvent(_ index: Int) -> EngagementEvent {
        EngagementEvent(contact: email(index), kind: .imported(profile: ContactProfile(
            firstName: "First\(index)", lastName: "Last\(index)", company: "Company \(index % 500)",
            customFields: ["region": ["EMEA", "AMER", "APAC"][index % 3]], tags: index % 10 == 0 ? ["vip"] : [])),
            at: start, idempotencyKey: "synthetic-import:\(index)", source: "synthetic import")
    }

    /// The `number`-th lifecycle event; events cycle over contacts so a batch touches many different contacts.
    func event(_ number: Int) -> EngagementEvent {
        let contact = number % contacts
        let round = number / contacts
        let sequence = "Sequence \(round / 8)"
        let kind: EngagementEventKind
        switch round % 8 {
        case 0: kind = .enrolled(sequence: sequence)
        case 1: kind = .processed
        case 2: kind = .advanced(step: 2, outboundMessageID: "s\(round)-\(contact)@out.bench.example.net")
        case 3: kind = contact % 101 == 0 ? .hardBounce(status: "5.1.1", diagnostic: "550 5.1.1 user unknown")
            : .softBounce(status: "4.2.2", diagnostic: "452 4.2.2 mailbox full")
        case 4: kind = .autoReply(returnDate: "2027-01-15", leftCompany: false)
        case 5: kind = .advanced(step: 3, outboundMessageID: "s\(round)-\(contact)@out.bench.example.net")
        case 6: kind = contact % 3 == 0 ? .replyDetected(messageID: "r\(round)-\(contact)@mail.example.org") : .completed
        default: kind = .replyDetected(messageID: "r\(round)-\(contact)-late@mail.example.org")
        }
        return EngagementEvent(contact: email(contact), kind: kind, at: start.addingTimeInterval(Double(number + 60)),
                               idempotencyKey: "synthetic:\(number)", source: "synthetic imap:bench/INBOX uid \(number)",
                               evidence: ["synthetic event \(number)"])
    }
}
