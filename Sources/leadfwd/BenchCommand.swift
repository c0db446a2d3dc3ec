import ArgumentParser

/// `leadfwd bench …`: throughput figures for each layer, printed, never asserted.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput of each layer on real data (build with -c release for meaningful numbers).",
        subcommands: [BenchParseCommand.self, BenchClassifyCommand.self, BenchStoreCommand.self, BenchIMAPCommand.self, BenchWorkerCommand.self]
    )
}
