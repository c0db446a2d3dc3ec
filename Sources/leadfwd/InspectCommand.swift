import ArgumentParser
import Foundation
import MailParsing

/// `leadfwd inspect PATH…`: shows what the parser read from each message.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what the parser reads from mail messages: headers, part tree, bodies, DSN/ARF fields, warnings.",
        discussion: """
            PATH is a message file (.eml), or a directory whose files are read as messages. \
            Exits 1 when any path could not be read or did not hold mail.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Message files or directories of message files.")
    var paths: [String]

    @Option(help: "Output format: text (readable) or json (one JSON document per message).")
    var format: Format = .text

    @Option(help: "Longest body text shown in text output, in characters (0 = unlimited).")
    var bodyLimit: Int = 2_000

    func run() throws {
        let parser = MessageParser()
        var failures = 0
        for source in InspectInput.expand(paths) {
            switch InspectInput.read(source) {
            case .failure(let error):
                failures += 1
                FileHandle.standardError.write(Data("leadfwd inspect: \(error)\n".utf8))
            case .success(let bytes):
                let message = parser.parse(bytes)
                guard !message.headers.fields.filter({ !$0.isMalformed }).isEmpty else {
                    failures += 1
                    FileHandle.standardError.write(Data(
                        "leadfwd inspect: \(source) does not look like a mail message (no header fields found)\n".utf8))
                    continue
                }
                let report = InspectReport(source: source, message: message)
                switch format {
                case .json: print(try report.jsonText())
                case .text: print(report.readableText(bodyLimit: bodyLimit))
                }
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}

/// Reading the inspected paths (until MessageSources handles every mailbox format).
enum InspectInput {
    enum Failure: Error, CustomStringConvertible {
        case notFound(String), unreadable(String, String), empty(String)

        var description: String {
            switch self {
            case .notFound(let path): return "\(path): no such file or directory"
            case .unreadable(let path, let reason): return "\(path): cannot be read (\(reason))"
            case .empty(let path): return "\(path): the file is empty"
            }
        }
    }

    static func expand(_ paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                return [path]
            }
            let files = (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
                .filter { !$0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }
                .map { (path as NSString).appendingPathComponent($0) }
                .filter { candidate in
                    var directory: ObjCBool = false
                    return FileManager.default.fileExists(atPath: candidate, isDirectory: &directory) && !directory.boolValue
                }
            return files.sorted()
        }
    }

    static func read(_ path: String) -> Result<[UInt8], Failure> {
        guard FileManager.default.fileExists(atPath: path) else { return .failure(.notFound(path)) }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return data.isEmpty ? .failure(.empty(path)) : .success([UInt8](data))
        } catch {
            return .failure(.unreadable(path, (error as NSError).localizedDescription))
        }
    }
}
