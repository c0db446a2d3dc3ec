import ArgumentParser
import Engagement

struct BulkEnrollCommand: ContactEventCommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll",
        abstract: "Enroll every contact in the view in a sequence (refused for Bad Email, Do Not Contact and contacts already in one)."
    )

    @OptionGroup var data: DataDirectoryOptions
    @Option(help: "The sequence to enroll in.")
    var sequence: String
    @OptionGroup var target: TargetOptions
    @OptionGroup var output: OutputFormatOptions

    static let action = "enroll"
    func eventKind() -> EngagementEventKind { .enrolled(sequence: sequence) }
}
