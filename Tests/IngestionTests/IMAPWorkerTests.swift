import Engagement
import Foundation
import IMAPClient
import Testing
import TestSupport
@testable import Ingestion

/// The worker against a real Dovecot on loopback: STARTTLS verified with the server's private CA.
enum IMAPMailbox {
    static let passwordVariable = "LEADFWD_TEST_IMAP_PASSWORD"
    static var environment: [String: String] { [passwordVariable: DovecotServer.alice.secret] }

    static func entry(_ server: DovecotServer, name: String = "sales", folder: String = "INBOX",
                      passwordVariable: String = passwordVariable, extra: String = "") -> String {
        var text = """
            name: \(name)
            url: imap://\(server.host):\(server.imapPort)/\(folder)
            user: \(DovecotServer.alice.name)
            password_env: \(passwordVariable)
            ca_file: \(server.caFile)
            """
        if !extra.isEmpty { text += "\n" + extra }
        return text
    }

    static func session(_ server: DovecotServer) async throws -> IMAPSession {
        let session = IMAPSession(settings: IMAPConnectionSettings(
            host: server.host, port: server.imapPort, security: .startTLS, username: DovecotServer.alice.name,
            credential: .password(DovecotServer.alice.secret), caFile: server.caFile))
        try await session.connect()
        return session
    }
}

@Suite(.serialized) struct IMAPWorkerTests {
    @Test func startTLSMailboxUpdatesStatusesAndLeavesSeenAlone() async throws {
        let server = try DovecotServer()
        try server.deliver(InboundMail.sampleInbox())
        let fixture = try WorkerFixture(contacts: InboundMail.people)
        try fixture.writeConfig([IMAPMailbox.entry(server, extra: "batch_size: 4")])

        let outcomes = try await fixture.worker(environment: IMAPMailbox.environment).runOnce()
        #expect(outcomes.map(\.outcome) == [.completed])
        #expect(try fixture.status("ann@acme.test") == .responded)
        #expect(try fixture.status("bob@bolt.test") == .badEmail)
        #expect(try fixture.status("cyd@corp.test") == .doNotContact)
        #expect(try fixture.status("dee@delta.test") == .working)
        #expect(try fixture.store().unmatched().map(\.source) == ["mailbox sales uid 5"])
        let reply = try #require(try fixture.store().contactWithHistory("ann@acme.test")?.history.last?.event)
        #expect(reply.source == "mailbox sales uid 1")
        #expect(reply.idempotencyKey?.contains("r1@acme.test") == true)

        let state = try #require(try fixture.state("sales"))
        #expect(state.checkpoint?.lastUID == 6)
        #expect(state.messages == 6)
        #expect(state.lastError == nil)
        #expect(state.backlog == 0)
        #expect(state.lastPassMessages == 6)
        #expect(state.lastPassMilliseconds != nil)

        // BODY.PEEK[] and EXAMINE: nobody sees the mail as read because the worker looked at it.
        let session = try await IMAPMailbox.session(server)
        _ = try await session.examine("INBOX")
        let flags = try await session.flags(uids: Array(1...6))
        #expect(flags.count == 6)
        #expect(flags.values.allSatisfy { !$0.contains("\\Seen") })
        await session.logout()
    }

    @Test func movePostActionMovesProcessedMail() async throws {
        let server = try DovecotServer()
        try server.deliver(InboundMail.sampleInbox())
        let fixture = try WorkerFixture(contacts: InboundMail.people)
        try fixture.writeConfig([IMAPMailbox.entry(server, extra: "batch_size: 4\npost_action: {move: Processed}")])

        let outcomes = try await fixture.worker(environment: IMAPMailbox.environment).runOnce()
        #expect(outcomes.map(\.outcome) == [.completed])
        #expect(try fixture.status("ann@acme.test") == .responded)

        let session = try await IMAPMailbox.session(server)
        #expect(try await session.examine("INBOX").exists == 0)
        #expect(try await session.examine("Processed").exists == 6)
        await session.logout()

        // New mail after the move is still found (the checkpoint kept counting UIDs, not positions).
        try server.deliver(InboundMail.reply(from: "Dee <dee@delta.test>", inReplyTo: InboundMail.outboundID("dee@delta.test"),
                                             id: "r3@delta.test"))
        _ = try await fixture.worker(environment: IMAPMailbox.environment).runOnce()
        #expect(try fixture.status("dee@delta.test") == .responded)
    }

    /// Many batches, each moved away while the next batch's fetch is already queued at the server (fetches are
    /// pipelined): every message is read once, recorded once and moved once.
    @Test func moveAfterEveryBatchWhileTheNextFetchIsQueued() async throws {
        let server = try DovecotServer()
        // Long enough, and enough of them, that Dovecot runs a queued fetch while still answering the one before.
        let paragraph = String(repeating: "We looked at the proposal again and have a few more questions. ", count: 50)
        let strangers = (1...150).map {
            InboundMail.reply(from: "Stranger \($0) <s\($0)@strangers.test>", id: "s\($0)@strangers.test", text: paragraph)
        }
        try server.deliver(InboundMail.sampleInbox() + strangers)
        let fixture = try WorkerFixture(contacts: InboundMail.people)
        try fixture.writeConfig([IMAPMailbox.entry(server, extra: "batch_size: 25\npost_action: {move: Processed}")])

        #expect(try await fixture.worker(environment: IMAPMailbox.environment).runOnce().map(\.outcome) == [.completed])
        #expect(try fixture.status("ann@acme.test") == .responded)
        let unmatched = try fixture.store().unmatched().filter { $0.from?.contains("@strangers.test") == true }
        #expect(unmatched.count == 150)
        #expect(Set(unmatched.compactMap(\.messageID)).count == 150)

        let session = try await IMAPMailbox.session(server)
        #expect(try await session.examine("INBOX").exists == 0)
        #expect(try await session.examine("Processed").exists == 156)
        await session.logout()
    }

    @Test func flagPostActionAddsTheKeywordOnly() async throws {
        let server = try DovecotServer()
        try server.deliver(InboundMail.sampleInbox())
        let fixture = try WorkerFixture(contacts: InboundMail.people)
        try fixture.writeConfig([IMAPMailbox.entry(server, extra: "batch_size: 4\npost_action: {flag: Leadfwd-Processed}")])
        #expect(try await fixture.worker(environment: IMAPMailbox.environment).runOnce().map(\.outcome) == [.completed])

        let session = try await IMAPMailbox.session(server)
        _ = try await session.examine("INBOX")
        let flags = try await session.flags(uids: Array(1...6))
        #expect(flags.count == 6)
        #expect(flags.values.allSatisfy { $0.contains("Leadfwd-Processed") && !$0.contains("\\Seen") })
        await session.logout()
    }

    @Test func uidValidityChangeRescansWithoutDoubleCounting() async throws {
        let server = try DovecotServer()
        try server.deliver(InboundMail.sampleInbox())
        let fixture = try WorkerFixture(contacts: InboundMail.people)
        try fixture.writeConfig([IMAPMailbox.entry(server)])
        _ = try await fixture.worker(environment: IMAPMailbox.environment).runOnce()
        let before = try fixture.historyLines()
        let firstValidity = try #require(try fixture.state("sales")?.checkpoint?.uidValidity)

        try server.setUIDValidity(firstValidity + 1000)
        let outcomes = try await fixture.worker(environment: IMAPMailbox.environment).runOnce()
        #expect(outcomes.map(\.outcome) == [.completed])
        let state = try #require(try fixture.state("sales"))
        #expect(state.rescans == 1)
        #expect(state.checkpoint == MailboxCheckpoint(uidValidity: firstValidity + 1000, lastUID: 6))
        #expect(state.eventsApplied == 4)
        #expect(state.eventsAlreadyApplied == 4)
        #expect(try fixture.historyLines() == before)
        #expect(try fixture.store().unmatched().count == 1)
    }

    @Test func implicitTLSWithOAuthTokenAndTheUntrustedCertificateCase() async throws {
        let server = try DovecotServer()
        let oauth = DovecotServer.oauthUser
        try server.deliver(InboundMail.sampleInbox(), user: oauth.name)
        let fixture = try WorkerFixture(contacts: InboundMail.people)
        let entry = { (name: String, ca: String) in
            """
            name: \(name)
            url: imaps://localhost:\(server.imapsPort)/INBOX
            user: \(oauth.name)
            oauth_token_env: LEADFWD_TEST_TOKEN
            auth_mechanism: XOAUTH2
            """ + ca
        }
        try fixture.writeConfig([entry("trusted", "\nca_file: \(server.caFile)"), entry("untrusted", "")])
        let outcomes = try await fixture.worker(environment: ["LEADFWD_TEST_TOKEN": oauth.secret]).runOnce()
        #expect(outcomes[0].outcome == .completed)
        #expect(try fixture.status("ann@acme.test") == .responded)
        // Without the private CA the server's certificate is not trusted: refused, with the fix named.
        guard case .failed(let text) = outcomes[1].outcome else {
            Issue.record("an untrusted certificate was accepted")
            return
        }
        #expect(text.contains("TLS failed"))
        #expect(text.contains("ca_file"))
        #expect(!text.contains(oauth.secret))
    }

    @Test func wrongPasswordFailsThatMailboxOnly() async throws {
        let server = try DovecotServer()
        try server.deliver(InboundMail.sampleInbox())
        let fixture = try WorkerFixture(contacts: InboundMail.people)
        try fixture.writeConfig([
            IMAPMailbox.entry(server, name: "broken", passwordVariable: "LEADFWD_TEST_WRONG_PASSWORD"),
            IMAPMailbox.entry(server, name: "sales"),
        ])
        var environment = IMAPMailbox.environment
        environment["LEADFWD_TEST_WRONG_PASSWORD"] = "not-the-password"

        let outcomes = try await fixture.worker(environment: environment).runOnce()
        #expect(outcomes.map(\.mailbox) == ["broken", "sales"])
        guard case .failed(let text) = outcomes[0].outcome else {
            Issue.record("the mailbox with a wrong password did not fail: \(outcomes[0].outcome)")
            return
        }
        #expect(text.contains("authentication failed"))
        #expect(!text.contains("not-the-password"))
        #expect(outcomes[1].outcome == .completed)
        #expect(try fixture.status("ann@acme.test") == .responded)

        let broken = try #require(try fixture.state("broken"))
        #expect(broken.lastError?.contains("authentication failed") == true)
        #expect(broken.consecutiveFailures == 1)
        #expect(broken.checkpoint == nil)
    }

    @Test func idleDeliversNewMailLongBeforeThePollInterval() async throws {
        let server = try DovecotServer()
        let messages = InboundMail.sampleInbox()
        try server.deliver(messages[0])
        let fixture = try WorkerFixture(contacts: InboundMail.people)
        // Polling every 10 minutes: only IDLE can bring the second message in within the wait below.
        try fixture.writeConfig([IMAPMailbox.entry(server, extra: "poll_interval: 10m\nidle: true")])
        let worker = try fixture.worker(environment: IMAPMailbox.environment)
        let running = Task { await worker.run() }
        try await waitUntil("the first message is read") { try fixture.state("sales")?.checkpoint?.lastUID == 1 }
        try await Task.sleep(for: .milliseconds(300))  // let the worker enter IDLE
        try server.deliver(messages[1])
        try await waitUntil("IDLE brings the bounce in") { try fixture.state("sales")?.checkpoint?.lastUID == 2 }
        #expect(try fixture.status("bob@bolt.test") == .badEmail)
        worker.gate.requestStop()
        server.kill()  // ends the IDLE wait, so the worker notices the stop now rather than in 10 minutes
        await running.value
    }

    @Test func serverKilledAndRestartedMidRunLosesNothing() async throws {
        let server = try DovecotServer()
        let messages = InboundMail.sampleInbox()
        try server.deliver(Array(messages[0..<3]))
        let fixture = try WorkerFixture(contacts: InboundMail.people)
        try fixture.writeConfig([IMAPMailbox.entry(server, extra: "batch_size: 2\npoll_interval: 300ms\nidle: true")])
        let worker = try fixture.worker(environment: IMAPMailbox.environment)
        let running = Task { await worker.run() }

        try await waitUntil("the first messages are read") { try fixture.state("sales")?.checkpoint?.lastUID == 3 }
        server.kill()
        try server.deliver(Array(messages[3...]))
        // While the server is down the mailbox fails and backs off; then it comes back.
        try await waitUntil("the failure is recorded") { (try fixture.state("sales")?.consecutiveFailures ?? 0) > 0 }
        try server.start()
        try await waitUntil("the rest is read after the restart") { try fixture.state("sales")?.checkpoint?.lastUID == 6 }
        worker.gate.requestStop()
        await running.value

        #expect(try fixture.status("ann@acme.test") == .responded)
        #expect(try fixture.status("bob@bolt.test") == .badEmail)
        #expect(try fixture.status("cyd@corp.test") == .doNotContact)
        #expect(try fixture.store().contact("dee@delta.test")?.lastAutoReply != nil)
        let state = try #require(try fixture.state("sales"))
        #expect(state.eventsApplied == 4)
        #expect(state.eventsAlreadyApplied == 0)
        #expect(state.consecutiveFailures == 0)
        #expect(try fixture.store().unmatched().count == 1)
    }
}

/// Polls `condition` until it holds; fails the test after a generous minute (a stuck worker, not a slow machine).
func waitUntil(_ what: String, _ condition: () throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline {
        if try condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("timed out waiting until \(what)")
    throw CancellationError()
}
