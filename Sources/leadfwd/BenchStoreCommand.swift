import ArgumentParser
import Foundation
import Engagement
import EngagementStore

struct BenchStoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Measure the engagement store: import contacts, apply events in batches, open, read a history."
    )

    @Option(help: "Contacts to import.")
    var contacts: Int = 100_000
    @Option(help: "Lifecycle events to apply after the import.")
    var events: Int = 1_000_000
    @Option(name: .customLong("batch-size"), help: "Events per durable commit (one journal write and one fsync).")
    var batchSize: Int = 10_000
    @Option(help: "Store directory to use (default: a new temporary directory, removed afterwards).")
    var directory: String?

    func validate() throws {
        guard contacts > 0, events >= 0, batchSize > 0 else {
            throw ValidationError("--contacts and --batch-size must be > 0, --events >= 0.")
        }
    }

    func run() throws {
        let url = directory.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("leadfwd-bench-\(UUID().uuidString)")
        defer { if directory == nil { try? FileManager.default.removeItem(at: url) } }
        let synthetic = SyntheticEngagement(contacts: contacts)
                let store = try EngagementStore.open(directory: url)

        var batches = 0
        let importTime = try BenchTiming.measure {
            for start in stride(from: 0, to: contacts, by: batchSize) {
                try store.apply((start..<min(start + batchSize, contacts)).map(synthetic.importEvent))
                batches += 1
            }
        }
        report("import", count: contacts, unit: "contacts", batches: batches, time: importTime)

        batches = 0
        var refused = 0
        let generationsBefore = store.statistics.generation
        let applyTime = try BenchTiming.measure {
            for start in stride(from: 0, to: events, by: batchSize) {
                let outcomes = try store.apply((start..<min(start + batchSize, events)).map(synthetic.event))
                refused += outcomes.filter { if case .refused = $0 { return true } else { return false } }.count
                batches += 1
            }
        }
        report("apply", count: events, unit: "events", batches: batches, time: applyTime)
        let stats = store.statistics
        print("        \(stats.eventsApplied) events applied in all, \(refused) refused by the rules (after hard bounces), "
            + "\(stats.generation - generationsBefore) snapshot compactions during apply")

        let duplicateTime = try BenchTiming.measure { _ = try store.apply((0..<min(batchSize, events)).map(synthetic.event)) }
        print("re-apply \(min(batchSize, events)) already-applied events (all duplicates): \(seconds(duplicateTime))")

        var reopened: EngagementStore?
        let openTime = try BenchTiming.measure { reopened = try EngagementStore.open(directory: url) }
        let openStats = reopened?.statistics ?? stats
        print("open    \(seconds(openTime)): snapshot \(megabytes(openStats.snapshotBytes)), journal tail "
            + "\(openStats.journalRecords) records (\(megabytes(openStats.journalBytes))) replayed, "
            + "\(openStats.contacts) contacts")

        var historyCount = 0
        let historyTime = try BenchTiming.measure {
            historyCount = try reopened?.contactWithHistory(synthetic.email(contacts / 2))?.history.count ?? 0
        }
        print("show    one contact's history (\(historyCount) events, scans every journal file): \(seconds(historyTime))")
        let filterTime = BenchTiming.measure { _ = reopened?.contacts(matching: ContactFilter(engagementStatus: [.equals(.working)])) }
        print("list    filter Working over \(openStats.contacts) contacts: \(seconds(filterTime))")
    }

    private func report(_ name: String, count: Int, unit: String, batches: Int, time: BenchTiming) {
        print("\(name.padding(toLength: 7, withPad: " ", startingAt: 0)) \(count) \(unit) in \(batches) batches "
            + "(one journal write + fsync each): \(seconds(time)), \(Int(Double(count) / max(time.cpu, 1e-9))) \(unit) per CPU second")
    }

    private func seconds(_ time: BenchTiming) -> String {
        String(format: "%.3f s wall, %.3f s CPU", time.wall, time.cpu)
    }

    private func megabytes(_ bytes: UInt64) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
}
