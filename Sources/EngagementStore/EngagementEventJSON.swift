import Foundation
import Engagement

// The JSON form of an `EngagementEvent`, as its Codable conformance (synthesised for the kind) wrote it:
// `{"at","contact","evidence","idempotencyKey"?,"kind":{"<case>":{<labels>}},"source"}`, keys sorted, nil omitted.

enum EngagementEventField: String, JSONField {
    case at, contact, evidence, idempotencyKey, kind, source
    static let lookup = JSONFieldLookup<Self>()
}

/// The one key of an event's `kind` object: the case name.
enum EngagementEventKindField: String, JSONField {
    case advanced, autoReply, completed, enrolled, hardBounce, imported, optOut, processed, recordStatusChanged
    case replyDetected, segmentAdded, softBounce, statusChangeRequested, tagAdded, tagRemoved, unenrolled
    static let lookup = JSONFieldLookup<Self>()
}

/// The labels of the kinds' associated values.
enum EngagementEventDetailField: String, JSONField {
    case diagnostic, leftCompany, messageID, outboundMessageID, profile, returnDate, segment, sequence, status, step
    case tag, to, via
    static let lookup = JSONFieldLookup<Self>()
}

enum ContactProfileField: String, JSONField {
    case company, customFields, firstName, lastName, segments, tags
    static let lookup = JSONFieldLookup<Self>()
}

extension JSONWriter {
    mutating func write(_ event: EngagementEvent) {
        beginObject()
        key(EngagementEventField.at)
        date(event.at)
        key(EngagementEventField.contact)
        string(event.contact)
        key(EngagementEventField.evidence)
        stringArray(event.evidence)
        if let idempotencyKey = event.idempotencyKey {
            key(EngagementEventField.idempotencyKey)
            string(idempotencyKey)
        }
        key(EngagementEventField.kind)
        write(event.kind)
        key(EngagementEventField.source)
        string(event.source)
        endObject()
    }

    private mutating func write(_ kind: EngagementEventKind) {
        typealias Detail = EngagementEventDetailField
        beginObject()
        switch kind {
        case .imported(let profile):
            beginDetails(.imported)
            key(Detail.profile)
            write(profile)
        case .enrolled(let sequence):
            beginDetails(.enrolled)
            key(Detail.sequence)
            string(sequence)
        case .processed:
            beginDetails(.processed)
        case .advanced(let step, let outboundMessageID):
            beginDetails(.advanced)
            optionalString(outboundMessageID, Detail.outboundMessageID)
            key(Detail.step)
            int(step)
        case .completed:
            beginDetails(.completed)
        case .replyDetected(let messageID):
            beginDetails(.replyDetected)
            optionalString(messageID, Detail.messageID)
        case .unenrolled(let via):
            beginDetails(.unenrolled)
            key(Detail.via)
            string(via.rawValue)
        case .hardBounce(let status, let diagnostic):
            beginDetails(.hardBounce)
            optionalString(diagnostic, Detail.diagnostic)
            optionalString(status, Detail.status)
        case .softBounce(let status, let diagnostic):
            beginDetails(.softBounce)
            optionalString(diagnostic, Detail.diagnostic)
            optionalString(status, Detail.status)
        case .autoReply(let returnDate, let leftCompany):
            beginDetails(.autoReply)
            key(Detail.leftCompany)
            bool(leftCompany)
            optionalString(returnDate, Detail.returnDate)
        case .optOut(let via):
            beginDetails(.optOut)
            key(Detail.via)
            string(via.rawValue)
        case .statusChangeRequested(let to):
            beginDetails(.statusChangeRequested)
            key(Detail.to)
            string(to.rawValue)
        case .recordStatusChanged(let to):
            beginDetails(.recordStatusChanged)
            key(Detail.to)
            string(to.rawValue)
        case .tagAdded(let tag):
            beginDetails(.tagAdded)
            key(Detail.tag)
            string(tag)
        case .tagRemoved(let tag):
            beginDetails(.tagRemoved)
            key(Detail.tag)
            string(tag)
        case .segmentAdded(let segment):
            beginDetails(.segmentAdded)
            key(Detail.segment)
            string(segment)
        }
        endObject()  // the details
        endObject()  // the kind
    }

    private mutating func beginDetails(_ kind: EngagementEventKindField) {
        key(kind)
        beginObject()
    }

    /// A key and its string, or nothing for nil (as `encodeIfPresent` did).
    mutating func optionalString<Field: JSONField>(_ value: String?, _ field: Field) {
        guard let value else { return }
        key(field)
        string(value)
    }

    mutating func write(_ profile: ContactProfile) {
        beginObject()
        optionalString(profile.company, ContactProfileField.company)
        key(ContactProfileField.customFields)
        stringDictionary(profile.customFields)
        optionalString(profile.firstName, ContactProfileField.firstName)
        optionalString(profile.lastName, ContactProfileField.lastName)
        key(ContactProfileField.segments)
        stringArray(profile.segments)
        key(ContactProfileField.tags)
        stringArray(profile.tags)
        endObject()
    }
}

extension JSONReader {
    /// Normalised like a constructed event (address lowercased, whole seconds); a missing `evidence` means none.
    mutating func readEvent() throws -> EngagementEvent {
        var object = try beginObject()
        var at: Date?, contact: String?, evidence: [String]?, idempotencyKey: String?, kind: EngagementEventKind?
        var source: String?
        while let field = try nextField(in: &object, as: EngagementEventField.self) {
            switch field {
            case .at: at = try readDate()
            case .contact: contact = try readString()
            case .evidence: evidence = try readNull() ? nil : readStringArray()
            case .idempotencyKey: idempotencyKey = try readOptionalString()
            case .kind: kind = try readEventKind()
            case .source: source = try readString()
            }
        }
        let what = "an event"
        let address = try required(contact, EngagementEventField.contact, in: object, of: what)
        // The initialiser normalises the address; the store wrote it normalised, and checking that is much cheaper.
        let isNormalized = Self.isNormalized(address)
        var event = EngagementEvent(contact: isNormalized ? "" : address,
                                    kind: try required(kind, EngagementEventField.kind, in: object, of: what),
                                    at: try required(at, EngagementEventField.at, in: object, of: what),
                                    idempotencyKey: idempotencyKey,
                                    source: try required(source, EngagementEventField.source, in: object, of: what),
                                    evidence: evidence ?? [])
        if isNormalized { event.contact = address }
        return event
    }

    /// True when `EmailAddress.normalize` would return `address` unchanged: printable ASCII without capitals (so no
    /// whitespace to trim and nothing to lowercase), not wrapped in `<>`.
    private static func isNormalized(_ address: String) -> Bool {
        let utf8 = address.utf8
        guard let first = utf8.first, let last = utf8.last,
              !(first == UInt8(ascii: "<") && last == UInt8(ascii: ">")) else { return false }
        return utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) }
    }

    /// Exactly one known case name, as Swift's synthesised decoding requires; unknown keys are ignored like it does.
    private mutating func readEventKind() throws -> EngagementEventKind {
        var object = try beginObject()
        var kind: EngagementEventKind?
        while let name = try nextField(in: &object, as: EngagementEventKindField.self) {
            guard kind == nil else { throw error("an event kind with more than one case (\"\(name.rawValue)\" too)") }
            kind = try readEventKindDetails(name)
        }
        guard let kind else { throw error("an event kind without a known case name", at: object.start) }
        return kind
    }

    private mutating func readEventKindDetails(_ name: EngagementEventKindField) throws -> EngagementEventKind {
        var object = try beginObject()
        var profile: ContactProfile?, step: Int?, leftCompany: Bool?, via: String?, to: String?
        var sequence: String?, outboundMessageID: String?, messageID: String?, status: String?, diagnostic: String?
        var returnDate: String?, tag: String?, segment: String?
        while let field = try nextField(in: &object, as: EngagementEventDetailField.self) {
            switch field {
            case .profile: profile = try readContactProfile()
            case .step: step = try readInt()
            case .leftCompany: leftCompany = try readBool()
            case .via: via = try readString()
            case .to: to = try readString()
            case .sequence: sequence = try readOptionalString()
            case .outboundMessageID: outboundMessageID = try readOptionalString()
            case .messageID: messageID = try readOptionalString()
            case .status: status = try readOptionalString()
            case .diagnostic: diagnostic = try readOptionalString()
            case .returnDate: returnDate = try readOptionalString()
            case .tag: tag = try readOptionalString()
            case .segment: segment = try readOptionalString()
            }
        }
        let what = "a \"\(name.rawValue)\" event kind"
        func needed<Value>(_ value: Value?, _ field: EngagementEventDetailField) throws -> Value {
            try required(value, field, in: object, of: what)
        }
        func named<Value: RawRepresentable>(_ raw: String?, _ field: EngagementEventDetailField,
                                            _ meaning: String) throws -> Value where Value.RawValue == String {
            let raw = try needed(raw, field)
            guard let value = Value(rawValue: raw) else {
                throw error("\"\(raw)\" is not \(meaning) in \(what)", at: object.start)
            }
            return value
        }
        switch name {
        case .imported: return .imported(profile: try needed(profile, .profile))
        case .enrolled: return .enrolled(sequence: try needed(sequence, .sequence))
        case .processed: return .processed
        case .advanced: return .advanced(step: try needed(step, .step), outboundMessageID: outboundMessageID)
        case .completed: return .completed
        case .replyDetected: return .replyDetected(messageID: messageID)
        case .unenrolled: return .unenrolled(via: try named(via, .via, "an unenrol channel"))
        case .hardBounce: return .hardBounce(status: status, diagnostic: diagnostic)
        case .softBounce: return .softBounce(status: status, diagnostic: diagnostic)
        case .autoReply: return .autoReply(returnDate: returnDate, leftCompany: try needed(leftCompany, .leftCompany))
        case .optOut: return .optOut(via: try named(via, .via, "an opt-out channel"))
        case .statusChangeRequested: return .statusChangeRequested(to: try named(to, .to, "an Engagement Status"))
        case .recordStatusChanged: return .recordStatusChanged(to: try named(to, .to, "a record status"))
        case .tagAdded: return .tagAdded(tag: try needed(tag, .tag))
        case .tagRemoved: return .tagRemoved(tag: try needed(tag, .tag))
        case .segmentAdded: return .segmentAdded(segment: try needed(segment, .segment))
        }
    }

    /// Missing keys mean "nothing given", as `ContactProfile`'s own decoding has it.
    mutating func readContactProfile() throws -> ContactProfile {
        var object = try beginObject()
        var profile = ContactProfile()
        while let field = try nextField(in: &object, as: ContactProfileField.self) {
            switch field {
            case .company: profile.company = try readOptionalString()
            case .customFields: profile.customFields = try readNull() ? [:] : readStringDictionary()
            case .firstName: profile.firstName = try readOptionalString()
            case .lastName: profile.lastName = try readOptionalString()
            case .segments: profile.segments = try readNull() ? [] : readStringArray()
            case .tags: profile.tags = try readNull() ? [] : readStringArray()
            }
        }
        return profile
    }
}
