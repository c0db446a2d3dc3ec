import Engagement
import Foundation
import Testing
import TestSupport
@testable import Ingestion

/// The built `leadfwd worker` as a separate process, so it can be killed like a real deployment.
private struct WorkerProcess {
    let process = Process()
    let log: URL

    init(_ arguments: [String], environment: [String: String], log: URL) throws {
        process.executableURL = try CLIRunner().executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        self.log = log
        if !FileManager.default.fileExists(atPath: log.path) {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    func wait() -> (status: Int32, reason: Process.TerminationReason) {
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason)
    }
}

/// 100 contacts and a stream of replies, bounces, opt-outs, auto-replies, strangers and newsletters about them.
private enum Traffic {
    static let contacts = (0..<100).map { "lead\($0)@prospect\($0 % 7).test" }

    static func message(_ number: Int) -> [UInt8] {
        let contact = contacts[number % contacts.count]
        let name = "Lead \(number % contacts.count) <\(contact)>"
        let outbound = InboundMail.outboundID(contact)
        switch number % 6 {
        case 0: return InboundMail.reply(from: name, inReplyTo: outbound, id: "reply\(number)@prospect.test")
        case 1: return InboundMail.outOfOffice(from: name, inReplyTo: outbound, id: "ooo\(number)@prospect.test")
        case 2: return InboundMail.newsletter(id: "news\(number)@digest.example.org")
        case 3: return InboundMail.reply(from: "Someone <s\(number)@elsewhere.test>", id: "stranger\(number)@else.test")
        case 4 where number % 4 == 0:
            return InboundMail.optOut(from: name, inReplyTo: outbound, id: "optout\(number)@prospect.test")
        default:
            return InboundMail.hardBounce(recipient: contact, originalID: outbound, id: "bounce\(number)@mx.test")
        }
    }
}

@Suite(.serialized) struct WorkerProcessTests {
    /// The worker SIGKILLed at random moments while draining a mailbox, restarted each time, ends with exactly the
    /// store an uninterrupted run produces: no event lost, none applied twice, no unmatched message lost or doubled.
    @Test func sigkillAtRandomPointsLosesAndDoublesNothing() async throws {
        let server = try DovecotServer()
        var delivered = 0
        func deliver(_ count: Int) throws {
            try server.deliver((delivered..<delivered + count).map(Traffic.message))
            delivered += count
        }
        try deliver(330)
        let crashed = try WorkerFixture(contacts: Traffic.contacts)
        let config = try crashed.writeConfig([IMAPMailbox.entry(server, extra: "batch_size: 3")])
        let log = crashed.folder.url.appendingPathComponent("worker.log")
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        var runs = 0
        while true {
            runs += 1
            let worker = try WorkerProcess(["worker", "--once", "--config", config], environment: IMAPMailbox.environment,
                                           log: log)
            if kills < 20 {
                try await Task.sleep(for: .milliseconds(Int.random(in: 20...400, using: &generator)))
                if worker.process.isRunning {
                    worker.send(SIGKILL)
                    _ = worker.wait()
                    kills += 1
                    continue
                }
            }
            let end = worker.wait()
            #expect(end.status == 0, "worker failed; log:\n\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
            guard end.status == 0 else { return }
            if kills >= 20 { break }
            // Drained before enough kills: more mail arrives, as it would.
            try deliver(30)
        }
        #expect(kills >= 20)
        #expect(runs > kills)

        let uninterrupted = try WorkerFixture(contacts: Traffic.contacts)
        try uninterrupted.writeConfig([IMAPMailbox.entry(server, extra: "batch_size: 50")])
        let outcomes = try await uninterrupted.worker(environment: IMAPMailbox.environment).runOnce()
        #expect(outcomes.map(\.outcome) == [.completed])

        #expect(try crashed.state("sales")?.checkpoint?.lastUID == UInt32(delivered))
        let expected = try uninterrupted.historyLines()
        #expect(expected.count > delivered / 2)
        #expect(try crashed.historyLines() == expected)
        let statuses = { (fixture: WorkerFixture) in
            try fixture.store().contacts().map { "\($0.email) \($0.engagementStatus.rawValue) \($0.recordStatus.rawValue) "
                + "\($0.softBounceCount) \($0.lastAutoReply?.returnDate ?? "-")" }
        }
        #expect(try statuses(crashed) == statuses(uninterrupted))
        let unmatched = { (fixture: WorkerFixture) in try fixture.store().unmatched().map(\.idempotencyKey).sorted { ($0 ?? "") < ($1 ?? "") } }
        #expect(try unmatched(crashed) == unmatched(uninterrupted))
        #expect(try crashed.store().statistics.eventsApplied == uninterrupted.store().statistics.eventsApplied)
    }

    /// SIGTERM lets the batch in flight finish: exit 0, and the checkpoint says exactly what the store holds.
    @Test func sigtermFinishesTheBatchAndExitsZero() async throws {
        let server = try DovecotServer()
        let contacts = (0..<400).map { "person\($0)@example.test" }
        try server.deliver(contacts.enumerated().map { index, contact in
            InboundMail.reply(from: contact, inReplyTo: InboundMail.outboundID(contact), id: "r\(index)@example.test")
        })
        let fixture = try WorkerFixture(contacts: contacts)
        let config = try fixture.writeConfig([IMAPMailbox.entry(server, extra: "batch_size: 5\npoll_interval: 1s")])
        let log = fixture.folder.url.appendingPathComponent("worker.log")
        let worker = try WorkerProcess(["worker", "--config", config], environment: IMAPMailbox.environment, log: log)
        try await waitUntil("the first batch is saved") { try fixture.state("sales")?.checkpoint != nil }
        worker.send(SIGTERM)
        let end = worker.wait()
        #expect(end.reason == .exit)
        #expect(end.status == 0)

        let state = try #require(try fixture.state("sales"))
        let lastUID = try #require(state.checkpoint?.lastUID)
        #expect(lastUID >= 5)
        // What `leadfwd status` reports as left to read is what the checkpoint left, as saved on the way out.
        if lastUID < 400 { #expect(state.backlog == 400 - Int(lastUID)) }
        #expect(state.lastPassMessages == Int(lastUID))
        // UIDs 1…N carry one reply each: the store holds a reply for exactly the messages up to the checkpoint.
        let responded = try fixture.store().contacts().filter { $0.engagementStatus == .responded }
        #expect(responded.count == Int(lastUID))
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.contains("finishing the current batch"))
    }
}
