import Foundation
import Engagement

// The JSON form of a `Contact` in the snapshot, as its synthesised Codable conformance wrote it: every key, nil
// omitted, keys sorted; nested `sequence`, `lastAutoReply` and `history` entries likewise.

enum ContactField: String, JSONField {
    case company, createdAt, customFields, email, engagementStatus, firstName, firstWorking, history, lastAutoReply
    case lastName, lastReplyAt, lastSequence, recordStatus, segments, sequence, softBounceCount, tags, updatedAt
    static let lookup = JSONFieldLookup<Self>()
}

enum SequenceMembershipField: String, JSONField {
    case enrolledAt, lastOutboundMessageID, sequence, step, stepAt
    static let lookup = JSONFieldLookup<Self>()
}

enum AutoReplyNoteField: String, JSONField {
    case leftCompany, receivedAt, returnDate
    static let lookup = JSONFieldLookup<Self>()
}

enum HistoryEntryField: String, JSONField {
    case event, from, to
    static let lookup = JSONFieldLookup<Self>()
}

extension JSONWriter {
    mutating func write(_ contact: Contact) {
        beginObject()
        optionalString(contact.company, ContactField.company)
        key(ContactField.createdAt)
        date(contact.createdAt)
        key(ContactField.customFields)
        stringDictionary(contact.customFields)
        key(ContactField.email)
        string(contact.email)
        key(ContactField.engagementStatus)
        string(contact.engagementStatus.rawValue)
        optionalString(contact.firstName, ContactField.firstName)
        optionalDate(contact.firstWorking, ContactField.firstWorking)
        key(ContactField.history)
        beginArray()
        for entry in contact.history {
            element()
            write(entry)
        }
        endArray()
        if let note = contact.lastAutoReply {
            key(ContactField.lastAutoReply)
            write(note)
        }
        optionalString(contact.lastName, ContactField.lastName)
        optionalDate(contact.lastReplyAt, ContactField.lastReplyAt)
        optionalString(contact.lastSequence, ContactField.lastSequence)
        key(ContactField.recordStatus)
        string(contact.recordStatus.rawValue)
        key(ContactField.segments)
        stringArray(contact.segments)
        if let sequence = contact.sequence {
            key(ContactField.sequence)
            write(sequence)
        }
        key(ContactField.softBounceCount)
        int(contact.softBounceCount)
        key(ContactField.tags)
        stringArray(contact.tags)
        key(ContactField.updatedAt)
        date(contact.updatedAt)
        endObject()
    }

    mutating func optionalDate<Field: JSONField>(_ value: Date?, _ field: Field) {
        guard let value else { return }
        key(field)
        date(value)
    }

    private mutating func write(_ membership: SequenceMembership) {
        beginObject()
        key(SequenceMembershipField.enrolledAt)
        date(membership.enrolledAt)
        optionalString(membership.lastOutboundMessageID, SequenceMembershipField.lastOutboundMessageID)
        key(SequenceMembershipField.sequence)
        string(membership.sequence)
        key(SequenceMembershipField.step)
        int(membership.step)
        optionalDate(membership.stepAt, SequenceMembershipField.stepAt)
        endObject()
    }

    private mutating func write(_ note: AutoReplyNote) {
        beginObject()
        key(AutoReplyNoteField.leftCompany)
        bool(note.leftCompany)
        key(AutoReplyNoteField.receivedAt)
        date(note.receivedAt)
        optionalString(note.returnDate, AutoReplyNoteField.returnDate)
        endObject()
    }

    /// `{"event":…,"from":…,"to":…}`, which is also the journal line of an applied event.
    mutating func write(_ entry: HistoryEntry) {
        beginObject()
        key(HistoryEntryField.event)
        write(entry.event)
        key(HistoryEntryField.from)
        string(entry.from.rawValue)
        key(HistoryEntryField.to)
        string(entry.to.rawValue)
        endObject()
    }
}

extension JSONReader {
    mutating func readContact() throws -> Contact {
        var object = try beginObject()
        var email: String?, status: EngagementStatus?, createdAt: Date?, updatedAt: Date?, recordStatus: RecordStatus?
        var customFields: [String: String]?, tags: [String]?, segments: [String]?, softBounceCount: Int?
        var history: [HistoryEntry]?
        var company: String?, firstName: String?, lastName: String?, lastSequence: String?
        var firstWorking: Date?, lastReplyAt: Date?, lastAutoReply: AutoReplyNote?, sequence: SequenceMembership?
        while let field = try nextField(in: &object, as: ContactField.self) {
            switch field {
            case .company: company = try readOptionalString()
            case .createdAt: createdAt = try readDate()
            case .customFields: customFields = try readStringDictionary()
            case .email: email = try readString()
            case .engagementStatus: status = try readRawValue(EngagementStatus.self, what: "an Engagement Status")
            case .firstName: firstName = try readOptionalString()
            case .firstWorking: firstWorking = try readOptionalDate()
            case .history: history = try readHistory()
            case .lastAutoReply: lastAutoReply = try readNull() ? nil : readAutoReplyNote()
            case .lastName: lastName = try readOptionalString()
            case .lastReplyAt: lastReplyAt = try readOptionalDate()
            case .lastSequence: lastSequence = try readOptionalString()
            case .recordStatus: recordStatus = try readRawValue(RecordStatus.self, what: "a record status")
            case .segments: segments = try readStringArray()
            case .sequence: sequence = try readNull() ? nil : readSequenceMembership()
            case .softBounceCount: softBounceCount = try readInt()
            case .tags: tags = try readStringArray()
            case .updatedAt: updatedAt = try readDate()
            }
        }
        let what = "a contact"
        var contact = Contact.restored(email: try required(email, ContactField.email, in: object, of: what),
                                       engagementStatus: try required(status, ContactField.engagementStatus,
                                                                      in: object, of: what),
                                       createdAt: try required(createdAt, ContactField.createdAt, in: object, of: what))
        contact.updatedAt = try required(updatedAt, ContactField.updatedAt, in: object, of: what)
        contact.recordStatus = try required(recordStatus, ContactField.recordStatus, in: object, of: what)
        contact.customFields = try required(customFields, ContactField.customFields, in: object, of: what)
        contact.tags = try required(tags, ContactField.tags, in: object, of: what)
        contact.segments = try required(segments, ContactField.segments, in: object, of: what)
        contact.softBounceCount = try required(softBounceCount, ContactField.softBounceCount, in: object, of: what)
        contact.history = try required(history, ContactField.history, in: object, of: what)
        contact.company = company
        contact.firstName = firstName
        contact.lastName = lastName
        contact.lastSequence = lastSequence
        contact.firstWorking = firstWorking
        contact.lastReplyAt = lastReplyAt
        contact.lastAutoReply = lastAutoReply
        contact.sequence = sequence
        return contact
    }

    private mutating func readSequenceMembership() throws -> SequenceMembership {
        var object = try beginObject()
        var enrolledAt: Date?, lastOutboundMessageID: String?, sequence: String?, step: Int?, stepAt: Date?
        while let field = try nextField(in: &object, as: SequenceMembershipField.self) {
            switch field {
            case .enrolledAt: enrolledAt = try readDate()
            case .lastOutboundMessageID: lastOutboundMessageID = try readOptionalString()
            case .sequence: sequence = try readString()
            case .step: step = try readInt()
            case .stepAt: stepAt = try readOptionalDate()
            }
        }
        let what = "a contact's sequence"
        return SequenceMembership(
            sequence: try required(sequence, SequenceMembershipField.sequence, in: object, of: what),
            step: try required(step, SequenceMembershipField.step, in: object, of: what),
            enrolledAt: try required(enrolledAt, SequenceMembershipField.enrolledAt, in: object, of: what),
            stepAt: stepAt, lastOutboundMessageID: lastOutboundMessageID)
    }

    private mutating func readAutoReplyNote() throws -> AutoReplyNote {
        var object = try beginObject()
        var leftCompany: Bool?, receivedAt: Date?, returnDate: String?
        while let field = try nextField(in: &object, as: AutoReplyNoteField.self) {
            switch field {
            case .leftCompany: leftCompany = try readBool()
            case .receivedAt: receivedAt = try readDate()
            case .returnDate: returnDate = try readOptionalString()
            }
        }
        let what = "a contact's last auto-reply"
        return AutoReplyNote(receivedAt: try required(receivedAt, AutoReplyNoteField.receivedAt, in: object, of: what),
                             returnDate: returnDate,
                             leftCompany: try required(leftCompany, AutoReplyNoteField.leftCompany, in: object, of: what))
    }

    private mutating func readHistory() throws -> [HistoryEntry] {
        var array = try beginArray()
        var entries: [HistoryEntry] = []
        while try nextElement(in: &array) {
            var object = try beginObject()
            var event: EngagementEvent?, from: EngagementStatus?, to: EngagementStatus?
            while let field = try nextField(in: &object, as: HistoryEntryField.self) {
                switch field {
                case .event: event = try readEvent()
                case .from: from = try readRawValue(EngagementStatus.self, what: "an Engagement Status")
                case .to: to = try readRawValue(EngagementStatus.self, what: "an Engagement Status")
                }
            }
            let what = "a history entry"
            entries.append(HistoryEntry(event: try required(event, HistoryEntryField.event, in: object, of: what),
                                        from: try required(from, HistoryEntryField.from, in: object, of: what),
                                        to: try required(to, HistoryEntryField.to, in: object, of: what)))
        }
        return entries
    }
}
