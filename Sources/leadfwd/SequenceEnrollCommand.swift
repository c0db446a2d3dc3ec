import ArgumentParser
import Engagement

struct SequenceEnrollCommand: ContactEventCommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll",
        abstract: "Enroll contacts in a sequence (Open, Responded or Unresponsive → Enrolled; refused for Bad Email, Do Not Contact and contacts already in one)."
    )

    @OptionGroup var data: DataDirectoryOptions
    @Option(help: "The sequence to enroll in.")
    var sequence: String
    @OptionGroup var target: TargetOptions
    @OptionGroup var output: OutputFormatOptions

    static let action = "enroll"
    func eventKind() -> EngagementEventKind { .enrolled(sequence: sequence) }
}
