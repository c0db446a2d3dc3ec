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

    static func encode(_ state: StoreState, encoder: JSONEncoder, at date: Date) throws -> [UInt8] {
        let header = Header(kind: StoreSchema.snapshotKind, schema: StoreSchema.version, generation: state.generation,
                            writtenAt: date, contactCount: state.contacts.count, eventCount: state.eventCount)
        let body = Body(contacts: state.contacts.values.sorted { $0.email < $1.email },
                        idempotencyKeys: state.idempotencyKeys.sorted(),
                        outboundMessageIDs: state.outboundMessageIDs, inboundMessageIDs: state.inboundMessageIDs,
                        unmatched: state.unmatched)
        var bytes = [UInt8](try encoder.encode(header))
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: try encoder.encode(body))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Reads only the header line; nil when there is no snapshot yet.
    static func readHeader(path: String, decoder: JSONDecoder) throws -> Header? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw StoreError.io(file: path, operation: "open", errno: errno)
        }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let got = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
        guard got >= 0 else { throw StoreError.io(file: path, operation: "read", errno: errno) }
        let bytes = buffer[0..<got]
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else {
            throw StoreError.corrupt(file: path, line: 1, reason: "no complete header line")
        }
        return try decodeHeader(bytes[..<newline], path: path, decoder: decoder)
    }

    /// Reads and checks the whole snapshot; nil when there is none.
    static func read(path: String, decoder: JSONDecoder) throws -> StoreSnapshot? {
        guard let bytes = try DurableFiles.read(path) else { return nil }
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else {
            throw StoreError.corrupt(file: path, line: 1, reason: "no complete header line")
        }
        let header = try decodeHeader(bytes[..<newline], path: path, decoder: decoder)
        var end = bytes.count
        while end > newline + 1, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        let body: Body
        do {
            body = try decoder.decode(Body.self, from: Data(bytes[(newline + 1)..<end]))
        } catch {
            throw StoreError.corrupt(file: path, line: 2, reason: "the body does not decode (\(error))")
        }
        guard body.contacts.count == header.contactCount else {
            throw StoreError.corrupt(file: path, line: 2, reason:
                "header counts \(header.contactCount) contacts, body has \(body.contacts.count)")
        }
        return StoreSnapshot(header: header, body: body)
    }

    private static func decodeHeader(_ line: ArraySlice<UInt8>, path: String, decoder: JSONDecoder) throws -> Header {
        // Check kind and version before anything else so a newer file is reported as newer, not as corrupt.
        struct Probe: Codable { var kind: String?; var schema: Int? }
        guard let probe = try? decoder.decode(Probe.self, from: Data(line)), probe.kind == StoreSchema.snapshotKind,
              let schema = probe.schema else {
            throw StoreError.corrupt(file: path, line: 1, reason: "the first line is not a leadfwd snapshot header")
        }
        guard schema <= StoreSchema.version else {
            throw StoreError.futureSchema(file: path, found: schema, supported: StoreSchema.version)
        }
        do {
            return try decoder.decode(Header.self, from: Data(line))
        } catch {
            throw StoreError.corrupt(file: path, line: 1, reason: "the header does not decode (\(error))")
        }
    }
}
