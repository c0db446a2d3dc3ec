import ArgumentParser
import Foundation
import EngagementStore

/// `--data-dir`, shared by every command that reads or writes contacts.
struct DataDirectoryOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"),
            help: "Store directory (default: $LEADFWD_DATA_DIR, else $XDG_DATA_HOME/leadfwd, else ~/.local/share/leadfwd).")
    var dataDir: String?

    var directory: URL {
        if let dataDir { return URL(fileURLWithPath: (dataDir as NSString).expandingTildeInPath) }
        let environment = ProcessInfo.processInfo.environment
        if let fromEnvironment = environment["LEADFWD_DATA_DIR"], !fromEnvironment.isEmpty {
            return URL(fileURLWithPath: fromEnvironment)
        }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("leadfwd")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/leadfwd")
    }

    func openStore(options: StoreOptions = StoreOptions()) throws -> EngagementStore {
        let url = directory
        // Create parents (e.g. ~/.local/share) the first time; the store itself creates its directory 0700.
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        return try EngagementStore.open(directory: url, options: options)
    }
}
