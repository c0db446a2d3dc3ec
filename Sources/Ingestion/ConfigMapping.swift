import Foundation
import Yams

/// A YAML mapping from the config file, read key by key so every problem names its file, key path and line.
struct ConfigMapping {
    let file: String
    /// Key path of this mapping, e.g. `mailboxes[2]`; empty at the top level.
    let path: String
    let mark: Mark?
    private let entries: [(key: String, value: Node, mark: Mark?)]

    init(_ node: Node, path: String, file: String) throws(ConfigurationError) {
        self.file = file
        self.path = path
        self.mark = node.mark
        guard let mapping = node.mapping else {
            throw ConfigurationError(file: file, key: path.isEmpty ? nil : path, line: node.mark?.line,
                                     problem: "expected a mapping of `key: value` lines")
        }
        var seen = Set<String>()
        var entries: [(String, Node, Mark?)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw ConfigurationError(file: file, key: path.isEmpty ? nil : path, line: keyNode.mark?.line,
                                         problem: "keys must be plain words")
            }
            let full = Self.join(path, key)
            guard seen.insert(key).inserted else {
                throw ConfigurationError(file: file, key: full, line: keyNode.mark?.line,
                                         problem: "appears twice; keep one")
            }
            entries.append((key, value, keyNode.mark))
        }
        self.entries = entries
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    var keys: [String] { entries.map(\.key) }

    func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

    func error(_ key: String?, _ problem: String) -> ConfigurationError {
        let entry = key.flatMap { key in entries.first { $0.key == key } }
        let fullKey = key.map { Self.join(path, $0) } ?? (path.isEmpty ? nil : path)
        return ConfigurationError(file: file, key: fullKey, line: entry?.mark?.line ?? mark?.line, problem: problem)
    }

    /// Refuses keys the config does not define, so a typo is reported instead of silently ignored.
    func rejectUnknownKeys(allowed: [String], hints: [String: String] = [:]) throws(ConfigurationError) {
        for key in keys where !allowed.contains(key) {
            throw error(key, hints[key] ?? "unknown key; expected one of: \(allowed.joined(separator: ", "))")
        }
    }

    func node(_ key: String) -> Node? {
        guard let value = entries.first(where: { $0.key == key })?.value else { return nil }
        if value.null != nil { return nil }
        return value
    }

    func string(_ key: String) throws(ConfigurationError) -> String? {
        guard let value = node(key) else { return nil }
        guard let scalar = value.scalar else { throw error(key, "expected a single value, not a list or mapping") }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw error(key, "is empty") }
        return text
    }

    func requiredString(_ key: String, example: String) throws(ConfigurationError) -> String {
        guard let value = try string(key) else { throw error(nil, "missing `\(key)`; add e.g. `\(key): \(example)`") }
        return value
    }

    func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = node(key) else { return nil }
        guard let scalar = value.scalar, let flag = Self.yamlBool(scalar) else {
            throw error(key, "expected true or false")
        }
        return flag
    }

    /// A YAML 1.1 boolean as Yams's default resolver and `Bool.construct` read one: a plain (unquoted) scalar spelt
    /// exactly as one of these; `"true"` in quotes stays text.
    private static func yamlBool(_ scalar: Node.Scalar) -> Bool? {
        guard scalar.style == .plain else { return nil }
        switch scalar.string {
        case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return true
        case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let value = node(key) else { return nil }
        guard value.scalar != nil, let number = value.int, range.contains(number) else {
            throw error(key, "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// Seconds as a number, or a number with a unit: `90`, `30s`, `5m`, `1h`.
    func duration(_ key: String) throws(ConfigurationError) -> Duration? {
        guard let text = try string(key) else { return nil }
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var number = Substring(text)
        var scale = 1.0
        for unit in units where text.hasSuffix(unit.suffix) {
            number = text.dropLast(unit.suffix.count)
            scale = unit.seconds
            break
        }
        guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value.isFinite, value > 0,
              value * scale <= 86_400 else {
            throw error(key, "expected a positive duration up to a day, e.g. `60`, `30s`, `5m` or `1h`")
        }
        return .milliseconds(Int64((value * scale * 1000).rounded()))
    }

    func mapping(_ key: String) throws(ConfigurationError) -> ConfigMapping? {
        guard let value = node(key) else { return nil }
        return try ConfigMapping(value, path: Self.join(path, key), file: file)
    }

    func sequence(_ key: String) throws(ConfigurationError) -> [Node]? {
        guard let value = node(key) else { return nil }
        guard let items = value.sequence else { throw error(key, "expected a list (lines starting with `- `)") }
        return Array(items)
    }
}
