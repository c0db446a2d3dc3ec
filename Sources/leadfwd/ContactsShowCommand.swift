import ArgumentParser
import Engagement

struct ContactsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one contact with its full history (every event, its source and evidence)."
    )

    @OptionGroup var data: DataDirectoryOptions
    @Argument(help: "The contact's email address.")
    var email: String
    @OptionGroup var output: OutputFormatOptions

    func run() throws {
        guard let contact = try data.openStore().contactWithHistory(email) else {
            throw CommandFailure("No contact \(EmailAddress.normalize(email)). List contacts with `leadfwd contacts list`, "
                + "or import it with `leadfwd contacts import FILE`.")
        }
        let historyRows = contact.history.map { entry in
            [TableOutput.timestamp(entry.event.at), entry.event.kind.name, entry.event.kind.details,
             entry.from == entry.to ? entry.to.rawValue : "\(entry.from.rawValue) → \(entry.to.rawValue)",
             entry.event.source, entry.event.evidence.joined(separator: " | ")]
        }
        switch output.format {
        case .json:
            print(try TableOutput.json(contact), terminator: "")
        case .csv:
            print(TableOutput.csv(headers: ["at", "event", "details", "status", "source", "evidence"], rows: historyRows),
                  terminator: "")
        case .table:
            var profile: [[String]] = [
                ["Email", contact.email],
                ["Name", [contact.firstName, contact.lastName].compactMap { $0 }.joined(separator: " ")],
                ["Company", contact.company ?? ""],
                ["Engagement Status", contact.engagementStatus.rawValue],
                ["Record status", contact.recordStatus.rawValue],
                ["Sequence", contact.sequence.map { "\($0.sequence), step \($0.step)" } ?? "none"
                    + (contact.lastSequence.map { " (last: \($0))" } ?? "")],
                ["firstWorking", TableOutput.timestamp(contact.firstWorking)],
                ["Soft bounces", String(contact.softBounceCount)],
                ["Tags", contact.tags.joined(separator: ", ")],
                ["Segments", contact.segments.joined(separator: ", ")],
            ]
            if let note = contact.lastAutoReply {
                profile.append(["Last auto-reply", TableOutput.timestamp(note.receivedAt)
                    + (note.returnDate.map { ", back \($0)" } ?? "") + (note.leftCompany ? ", left the company" : "")])
            }
            for (key, value) in contact.customFields.sorted(by: { $0.key < $1.key }) { profile.append([key, value]) }
            for row in profile { print(row[0].padding(toLength: 18, withPad: " ", startingAt: 0) + row[1]) }
            print("\nHistory (\(historyRows.count) events)")
            print(TableOutput.text(headers: ["AT", "EVENT", "DETAILS", "STATUS", "SOURCE", "EVIDENCE"], rows: historyRows),
                  terminator: "")
        }
    }
}
