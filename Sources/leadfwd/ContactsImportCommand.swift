import ArgumentParser
import Foundation
import Engagement
import EngagementStore

struct ContactsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import contacts from CSV (with a header row) or JSON.",
        discussion: """
        CSV columns: email (required), first_name, last_name, company, tags and segments (separated by ;); every other
        column becomes a custom field. JSON: an array of objects with email, firstName, lastName, company, tags,
        segments, customFields (other string keys become custom fields).
        New addresses start Open with an empty firstWorking. Re-importing an address updates its fields and adds its
        tags and segments, never its Engagement Status. Rows with a bad address, or repeating an address seen earlier
        in the same file, are rejected with the reason.
        """
    )

    @OptionGroup var data: DataDirectoryOptions
    @Argument(help: "A .csv or .json file; - reads CSV or JSON from standard input.")
    var file: String
    @OptionGroup var output: OutputFormatOptions

    struct Report: Encodable {
        struct Rejection: Encodable { var row: Int; var email: String; var reason: String }
        var created = 0
        var updated = 0
        var rejected: [Rejection] = []
    }

    func run() throws {
        let text = try readInput()
        let rows = try ContactImportRows.parse(text, name: file)
        let store = try data.openStore()
        var report = Report()
        var seen: [String: Int] = [:]
        var events: [EngagementEvent] = []
        var isNew: [Bool] = []
        var rowNumbers: [Int] = []
        let now = Date()
        for row in rows {
            let email = EmailAddress.normalize(row.email)
            if let problem = EmailAddress.syntaxProblem(email) {
                report.rejected.append(.init(row: row.number, email: row.email, reason: "bad address: \(problem)"))
                continue
            }
            if let first = seen[email] {
                report.rejected.append(.init(row: row.number, email: email, reason: "duplicate of row \(first)"))
                continue
            }
            seen[email] = row.number
            events.append(EngagementEvent(contact: email, kind: .imported(profile: row.profile), at: now,
                                          source: "import:\(file) row \(row.number)"))
            isNew.append(store.contact(email) == nil)
            rowNumbers.append(row.number)
        }
        let outcomes = try store.apply(events)
        for (index, outcome) in outcomes.enumerated() {
            switch outcome {
            case .applied: if isNew[index] { report.created += 1 } else { report.updated += 1 }
            case .refused(let refusal):
                report.rejected.append(.init(row: rowNumbers[index], email: events[index].contact,
                                             reason: refusal.description))
            case .duplicate: break
            }
        }
        switch output.format {
        case .json:
            print(try TableOutput.json(report), terminator: "")
        case .csv:
            print(TableOutput.csv(headers: ["row", "email", "reason"],
                                  rows: report.rejected.map { [String($0.row), $0.email, $0.reason] }), terminator: "")
        case .table:
            print("\(report.created) created, \(report.updated) updated, \(report.rejected.count) rejected")
            if !report.rejected.isEmpty {
                print(TableOutput.text(headers: ["ROW", "EMAIL", "REASON"],
                                       rows: report.rejected.map { [String($0.row), $0.email, $0.reason] }),
                      terminator: "")
            }
        }
    }

    private func readInput() throws -> String {
        let bytes: Data
        if file == "-" {
            bytes = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw CommandFailure("Cannot read \(file): no such file or not readable. Give the path of a .csv or "
                    + ".json file, or - for standard input.")
            }
            bytes = contents
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
