import Foundation
import Testing
import IMAPClient
import TestSupport

/// Post-processing and change detection against a real Dovecot: keywords, moves, UIDVALIDITY, server death, IDLE.
@Suite struct IMAPMailboxChangeTests {
    @Test func addedKeywordIsStoredAndSeenStaysUnset() async throws {
        let server = try DovecotServer()
        try server.deliver([IMAPTestMail.message(1), IMAPTestMail.message(2)])
        let session = try await IMAPTestMail.connectedSession(server)
        try await session.select()
        let uids = try await session.uidSearch(after: 0)
        try await session.addFlags(["leadfwd-processed", "\\Flagged"], uids: [uids[0]])
        // \Recent is the server's per-session marker, not something we stored.
        func stored(_ flags: [String]?) -> Set<String> { Set(flags ?? []).subtracting(["\\Recent"]) }
        let flags = try await session.flags(uids: uids)
        #expect(stored(flags[uids[0]]) == ["leadfwd-processed", "\\Flagged"])
        #expect(stored(flags[uids[1]]).isEmpty)
        try await session.removeFlags(["\\Flagged"], uids: [uids[0]])
        #expect(stored(try await session.flags(uids: [uids[0]])[uids[0]]) == ["leadfwd-processed"])
    }

    @Test func flagWithSpacesIsRefusedBeforeSending() async throws {
        let server = try DovecotServer()
        try server.deliver(IMAPTestMail.message(1))
        let session = try await IMAPTestMail.connectedSession(server)
        try await session.select()
        let error = await #expect(throws: IMAPError.self) {
            try await session.addFlags(["two words"], uids: [1])
        }
        #expect(error?.kind == .invalidArgument)
        #expect(await session.isConnected)
    }

    /// MOVE, then COPY + \Deleted + UID EXPUNGE (no MOVE), then COPY + \Deleted + EXPUNGE (no MOVE, no UIDPLUS).
    @Test(arguments: [Set<String>(), ["MOVE"], ["MOVE", "UIDPLUS"]])
    func moveToFolder(ignoring: Set<String>) async throws {
        let server = try DovecotServer()
        let messages = (1...4).map { IMAPTestMail.message($0) }
        try server.deliver(messages)
        let session = try await IMAPTestMail.connectedSession(server, ignoring: ignoring)
        #expect(await session.supportsMove == !ignoring.contains("MOVE"))
        try await session.createMailbox("Processed")
        try await session.createMailbox("Processed")
        try await session.select()
        let uids = try await session.uidSearch(after: 0)
        try await session.move(uids: [uids[0], uids[2]], to: "Processed")
        #expect(try await session.uidSearch(after: 0) == [uids[1], uids[3]])
        #expect(await session.mailbox?.exists == 2)
        let archive = try await session.examine("Processed")
        #expect(archive.exists == 2)
        let moved = try await session.fetch(uids: try await session.uidSearch(after: 0))
        #expect(moved.map(\.bytes) == [messages[0], messages[2]])
    }

    @Test func moveNeedsAReadWriteMailbox() async throws {
        let server = try DovecotServer()
        try server.deliver(IMAPTestMail.message(1))
        let session = try await IMAPTestMail.connectedSession(server)
        try await session.examine()
        let error = await #expect(throws: IMAPError.self) { try await session.move(uids: [1], to: "Elsewhere") }
        #expect(error?.kind == .invalidArgument)
    }

    @Test func uidValidityChangeIsVisible() async throws {
        let server = try DovecotServer()
        try server.deliver(IMAPTestMail.message(1))
        let session = try await IMAPTestMail.connectedSession(server)
        let before = try await session.examine()
        await session.logout()
        try server.setUIDValidity(before.uidValidity &+ 1000)
        let again = try await IMAPTestMail.connectedSession(server)
        let after = try await again.examine()
        #expect(after.uidValidity == before.uidValidity &+ 1000)
        #expect(after.exists == 1)
    }

    @Test func serverKilledMidSessionIsTransientAndReconnectWorks() async throws {
        let server = try DovecotServer()
        try server.deliver([IMAPTestMail.message(1), IMAPTestMail.message(2)])
        let session = try await IMAPTestMail.connectedSession(server)
        try await session.examine()
        let uids = try await session.uidSearch(after: 0)
        server.kill()
        let error = await #expect(throws: IMAPError.self) { _ = try await session.fetch(uids: uids) }
        #expect(error?.kind == .connectionLost)
        #expect(error?.isTransient == true)
        #expect(await !session.isConnected)
        // While the server is down, reconnecting is a transient connect failure.
        let down = await #expect(throws: IMAPError.self) { try await session.reconnect() }
        #expect(down?.isTransient == true)
        try server.restart()
        let reopened = try await session.reconnect()
        #expect(reopened?.name == "INBOX" && reopened?.exists == 2)
        #expect(try await session.fetch(uids: uids).count == 2)
        let fresh = try await IMAPTestMail.connectedSession(server)
        #expect(try await fresh.examine().exists == 2)
    }

    @Test func idleReturnsWhenAMessageArrives() async throws {
        let server = try DovecotServer()
        try server.deliver(IMAPTestMail.message(1))
        let session = try await IMAPTestMail.connectedSession(server)
        #expect(await session.supportsIdle)
        let inbox = try await session.examine()
        let arrival = IMAPTestMail.message(2)
        // Delivered only once the server has accepted IDLE, so the push (not the initial sync) must report it.
        let outcome = try await session.idle(timeout: .seconds(60)) {
            _ = try? server.deliver(arrival)
        }
        #expect(outcome == .newMessages(exists: inbox.exists + 1))
        let new = try await session.uidSearch(after: try await session.uidSearch(after: 0)[0])
        #expect(try await session.fetch(uids: new).map(\.bytes) == [arrival])
    }

    @Test func idleTimesOutQuietlyAndTheSessionStaysUsable() async throws {
        let server = try DovecotServer()
        let session = try await IMAPTestMail.connectedSession(server)
        try await session.examine()
        #expect(try await session.idle(timeout: .milliseconds(300)) == .timedOut)
        #expect(try await session.noop()?.exists == 0)
    }

    @Test func cancellingTheTaskEndsIdleAndKeepsTheSession() async throws {
        let server = try DovecotServer()
        let session = try await IMAPTestMail.connectedSession(server)
        try await session.examine()
        let (idling, signal) = AsyncStream.makeStream(of: Void.self)
        let waiter = Task { try await session.idle(timeout: .seconds(600)) { signal.yield() } }
        for await _ in idling { break }
        waiter.cancel()
        #expect(try await waiter.value == .cancelled)
        #expect(try await session.noop()?.exists == 0)
    }

    /// libcurl's login timeout must not cut a connection that later waits longer than it (IDLE, slow batches).
    @Test func sessionOutlivesItsLoginTimeout() async throws {
        let server = try DovecotServer()
        var settings = IMAPTestMail.settings(server)
        settings.connectTimeout = .seconds(1)
        settings.operationTimeout = .seconds(1)
        let session = IMAPSession(settings: settings)
        try await session.connect()
        try await session.examine()
        #expect(try await session.idle(timeout: .milliseconds(2500)) == .timedOut)
        #expect(try await session.noop()?.exists == 0)
    }

    @Test func idleWithoutServerSupportSaysSo() async throws {
        let server = try DovecotServer()
        let session = try await IMAPTestMail.connectedSession(server, ignoring: ["IDLE"])
        try await session.examine()
        let error = await #expect(throws: IMAPError.self) { _ = try await session.idle(timeout: .seconds(1)) }
        #expect(error?.kind == .unsupported)
    }
}
