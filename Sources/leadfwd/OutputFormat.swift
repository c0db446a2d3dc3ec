import ArgumentParser

/// Tables for people, JSON or CSV for machines.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

struct OutputFormatOptions: ParsableArguments {
    @Option(help: "Output format: table (for people), json or csv (for machines).")
    var format: OutputFormat = .table
}
