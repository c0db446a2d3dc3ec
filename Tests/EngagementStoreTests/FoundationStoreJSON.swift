import Foundation
@testable import EngagementStore

/// The store's JSON as leadfwd wrote and read it before the hand-written codec: Foundation's `JSONEncoder` and
/// `JSONDecoder` on the Codable conformances, configured exactly as `EngagementStore` configured them. The reference
/// the hand-written writer and reader are held to.
enum FoundationStoreJSON {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(StoreTimestamp.format(date))
        }
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = StoreTimestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date: \(text)")
            }
            return date
        }
        return decoder
    }

    static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        [UInt8](try encoder().encode(value))
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ bytes: [UInt8]) throws -> Value {
        try decoder().decode(type, from: Data(bytes))
    }

    /// A journal batch as `EngagementStore.append` wrote it: the records one per line, then the commit marker.
    static func journalLines(_ records: [JournalRecord], header generation: Int?) throws -> [UInt8] {
        var bytes: [UInt8] = []
        if let generation { bytes += try encode(JournalRecord.header(generation: generation)) + [10] }
        for record in records { bytes += try encode(record) + [10] }
        bytes += try encode(JournalRecord(commit: JournalCommit(records: records.count))) + [10]
        return bytes
    }

    /// `snapshot.json` as `StoreSnapshot.encode` wrote it.
    static func snapshot(_ state: StoreState, at date: Date) throws -> [UInt8] {
        let header = StoreSnapshot.Header(kind: StoreSchema.snapshotKind, schema: StoreSchema.version,
                                          generation: state.generation, writtenAt: date,
                                          contactCount: state.contacts.count, eventCount: state.eventCount)
        let body = StoreSnapshot.Body(contacts: state.contacts.values.sorted { $0.email < $1.email },
                                      idempotencyKeys: state.idempotencyKeys.sorted(),
                                      outboundMessageIDs: state.outboundMessageIDs,
                                      inboundMessageIDs: state.inboundMessageIDs, unmatched: state.unmatched)
        return try encode(header) + [10] + encode(body) + [10]
    }
}
