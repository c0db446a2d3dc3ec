import Foundation
import Testing
import Engagement
import TestSupport
@testable import EngagementStore

/// Strings that JSON escaping gets wrong: quotes, backslashes, every control character, DEL, U+2028, a byte order
/// mark, emoji (with a skin tone and a flag), non-BMP, combining marks, right-to-left text, and a long string.
let awkwardStrings: [String] = [
    "", "plain", "quote \" backslash \\ slash / both \\\"",
    String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\u{7F}",
    "line\nbreak\r\ntab\tend", "sep \u{2028} \u{2029} bom \u{FEFF}", "emoji 😀👍🏽🇫🇷 clef 𝄞 \u{10FFFF}",
    "e\u{301} é 漢字 עברית", String(repeating: "long \"x\" \\ 😀 ", count: 5_000),
]

private let at = Date(timeIntervalSince1970: 1_800_000_000)

/// One event of every kind, each carrying awkward strings wherever the kind has a string.
private func eventsOfEveryKind(_ text: String) -> [EngagementEvent] {
    let profile = ContactProfile(firstName: text, lastName: nil, company: "Acme " + text,
                                 customFields: [text: text, "Zeta": "1", "alpha": "2", "a10": "x", "a2": "y"],
                                 tags: ["t", text], segments: [text])
    let kinds: [EngagementEventKind] = [
        .imported(profile: profile), .imported(profile: ContactProfile()), .enrolled(sequence: text), .processed,
        .advanced(step: 3, outboundMessageID: text), .advanced(step: Int.max, outboundMessageID: nil), .completed,
        .replyDetected(messageID: text), .replyDetected(messageID: nil), .unenrolled(via: .reporting),
        .hardBounce(status: "5.1.1", diagnostic: text), .hardBounce(status: nil, diagnostic: nil),
        .softBounce(status: text, diagnostic: nil), .autoReply(returnDate: "2027-02-01", leftCompany: true),
        .autoReply(returnDate: nil, leftCompany: false), .optOut(via: .spamComplaint),
        .statusChangeRequested(to: .doNotContact), .recordStatusChanged(to: .bounced), .tagAdded(tag: text),
        .tagRemoved(tag: text), .segmentAdded(segment: text),
    ]
    return kinds.enumerated().map { index, kind in
        EngagementEvent(contact: "c\(index)@acme.io", kind: kind, at: at.addingTimeInterval(Double(index) * 3_661),
                        idempotencyKey: index.isMultiple(of: 2) ? text : nil, source: "imap:" + text,
                        evidence: index.isMultiple(of: 3) ? [] : [text, "second"])
    }
}

private func records(_ text: String) -> [JournalRecord] {
    var records = eventsOfEveryKind(text).map {
        JournalRecord.applied(HistoryEntry(event: $0, from: .working, to: .responded))
    }
    records.append(JournalRecord(unmatched: UnmatchedMessage(
        messageID: text, from: text, subject: text, verdict: "reply", reason: text, source: text, receivedAt: at,
        idempotencyKey: text)))
    records.append(JournalRecord(unmatched: UnmatchedMessage(
        messageID: nil, from: nil, subject: nil, verdict: "hard_bounce", reason: "", source: "", receivedAt: at)))
    return records
}

private func sameRecord(_ a: JournalRecord, _ b: JournalRecord) -> Bool {
    a.event == b.event && a.from == b.from && a.to == b.to && a.unmatched == b.unmatched
        && a.commit?.records == b.commit?.records && a.kind == b.kind && a.schema == b.schema
        && a.generation == b.generation
}

/// A state with every optional field of a contact set on some contacts and unset on others.
private func stateWithEveryField(_ text: String) -> StoreState {
    var state = StoreState()
    for event in eventsOfEveryKind(text) where event.kind.name == "imported" {
        _ = state.evaluate(event)
    }
    // c0 stays in its sequence (step time, outbound Message-ID, auto-reply); c1 replies and leaves it.
    for kind: EngagementEventKind in [.enrolled(sequence: text), .processed, .advanced(step: 2, outboundMessageID: text),
                                      .autoReply(returnDate: "2027-03-01", leftCompany: true),
                                      .softBounce(status: nil, diagnostic: nil)] {
        _ = state.evaluate(EngagementEvent(contact: "c0@acme.io", kind: kind, at: at.addingTimeInterval(600), source: text))
    }
    for kind: EngagementEventKind in [.enrolled(sequence: text), .processed, .advanced(step: 1, outboundMessageID: nil),
                                      .replyDetected(messageID: text + "r")] {
        _ = state.evaluate(EngagementEvent(contact: "c1@acme.io", kind: kind, at: at, source: "cli"))
    }
    for message in records(text).compactMap(\.unmatched) { _ = state.record(message) }
    state.generation = 7
    return state
}

@Test(arguments: awkwardStrings)
func journalLinesAreByteForByteWhatFoundationWrote(text: String) throws {
    let records = records(text)
    var writer = JSONWriter()
    writer.writeLine(.header(generation: 3))
    for record in records { writer.writeLine(record) }
    writer.writeLine(JournalRecord(commit: JournalCommit(records: records.count)))
    #expect(writer.bytes == (try FoundationStoreJSON.journalLines(records, header: 3)))
}

/// The store writes an applied event's or an unmatched message's line without making its record first: the same bytes.
@Test(arguments: awkwardStrings)
func linesWrittenWithoutTheirRecordAreTheRecordsLines(text: String) {
    for record in records(text) {
        var expected = JSONWriter()
        expected.writeLine(record)
        var written = JSONWriter()
        if let event = record.event, let from = record.from, let to = record.to {
            written.writeAppliedLine(HistoryEntry(event: event, from: from, to: to))
        } else if let message = record.unmatched {
            written.writeUnmatchedLine(message)
        }
        #expect(written.bytes == expected.bytes)
    }
}

@Test(arguments: awkwardStrings)
func recordsRoundTripBothWaysBetweenTheHandWrittenCodecAndFoundation(text: String) throws {
    for record in records(text) {
        var writer = JSONWriter()
        writer.writeLine(record)
        let written = Array(writer.bytes.dropLast())  // the newline
        // The new writer's output decodes with Foundation into the same record…
        #expect(sameRecord(try FoundationStoreJSON.decode(JournalRecord.self, written), record))
        // …and Foundation's output decodes with the new reader into the same record.
        let foundation = try FoundationStoreJSON.encode(record)
        var reader = JSONReader(foundation)
        #expect(sameRecord(try reader.readJournalRecord(), record))
    }
}

@Test(arguments: [awkwardStrings[2], awkwardStrings[3], awkwardStrings[6], awkwardStrings[8]])
func snapshotsAreByteForByteWhatFoundationWroteAndReadBack(text: String) throws {
    let state = stateWithEveryField(text)
    let bytes = StoreSnapshot.encode(state, at: at)
    #expect(bytes == (try FoundationStoreJSON.snapshot(state, at: at)))
    #expect(String(decoding: bytes, as: UTF8.self).contains("\"lastAutoReply\":{\"leftCompany\":true"))

    let dir = try TemporaryDirectory()
    let path = dir.url.appendingPathComponent("snapshot.json").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let read = try #require(try StoreSnapshot.read(path: path))
    #expect(read.header.generation == 7 && read.header.writtenAt == at && read.header.contactCount == state.contacts.count)
    #expect(read.body.contacts == state.contacts.values.sorted { $0.email < $1.email })
    #expect(read.body.contacts.first?.sequence?.lastOutboundMessageID == text)
    #expect(read.body.contacts.last?.lastSequence == text && read.body.contacts.last?.lastReplyAt == at)
    #expect(Set(read.body.idempotencyKeys) == state.idempotencyKeys)
    #expect(read.body.outboundMessageIDs == state.outboundMessageIDs && !read.body.outboundMessageIDs.isEmpty)
    #expect(read.body.inboundMessageIDs == state.inboundMessageIDs && !read.body.inboundMessageIDs.isEmpty)
    #expect(read.body.unmatched == state.unmatched)
    #expect(try StoreSnapshot.readHeader(path: path)?.eventCount == state.eventCount)
}

@Test func aContactWithHistoryInTheSnapshotReadsBackLikeFoundationReadsIt() throws {
    var contact = try #require(stateWithEveryField("h\"i\u{1}").contacts["c0@acme.io"])
    contact.history = records("h\u{7}").compactMap { record in
        record.event.map { HistoryEntry(event: $0, from: .open, to: .enrolled) }
    }
    var writer = JSONWriter()
    writer.write(contact)
    #expect(writer.bytes == (try FoundationStoreJSON.encode(contact)))
    var reader = JSONReader(writer.bytes)
    #expect(try reader.readContact() == contact)
}

/// Input the old code never wrote but Foundation reads: other escapes, whitespace, other key orders, unknown keys.
@Test func theReaderAcceptsWhatFoundationAcceptsFromOtherWriters() throws {
    let line = #"""
     { "to" : "Responded" , "unknown" : {"a":[1,2.5e-3,true,false,null,{"b":[[]]}],"c":"\ud83d\ude00"},
       "from":"Working", "\u0065vent": {"source":"x\/y \u00e9\uD834\uDD1E\b\f\n\r\t\"\\", "kind":{"advanced":{"step":2.0,
       "extra":[]}}, "contact":"Ada@Acme.IO", "at":"2027-01-15T09:00:00+01:00", "evidence":null} }
    """#
    let bytes = Array(line.utf8)
    let foundation = try FoundationStoreJSON.decode(JournalRecord.self, bytes)
    var reader = JSONReader(bytes)
    let record = try reader.readJournalRecord()
    #expect(sameRecord(record, foundation))
    #expect(record.event?.source == "x/y é𝄞\u{8}\u{C}\n\r\t\"\\")
    #expect(record.event?.contact == "ada@acme.io")
    #expect(record.event?.kind == .advanced(step: 2, outboundMessageID: nil))
    #expect(record.event?.at == Date(timeIntervalSince1970: 1_800_000_000))
}

@Test(arguments: ["c@x.io", " Ada@Acme.IO\t", "<b@x.io>", "<B@X.IO", "  ", "", "é@x.io", "É@X.IO", "a b@x.io"])
func contactAddressesAreNormalisedAsWhenFoundationDecodedThem(address: String) throws {
    var writer = JSONWriter()
    writer.writeLine(.applied(HistoryEntry(event: EngagementEvent(contact: "x@y.z", kind: .processed, at: at, source: "s"),
                                           from: .enrolled, to: .working)))
    let line = String(decoding: writer.bytes.dropLast(), as: UTF8.self)
    var quoted = JSONWriter()
    quoted.string(address)
    let bytes = Array(line.replacingOccurrences(of: #""x@y.z""#, with: String(decoding: quoted.bytes, as: UTF8.self)).utf8)
    var reader = JSONReader(bytes)
    let event = try #require(try reader.readJournalRecord().event)
    #expect(event.contact == (try FoundationStoreJSON.decode(JournalRecord.self, bytes).event?.contact))
    #expect(event.contact == EmailAddress.normalize(address))
}

@Test func theFirstOfTwoEqualKeysWinsAsWithFoundation() throws {
    let bytes = Array(#"{"from":"Open","from":"Working","to":"Enrolled","to":null,"kind":"a","kind":"b"}"#.utf8)
    let foundation = try FoundationStoreJSON.decode(JournalRecord.self, bytes)
    var reader = JSONReader(bytes)
    let record = try reader.readJournalRecord()
    #expect(record.from == .open && record.to == .enrolled && record.kind == "a")
    #expect(sameRecord(record, foundation))
}

@Test(arguments: [
    (#"{"kind":"leadfwd.journal","schema":1"#, "not closed", 37),
    ("{\"kind\":\"a\u{01}\"}", "control character", 11),
    (#"{"kind":"\ud800"}"#, "high surrogate", 10),
    (#"{"kind":"\udc00\ud800"}"#, "low surrogate", 10),
    (#"{"kind":"\ud800\u0041"}"#, "high surrogate", 10),
    (#"{"kind":"\x"}"#, "not a JSON escape", 10),
    (#"{"kind":"\u12G4"}"#, "four hex digits", 14),
    (#"{"schema":01}"#, "leading zero", 11),
    (#"{"schema":1.5}"#, "integer", 11),
    (#"{"schema":99999999999999999999}"#, "integer", 11),
    (#"{"schema":-}"#, "expected a value", 11),
    (#"{"schema":1,}"#, "a comma before }", 13),
    (#"{"unknown":[1,]}"#, "a comma before ]", 15),
    (#"{"unknown":[1 2]}"#, "expected , or ]", 15),
    (#"{"schema":1} x"#, "after the JSON value", 14),
    (#"{"schema" 1}"#, "expected :", 11),
    (#"{"schema":1 "kind":"x"}"#, "expected , or }", 13),
    (#"{"schema":tru}"#, "expected a value", 11),
    (#"{"kind":tru}"#, "expected a string", 9),
    (#"{"kind":nul}"#, "expected null", 9),
    (#"{"event":{"kind":{"autoReply":{"leftCompany":fals}}}}"#, "expected false", 46),
    (#"{"from":"Workin"}"#, "not an Engagement Status", 9),
    (#"{"event":{"contact":"a@b.c","at":"2027-01-15T08:00:00Z","source":"s"}}"#, "without the key \"kind\"", 10),
    (#"{"event":{"kind":{"advanced":{}},"contact":"a","at":"2027-01-15T08:00:00Z","source":"s"}}"#,
     "without the key \"step\"", 30),
    (#"{"event":{"kind":{"processed":{},"completed":{}}}}"#, "more than one case", 46),
    (#"{"event":{"kind":{"later":{}}}}"#, "without a known case", 18),
    (#"{"event":{"at":"yesterday"}}"#, "not an ISO 8601 date", 16),
    (#"{"unknown":[[[{"a":[}]]]}"#, "expected a value", 21),
    ("", "expected an object", 1),
])
func malformedJournalLinesAreRefusedSayingWhereAndWhy(line: String, reason: String, column: Int) {
    var reader = JSONReader(Array(line.utf8))
    #expect {
        _ = try reader.readJournalRecord()
    } throws: { error in
        "\(error)".contains(reason) && "\(error)".hasSuffix("at column \(column)")
    }
}

@Test func invalidUTF8IsRefusedInValuesAndKeys() {
    for bytes in [Array(#"{"kind":"a"#.utf8) + [0xFF] + Array(#""}"#.utf8),
                  Array(#"{"k"#.utf8) + [0xC3] + Array(#"":1}"#.utf8),
                  Array(#"{"kind":"\u00e9"#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8)] {
        var reader = JSONReader(bytes)
        #expect(throws: JSONReadError.self) { _ = try reader.readJournalRecord() }
        #expect(throws: DecodingError.self) { _ = try FoundationStoreJSON.decode(JournalRecord.self, bytes) }
    }
}

@Test func nestingDeeperThanTheLimitIsRefusedWithoutExhaustingTheStack() throws {
    let depth = 1_000_000
    let bytes = Array(#"{"unknown":"#.utf8) + [UInt8](repeating: UInt8(ascii: "["), count: depth)
        + [UInt8](repeating: UInt8(ascii: "]"), count: depth) + [UInt8(ascii: "}")]
    var reader = JSONReader(bytes)
    #expect { _ = try reader.readJournalRecord() } throws: { "\($0)".contains("nested deeper than 512") }

    let allowed = JSONReader.maximumDepth - 1  // the record's own object is one level
    let within = Array(#"{"unknown":"#.utf8) + [UInt8](repeating: UInt8(ascii: "["), count: allowed)
        + [UInt8](repeating: UInt8(ascii: "]"), count: allowed) + Array(#","kind":"k"}"#.utf8)
    var accepting = JSONReader(within)
    #expect(try accepting.readJournalRecord().kind == "k")
}

/// A fixed-seed generator (SplitMix64), so a failure names a reproducible case.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Damaged lines (bytes flipped, dropped, duplicated, cut short) never crash the reader, and whatever it accepts
/// Foundation also reads, into the same record: the reader is never more lenient than the old path.
@Test func damagedLinesAreRefusedOrReadExactlyAsFoundationReadsThem() throws {
    var generator = SplitMix64(state: 20_271_115)
    let interesting: [UInt8] = Array(#"{}[]",:\/u0123456789abcdefnulltruefalse-+.eE "#.utf8) + [0, 0x1F, 0x7F, 0x80, 0xC3, 0xED, 0xFF]
    var accepted = 0, refused = 0
    for text in awkwardStrings.prefix(8) {
        for record in records(text) {
            var writer = JSONWriter()
            writer.writeLine(record)
            let original = Array(writer.bytes.dropLast())
            for _ in 0..<25 {
                var bytes = original
                for _ in 0...Int.random(in: 0...2, using: &generator) {
                    guard !bytes.isEmpty else { break }
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: bytes[index] = interesting.randomElement(using: &generator) ?? 0
                    case 1: bytes.remove(at: index)
                    case 2: bytes.insert(bytes[index], at: index)
                    default: bytes.removeLast(bytes.count - index)
                    }
                }
                var reader = JSONReader(bytes)
                guard let mine = try? reader.readJournalRecord() else {
                    refused += 1
                    continue
                }
                accepted += 1
                let foundation = try #require(try? FoundationStoreJSON.decode(JournalRecord.self, bytes),
                                              "accepted but Foundation refuses: \(String(decoding: bytes, as: UTF8.self))")
                #expect(sameRecord(mine, foundation), "differs from Foundation: \(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }
    #expect(accepted > 100 && refused > 1_000)
}

/// Keys and Message-IDs added after a snapshot was loaded are merged into its sorted lists, so the next snapshot lists
/// every one in order exactly as sorting them all did.
@Test func aSnapshotAfterReopeningListsOldAndNewKeysInOrder() throws {
    let dir = try TemporaryDirectory()
    let options = StoreOptions(compactionThreshold: 40)
    var keys: [String] = []
    for batch in 0..<6 {
        let store = try EngagementStore.open(directory: dir.url, options: options)
        let events = (0..<25).map { index -> EngagementEvent in
            let key = "k\((index * 7_919 + batch * 31) % 1_000) \(awkwardStrings[index % 8].prefix(12))"
            keys.append(key)
            return importEvent("p\(batch * 25 + index)@acme.io", key: key)
        }
        try store.apply(events)
        let email = "p\(batch * 25)@acme.io"
        try store.apply([event(email, .enrolled(sequence: "S")), event(email, .processed),
                         event(email, .advanced(step: 1, outboundMessageID: "o\(5 - batch)@x")),
                         event(email, .advanced(step: 2, outboundMessageID: "o\(batch * 3 % 4)@x")),
                         event(email, .replyDetected(messageID: "r\(5 - batch)é@x"))])
    }
    try EngagementStore.open(directory: dir.url, options: options).compact()
    let snapshot = try #require(try StoreSnapshot.read(path: dir.url.appendingPathComponent("snapshot.json").path))
    #expect(snapshot.body.idempotencyKeys == Set(keys).sorted())
    #expect(snapshot.header.generation >= 3)
    // The file, written by merging, is what sorting everything with Foundation writes.
    let written = try [UInt8](Data(contentsOf: dir.url.appendingPathComponent("snapshot.json")))
    #expect(written == (try FoundationStoreJSON.snapshot(StoreState(snapshot: snapshot), at: snapshot.header.writtenAt)))
    #expect(snapshot.body.outboundMessageIDs.count == 6 && snapshot.body.inboundMessageIDs.count == 6)
    let text = try String(contentsOfFile: dir.url.appendingPathComponent("snapshot.json").path, encoding: .utf8)
    #expect(text.contains(#""inboundMessageIDs":{"r0é@x":"p125@acme.io","r1é@x":"p100@acme.io""#))
}

/// The writer tests eight bytes at a time for characters to escape: every such character at every offset, between
/// ASCII and multi-byte neighbours, must come out exactly as Foundation escapes it.
@Test func charactersToEscapeAreFoundAtEveryOffset() throws {
    let specials = ["\"", "\\", "\u{0}", "\u{1F}", "\n", "\u{7F}", "é", "\u{FEFF}", "😀", " ", "!", "#", "[", "]", "]\u{80}"]
    for filler in ["a", "é", "\u{FF}x", "~"] {
        for length in 0...20 {
            for offset in 0...length {
                for special in specials {
                    var text = String(repeating: filler, count: length)
                    text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: offset))
                    var writer = JSONWriter()
                    writer.string(text)
                    let foundation = try FoundationStoreJSON.encode([text])
                    #expect(writer.bytes == Array(foundation.dropFirst().dropLast()), "\(text.debugDescription)")
                }
            }
        }
    }
}
