import ArgumentParser
import Foundation
import MailParsing

/// `leadfwd inspect PATH…`: shows what the parser read from each message.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what the parser reads from mail messages: headers, part tree, bodies, DSN/ARF fields, warnings.",
        discussion: """
            PATH is a message file (.eml), an mbox, a Maildir, a directory tree of messages, or - for \
            standard input. Exits 1 when any path could not be read or did not hold mail; the other \
            messages are still shown.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Message files, mbox files, Maildirs, directories, or - for standard input.")
    var paths: [String]

    @Option(help: "Output format: text (readable) or json (one JSON document per message).")
    var format: Format = .text

    @Option(help: "Longest body text shown in text output, in characters (0 = unlimited).")
    var bodyLimit: Int = 2_000

    func run() throws {
        let parser = MessageParser()
        var failures = 0
        for sourced in MessageSources(paths: paths) {
            switch sourced.bytes {
            case .failure(let error):
                failures += 1
                FileHandle.standardError.write(Data("leadfwd inspect: \(error)\n".utf8))
            case .success(let bytes):
                var message = parser.parse(bytes)
                if sourced.truncated {
                    message.warnings.insert(ParseWarning(code: "truncated-source",
                        message: "the source was cut at the message size limit"), at: 0)
                }
                let report = InspectReport(source: sourced.source, message: message)
                switch format {
                case .json: print(try report.jsonText())
                case .text: print(report.readableText(bodyLimit: bodyLimit))
                }
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
