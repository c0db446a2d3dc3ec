import ArgumentParser

struct ContactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts",
        abstract: "Import, list and look at contacts.",
        subcommands: [ContactsImportCommand.self, ContactsListCommand.self, ContactsShowCommand.self,
                      ContactsSetStatusCommand.self]
    )
}
