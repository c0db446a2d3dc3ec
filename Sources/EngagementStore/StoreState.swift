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
    /// Their addresses in order, for the snapshot (contacts are never removed).
    var sortedEmails = SortedStrings()
    var idempotencyKeys: Set<String> = []
    /// The same keys in order, for the snapshot.
    var sortedIdempotencyKeys = SortedStrings()
    var outboundMessageIDs: [String: String] = [:]
    var inboundMessageIDs: [String: String] = [:]
    /// The keys of the two indexes in order, for the snapshot.
    var sortedOutboundMessageIDs = SortedStrings()
    var sortedInboundMessageIDs = SortedStrings()
    var unmatched: [UnmatchedMessage] = []
    var unmatchedKeys: Set<String> = []

    init() {}

    init(snapshot: StoreSnapshot) {
        generation = snapshot.header.generation
        eventCount = snapshot.header.eventCount
        contacts.reserveCapacity(snapshot.body.contacts.count)
        for contact in snapshot.body.contacts { contacts[contact.email] = contact }
        sortedEmails = SortedStrings(snapshot.body.contacts.map(\.email))
        idempotencyKeys = Set(snapshot.body.idempotencyKeys)
        sortedIdempotencyKeys = SortedStrings(snapshot.body.idempotencyKeys)
        outboundMessageIDs = snapshot.body.outboundMessageIDs
        inboundMessageIDs = snapshot.body.inboundMessageIDs
        sortedOutboundMessageIDs = SortedStrings(Array(outboundMessageIDs.keys))
        sortedInboundMessageIDs = SortedStrings(Array(inboundMessageIDs.keys))
        unmatched = snapshot.body.unmatched
        unmatchedKeys = Set(unmatched.compactMap(\.idempotencyKey))
    }

    /// Applies one event if the rules allow it and its key is new. Used both live and when replaying the journal, so
    /// both give the same state.
    mutating func evaluate(_ event: EngagementEvent) -> EventOutcome {
        // The key is claimed first (one hash of it, where a look-up and then an insert made two); a refused event
        // gives it back.
        if let key = event.idempotencyKey, !idempotencyKeys.insert(key).inserted {
            return .duplicate(idempotencyKey: key)
        }
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
            if let key = event.idempotencyKey { idempotencyKeys.remove(key) }
            return .refused(refusal)
        case .success(var contact):
            let entry = HistoryEntry(event: event, from: from, to: contact.engagementStatus)
            contact.history.removeAll()  // history is read back from the journal files on demand
            if contacts.updateValue(contact, forKey: contact.email) == nil { sortedEmails.add(contact.email) }
            if let key = event.idempotencyKey { sortedIdempotencyKeys.add(key) }
            switch event.kind {
            case .advanced(_, let id?):
                let id = MessageID.normalize(id)
                if outboundMessageIDs.updateValue(contact.email, forKey: id) == nil { sortedOutboundMessageIDs.add(id) }
            case .replyDetected(let id?):
                let id = MessageID.normalize(id)
                if inboundMessageIDs.updateValue(contact.email, forKey: id) == nil { sortedInboundMessageIDs.add(id) }
            default: break
            }
            eventCount += 1
            return .applied(entry)
        }
    }

    /// Makes the next snapshot's sorted lists cheap to produce; changes nothing else.
    mutating func consolidateSortedLists() {
        sortedEmails.consolidate()
        sortedIdempotencyKeys.consolidate()
        sortedOutboundMessageIDs.consolidate()
        sortedInboundMessageIDs.consolidate()
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
