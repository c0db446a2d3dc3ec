import Foundation

/// One thing that happened to one contact, with where it came from and why we believe it.
public struct EngagementEvent: Sendable, Codable, Equatable {
    /// The contact's email address, normalised (trimmed, lowercased).
    public var contact: String
    public var kind: EngagementEventKind
    /// Whole seconds: the store writes ISO 8601 seconds, so a replayed event equals the one applied.
    public var at: Date
    /// Same key twice = same event; the second application changes nothing (e.g. "imap:sales/INBOX 1700 42", a Message-ID).
    public var idempotencyKey: String?
    /// Where the event came from, e.g. "imap:sales/INBOX uid 42", "cli".
    public var source: String
    /// Which message, which phrase or DSN line made us decide.
    public var evidence: [String]

    public init(contact: String, kind: EngagementEventKind, at: Date, idempotencyKey: String? = nil,
                source: String, evidence: [String] = []) {
        self.contact = EmailAddress.normalize(contact)
        self.kind = kind
        self.at = Date(timeIntervalSince1970: (at.timeIntervalSince1970).rounded(.down))
        self.idempotencyKey = idempotencyKey
        self.source = source
        self.evidence = evidence
    }
}

extension EngagementEvent {
    /// Decoded events are normalised like constructed ones (address lowercased, time in whole seconds); a missing
    /// `evidence` means none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(contact: try container.decode(String.self, forKey: .contact),
                  kind: try container.decode(EngagementEventKind.self, forKey: .kind),
                  at: try container.decode(Date.self, forKey: .at),
                  idempotencyKey: try container.decodeIfPresent(String.self, forKey: .idempotencyKey),
                  source: try container.decode(String.self, forKey: .source),
                  evidence: try container.decodeIfPresent([String].self, forKey: .evidence) ?? [])
    }
}
