import Foundation
import Engagement
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `snapshot.json`: the whole current state, written atomically at compaction. Two lines: a small header (read alone to
/// check kind, schema version and generation before the big body is decoded) and the body.
struct StoreSnapshot {
    struct Header: Codable {
        var kind: String
        var schema: Int
        /// The journal generation to replay on top of this snapshot.
        var generation: Int
        var writtenAt: Date
        var contactCount: Int
        var eventCount: Int
    }

    struct Body: Codable {
        /// Sorted by email; `history` is always empty here (history lives in the journal files).
        var contacts: [Contact]
        var idempotencyKeys: [String]
        /// Outbound Message-ID (no `<>`) → contact email.
        var outboundMessageIDs: [String: String]
        /// Inbound reply Message-ID → contact email.
        var inboundMessageIDs: [String: String]
        var unmatched: [UnmatchedMessage]
    }

    var header: Header
    var body: Body

    /// Both lines as Foundation's `JSONEncoder` wrote them (the Codable conformances above are that reference form;
    /// tests hold the hand-written codec to it).
    static func encode(_ state: StoreState, at date: Date) -> [UInt8] {
        let header = Header(kind: StoreSchema.snapshotKind, schema: StoreSchema.version, generation: state.generation,
                            writtenAt: date, contactCount: state.contacts.count, eventCount: state.eventCount)
        var writer = JSONWriter(capacity: 1 << 20)
        writer.write(header)
        writer.newline()
        writer.beginObject()
        writer.key(SnapshotBodyField.contacts)
        writer.beginArray()
        for email in state.sortedEmails.sorted {
            guard let contact = state.contacts[email] else { continue }
            writer.element()
            writer.write(contact)
        }
        writer.endArray()
        writer.key(SnapshotBodyField.idempotencyKeys)
        writer.stringArray(state.sortedIdempotencyKeys.sorted)
        writer.key(SnapshotBodyField.inboundMessageIDs)
        writer.stringDictionary(state.inboundMessageIDs, keysInOrder: state.sortedInboundMessageIDs.sorted)
        writer.key(SnapshotBodyField.outboundMessageIDs)
        writer.stringDictionary(state.outboundMessageIDs, keysInOrder: state.sortedOutboundMessageIDs.sorted)
        writer.key(SnapshotBodyField.unmatched)
        writer.beginArray()
        for message in state.unmatched {
            writer.element()
            writer.write(message)
        }
        writer.endArray()
        writer.endObject()
        writer.newline()
        return writer.bytes
    }

    /// Reads only the header line; nil when there is no snapshot yet.
    static func readHeader(path: String) throws -> Header? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw StoreError.io(file: path, operation: "open", errno: errno)
        }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let got = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard got >= 0 else { throw StoreError.io(file: path, operation: "read", errno: errno) }
        buffer.removeLast(buffer.count - got)
        guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) else {
            throw StoreError.corrupt(file: path, line: 1, reason: "no complete header line")
        }
        return try decodeHeader(buffer, line: 0..<newline, path: path)
    }

    /// Reads and checks the whole snapshot; nil when there is none.
    static func read(path: String) throws -> StoreSnapshot? {
        guard let bytes = try DurableFiles.read(path) else { return nil }
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else {
            throw StoreError.corrupt(file: path, line: 1, reason: "no complete header line")
        }
        let header = try decodeHeader(bytes, line: 0..<newline, path: path)
        var end = bytes.count
        while end > newline + 1, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        let body: Body
        do {
            var reader = JSONReader(bytes, range: (newline + 1)..<end)
            body = try reader.readSnapshotBody()
        } catch {
            throw StoreError.corrupt(file: path, line: 2, reason: "the body does not decode (\(error))")
        }
        guard body.contacts.count == header.contactCount else {
            throw StoreError.corrupt(file: path, line: 2, reason:
                "header counts \(header.contactCount) contacts, body has \(body.contacts.count)")
        }
        return StoreSnapshot(header: header, body: body)
    }

    /// Kind and version are read and checked before anything else, so a newer file is reported as newer, not as corrupt.
    private static func decodeHeader(_ bytes: [UInt8], line: Range<Int>, path: String) throws -> Header {
        var probe = JSONReader(bytes, range: line)
        guard let found = try? probe.readSnapshotHeader(kindAndSchemaOnly: true),
              found.kind == StoreSchema.snapshotKind, let schema = found.schema else {
            throw StoreError.corrupt(file: path, line: 1, reason: "the first line is not a leadfwd snapshot header")
        }
        guard schema <= StoreSchema.version else {
            throw StoreError.futureSchema(file: path, found: schema, supported: StoreSchema.version)
        }
        let fields: SnapshotHeaderFields
        do {
            var reader = JSONReader(bytes, range: line)
            fields = try reader.readSnapshotHeader(kindAndSchemaOnly: false)
        } catch {
            throw StoreError.corrupt(file: path, line: 1, reason: "the header does not decode (\(error))")
        }
        guard let generation = fields.generation, let writtenAt = fields.writtenAt,
              let contactCount = fields.contactCount, let eventCount = fields.eventCount else {
            throw StoreError.corrupt(file: path, line: 1, reason:
                "the header lacks one of generation, writtenAt, contactCount, eventCount")
        }
        return Header(kind: StoreSchema.snapshotKind, schema: schema, generation: generation, writtenAt: writtenAt,
                      contactCount: contactCount, eventCount: eventCount)
    }
}
