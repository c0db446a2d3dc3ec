import ArgumentParser
import Foundation

struct DebugGenerateEventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-events",
        abstract: "Print a deterministic stream of events (JSON lines): imports, then sequence lifecycles."
    )

    @Option(help: "Number of contacts to import first.")
    var contacts: Int = 100
    @Option(help: "Number of lifecycle events after the imports.")
    var events: Int = 1000

    func validate() throws {
        guard contacts > 0, events >= 0 else { throw ValidationError("--contacts must be > 0 and --events >= 0.") }
    }

    func run() throws {
        let synthetic = SyntheticEngagement(contacts: contacts)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var out = Data()
        for index in 0..<contacts { out.append(try encoder.encode(synthetic.importEvent(index))); out.append(10) }
        for number in 0..<events { out.append(try encoder.encode(synthetic.event(number))); out.append(10) }
        FileHandle.standardOutput.write(out)
    }
}
