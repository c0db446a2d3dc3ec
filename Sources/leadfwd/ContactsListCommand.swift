import ArgumentParser
import Engagement

struct ContactsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List contacts in a filtered view.",
        discussion: """
        Filters combine with AND. --status repeated means any of those statuses; --not-status excludes.
        Examples:
          leadfwd contacts list --status Working
          leadfwd contacts list --status Open --status Responded --tag vip --format csv
          leadfwd contacts list --not-status "Do Not Contact" --record-status Active
        """
    )

    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var filter: ContactFilterOptions
    @OptionGroup var output: OutputFormatOptions

    func run() throws {
        let contacts = try data.openStore().contacts(matching: filter.filter)
        switch output.format {
        case .json:
            print(try TableOutput.json(contacts), terminator: "")
        case .table, .csv:
            print(TableOutput.render(output.format, headers: ContactColumns.headers(output.format),
                                     rows: contacts.map(ContactColumns.cells)), terminator: "")
            if output.format == .table { print("\(contacts.count) contact\(contacts.count == 1 ? "" : "s")") }
        }
    }
}

/// The columns of a contact listing.
enum ContactColumns {
    static func headers(_ format: OutputFormat) -> [String] {
        let names = ["email", "first_name", "last_name", "company", "engagement_status", "record_status", "sequence",
                     "step", "first_working", "tags", "segments"]
        return format == .csv ? names : names.map { $0.uppercased().replacingOccurrences(of: "_", with: " ") }
    }

    static func cells(_ contact: Contact) -> [String] {
        [contact.email, contact.firstName ?? "", contact.lastName ?? "", contact.company ?? "",
         contact.engagementStatus.rawValue, contact.recordStatus.rawValue, contact.sequence?.sequence ?? "",
         contact.sequence.map { String($0.step) } ?? "", TableOutput.timestamp(contact.firstWorking),
         contact.tags.joined(separator: ";"), contact.segments.joined(separator: ";")]
    }
}
