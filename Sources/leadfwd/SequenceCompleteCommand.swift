import ArgumentParser
import Engagement

struct SequenceCompleteCommand: ContactEventCommand {
    static let configuration = CommandConfiguration(
        commandName: "complete",
        abstract: "Mark working contacts as having completed every step without a reply (Working → Unresponsive)."
    )

    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var target: TargetOptions
    @OptionGroup var output: OutputFormatOptions

    static let action = "complete"
    func eventKind() -> EngagementEventKind { .completed }
}
