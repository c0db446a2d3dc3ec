import ArgumentParser
import Engagement

struct BulkAddTagCommand: ContactEventCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-tag",
        abstract: "Add a tag to every contact in the view."
    )

    @OptionGroup var data: DataDirectoryOptions
    @Argument(help: "The tag.")
    var tag: String
    @OptionGroup var target: TargetOptions
    @OptionGroup var output: OutputFormatOptions

    static let action = "tag"
    func eventKind() -> EngagementEventKind { .tagAdded(tag: tag) }
}
