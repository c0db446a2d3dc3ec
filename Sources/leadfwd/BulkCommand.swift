import ArgumentParser

struct BulkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulk",
        abstract: "Bulk actions on a filtered view (the product's custom list view actions).",
        discussion: """
        Every action takes the filter options of `leadfwd contacts list` (or --all). "Change Status" changes the
        record status; Engagement Status cannot be changed by anyone (see `leadfwd contacts set-status --help`).
        """,
        subcommands: [BulkChangeStatusCommand.self, BulkAddTagCommand.self, BulkRemoveTagCommand.self,
                      BulkAddToSegmentCommand.self, BulkEmailProfileCommand.self, SequenceEnrollCommand.self,
                      BulkValidateCommand.self]
    )
}
