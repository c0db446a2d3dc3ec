import Foundation
import IMAPClient
import Yams

/// The worker's config file: where the store lives and which mailboxes to read. Loading it checks everything that can
/// be checked without a network (paths exist, secrets are readable), so a bad file stops the worker before it
/// connects anywhere.
public struct WorkerConfiguration: Sendable, Equatable {
    /// The config file as given.
    public var file: String
    /// The engagement store and the worker's checkpoints live here.
    public var dataDirectory: String
    public var mailboxes: [MailboxConfiguration]
    /// The mailto: addresses our emails publish in List-Unsubscribe; mail to them is an opt-out (the link channel).
    public var unsubscribeMailboxes: [String]

    public init(file: String, dataDirectory: String, mailboxes: [MailboxConfiguration],
                unsubscribeMailboxes: [String] = []) {
        self.file = file
        self.dataDirectory = dataDirectory
        self.mailboxes = mailboxes
        self.unsubscribeMailboxes = unsubscribeMailboxes
    }

    /// Reads and validates the config file. `dataDirectory` (from `--data-dir`) takes precedence over `data_dir`.
    public static func load(path: String, dataDirectory override: String? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ConfigurationError) -> WorkerConfiguration {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigurationError(file: path, problem: "does not exist; check the path given to --config")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(file: path, problem: "cannot be read (a folder, or no permission)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: path, problem: "is not UTF-8 text")
        }
        let base = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        return try parse(text, file: path, baseDirectory: base, dataDirectory: override, environment: environment)
    }

    /// Parses config text; relative paths resolve against `baseDirectory` (the config file's folder).
    public static func parse(_ text: String, file: String, baseDirectory: String, dataDirectory override: String? = nil,
                             environment: [String: String] = [:]) throws(ConfigurationError) -> WorkerConfiguration {
        let root: Node
        do {
            // `.basic`: no tag resolution by regular expression (the default resolver's first pattern started ICU,
            // about 9M instructions per run); `ConfigMapping` tells booleans itself, and nothing else needs a tag.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw ConfigurationError(file: file, problem: "is empty; it needs `data_dir:` and `mailboxes:`")
            }
            root = node
        } catch let error as ConfigurationError {
            throw error
        } catch let error as YamlError {
            throw Self.syntaxError(error, file: file)
        } catch {
            throw ConfigurationError(file: file, problem: "is not valid YAML: \(error)")
        }
        let reader = MailboxConfigurationReader(file: file, baseDirectory: baseDirectory, environment: environment)
        let top = try ConfigMapping(root, path: "", file: file)
        try top.rejectUnknownKeys(allowed: ["data_dir", "defaults", "mailboxes", "unsubscribe_mailboxes"])

        let dataDirectory: String
        if let override {
            // Given on the command line: relative to where the command runs, not to the config file.
            dataDirectory = URL(fileURLWithPath: (override as NSString).expandingTildeInPath).standardizedFileURL.path
        } else if let configured = try top.string("data_dir") {
            dataDirectory = reader.resolve(configured)
        } else {
            throw top.error(nil, "missing `data_dir`; add e.g. `data_dir: /var/lib/leadfwd` (or pass --data-dir)")
        }

        var defaults = MailboxDefaults()
        if let section = try top.mapping("defaults") {
            defaults = try reader.defaults(section)
        }
        guard let items = try top.sequence("mailboxes"), !items.isEmpty else {
            throw top.error(top.has("mailboxes") ? "mailboxes" : nil,
                            "no mailboxes; add a `mailboxes:` list with at least one `- name: … url: …` entry")
        }
        var mailboxes: [MailboxConfiguration] = []
        for (index, item) in items.enumerated() {
            let entry = try ConfigMapping(item, path: "mailboxes[\(index)]", file: file)
            let mailbox = try reader.mailbox(entry, defaults: defaults)
            if mailboxes.contains(where: { $0.name == mailbox.name }) {
                throw entry.error("name", "\"\(mailbox.name)\" is already used by another mailbox; names must be unique")
            }
            mailboxes.append(mailbox)
        }
        var unsubscribeMailboxes: [String] = []
        for (index, item) in (try top.sequence("unsubscribe_mailboxes") ?? []).enumerated() {
            guard let address = item.scalar?.string.trimmingCharacters(in: .whitespaces),
                  address.contains("@"), !address.contains(" ") else {
                throw ConfigurationError(file: file, key: "unsubscribe_mailboxes[\(index)]", line: item.mark?.line,
                                         problem: "expected an email address such as unsubscribe@example.com")
            }
            unsubscribeMailboxes.append(address.lowercased())
        }
        return WorkerConfiguration(file: file, dataDirectory: dataDirectory, mailboxes: mailboxes,
                                   unsubscribeMailboxes: unsubscribeMailboxes)
    }

    private static func syntaxError(_ error: YamlError, file: String) -> ConfigurationError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return ConfigurationError(file: file, line: mark.line, problem: "is not valid YAML: \(problem)")
        default:
            return ConfigurationError(file: file, problem: "is not valid YAML: \(error)")
        }
    }
}

/// Values under `defaults:` that every mailbox inherits unless it sets its own.
struct MailboxDefaults {
    var postAction: PostAction = .leave
    var pollInterval: Duration = .seconds(60)
    var batchSize = 200
    var idle = true
}
