import ArgumentParser

@main
struct Leadfwd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leadfwd",
        abstract: "Keep every contact's Engagement Status true from the mail that comes back.",
        version: "0.1.0",
        subcommands: [InspectCommand.self, ClassifyCommand.self, EvalCommand.self, WorkerCommand.self, StatusCommand.self, UnmatchedCommand.self, ContactsCommand.self, SequenceCommand.self, UniboxCommand.self, OptOutCommand.self, BulkCommand.self, BenchCommand.self, DebugCommand.self]
    )
}
