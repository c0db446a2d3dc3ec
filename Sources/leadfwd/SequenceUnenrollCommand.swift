import ArgumentParser
import Engagement

struct SequenceUnenrollCommand: ContactEventCommand {
    static let configuration = CommandConfiguration(
        commandName: "unenroll",
        abstract: "Unenroll contacts (Enrolled or Working → Open)."
    )

    @OptionGroup var data: DataDirectoryOptions
    @Option(help: "Where the unenrolment comes from: workflow, sidebar or reporting.")
    var via: UnenrollChannel
    @OptionGroup var target: TargetOptions
    @OptionGroup var output: OutputFormatOptions

    static let action = "unenroll"
    func eventKind() -> EngagementEventKind { .unenrolled(via: via) }
}
