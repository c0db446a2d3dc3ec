/// The product document's status table as one function. Pure: no clock, no files; the same contact and event always
/// give the same result, which is what lets the store replay its journal.
public enum EngagementRules {
    /// Applies `event` to `contact`, appending it to the contact's history, or says why it may not be applied.
    /// The event must be for this contact (same normalised address).
    public static func apply(_ event: EngagementEvent, to contact: Contact) -> Result<Contact, RefusedTransition> {
        var next = contact
        let email = contact.email
        let status = contact.engagementStatus
        switch event.kind {
        case .imported(let profile):
            // Re-import updates fields, never the status.
            if let value = profile.firstName { next.firstName = value }
            if let value = profile.lastName { next.lastName = value }
            if let value = profile.company { next.company = value }
            next.customFields.merge(profile.customFields) { _, new in new }
            for tag in profile.tags { Contact.insertSorted(tag, into: &next.tags) }
            for segment in profile.segments { Contact.insertSorted(segment, into: &next.segments) }

        case .enrolled(let sequence):
            switch status {
            case .badEmail: return .failure(.enrollBadEmail(email: email))
            case .doNotContact: return .failure(.enrollDoNotContact(email: email))
            case .enrolled, .working:
                return .failure(.alreadyInSequence(email: email, sequence: contact.sequence?.sequence ?? "?",
                                                   status: status))
            case .open, .responded, .unresponsive:
                guard !sequence.isEmpty else { return .failure(.emptyName(email: email, what: "sequence")) }
                next.sequence = SequenceMembership(sequence: sequence, enrolledAt: event.at)
                next.moveStatus(to: .enrolled)
            }

        case .processed:
            guard status == .enrolled, var membership = contact.sequence else {
                return .failure(.notEnrolled(email: email, status: status))
            }
            membership.step = 1
            membership.stepAt = event.at
            next.sequence = membership
            next.moveStatus(to: .working)
            if next.firstWorking == nil { next.firstWorking = event.at }

        case .advanced(let step, let outboundMessageID):
            guard step >= 1 else { return .failure(.invalidStep(email: email, step: step)) }
            guard status == .working, var membership = contact.sequence else {
                return .failure(.notWorking(email: email, status: status))
            }
            guard step >= membership.step else {
                return .failure(.stepBackwards(email: email, current: membership.step, requested: step))
            }
            membership.step = step
            membership.stepAt = event.at
            if let outboundMessageID { membership.lastOutboundMessageID = outboundMessageID }
            next.sequence = membership

        case .completed:
            guard status == .working else { return .failure(.notWorking(email: email, status: status)) }
            next.leaveSequence()
            next.moveStatus(to: .unresponsive)

        case .replyDetected:
            next.lastReplyAt = event.at
            // Only sequence outreach moves the status: a reply while Working (or after completing) is Responded;
            // in any other status it is recorded and nothing moves.
            if status == .working {
                next.leaveSequence()
                next.moveStatus(to: .responded)
            } else if status == .unresponsive {
                next.moveStatus(to: .responded)
            }

        case .unenrolled:
            guard status.isInSequence else { return .failure(.notInSequence(email: email, status: status)) }
            next.leaveSequence()
            next.moveStatus(to: .open)

        case .hardBounce:
            next.recordStatus = .bounced
            next.leaveSequence()
            if status != .doNotContact { next.moveStatus(to: .badEmail) }

        case .softBounce:
            next.softBounceCount += 1

        case .autoReply(let returnDate, let leftCompany):
            next.lastAutoReply = AutoReplyNote(receivedAt: event.at, returnDate: returnDate, leftCompany: leftCompany)

        case .optOut:
            next.leaveSequence()
            next.moveStatus(to: .doNotContact)
            if next.recordStatus == .active { next.recordStatus = .unsubscribed }

        case .statusChangeRequested(let requested):
            return .failure(.manualStatusChange(email: email, requested: requested))

        case .recordStatusChanged(let recordStatus):
            next.recordStatus = recordStatus

        case .tagAdded(let tag):
            guard !tag.isEmpty else { return .failure(.emptyName(email: email, what: "tag")) }
            Contact.insertSorted(tag, into: &next.tags)

        case .tagRemoved(let tag):
            next.tags.removeAll { $0 == tag }

        case .segmentAdded(let segment):
            guard !segment.isEmpty else { return .failure(.emptyName(email: email, what: "segment")) }
            Contact.insertSorted(segment, into: &next.segments)
        }
        if event.at > next.updatedAt { next.updatedAt = event.at }
        next.history.append(HistoryEntry(event: event, from: status, to: next.engagementStatus))
        return .success(next)
    }

    /// The contact an `imported` event creates when the address is new, or why the address is refused.
    public static func newContact(for event: EngagementEvent) -> Result<Contact, RefusedTransition> {
        if case .statusChangeRequested(let requested) = event.kind {
            return .failure(.manualStatusChange(email: event.contact, requested: requested))
        }
        guard case .imported = event.kind else { return .failure(.unknownContact(email: event.contact)) }
        if let problem = EmailAddress.syntaxProblem(event.contact) {
            return .failure(.invalidAddress(email: event.contact, reason: problem))
        }
        return apply(event, to: Contact(email: event.contact, createdAt: event.at))
    }
}
