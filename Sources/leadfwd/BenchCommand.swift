import ArgumentParser

/// `leadfwd bench …`: throughput measurements that print figures (never part of the test suite).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput and print the figures (build with -c release for meaningful numbers).",
        subcommands: [BenchParseCommand.self, BenchStoreCommand.self, BenchIMAPCommand.self, BenchWorkerCommand.self, BenchClassifyCommand.self]
    )
}
