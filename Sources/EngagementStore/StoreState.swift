import Engagement

/// The store's state in memory: what the snapshot holds plus the journal replayed on top, and where in the journal
/// this process has read up to.
struct StoreState {
    var generation = 0
    /// Committed end of the active journal (`journal.<generation>.jsonl`) as far as this process has read it.
    var journalOffset: UInt64 = 0
    /// Records in the active journal; compaction starts a new one past `StoreOptions.compactionThreshold`.
    var journalRecords = 0
    var eventCount = 0
    var contacts: [String: Contact] = [:]
    var idempotencyKeys: Set<String> = []
    var outboundMessageIDs: [String: String] = [:]
    var inboundMessageIDs: [String: String] = [:]
    var unmatched: [UnmatchedMessage] = []
    var unmatchedKeys: Set<String> = []

    init() {}

    init(snapshot: StoreSnapshot) {
        generation = snapshot.header.generation
        eventCount = snapshot.header.eventCount
        contacts.reserveCapacity(snapshot.body.contacts.count)
        for contact in snapshot.body.contacts { contacts[contact.email] = contact }
        idempotencyKeys = Set(snapshot.body.idempotencyKeys)
        outboundMessageIDs = snapshot.body.outboundMessageIDs
        inboundMessageIDs = snapshot.body.inboundMessageIDs
        unmatched = snapshot.body.unmatched
        unmatchedKeys = Set(unmatched.compactMap(\.idempotencyKey))
    }

    /// Applies one event if the rules allow it and its key is new. Used both live and when replaying the journal, so
    /// both give the same state.
    mutating func evaluate(_ event: EngagementEvent) -> EventOutcome {
        if let key = event.idempotencyKey, idempotencyKeys.contains(key) { return .duplicate(idempotencyKey: key) }
        let result: Result<Contact, RefusedTransition>
        let from: EngagementStatus
        if let existing = contacts[event.contact] {
            from = existing.engagementStatus
            result = EngagementRules.apply(event, to: existing)
        } else {
            from = .open
            result = EngagementRules.newContact(for: event)
        }
        switch result {
        case .failure(let refusal):
            return .refused(refusal)
        case .success(var contact):
            let entry = HistoryEntry(event: event, from: from, to: contact.engagementStatus)
            contact.history.removeAll()  // history is read back from the journal files on demand
            contacts[contact.email] = contact
            if let key = event.idempotencyKey { idempotencyKeys.insert(key) }
            switch event.kind {
            case .advanced(_, let id?): outboundMessageIDs[MessageID.normalize(id)] = contact.email
            case .replyDetected(let id?): inboundMessageIDs[MessageID.normalize(id)] = contact.email
            default: break
            }
            eventCount += 1
            return .applied(entry)
        }
    }

    /// Records an unmatched message unless its key was recorded before; returns whether it was new.
    mutating func record(_ message: UnmatchedMessage) -> Bool {
        if let key = message.idempotencyKey {
            guard unmatchedKeys.insert(key).inserted else { return false }
        }
        unmatched.append(message)
        return true
    }

    /// Replays committed journal records (already applied once, so they cannot be refused now).
    mutating func replay(_ records: [JournalRecord]) {
        for record in records {
            if let event = record.event { _ = evaluate(event) }
            if let message = record.unmatched { _ = self.record(message) }
        }
        journalRecords += records.count
    }
}
