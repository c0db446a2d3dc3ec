import Foundation
import Engagement

/// Rows of an import file, from CSV or JSON, before any validation.
struct ContactImportRows {
    struct Row {
        var number: Int
        var email: String
        var profile: ContactProfile
    }

    static func parse(_ text: String, name: String) throws -> [Row] {
        let start = text.unicodeScalars.first { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }
        if name.lowercased().hasSuffix(".json") || start == "[" || start == "{" {
            return try parseJSON(text, name: name)
        }
        return try parseCSV(text, name: name)
    }

    private static let emailColumns: Set<String> = ["email", "email address", "e-mail", "email_address"]

    private static func key(_ column: String) -> String {
        column.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: " ")
    }

    private static func list(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == ";" || $0 == "|" }).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    static func parseCSV(_ text: String, name: String) throws -> [Row] {
        let table: CSVTable
        do { table = try CSVTable(parsing: text) } catch {
            throw CommandFailure("\(name): not a CSV file we can read (\(error)).")
        }
        let keys = table.header.map(key)
        guard let emailIndex = keys.firstIndex(where: emailColumns.contains) else {
            throw CommandFailure("\(name): no email column in the header row (found: \(table.header.joined(separator: ", "))). "
                + "Add a column named email.")
        }
        return table.rows.map { line, fields in
            var profile = ContactProfile()
            for (index, value) in fields.enumerated() where index < keys.count && index != emailIndex {
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty else { continue }
                switch keys[index] {
                case "first name", "firstname": profile.firstName = trimmed
                case "last name", "lastname": profile.lastName = trimmed
                case "company", "company name": profile.company = trimmed
                case "tags", "tag": profile.tags = list(trimmed)
                case "segments", "segment": profile.segments = list(trimmed)
                default: profile.customFields[table.header[index].trimmingCharacters(in: .whitespaces)] = trimmed
                }
            }
            return Row(number: line, email: emailIndex < fields.count ? fields[emailIndex] : "", profile: profile)
        }
    }

    static func parseJSON(_ text: String, name: String) throws -> [Row] {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(text.utf8)) } catch {
            throw CommandFailure("\(name): not valid JSON (\(error.localizedDescription)). Expected an array of "
                + "objects such as [{\"email\": \"ada@acme.io\", \"firstName\": \"Ada\"}].")
        }
        let items: [Any] = (object as? [Any]) ?? [object]
        return items.enumerated().map { index, item in
            let fields = item as? [String: Any] ?? [:]
            var profile = ContactProfile()
            var email = ""
            for (field, value) in fields {
                let text = value as? String
                switch key(field) {
                case _ where emailColumns.contains(key(field)): email = text ?? ""
                case "firstname", "first name": profile.firstName = text
                case "lastname", "last name": profile.lastName = text
                case "company": profile.company = text
                case "tags": profile.tags = (value as? [String]) ?? text.map(list) ?? []
                case "segments": profile.segments = (value as? [String]) ?? text.map(list) ?? []
                case "customfields":
                    for (customKey, customValue) in value as? [String: Any] ?? [:] {
                        profile.customFields[customKey] = (customValue as? String) ?? "\(customValue)"
                    }
                default:
                    if let text { profile.customFields[field] = text }
                }
            }
            return Row(number: index + 1, email: email, profile: profile)
        }
    }
}
