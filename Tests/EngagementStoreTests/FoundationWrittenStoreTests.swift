import Foundation
import Testing
import Engagement
import TestSupport
@testable import EngagementStore

private func decodedFixture(_ base64: String) throws -> [UInt8] {
    try [UInt8](#require(Data(base64Encoded: base64.filter { !$0.isWhitespace })))
}

/// The fixture's files in a fresh directory (opening a store may retire journals, so never open the fixture in place).
private func fixtureStore() throws -> (TemporaryDirectory, snapshot: [UInt8], journal: [UInt8]) {
    let dir = try TemporaryDirectory()
    let snapshot = try decodedFixture(FoundationWrittenStore.snapshot)
    let journal = try decodedFixture(FoundationWrittenStore.journal1)
    try Data(snapshot).write(to: dir.url.appendingPathComponent("snapshot.json"))
    try Data(journal).write(to: dir.url.appendingPathComponent("journal.000001.jsonl"))
    return (dir, snapshot, journal)
}

private func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start = 0
    for (index, byte) in bytes.enumerated() where byte == 10 {
        ranges.append(start..<index)
        start = index + 1
    }
    return ranges
}

@Test func aStoreWrittenWithFoundationOpensWithTheSameContentsFoundationReadsFromIt() throws {
    let (dir, snapshotBytes, journalBytes) = try fixtureStore()
    let lines = lineRanges(snapshotBytes)
    let body = try FoundationStoreJSON.decode(StoreSnapshot.Body.self, Array(snapshotBytes[lines[1]]))
    var expected = StoreState(snapshot: StoreSnapshot(
        header: try FoundationStoreJSON.decode(StoreSnapshot.Header.self, Array(snapshotBytes[lines[0]])), body: body))
    let journalRecords = try lineRanges(journalBytes).dropFirst().map {
        try FoundationStoreJSON.decode(JournalRecord.self, Array(journalBytes[$0]))
    }
    expected.replay(journalRecords.filter { $0.commit == nil })

    let store = try EngagementStore.open(directory: dir.url)
    #expect(store.statistics.contacts == 7 && store.statistics.generation == 1)
    #expect(store.contacts() == expected.contacts.values.sorted { $0.email < $1.email })
    #expect(store.statistics.eventsApplied == expected.eventCount)
    let c1 = try #require(store.contact("c1@acme.io"))
    #expect(c1.firstName == "controls \u{0}\u{1}\u{7}\u{8}\t\n\u{B}\u{C}\r\u{1B}\u{1F} end")
    #expect(c1.customFields["Zeta"] == "1" && c1.customFields.count == 5)
    let c2 = try #require(store.contact("c2@acme.io"))
    #expect(c2.firstName == "emoji 😀 and clef 𝄞 and flag 🇫🇷")
    #expect(store.contactForOutboundMessageID("<s2.emoji 😀 and clef 𝄞 a@out.acme.io>")?.email == "c2@acme.io")
    #expect(try store.contactWithHistory("c6@acme.io")?.history.map(\.event.kind.name).suffix(2)
            == ["enrolled", "unenrolled"])
}

@Test func theHandWrittenWriterReproducesTheFoundationWrittenFilesExactly() throws {
    let (dir, snapshotBytes, journalBytes) = try fixtureStore()
    let snapshotPath = dir.url.appendingPathComponent("snapshot.json").path
    let snapshot = try #require(try StoreSnapshot.read(path: snapshotPath))
    #expect(StoreSnapshot.encode(StoreState(snapshot: snapshot), at: snapshot.header.writtenAt) == snapshotBytes)

    // Every line (header, records, commit markers) read and written again comes out the same.
    var writer = JSONWriter()
    for line in lineRanges(journalBytes) {
        var reader = JSONReader(journalBytes, range: line)
        writer.writeLine(try reader.readJournalRecord())
    }
    #expect(writer.bytes == journalBytes)
}

@Test func aSnapshotBodyThatIsNotJSONIsRefusedNamingFileLineAndColumn() throws {
    let (dir, snapshotBytes, _) = try fixtureStore()
    let path = dir.url.appendingPathComponent("snapshot.json").path
    let lines = lineRanges(snapshotBytes)
    var damaged = snapshotBytes
    // A raw control character inside a string of the body, where no writer puts one.
    let body = Array(snapshotBytes[lines[1]])
    let marker = Array("controls ".utf8)
    let found = try #require((0...(body.count - marker.count)).first { body[$0..<($0 + marker.count)].elementsEqual(marker) })
    let column = found + marker.count + 1
    damaged[lines[1].lowerBound + column - 1] = 0x01
    try Data(damaged).write(to: URL(fileURLWithPath: path))
    #expect {
        _ = try EngagementStore.open(directory: dir.url)
    } throws: { error in
        let text = "\(error)"
        return text.contains(path + ", line 2 is corrupt") && text.contains("control character")
            && text.contains("at column \(column)")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(damaged))
}

@Test func aJournalHeaderThatIsNotJSONIsRefusedNamingFileLineAndColumn() throws {
    let (dir, _, journalBytes) = try fixtureStore()
    let path = dir.url.appendingPathComponent("journal.000001.jsonl").path
    let header = lineRanges(journalBytes)[0]
    var damaged = journalBytes
    damaged.remove(at: header.upperBound - 1)  // the header's closing brace
    try Data(damaged).write(to: URL(fileURLWithPath: path))
    #expect {
        _ = try EngagementStore.open(directory: dir.url)
    } throws: { error in
        let text = "\(error)"
        return text.contains(path + ", line 1 is corrupt") && text.contains("not closed")
            && text.contains("at column \(header.count)")
    }
}
