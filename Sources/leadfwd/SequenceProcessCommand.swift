import ArgumentParser
import Engagement

struct SequenceProcessCommand: ContactEventCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Process enrolled contacts into step 1 (Enrolled → Working; sets firstWorking once)."
    )

    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var target: TargetOptions
    @OptionGroup var output: OutputFormatOptions

    static let action = "process"
    func eventKind() -> EngagementEventKind { .processed }
}
