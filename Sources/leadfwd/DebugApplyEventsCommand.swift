import ArgumentParser
import Foundation
import Engagement
import EngagementStore

struct DebugApplyEventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply-events",
        abstract: "Apply events from a JSON-lines file (one EngagementEvent per line) in batches; print a JSON summary."
    )

    @OptionGroup var data: DataDirectoryOptions
    @Argument(help: "JSON-lines file of events; - for standard input.")
    var file: String
    @Option(name: .customLong("batch-size"), help: "Events per durable commit.")
    var batchSize: Int = 1000
    @Option(name: .customLong("compact-every"), help: "Journal records between snapshots.")
    var compactEvery: Int = StoreOptions().compactionThreshold

    struct Summary: Encodable {
        var applied = 0
        var duplicates = 0
        var refused = 0
        var contacts = 0
        var eventsApplied = 0
    }

    func validate() throws {
        guard batchSize > 0, compactEvery > 0 else { throw ValidationError("--batch-size and --compact-every must be > 0.") }
    }

    func run() throws {
        guard let bytes = file == "-" ? FileHandle.standardInput.readDataToEndOfFile()
                : FileManager.default.contents(atPath: file) else {
            throw CommandFailure("Cannot read \(file). Give a JSON-lines file of events, or - for standard input.")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var events: [EngagementEvent] = []
        for (index, line) in bytes.split(separator: 10).enumerated() {
            do { events.append(try decoder.decode(EngagementEvent.self, from: Data(line))) } catch {
                throw CommandFailure("\(file), line \(index + 1): not an EngagementEvent (\(error)).")
            }
        }
        let store = try data.openStore(options: StoreOptions(compactionThreshold: compactEvery))
        var summary = Summary()
        var start = 0
        while start < events.count {
            let end = min(start + batchSize, events.count)
            for outcome in try store.apply(Array(events[start..<end])) {
                switch outcome {
                case .applied: summary.applied += 1
                case .duplicate: summary.duplicates += 1
                case .refused: summary.refused += 1
                }
            }
            start = end
        }
        summary.contacts = store.statistics.contacts
        summary.eventsApplied = store.statistics.eventsApplied
        print(try TableOutput.json(summary), terminator: "")
    }
}
