import ArgumentParser
import Engagement

struct BulkRemoveTagCommand: ContactEventCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove-tag",
        abstract: "Remove a tag from every contact in the view."
    )

    @OptionGroup var data: DataDirectoryOptions
    @Argument(help: "The tag.")
    var tag: String
    @OptionGroup var target: TargetOptions
    @OptionGroup var output: OutputFormatOptions

    static let action = "untag"
    func eventKind() -> EngagementEventKind { .tagRemoved(tag: tag) }
}
