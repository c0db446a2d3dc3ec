import ArgumentParser

/// `leadfwd bench …`: throughput figures for each layer, printed, never asserted.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput of the project's layers on real data (use a release build).",
        subcommands: [BenchParseCommand.self, BenchClassifyCommand.self]
    )
}
