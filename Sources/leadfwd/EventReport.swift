import ArgumentParser
import Foundation
import Engagement
import EngagementStore

/// Applies the events a command made as one batch and reports each contact's result; exits 1 when any was refused.
struct EventReport: Encodable {
    struct Row: Encodable {
        var email: String
        var event: String
        var result: String
        var from: String?
        var to: String?
        var reason: String?
    }

    var applied = 0
    var duplicates = 0
    var refused = 0
    var rows: [Row] = []

    static func apply(_ events: [EngagementEvent], to store: EngagementStore, format: OutputFormat) throws {
        let outcomes = try store.apply(events)
        var report = EventReport()
        for (event, outcome) in zip(events, outcomes) {
            switch outcome {
            case .applied(let entry):
                report.applied += 1
                report.rows.append(Row(email: event.contact, event: event.kind.name, result: "applied",
                                       from: entry.from.rawValue, to: entry.to.rawValue))
            case .duplicate(let key):
                report.duplicates += 1
                report.rows.append(Row(email: event.contact, event: event.kind.name, result: "duplicate",
                                       reason: "already applied (key \(key))"))
            case .refused(let refusal):
                report.refused += 1
                report.rows.append(Row(email: event.contact, event: event.kind.name, result: "refused",
                                       reason: refusal.description))
            }
        }
        report.print(format)
        if report.refused > 0 { throw ExitCode(1) }
    }

    func print(_ format: OutputFormat) {
        switch format {
        case .json:
            if let text = try? TableOutput.json(self) { Swift.print(text, terminator: "") }
        case .csv:
            Swift.print(TableOutput.csv(headers: ["email", "event", "result", "from", "to", "reason"],
                                        rows: rows.map(\.cells)), terminator: "")
        case .table:
            let changed = rows.filter { $0.result == "applied" }
            if !changed.isEmpty {
                Swift.print(TableOutput.text(headers: ["EMAIL", "EVENT", "ENGAGEMENT STATUS"], rows: changed.map {
                    [$0.email, $0.event, $0.from == $0.to ? ($0.to ?? "") + " (unchanged)" : "\($0.from ?? "") → \($0.to ?? "")"]
                }), terminator: "")
            }
            Swift.print("\(applied) applied, \(duplicates) already applied, \(refused) refused")
        }
        // Refusals always reach stderr with their reason, whatever the format, so scripts and people both see them.
        for row in rows where row.result == "refused" {
            FileHandle.standardError.write(Data("refused: \(row.reason ?? "")\n".utf8))
        }
    }
}

extension EventReport.Row {
    var cells: [String] { [email, event, result, from ?? "", to ?? "", reason ?? ""] }
}
