import ArgumentParser
import Foundation
import Ingestion

/// `--config` and/or `--data-dir`, for commands that read what the worker saved.
struct WorkerDataOptions: ParsableArguments {
    @Option(name: .long, help: "The worker's YAML config file; its data_dir is used unless --data-dir is given.")
    var config: String?

    @OptionGroup var data: DataDirectoryOptions

    /// The loaded config, when --config was given.
    func configuration() throws -> WorkerConfiguration? {
        guard let config else { return nil }
        do {
            return try WorkerConfiguration.load(path: config, dataDirectory: data.dataDir)
        } catch {
            throw CommandFailure("invalid config: \(error)")
        }
    }

    /// The data directory: --data-dir, else the config's data_dir, else the default.
    func dataDirectory() throws -> String {
        try configuration()?.dataDirectory ?? data.directory.path
    }
}
