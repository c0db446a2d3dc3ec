import ArgumentParser
import Engagement
import EngagementStore

/// The filtered view a command acts on, like the product's custom views and workflow conditions.
struct ContactFilterOptions: ParsableArguments {
    @Option(name: .customLong("email"), help: "Only this contact (repeat for several).")
    var emails: [String] = []
    @Option(name: .customLong("status"),
            help: "Engagement Status equals this; repeat for any of several (e.g. --status Open --status Responded).")
    var statuses: [EngagementStatus] = []
    @Option(name: .customLong("not-status"), help: "Engagement Status does not equal this (repeatable).")
    var excludedStatuses: [EngagementStatus] = []
    @Option(name: .customLong("record-status"), help: "Record status is this (repeat for any of several).")
    var recordStatuses: [RecordStatus] = []
    @Option(name: .customLong("tag"), help: "Has this tag (repeat: has all of them).")
    var tags: [String] = []
    @Option(name: .customLong("segment"), help: "Is in this segment (repeat: in all of them).")
    var segments: [String] = []
    @Option(name: .customLong("in-sequence"), help: "Is currently in this sequence.")
    var sequence: String?

    var filter: ContactFilter {
        var conditions: [StatusCondition] = []
        if statuses.count == 1, let only = statuses.first { conditions.append(.equals(only)) }
        if statuses.count > 1 { conditions.append(.anyOf(statuses)) }
        if excludedStatuses.count == 1, let only = excludedStatuses.first { conditions.append(.notEquals(only)) }
        if excludedStatuses.count > 1 { conditions.append(.noneOf(excludedStatuses)) }
        return ContactFilter(engagementStatus: conditions, recordStatus: recordStatuses, tags: tags, segments: segments,
                             sequence: sequence, emails: emails)
    }

    var isEmpty: Bool { filter == .everyone }
}

/// The filter for a command that changes contacts: it must name whom, or say `--all`, so a forgotten option never
/// enrolls or unsubscribes the whole database.
struct TargetOptions: ParsableArguments {
    @OptionGroup var filter: ContactFilterOptions
    @Flag(help: "Act on every contact when no filter is given.")
    var all = false

    func contacts(in store: EngagementStore, action: String) throws -> [Contact] {
        try requireTarget(action)
        let contacts = store.contacts(matching: filter.filter)
        guard !contacts.isEmpty else {
            throw CommandFailure("No contact matches this filter. See who is there with `leadfwd contacts list`"
                + (filter.emails.isEmpty ? "." : ", or import them with `leadfwd contacts import FILE`."))
        }
        return contacts
    }

    /// The addresses to act on. Addresses named with --email and nothing else are all kept, known or not, so an
    /// unknown one is reported as refused ("no such contact") instead of silently skipped.
    func emails(in store: EngagementStore, action: String) throws -> [String] {
        try requireTarget(action)
        let onlyNamed = ContactFilterOptions.onlyEmails(filter)
        if onlyNamed { return filter.filter.emails }
        return try contacts(in: store, action: action).map(\.email)
    }

    private func requireTarget(_ action: String) throws {
        if filter.isEmpty && !all {
            throw ValidationError("Say which contacts to \(action): --email ADDRESS, a filter such as "
                + "--status Open --tag vip, or --all for every contact.")
        }
    }
}

extension ContactFilterOptions {
    static func onlyEmails(_ options: ContactFilterOptions) -> Bool {
        !options.emails.isEmpty && ContactFilter(emails: options.emails) == options.filter
    }
}
