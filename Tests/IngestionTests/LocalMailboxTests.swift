import Engagement
import Foundation
import Testing
import TestSupport
@testable import Ingestion

private func writeMaildir(_ root: URL, _ messages: [[UInt8]]) throws {
    for sub in ["cur", "new", "tmp"] {
        try FileManager.default.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
    }
    for (index, message) in messages.enumerated() {
        try Data(message).write(to: root.appendingPathComponent("new/17950000\(index).M\(index)P1.test"))
    }
}

@Test func maildirEndToEndUpdatesStatusesAndKeepsUnmatched() async throws {
    let fixture = try WorkerFixture(contacts: InboundMail.people)
    try writeMaildir(fixture.folder.url.appendingPathComponent("inbox"), InboundMail.sampleInbox())
    try fixture.writeConfig(["name: local\nurl: inbox"])

    let outcomes = try await fixture.worker().runOnce()
    #expect(outcomes.map(\.outcome) == [.completed])

    #expect(try fixture.status("ann@acme.test") == .responded)
    #expect(try fixture.status("bob@bolt.test") == .badEmail)
    #expect(try fixture.status("cyd@corp.test") == .doNotContact)
    #expect(try fixture.status("dee@delta.test") == .working)
    let store = try fixture.store()
    #expect(store.contact("bob@bolt.test")?.recordStatus == .bounced)
    #expect(store.contact("dee@delta.test")?.lastAutoReply?.returnDate == "2026-12-07")

    let unmatched = store.unmatched()
    #expect(unmatched.count == 1)
    #expect(unmatched.first?.from == "who@unknown.test")
    #expect(unmatched.first?.source.hasSuffix("P1.test") == true)

    let history = try #require(try store.contactWithHistory("ann@acme.test")?.history.last)
    #expect(history.event.source.contains("/inbox/new/"))
    #expect(history.event.evidence.contains { $0.contains("In-Reply-To") })

    let state = try #require(try fixture.state("local"))
    #expect(state.messages == 6)
    #expect(state.messagesByKind["other"] == 1)
    #expect(state.eventsApplied == 4)
    #expect(state.unmatched == 1)
    #expect(state.localMessagesProcessed == 6)
}

@Test func rereadingALocalMailboxNeverCountsTwice() async throws {
    let fixture = try WorkerFixture(contacts: InboundMail.people)
    let inbox = fixture.folder.url.appendingPathComponent("inbox")
    try writeMaildir(inbox, InboundMail.sampleInbox())
    try fixture.writeConfig(["name: local\nurl: maildir:inbox"])
    _ = try await fixture.worker().runOnce()
    let before = try fixture.historyLines()

    // A mail program moves the files to cur/ and marks them read: same messages, same unique names.
    for name in try FileManager.default.contentsOfDirectory(atPath: inbox.path + "/new") {
        try FileManager.default.moveItem(atPath: inbox.path + "/new/" + name, toPath: inbox.path + "/cur/" + name + ":2,S")
    }
    _ = try await fixture.worker().runOnce()
    #expect(try fixture.state("local")?.messages == 6)

    // The checkpoint is lost: everything is read again, and the idempotency keys keep the store as it was.
    try FileManager.default.removeItem(atPath: MailboxStateDirectory(dataDirectory: fixture.dataDirectory).path)
    _ = try await fixture.worker().runOnce()
    let state = try #require(try fixture.state("local"))
    #expect(state.messages == 6)
    #expect(state.eventsApplied == 0)
    #expect(state.eventsAlreadyApplied == 4)
    #expect(try fixture.historyLines() == before)
    #expect(try fixture.store().unmatched().count == 1)
}

@Test func mboxMessagesAreReadOnceEvenWhenTheFileGrows() async throws {
    let fixture = try WorkerFixture(contacts: InboundMail.people)
    let mbox = fixture.folder.url.appendingPathComponent("bounces.mbox")
    func entry(_ message: [UInt8]) -> Data {
        let text = String(decoding: message, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        return Data(("From MAILER-DAEMON Fri Nov 27 09:15:00 2026\n" + text + "\n").utf8)
    }
    let messages = InboundMail.sampleInbox()
    try messages[0..<3].map(entry).reduce(Data(), +).write(to: mbox)
    try fixture.writeConfig(["name: archive\nurl: mbox:bounces.mbox"])
    #expect(try await fixture.worker().runOnce().map(\.outcome) == [.completed])
    #expect(try fixture.status("bob@bolt.test") == .badEmail)
    #expect(try fixture.state("archive")?.messages == 3)

    let handle = try FileHandle(forWritingTo: mbox)
    handle.seekToEndOfFile()
    handle.write(messages[3...].map(entry).reduce(Data(), +))
    try handle.close()
    _ = try await fixture.worker().runOnce()
    let state = try #require(try fixture.state("archive"))
    #expect(state.messages == 6)
    #expect(state.eventsApplied == 4)
    #expect(state.eventsAlreadyApplied == 0)
    let source = try #require(try fixture.store().contactWithHistory("dee@delta.test")?.history.last?.event.source)
    #expect(source.hasSuffix("bounces.mbox#4"))
}

@Test func aSecondWorkerOnTheSameDataDirectoryIsRefused() throws {
    let fixture = try WorkerFixture(contacts: InboundMail.people)
    try writeMaildir(fixture.folder.url.appendingPathComponent("inbox"), [])
    try fixture.writeConfig(["name: local\nurl: inbox"])
    do {
        let first = try fixture.worker()
        do {
            _ = try fixture.worker()
            Issue.record("a second worker started on the same data directory")
        } catch {
            #expect("\(error)".contains("another leadfwd worker (pid \(getpid())) is already running"))
        }
        withExtendedLifetime(first) {}
    }
    // Once the first is gone, the directory is free again.
    _ = try fixture.worker()
}

@Test func mailToAConfiguredListUnsubscribeAddressIsAnOptOutByLink() async throws {
    let mail = Array("""
        From: Ann <ann@acme.test>\r
        To: leave@lists.leadfwd.test\r
        Subject: Quick question about your pipeline\r
        Date: Fri, 27 Nov 2026 09:15:00 +0000\r
        Message-ID: <leave1@acme.test>\r
        \r
        Sent from my phone\r

        """.utf8)
    for (configured, expected) in [(true, EngagementStatus.doNotContact), (false, EngagementStatus.working)] {
        let fixture = try WorkerFixture(contacts: InboundMail.people)
        try writeMaildir(fixture.folder.url.appendingPathComponent("inbox"), [mail])
        var text = "data_dir: data\nmailboxes:\n  - {name: local, url: inbox}\n"
        if configured { text += "unsubscribe_mailboxes:\n  - Leave@lists.leadfwd.test\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: fixture.configPath))
        _ = try await fixture.worker().runOnce()
        #expect(try fixture.status("ann@acme.test") == expected, "configured: \(configured)")
        if configured {
            let event = try #require(try fixture.store().contactWithHistory("ann@acme.test")?.history.last?.event)
            #expect(event.kind == .optOut(via: .link))
        }
    }
}

/// Many small batches: later batches are read and analysed while earlier ones commit, and batches analysed together
/// commit together. Every message is still recorded exactly once, logged as processed, and not read again.
@Test func aLargeMaildirInSmallBatchesIsRecordedOnceEach() async throws {
    let fixture = try WorkerFixture(contacts: InboundMail.people)
    let strangers = (1...137).map {
        InboundMail.reply(from: "Stranger \($0) <s\($0)@strangers.test>", id: "s\($0)@strangers.test",
                          text: "Thanks, we will look at it next quarter.")
    }
    try writeMaildir(fixture.folder.url.appendingPathComponent("inbox"), InboundMail.sampleInbox() + strangers)
    try fixture.writeConfig(["name: local\nurl: maildir:inbox\nbatch_size: 5"])

    #expect(try await fixture.worker().runOnce().map(\.outcome) == [.completed])
    #expect(try fixture.status("ann@acme.test") == .responded)
    #expect(try fixture.status("bob@bolt.test") == .badEmail)
    let unmatched = try fixture.store().unmatched().filter { $0.from?.hasSuffix("@strangers.test") == true }
    #expect(unmatched.count == 137)
    #expect(Set(unmatched.compactMap(\.messageID)).count == 137)
    var state = try #require(try fixture.state("local"))
    #expect(state.messages == 143)
    #expect(state.localMessagesProcessed == 143)
    let log = ProcessedMessageLog(directory: MailboxStateDirectory(dataDirectory: fixture.dataDirectory),
                                  mailbox: "local")
    #expect(try log.load().count == 143)

    let before = try fixture.historyLines()
    #expect(try await fixture.worker().runOnce().map(\.outcome) == [.completed])
    state = try #require(try fixture.state("local"))
    #expect(state.messages == 143, "a second pass reads nothing again")
    #expect(try fixture.historyLines() == before)
}

@Test func aFileThatIsNotMailIsSkippedOnceAndTheRestIsRead() async throws {
    let fixture = try WorkerFixture(contacts: InboundMail.people)
    let folder = fixture.folder.url.appendingPathComponent("exports")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02]).write(to: folder.appendingPathComponent("0-logo.eml"))
    try Data(InboundMail.sampleInbox()[0]).write(to: folder.appendingPathComponent("1-reply.eml"))
    try fixture.writeConfig(["name: exports\nurl: exports"])
    #expect(try await fixture.worker().runOnce().map(\.outcome) == [.completed])
    #expect(try fixture.status("ann@acme.test") == .responded)
    #expect(try fixture.state("exports")?.messages == 1)
    let log = ProcessedMessageLog(directory: MailboxStateDirectory(dataDirectory: fixture.dataDirectory),
                                  mailbox: "exports")
    #expect(try log.load().contains { $0.hasPrefix("not mail ") && $0.hasSuffix("0-logo.eml") })
}

/// The identity is the local checkpoint: it must not change when a mail program files a message from new/ to cur/ or
/// flags it, and must tell an mbox position from a file whose name contains `#`.
@Test func localIdentitiesSurviveMaildirMovesAndFlags() throws {
    let dir = try TemporaryDirectory()
    let root = dir.path + "/Mail"
    let body = Array("Subject: x\n\nhello\n".utf8)
    func identity(_ source: String) -> String { LocalMessageIdentity.identity(source: source, root: root, bytes: body) }

    #expect(identity(root + "/new/1795.M1P1.host") == "maildir 1795.M1P1.host")
    #expect(identity(root + "/cur/1795.M1P1.host:2,S") == "maildir 1795.M1P1.host")
    #expect(identity(root + "/cur/1795.M1P1.host:2,RS") == "maildir 1795.M1P1.host")
    #expect(identity(root + "/Archive/cur/1795.M9P1.höst:2,") == "maildir 1795.M9P1.höst")
    #expect(identity(root + "/2026/réponse.eml") == "file 2026/réponse.eml")
    #expect(identity("/elsewhere/a.eml") == "file /elsewhere/a.eml")
    // Doubled slashes and colons at the start of a name are read as splitting the path would read them.
    #expect(identity(root + "/Archive//cur//1795.M2P1.host:2,S") == "maildir 1795.M2P1.host")
    #expect(identity(root + "/cur/::1795.M3P1.host:2,S") == "maildir 1795.M3P1.host")
    #expect(identity(root + "/cur/::") == "maildir ::")
    #expect(identity(root + "/recur/1795.M4P1.host") == "file recur/1795.M4P1.host")
    #expect(identity("cur/1795.M5P1.host") == "maildir 1795.M5P1.host")

    // `box#2` is the second message of the mbox `box`, named by content; a real file called `notes#2` is a file.
    let mboxPosition = identity(root + "/box#2")
    #expect(mboxPosition.hasPrefix("content ") && mboxPosition == identity(root + "/other#7"))
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    #expect(FileManager.default.createFile(atPath: root + "/notes#2", contents: Data(body)))
    #expect(identity(root + "/notes#2") == "file notes#2")
    #expect(identity(root + "/ticket#") == "file ticket#")
}
