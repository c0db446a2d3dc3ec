import Foundation
import Testing
import TestSupport
@testable import Ingestion

@Test func checkpointRoundTripsThroughJSON() throws {
    let checkpoint = MailboxCheckpoint(uidValidity: 7, lastUID: 42)
    let back = try JSONDecoder().decode(MailboxCheckpoint.self, from: JSONEncoder().encode(checkpoint))
    #expect(back == checkpoint)
}

@Test func mailboxStateSurvivesReopenAndIsPrivate() throws {
    let data = try TemporaryDirectory()
    let directory = MailboxStateDirectory(dataDirectory: data.path)
    #expect(try directory.load("sales") == nil)
    var state = MailboxState(mailbox: "sales", location: "imaps://imap.example.com/INBOX")
    state.checkpoint = MailboxCheckpoint(uidValidity: 1700, lastUID: 99)
    state.messagesByKind = ["reply": 3, "other": 5]
    state.lastError = "IMAP 127.0.0.1:993: authentication failed"
    try directory.save(state)
    #expect(try directory.load("sales") == state)
    #expect(try directory.all().map(\.mailbox) == ["sales"])
    let attributes = try FileManager.default.attributesOfItem(atPath: directory.file(for: "sales"))
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    // No temporary file is left behind by the atomic replace.
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["sales.json"])
}

/// A state with every field set, odd characters in its text and whole-second dates (files keep whole seconds).
private func fullMailboxState() -> MailboxState {
    var state = MailboxState(mailbox: "sales EU \"main\"", location: "imaps://imap.example.com/INBOX")
    state.checkpoint = MailboxCheckpoint(uidValidity: 4_000_000_000, lastUID: 12)
    state.localMessagesProcessed = 5
    state.lastSuccessAt = Date(timeIntervalSince1970: 1_790_000_000)
    state.lastErrorAt = Date(timeIntervalSince1970: 1_790_000_061)
    state.lastError = "IMAP a\\b: \"no\"\n\tline\u{01} \u{7F} Zürich 📬 / done"
    state.consecutiveFailures = 2
    state.messagesByKind = ["reply": 3, "other": 5, "hard_bounce": 1, "auto_reply": 0, "opt_out": 7, "soft_bounce": 2]
    state.eventsApplied = 9
    state.eventsAlreadyApplied = 1
    state.unmatched = 4
    state.rescans = 1
    state.backlog = 1_200
    state.lastPassMessages = 4_800
    state.lastPassMilliseconds = 183
    return state
}

@Test func mailboxStateFileReadsBackExactlyWhatWasSaved() throws {
    let data = try TemporaryDirectory()
    let directory = MailboxStateDirectory(dataDirectory: data.path)
    let full = fullMailboxState()
    let bare = MailboxState(mailbox: "local", location: "maildir:/var/mail/x")
    for state in [full, bare] {
        try directory.save(state)
        #expect(try directory.load(state.mailbox) == state)
    }
}

@Test func mailboxStateFilesWrittenByTheEncoderStillLoadAndLookTheSame() throws {
    let data = try TemporaryDirectory()
    let directory = MailboxStateDirectory(dataDirectory: data.path)
    let state = fullMailboxState()
    // How earlier versions wrote the file.
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.dateEncodingStrategy = .iso8601
    let old = try encoder.encode(state)
    try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
    try old.write(to: URL(fileURLWithPath: directory.file(for: state.mailbox)))
    #expect(try directory.load(state.mailbox) == state)
    // And the hand-written file is the same text, so nobody reading it notices the change; a date with a fraction of
    // a second (as `Date()` gives) is cut to whole seconds the same way.
    var fractional = state
    fractional.lastErrorAt = Date(timeIntervalSince1970: 1_790_000_061.75)
    for state in [state, fractional] {
        try directory.save(state)
        let new = try Data(contentsOf: URL(fileURLWithPath: directory.file(for: state.mailbox)))
        #expect(String(decoding: new, as: UTF8.self) == String(decoding: try encoder.encode(state), as: UTF8.self))
    }
}

@Test func damagedOrNewerStateIsRefusedNotReset() throws {
    let data = try TemporaryDirectory()
    let directory = MailboxStateDirectory(dataDirectory: data.path)
    try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
    try Data("{\"schema_version\": 1, \"mailbox\": ".utf8).write(to: URL(fileURLWithPath: directory.file(for: "a")))
    #expect(throws: MailboxStateDirectory.Failure.self) { try directory.load("a") }

    var future = MailboxState(mailbox: "b", location: "x")
    future.schemaVersion = 99
    try directory.save(future)
    do {
        _ = try directory.load("b")
        Issue.record("a newer state file was accepted")
    } catch {
        #expect(error.description.contains("newer leadfwd"))
    }
}

@Test func backoffGrowsExponentiallyWithBoundedJitter() {
    let backoff = RetryBackoff(initial: .seconds(2), maximum: .seconds(60))
    var generator = SystemRandomNumberGenerator()
    for failures in 1...10 {
        let base = min(2.0 * Double(1 << (failures - 1)), 60)
        for _ in 0..<20 {
            let delay = backoff.delay(afterFailures: failures, using: &generator)
            #expect(delay >= .seconds(base * 0.5) && delay < .seconds(base * 1.5))
        }
    }
}

@Test func processedLogDropsATornLastLineAndKeepsOddNames() throws {
    let data = try TemporaryDirectory()
    let log = ProcessedMessageLog(directory: MailboxStateDirectory(dataDirectory: data.path), mailbox: "local")
    #expect(try log.load().isEmpty)
    try log.append(["maildir 1795.M1.host", "file odd\nname 100%.eml"])
    try log.append(["maildir 1795.M2.host", "file cr\rand 50%0A.eml"])
    #expect(try log.load() == ["maildir 1795.M1.host", "file odd\nname 100%.eml", "maildir 1795.M2.host",
                               "file cr\rand 50%0A.eml"])

    // A crash in the middle of an append: the torn line is dropped, and the next append starts on its own line.
    let handle = try #require(FileHandle(forWritingAtPath: log.path))
    handle.seekToEndOfFile()
    handle.write(Data("maildir 1795.M3.h".utf8))
    try handle.close()
    #expect(try log.load().count == 4)
    try log.append(["maildir 1795.M4.host"])
    #expect(try log.load() == ["maildir 1795.M1.host", "file odd\nname 100%.eml", "maildir 1795.M2.host",
                               "file cr\rand 50%0A.eml", "maildir 1795.M4.host"])
}

/// The temporary file of an atomic replace goes beside its target, so the split must find the target's folder.
@Test func durableReplaceSplitsPathsAtTheirLastSlash() {
    #expect(DurableFile.folderAndName("/data/worker/inbox.json") == ("/data/worker", "inbox.json"))
    #expect(DurableFile.folderAndName("/data//worker//inbox.json") == ("/data//worker", "inbox.json"))
    #expect(DurableFile.folderAndName("/inbox.json") == ("/", "inbox.json"))
    #expect(DurableFile.folderAndName("inbox.json") == (".", "inbox.json"))
    #expect(DurableFile.folderAndName("data/postfächer/eingang.json") == ("data/postfächer", "eingang.json"))
}
