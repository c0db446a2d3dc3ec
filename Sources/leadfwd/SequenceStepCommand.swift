import ArgumentParser
import Engagement

struct SequenceStepCommand: ContactEventCommand {
    static let configuration = CommandConfiguration(
        commandName: "step",
        abstract: "Advance working contacts to step N (Working, refreshed)."
    )

    @OptionGroup var data: DataDirectoryOptions
    @Option(help: "The step number the contacts are now at (1 or more).")
    var step: Int
    @Option(name: .customLong("message-id"), help: "Message-ID of the email this step sent, so replies to it are matched.")
    var messageID: String?
    @OptionGroup var target: TargetOptions
    @OptionGroup var output: OutputFormatOptions

    static let action = "advance"
    func eventKind() -> EngagementEventKind { .advanced(step: step, outboundMessageID: messageID.map(MessageID.normalize)) }
}
