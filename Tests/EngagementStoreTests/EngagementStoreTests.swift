import Foundation
import Testing
import Engagement
import TestSupport
@testable import EngagementStore

@Test func appliedEventsSurviveReopenWithHistoryAndSources() throws {
    let dir = try TemporaryDirectory()
    let store = try EngagementStore.open(directory: dir.url)
    try store.apply([importEvent("ada@acme.io"), event("ada@acme.io", .enrolled(sequence: "Q3")),
                     event("ada@acme.io", .processed, offset: 120)])
    let reopened = try EngagementStore.open(directory: dir.url)
    let ada = try #require(try reopened.contactWithHistory("ADA@acme.io"))
    #expect(ada.engagementStatus == .working)
    #expect(ada.firstWorking == baseTime.addingTimeInterval(120))
    #expect(ada.history.map(\.event.kind.name) == ["imported", "enrolled", "processed"])
    #expect(ada.history.last?.from == .enrolled && ada.history.last?.to == .working)
    #expect(ada.history.last?.event.evidence == ["line"])
}

@Test func sameIdempotencyKeyTwiceChangesNothingEvenAfterReopen() throws {
    let dir = try TemporaryDirectory()
    let store = try EngagementStore.open(directory: dir.url)
    try store.apply([importEvent("b@acme.io")])
    let bounce = event("b@acme.io", .softBounce(status: "4.2.2", diagnostic: nil), key: "imap:sales/INBOX 7 42")
    let first = try store.apply([bounce, bounce])
    #expect(first.count == 2)
    #expect(first[1] == .duplicate(idempotencyKey: "imap:sales/INBOX 7 42"))
    let again = try EngagementStore.open(directory: dir.url)
    #expect(try again.apply([bounce]) == [.duplicate(idempotencyKey: "imap:sales/INBOX 7 42")])
    #expect(again.contact("b@acme.io")?.softBounceCount == 1)
    #expect(try again.contactWithHistory("b@acme.io")?.history.count == 2)
}

@Test func refusedEventsAreReportedAndNotWritten() throws {
    let dir = try TemporaryDirectory()
    let store = try EngagementStore.open(directory: dir.url)
    try store.apply([importEvent("c@acme.io"), event("c@acme.io", .optOut(via: .link))])
    let outcomes = try store.apply([event("c@acme.io", .enrolled(sequence: "S")),
                                    event("c@acme.io", .statusChangeRequested(to: .open)),
                                    event("nobody@acme.io", .replyDetected(messageID: nil))])
    #expect(outcomes == [.refused(.enrollDoNotContact(email: "c@acme.io")),
                         .refused(.manualStatusChange(email: "c@acme.io", requested: .open)),
                         .refused(.unknownContact(email: "nobody@acme.io"))])
    #expect(try store.contactWithHistory("c@acme.io")?.history.count == 2)
    #expect(store.statistics.eventsApplied == 2)
}

@Test func aBatchOfTenThousandEventsIsOneCommit() throws {
    let dir = try TemporaryDirectory()
    let store = try EngagementStore.open(directory: dir.url)
    try store.apply((0..<10_000).map { importEvent("p\($0)@acme.io") })
    let journal = try #require(try journalFiles(in: dir.url).first)
    let all = try lines(of: dir.url.appendingPathComponent(journal).path)
    #expect(all.count == 1 + 10_000 + 1)  // header, events, one commit marker
    #expect(all.filter { $0.hasPrefix("{\"commit\"") }.count == 1)
}

@Test func openingReplaysOnlyTheJournalSinceTheLastSnapshot() throws {
    let dir = try TemporaryDirectory()
    let options = StoreOptions(compactionThreshold: 100)
    let store = try EngagementStore.open(directory: dir.url, options: options)
    for batch in 0..<20 {
        try store.apply((0..<50).map { importEvent("c\(batch * 50 + $0)@acme.io") })
    }
    let reopened = try EngagementStore.open(directory: dir.url, options: options)
    #expect(reopened.statistics.contacts == 1000)
    #expect(reopened.statistics.eventsApplied == 1000)
    #expect(reopened.statistics.journalRecords < 100)
    #expect(reopened.statistics.generation == 10)
    // Older journals are kept as history, so history still goes back to the import.
    #expect(try reopened.contactWithHistory("c0@acme.io")?.history.map(\.event.kind.name) == ["imported"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.appendingPathComponent("history").path).count == 10)
}

@Test func outboundMessageIDsFindTheContactAndUnmatchedMessagesAreKept() throws {
    let dir = try TemporaryDirectory()
    let store = try EngagementStore.open(directory: dir.url)
    try store.apply([importEvent("d@acme.io"), event("d@acme.io", .enrolled(sequence: "S")), event("d@acme.io", .processed),
                     event("d@acme.io", .advanced(step: 1, outboundMessageID: "<s1.d@out.acme.io>"))])
    let stray = UnmatchedMessage(messageID: "x@y", from: "who@else.io", subject: "hi", verdict: "reply",
                                 reason: "no contact for who@else.io", source: "imap:sales/INBOX uid 9",
                                 receivedAt: baseTime, idempotencyKey: "k9")
    try store.apply(StoreBatch(events: [], unmatched: [stray]))
    try store.recordUnmatched([stray])
    let reopened = try EngagementStore.open(directory: dir.url)
    #expect(reopened.contactForOutboundMessageID("s1.d@out.acme.io")?.email == "d@acme.io")
    #expect(reopened.contactForOutboundMessageID("<s1.d@out.acme.io>")?.email == "d@acme.io")
    #expect(reopened.unmatched() == [stray])
    try reopened.compact()
    #expect(try EngagementStore.open(directory: dir.url).unmatched() == [stray])
}

@Test func everyFileIsCreatedOwnerOnly() throws {
    let dir = try TemporaryDirectory()
    let data = dir.url.appendingPathComponent("data")
    let store = try EngagementStore.open(directory: data, options: StoreOptions(compactionThreshold: 1))
    try store.apply([importEvent("e@acme.io")])
    try store.apply([importEvent("f@acme.io")])
    var paths = try FileManager.default.contentsOfDirectory(atPath: data.path).map { data.appendingPathComponent($0).path }
    paths += try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("history").path)
        .map { data.appendingPathComponent("history/" + $0).path }
    #expect(paths.count >= 4)
    for path in paths {
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        let isDirectory = path.hasSuffix("history")
        #expect(mode == (isDirectory ? 0o700 : 0o600), "\(path) has mode \(String(mode, radix: 8))")
    }
}

@Test func twoStoresOnOneDirectorySeeEachOthersCommitsAndLoseNothing() throws {
    let dir = try TemporaryDirectory()
    let worker = try EngagementStore.open(directory: dir.url, options: StoreOptions(compactionThreshold: 7))
    let cli = try EngagementStore.open(directory: dir.url, options: StoreOptions(compactionThreshold: 7))
    try worker.apply([importEvent("g@acme.io")])
    for round in 0..<10 {
        try worker.apply([event("g@acme.io", .softBounce(status: nil, diagnostic: nil), key: "w\(round)")])
        try cli.apply([event("g@acme.io", .tagAdded(tag: "t\(round)"))])
    }
    try worker.refresh()
    for store in [worker, cli, try EngagementStore.open(directory: dir.url)] {
        let g = try #require(store.contact("g@acme.io"))
        #expect(g.softBounceCount == 10)
        #expect(g.tags.count == 10)
    }
}
