import ArgumentParser
import Foundation
import Ingestion

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each mailbox's checkpoint, last success, last error and counts.",
        discussion: "With --config, every configured mailbox is listed (also those never read yet); with only "
            + "--data-dir, every mailbox the worker has saved state for."
    )

    @OptionGroup var source: WorkerDataOptions

    @Option(help: "Output format: table (for people) or json (for machines).")
    var format: StatusFormat = .table

    enum StatusFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func run() throws {
        let states: [MailboxState]
        do {
            states = try loadStates()
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("\(error)")
        }
        switch format {
        case .json:
            print(try TableOutput.json(states), terminator: "")
        case .table:
            guard !states.isEmpty else {
                print("No mailbox state yet: run `leadfwd worker --config FILE` (or --once) first.")
                return
            }
            print(states.map(Self.describe).joined(separator: "\n"))
        }
    }

    private func loadStates() throws -> [MailboxState] {
        guard let configuration = try source.configuration() else {
            return try MailboxStateDirectory(dataDirectory: source.dataDirectory()).all()
        }
        let directory = MailboxStateDirectory(dataDirectory: configuration.dataDirectory)
        return try configuration.mailboxes.map { mailbox in
            try directory.load(mailbox.name)
                ?? MailboxState(mailbox: mailbox.name, location: mailbox.location.description)
        }
    }

    static func describe(_ state: MailboxState) -> String {
        var lines = ["mailbox \(state.mailbox)  \(state.location)"]
        if let processed = state.localMessagesProcessed {
            lines.append("  checkpoint:    \(processed) messages processed")
        } else if let checkpoint = state.checkpoint {
            lines.append("  checkpoint:    UIDVALIDITY \(checkpoint.uidValidity), last UID \(checkpoint.lastUID)")
        } else {
            lines.append("  checkpoint:    none (never read)")
        }
        lines.append("  last success:  \(state.lastSuccessAt.map(TableOutput.timestamp) ?? "never")")
        if let backlog = state.backlog {
            lines.append("  backlog:       \(backlog) messages found new and not yet processed"
                + (backlog > 0 ? " (as of the last save; the worker saves about once a second)" : ""))
        }
        if let messages = state.lastPassMessages, let milliseconds = state.lastPassMilliseconds {
            let seconds = String(format: "%.3f", Double(milliseconds) / 1000)
            lines.append("  last pass:     \(messages) messages in \(seconds) s"
                + (milliseconds > 0 ? " (\(messages * 1000 / milliseconds) messages/s)" : ""))
        }
        if let error = state.lastError {
            let failing = state.consecutiveFailures > 0 ? " (failing: \(state.consecutiveFailures) in a row)" : ""
            lines.append("  last error:    \(TableOutput.timestamp(state.lastErrorAt)) \(error)\(failing)")
        } else {
            lines.append("  last error:    none")
        }
        let kinds = state.messagesByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        lines.append("  messages:      \(state.messages)" + (kinds.isEmpty ? "" : " (\(kinds.joined(separator: ", ")))"))
        lines.append("  events:        \(state.eventsApplied) applied, \(state.eventsAlreadyApplied) already applied; "
            + "\(state.unmatched) unmatched messages" + (state.rescans > 0 ? "; \(state.rescans) UIDVALIDITY rescans" : ""))
        return lines.joined(separator: "\n") + "\n"
    }
}
