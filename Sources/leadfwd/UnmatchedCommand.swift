import ArgumentParser
import EngagementStore
import Foundation
import Ingestion

struct UnmatchedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unmatched",
        abstract: "List inbound messages the worker classified but could not tie to any contact.",
        discussion: "Each one names its source (mailbox and UID, or file), verdict, sender, subject and why no contact "
            + "matched. Import the contact (or record the outbound email) and the next matching message is applied."
    )

    @OptionGroup var source: WorkerDataOptions

    @Option(help: "Only messages with this verdict (reply, auto_reply, hard_bounce, soft_bounce, opt_out).")
    var verdict: String?

    @Option(help: "Show at most this many, newest first.")
    var limit: Int?

    @OptionGroup var output: OutputFormatOptions

    func run() throws {
        let directory = URL(fileURLWithPath: try source.dataDirectory())
        guard FileManager.default.fileExists(atPath: directory.path) else {
            throw CommandFailure("no store at \(directory.path); pass --data-dir or --config")
        }
        let store = try EngagementStore.open(directory: directory)
        var messages = store.unmatched().reversed().filter { verdict == nil || $0.verdict == verdict }
        if let limit { messages = Array(messages.prefix(max(limit, 0))) }
        switch output.format {
        case .json:
            print(try TableOutput.json(messages), terminator: "")
        case .table, .csv:
            let rows = messages.map {
                [TableOutput.timestamp($0.receivedAt), $0.verdict, $0.from ?? "", $0.subject ?? "", $0.source, $0.reason]
            }
            print(TableOutput.render(output.format, headers: ["received", "verdict", "from", "subject", "source", "reason"],
                                     rows: rows), terminator: "")
        }
    }
}
