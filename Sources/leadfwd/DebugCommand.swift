import ArgumentParser

/// Tools for tests and for people debugging a data directory; hidden from the main help.
struct DebugCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug",
        abstract: "Tools for tests and debugging a data directory.",
        shouldDisplay: false,
        subcommands: [DebugApplyEventsCommand.self, DebugGenerateEventsCommand.self]
    )
}
