import ArgumentParser

struct UniboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unibox",
        abstract: "Act on replies as in the Unibox inbox.",
        subcommands: [UniboxCategorizeCommand.self]
    )
}
