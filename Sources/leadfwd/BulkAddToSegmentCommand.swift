import ArgumentParser
import Engagement

struct BulkAddToSegmentCommand: ContactEventCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-to-segment",
        abstract: "Add every contact in the view to a segment."
    )

    @OptionGroup var data: DataDirectoryOptions
    @Argument(help: "The segment.")
    var segment: String
    @OptionGroup var target: TargetOptions
    @OptionGroup var output: OutputFormatOptions

    static let action = "add to the segment"
    func eventKind() -> EngagementEventKind { .segmentAdded(segment: segment) }
}
