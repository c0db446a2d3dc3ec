/// A problem in the worker's config file, pointing at the file, the key and (when known) the line,
/// so a person can go straight to it. Secrets never appear in the text.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The config file as given on the command line.
    public var file: String
    /// Dotted path of the offending key, e.g. `mailboxes[1].password_env`; nil for a file-level problem.
    public var key: String?
    /// 1-based line in the file, when the YAML parser knows it.
    public var line: Int?
    public var problem: String

    public init(file: String, key: String? = nil, line: Int? = nil, problem: String) {
        self.file = file
        self.key = key
        self.line = line
        self.problem = problem
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let key { text += ": \(key)" }
        return text + ": " + problem
    }
}
