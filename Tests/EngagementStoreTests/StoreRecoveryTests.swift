import Foundation
import Testing
import Engagement
import TestSupport
@testable import EngagementStore

private func storeWithOneBatch() throws -> (TemporaryDirectory, String) {
    let dir = try TemporaryDirectory()
    let store = try EngagementStore.open(directory: dir.url)
    try store.apply([importEvent("a@acme.io"), importEvent("b@acme.io")])
    return (dir, dir.url.appendingPathComponent(try #require(try journalFiles(in: dir.url).first)).path)
}

private func appendRaw(_ text: String, to path: String) throws {
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
    try handle.close()
}

@Test func aTornLastLineAndAnUnfinishedBatchAreIgnoredAndCutOff() throws {
    let (dir, journal) = try storeWithOneBatch()
    let committedSize = try #require(try FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int)
    // A crash mid-append: one whole record of an unfinished batch and a line cut short.
    let whole = try lines(of: journal)[1].replacingOccurrences(of: "a@acme.io", with: "ghost@acme.io")
    try appendRaw(whole + "\n{\"event\":{\"contact\":\"half", to: journal)
    let store = try EngagementStore.open(directory: dir.url)
    #expect(store.contact("ghost@acme.io") == nil)
    #expect(store.statistics.contacts == 2)
    try store.apply([importEvent("c@acme.io")])
    let after = try lines(of: journal)
    #expect(!after.joined().contains("ghost") && !after.joined().contains("half"))
    #expect(after.count == 1 + 2 + 1 + 1 + 1)
    #expect(try EngagementStore.open(directory: dir.url).statistics.contacts == 3)
    #expect(committedSize > 0)
}

@Test func aCorruptLineBeforeACommitIsRefusedNamingTheFile() throws {
    let (dir, journal) = try storeWithOneBatch()
    var content = try lines(of: journal)
    content[1] = "{not json"
    try (content.joined(separator: "\n") + "\n").write(toFile: journal, atomically: false, encoding: .utf8)
    #expect {
        _ = try EngagementStore.open(directory: dir.url)
    } throws: { error in
        "\(error)".contains(journal) && "\(error)".contains("corrupt") && "\(error)".contains("line 2")
    }
    // Refusing must not have touched the file.
    #expect(try lines(of: journal)[1] == "{not json")
}

@Test func aFutureJournalVersionIsRefused() throws {
    let (dir, journal) = try storeWithOneBatch()
    var content = try lines(of: journal)
    content[0] = content[0].replacingOccurrences(of: "\"schema\":1", with: "\"schema\":99")
    try (content.joined(separator: "\n") + "\n").write(toFile: journal, atomically: false, encoding: .utf8)
    #expect {
        _ = try EngagementStore.open(directory: dir.url)
    } throws: { error in
        "\(error)".contains(journal) && "\(error)".contains("newer leadfwd") && "\(error)".contains("99")
    }
}

@Test func aFutureOrCorruptSnapshotIsRefusedAndLeftAsItWas() throws {
    let (dir, _) = try storeWithOneBatch()
    try EngagementStore.open(directory: dir.url).compact()
    let snapshot = dir.url.appendingPathComponent("snapshot.json").path
    let original = try String(contentsOfFile: snapshot, encoding: .utf8)
    let future = original.replacingOccurrences(of: "\"schema\":1", with: "\"schema\":2")
    try future.write(toFile: snapshot, atomically: false, encoding: .utf8)
    #expect {
        _ = try EngagementStore.open(directory: dir.url)
    } throws: { error in "\(error)".contains(snapshot) && "\(error)".contains("schema version 2") }
    #expect(try String(contentsOfFile: snapshot, encoding: .utf8) == future)

    let truncated = String(original.prefix(original.count - 40))
    try truncated.write(toFile: snapshot, atomically: false, encoding: .utf8)
    #expect {
        _ = try EngagementStore.open(directory: dir.url)
    } throws: { error in "\(error)".contains(snapshot) && "\(error)".contains("corrupt") }
}

@Test func aCrashBetweenSnapshotAndJournalRetirementIsFinishedAtOpen() throws {
    let (dir, journal) = try storeWithOneBatch()
    let saved = try Data(contentsOf: URL(fileURLWithPath: journal))
    try EngagementStore.open(directory: dir.url).compact()
    // Put the retired journal back where a crash before the move would have left it.
    try saved.write(to: URL(fileURLWithPath: journal))
    try FileManager.default.removeItem(atPath: dir.url.appendingPathComponent("history").path)
    let store = try EngagementStore.open(directory: dir.url)
    #expect(store.statistics.contacts == 2 && store.statistics.eventsApplied == 2)
    #expect(try journalFiles(in: dir.url).isEmpty)
    #expect(try store.contactWithHistory("a@acme.io")?.history.count == 1)
}

@Test func aLostSnapshotIsRefusedInsteadOfStartingEmpty() throws {
    let (dir, _) = try storeWithOneBatch()
    try EngagementStore.open(directory: dir.url).compact()
    let snapshot = dir.url.appendingPathComponent("snapshot.json").path
    try FileManager.default.removeItem(atPath: snapshot)
    #expect {
        _ = try EngagementStore.open(directory: dir.url)
    } throws: { error in "\(error)".contains(snapshot) && "\(error)".contains("missing") }
}
