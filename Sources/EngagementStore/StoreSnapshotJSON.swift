import Foundation
import Engagement

// The JSON form of `snapshot.json`'s two lines, as the synthesised Codable conformances of `StoreSnapshot.Header` and
// `StoreSnapshot.Body` wrote them: keys sorted.

enum SnapshotHeaderField: String, JSONField {
    case contactCount, eventCount, generation, kind, schema, writtenAt
    static let lookup = JSONFieldLookup<Self>()
}

enum SnapshotBodyField: String, JSONField {
    case contacts, idempotencyKeys, inboundMessageIDs, outboundMessageIDs, unmatched
    static let lookup = JSONFieldLookup<Self>()
}

/// A header line as found, before it is checked: a newer schema may lack or change the other fields.
struct SnapshotHeaderFields {
    var kind: String?
    var schema: Int?
    var generation: Int?
    var writtenAt: Date?
    var contactCount: Int?
    var eventCount: Int?
}

extension JSONWriter {
    mutating func write(_ header: StoreSnapshot.Header) {
        beginObject()
        key(SnapshotHeaderField.contactCount)
        int(header.contactCount)
        key(SnapshotHeaderField.eventCount)
        int(header.eventCount)
        key(SnapshotHeaderField.generation)
        int(header.generation)
        key(SnapshotHeaderField.kind)
        string(header.kind)
        key(SnapshotHeaderField.schema)
        int(header.schema)
        key(SnapshotHeaderField.writtenAt)
        date(header.writtenAt)
        endObject()
    }
}

extension JSONReader {
    /// With `kindAndSchemaOnly`, every other value is skipped unread, whatever its type.
    mutating func readSnapshotHeader(kindAndSchemaOnly: Bool) throws -> SnapshotHeaderFields {
        var object = try beginObject()
        var fields = SnapshotHeaderFields()
        while let field = try nextField(in: &object, as: SnapshotHeaderField.self) {
            switch field {
            case .kind: fields.kind = try readOptionalString()
            case .schema: fields.schema = try readNull() ? nil : readInt()
            case _ where kindAndSchemaOnly: try skipValue()
            case .contactCount: fields.contactCount = try readNull() ? nil : readInt()
            case .eventCount: fields.eventCount = try readNull() ? nil : readInt()
            case .generation: fields.generation = try readNull() ? nil : readInt()
            case .writtenAt: fields.writtenAt = try readOptionalDate()
            }
        }
        try finish()
        return fields
    }

    mutating func readSnapshotBody() throws -> StoreSnapshot.Body {
        var object = try beginObject()
        var contacts: [Contact]?, idempotencyKeys: [String]?, inbound: [String: String]?, outbound: [String: String]?
        var unmatched: [UnmatchedMessage]?
        while let field = try nextField(in: &object, as: SnapshotBodyField.self) {
            switch field {
            case .contacts:
                var array = try beginArray()
                var read: [Contact] = []
                while try nextElement(in: &array) { read.append(try readContact()) }
                contacts = read
            case .idempotencyKeys: idempotencyKeys = try readStringArray()
            case .inboundMessageIDs: inbound = try readStringDictionary()
            case .outboundMessageIDs: outbound = try readStringDictionary()
            case .unmatched:
                var array = try beginArray()
                var read: [UnmatchedMessage] = []
                while try nextElement(in: &array) { read.append(try readUnmatchedMessage()) }
                unmatched = read
            }
        }
        try finish()
        let what = "the snapshot body"
        return StoreSnapshot.Body(
            contacts: try required(contacts, SnapshotBodyField.contacts, in: object, of: what),
            idempotencyKeys: try required(idempotencyKeys, SnapshotBodyField.idempotencyKeys, in: object, of: what),
            outboundMessageIDs: try required(outbound, SnapshotBodyField.outboundMessageIDs, in: object, of: what),
            inboundMessageIDs: try required(inbound, SnapshotBodyField.inboundMessageIDs, in: object, of: what),
            unmatched: try required(unmatched, SnapshotBodyField.unmatched, in: object, of: what))
    }
}
