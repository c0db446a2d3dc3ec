import Foundation
import Testing
import IMAPClient
import TestSupport

/// Fetches sent ahead of their turn (`thenQueue`) against a real Dovecot, which runs pipelined fetches at once and
/// interleaves their answers: every message still reaches the call that asked for it, exactly once, and the
/// conversation stays in step whatever comes between.
@Suite struct IMAPPipelinedFetchTests {
    private static func batches(_ uids: [UInt32], of size: Int) -> [[UInt32]] {
        stride(from: 0, to: uids.count, by: size).map { Array(uids[$0..<min($0 + size, uids.count)]) }
    }

    @Test func everyBatchQueuedBehindTheLastArrivesWhole() async throws {
        let server = try DovecotServer()
        let messages = (1...600).map { IMAPTestMail.message($0, padding: ($0 % 5) * 700) }
        try server.deliver(messages)
        let session = try await IMAPTestMail.connectedSession(server, batch: 40)
        try await session.examine()
        let batches = Self.batches(try await session.uidSearch(after: 0), of: 40)
        var fetched: [FetchedMessage] = []
        for (index, batch) in batches.enumerated() {
            let next = index + 1 < batches.count ? batches[index + 1] : []
            let answer = try await session.fetch(uids: batch, flags: false, thenQueue: next)
            #expect(answer.map(\.uid) == batch)
            fetched += answer
        }
        #expect(fetched.count == 600)
        let exact = fetched.map(\.bytes) == messages
        #expect(exact, "every message byte for byte, in UID order")
        #expect(try await session.uidSearch(after: 0).count == 600)
    }

    @Test func overlappingBatchesEachGetEveryMessageTheyAskFor() async throws {
        let server = try DovecotServer()
        try server.deliver((1...700).map { IMAPTestMail.message($0, padding: ($0 % 5) * 700) })
        let session = try await IMAPTestMail.connectedSession(server, batch: 50)
        try await session.examine()
        let uids = try await session.uidSearch(after: 0)
        // Each batch shares its last five UIDs with the next, as a caller re-reading an edge might.
        let starts = Array(stride(from: 0, to: 650, by: 45))
        let batches = starts.map { Array(uids[$0..<min($0 + 50, uids.count)]) }
        for (index, batch) in batches.enumerated() {
            let next = index + 1 < batches.count ? batches[index + 1] : []
            let answer = try await session.fetch(uids: batch, flags: false, thenQueue: next)
            #expect(answer.map(\.uid) == batch)
        }
    }

    @Test func aCommandBetweenFetchesKeepsTheQueuedAnswer() async throws {
        let server = try DovecotServer()
        let messages = (1...300).map { IMAPTestMail.message($0, padding: 2_000) }
        try server.deliver(messages)
        let session = try await IMAPTestMail.connectedSession(server, batch: 100)
        try await session.select()
        let batches = Self.batches(try await session.uidSearch(after: 0), of: 100)
        let first = try await session.fetch(uids: batches[0], flags: false, thenQueue: batches[1])
        // What a worker's post-action does between two batches: the queued fetch is read out of the way first.
        try await session.addFlags(["leadfwd-processed"], uids: batches[0])
        let second = try await session.fetch(uids: batches[1], flags: false, thenQueue: batches[2])
        let third = try await session.fetch(uids: batches[2], flags: false)
        let exact = (first + second + third).map(\.bytes) == messages
        #expect(exact, "every message byte for byte, in UID order")
        let flags = try await session.flags(uids: batches[0] + batches[1])
        #expect(batches[0].allSatisfy { flags[$0]?.contains("leadfwd-processed") == true })
        #expect(batches[1].allSatisfy { flags[$0]?.contains("leadfwd-processed") == false })
    }

    @Test func fetchesAskedForOutOfTurnStillGetTheirOwnMessages() async throws {
        let server = try DovecotServer()
        let messages = (1...90).map { IMAPTestMail.message($0) }
        try server.deliver(messages)
        let session = try await IMAPTestMail.connectedSession(server, batch: 30)
        try await session.examine()
        let batches = Self.batches(try await session.uidSearch(after: 0), of: 30)
        let first = try await session.fetch(uids: batches[0], thenQueue: batches[1])
        let third = try await session.fetch(uids: batches[2])
        let second = try await session.fetch(uids: batches[1])
        #expect(first.map(\.bytes) == Array(messages[0..<30]))
        #expect(second.map(\.bytes) == Array(messages[30..<60]))
        #expect(third.map(\.bytes) == Array(messages[60..<90]))
    }

    @Test func aFetchQueuedInOneMailboxNeverAnswersForTheNext() async throws {
        let server = try DovecotServer()
        try server.createMailbox("Archive")
        let inbox = (1...4).map { IMAPTestMail.message($0, body: "inbox copy \($0)") }
        let archive = (1...4).map { IMAPTestMail.message($0, body: "archive copy \($0)") }
        try server.deliver(inbox)
        try server.deliver(archive, to: "Archive")
        let session = try await IMAPTestMail.connectedSession(server)
        try await session.examine()
        let uids = try await session.uidSearch(after: 0)
        _ = try await session.fetch(uids: Array(uids[0..<2]), thenQueue: Array(uids[2...]))
        try await session.examine("Archive")
        let archived = try await session.uidSearch(after: 0)
        #expect(archived == uids)
        let fetched = try await session.fetch(uids: Array(archived[2...]))
        #expect(fetched.map(\.bytes) == Array(archive[2...]))
    }

    @Test func logoutWithAFetchStillQueuedEndsCleanly() async throws {
        let server = try DovecotServer()
        try server.deliver((1...50).map { IMAPTestMail.message($0, padding: 4_000) })
        let session = try await IMAPTestMail.connectedSession(server, batch: 25)
        try await session.examine()
        let uids = try await session.uidSearch(after: 0)
        _ = try await session.fetch(uids: Array(uids[0..<25]), thenQueue: Array(uids[25...]))
        await session.logout()
        #expect(await session.isConnected == false)
        // The server saw an orderly conversation: a new session on the same account works at once.
        let again = try await IMAPTestMail.connectedSession(server)
        try await again.examine()
        #expect(try await again.uidSearch(after: 0) == uids)
    }

    /// The worker's way of fetching: `fetchBatches` hands every batch over in order, whole, and a post-action run
    /// while it waits for permission between batches does not disturb the fetch queued meanwhile.
    @Test func fetchBatchesHandsOverEveryBatchInOrderAndLetsCommandsRunBetween() async throws {
        let server = try DovecotServer()
        let messages = (1...250).map { IMAPTestMail.message($0, padding: ($0 % 4) * 1_500) }
        try server.deliver(messages)
        let session = try await IMAPTestMail.connectedSession(server, batch: 50)
        try await session.select()
        let batches = Self.batches(try await session.uidSearch(after: 0), of: 50)
        let received = Received()
        try await session.fetchBatches(batches, flags: false, permit: {
            // Between batches, with the next batch's fetch already sent: flag what was handed over so far.
            let done = received.uids
            if !done.isEmpty { try? await session.addFlags(["leadfwd-processed"], uids: done) }
            return true
        }) { index, answer in
            received.add(index, answer)
        }
        #expect(received.indexes == Array(0..<5))
        let exact = received.messages.map(\.bytes) == messages
        #expect(exact, "every message byte for byte, in UID order")
        let flags = try await session.flags(uids: batches.flatMap { $0 })
        #expect(batches.dropLast().joined().allSatisfy { flags[$0]?.contains("leadfwd-processed") == true })
        #expect(batches[4].allSatisfy { flags[$0]?.contains("leadfwd-processed") == false })
    }

    /// A `permit` that says no ends `fetchBatches` with the next fetch possibly queued: the session answers the next
    /// command correctly all the same.
    @Test func fetchBatchesStopsWhenPermitSaysNo() async throws {
        let server = try DovecotServer()
        let messages = (1...120).map { IMAPTestMail.message($0, padding: 3_000) }
        try server.deliver(messages)
        let session = try await IMAPTestMail.connectedSession(server, batch: 40)
        try await session.examine()
        let batches = Self.batches(try await session.uidSearch(after: 0), of: 40)
        let received = Received()
        try await session.fetchBatches(batches, flags: false, permit: { received.indexes.count < 2 }) { index, answer in
            received.add(index, answer)
        }
        #expect(received.indexes == [0, 1])
        #expect(received.messages.map(\.bytes) == Array(messages[0..<80]))
        #expect(try await session.uidSearch(after: 0).count == 120)
        #expect(try await session.fetch(uids: batches[2], flags: false).map(\.bytes) == Array(messages[80..<120]))
    }
}

/// What `fetchBatches` handed over, from its callback.
private final class Received: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var batches: [(index: Int, messages: [FetchedMessage])] = []

    func add(_ index: Int, _ messages: [FetchedMessage]) {
        lock.withLock { batches.append((index, messages)) }
    }

    var indexes: [Int] { lock.withLock { batches.map(\.index) } }
    var messages: [FetchedMessage] { lock.withLock { batches.flatMap(\.messages) } }
    var uids: [UInt32] { messages.map(\.uid) }
}
