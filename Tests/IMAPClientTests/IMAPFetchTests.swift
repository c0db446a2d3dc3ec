import Testing
import IMAPClient
import TestSupport

/// Fetching from a real Dovecot: exact bytes whatever the size or content, batches, no side effects.
@Suite struct IMAPFetchTests {
    @Test func tenMegabyteMessageIsByteExact() async throws {
        let server = try DovecotServer()
        let big = IMAPTestMail.message(1, padding: 10 * 1024 * 1024)
        try server.deliver(big)
        let session = try await IMAPTestMail.connectedSession(server, security: .implicitTLS)
        try await session.examine()
        let uids = try await session.uidSearch(after: 0)
        let fetched = try await session.fetch(uids: uids)
        #expect(fetched.count == 1)
        #expect(fetched.first?.bytes.count == big.count)
        #expect(fetched.first?.bytes == big)
    }

    @Test func bodyLinesThatLookLikeIMAPResponsesStayInTheBody() async throws {
        let server = try DovecotServer()
        // Our tags are A001, A002, …: the fetch runs as about the fourth command, so every early tag is here.
        let fake = (1...12).map { String(format: "A%03d OK FETCH completed\r\n", $0) }.joined()
            + "* 3 FETCH (UID 99 BODY[] {5}\r\n"
            + "+ continue\r\n"
            + ")\r\n"
            + "* BYE fake\r\n"
            + "{12}\r\n"
        let tricky = IMAPTestMail.message(1, body: fake)
        let plain = IMAPTestMail.message(2)
        try server.deliver([tricky, plain])
        let session = try await IMAPTestMail.connectedSession(server)
        try await session.examine()
        let fetched = try await session.fetch(uids: try await session.uidSearch(after: 0))
        #expect(fetched.map(\.bytes) == [tricky, plain])
        // The connection is still in step: the next command works.
        #expect(try await session.uidSearch(after: 0) == fetched.map(\.uid))
    }

    @Test func thousandMessagesInBatchesAllExact() async throws {
        let server = try DovecotServer()
        let messages = (1...1000).map { IMAPTestMail.message($0, padding: ($0 % 7) * 900) }
        try server.deliver(messages)
        let session = try await IMAPTestMail.connectedSession(server, batch: 64)
        let inbox = try await session.examine()
        #expect(inbox.exists == 1000)
        let uids = try await session.uidSearch(after: 0)
        #expect(uids.count == 1000)
        let fetched = try await session.fetch(uids: uids)
        #expect(fetched.map(\.uid) == uids)
        #expect(fetched.map(\.bytes) == messages)
    }

    @Test func searchAfterReturnsOnlyNewerUIDs() async throws {
        let server = try DovecotServer()
        try server.deliver((1...5).map { IMAPTestMail.message($0) })
        let session = try await IMAPTestMail.connectedSession(server)
        try await session.examine()
        let all = try await session.uidSearch(after: 0)
        #expect(all.count == 5)
        #expect(try await session.uidSearch(after: all[2]) == Array(all[3...]))
        // `UID n:*` past the end still matches the last message on the wire; the client must not return it.
        #expect(try await session.uidSearch(after: all[4]).isEmpty)
        #expect(try await session.uidSearch(after: all[4] + 100).isEmpty)
    }

    @Test func fetchingLeavesSeenUnset() async throws {
        let server = try DovecotServer()
        try server.deliver([IMAPTestMail.message(1), IMAPTestMail.message(2)])
        let session = try await IMAPTestMail.connectedSession(server)
        // Read-write on purpose: BODY.PEEK[] must not set \Seen even where the server would allow it.
        try await session.select()
        let uids = try await session.uidSearch(after: 0)
        let fetched = try await session.fetch(uids: uids)
        #expect(fetched.allSatisfy { !$0.flags.contains("\\Seen") })
        let other = try await IMAPTestMail.connectedSession(server)
        try await other.examine()
        let flags = try await other.flags(uids: uids)
        #expect(flags.count == 2)
        #expect(flags.values.allSatisfy { !$0.contains("\\Seen") })
    }

    @Test func flagsComeOnlyWhenAskedFor() async throws {
        let server = try DovecotServer()
        let messages = [IMAPTestMail.message(1), IMAPTestMail.message(2)]
        try server.deliver(messages)
        let session = try await IMAPTestMail.connectedSession(server)
        try await session.select()
        let uids = try await session.uidSearch(after: 0)
        try await session.addFlags(["\\Flagged"], uids: [uids[1]])
        let withFlags = try await session.fetch(uids: uids)
        #expect(withFlags.map(\.bytes) == messages)
        #expect(!withFlags[0].flags.contains("\\Flagged") && withFlags[1].flags.contains("\\Flagged"))
        let bytesOnly = try await session.fetch(uids: uids, flags: false)
        #expect(bytesOnly.map(\.bytes) == messages)
        #expect(bytesOnly.map(\.uid) == uids)
        #expect(bytesOnly.allSatisfy { $0.flags.isEmpty })
    }

    @Test func messageOverTheSizeLimitIsAPermanentErrorNamingTheLimit() async throws {
        let server = try DovecotServer()
        try server.deliver([IMAPTestMail.message(1), IMAPTestMail.message(2, padding: 5000)])
        var settings = IMAPTestMail.settings(server)
        settings.maxLiteralBytes = 2000
        let session = IMAPSession(settings: settings)
        try await session.connect()
        try await session.examine()
        let uids = try await session.uidSearch(after: 0)
        #expect(try await session.fetch(uids: [uids[0]]).count == 1)
        let error = await #expect(throws: IMAPError.self) { _ = try await session.fetch(uids: uids) }
        #expect(error?.kind == .limitExceeded)
        #expect(error?.isTransient == false)
        #expect(error?.command?.hasPrefix("UID FETCH") == true)
        // The connection was mid-literal: it is dropped, and a reconnect carries on.
        #expect(await !session.isConnected)
        try await session.reconnect()
        #expect(try await session.fetch(uids: [uids[0]]).count == 1)
    }

    @Test func expungedUIDsAreSimplyAbsent() async throws {
        let server = try DovecotServer()
        try server.deliver([IMAPTestMail.message(1)])
        let session = try await IMAPTestMail.connectedSession(server)
        try await session.examine()
        let uids = try await session.uidSearch(after: 0)
        let fetched = try await session.fetch(uids: uids + [uids[0] + 50])
        #expect(fetched.map(\.uid) == uids)
    }
}
