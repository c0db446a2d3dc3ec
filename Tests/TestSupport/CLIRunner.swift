import Foundation

/// Runs the `leadfwd` executable that `swift build` put next to the test bundle, as a user would.
public struct CLIRunner: Sendable {
    public struct Outcome: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    public let executable: URL

    public init() throws {
        // The test bundle lives in the build products directory, beside the executable.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 where !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("leadfwd").path) {
            dir = dir.deletingLastPathComponent()
        }
        let candidate = dir.appendingPathComponent("leadfwd")
        guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
            throw CLIRunnerError.executableNotFound(near: CommandLine.arguments[0])
        }
        executable = candidate
    }

    /// Runs `leadfwd ARGS…`, feeding `stdin` if given, and waits for it to exit.
    public func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
                    currentDirectory: String? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return Outcome(status: process.terminationStatus,
                       stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }
}

public enum CLIRunnerError: Error, CustomStringConvertible {
    case executableNotFound(near: String)

    public var description: String {
        switch self {
        case .executableNotFound(let near): return "leadfwd executable not found near \(near); run `swift build` first"
        }
    }
}
