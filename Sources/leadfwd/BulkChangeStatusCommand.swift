import ArgumentParser
import Engagement

struct BulkChangeStatusCommand: ContactEventCommand {
    static let configuration = CommandConfiguration(
        commandName: "change-status",
        abstract: "Change the record status (Active, Bounced, Unsubscribed, Inactive) of every contact in the view."
    )

    @OptionGroup var data: DataDirectoryOptions
    @Option(help: "The new record status.")
    var to: RecordStatus
    @OptionGroup var target: TargetOptions
    @OptionGroup var output: OutputFormatOptions

    static let action = "change the record status of"
    func eventKind() -> EngagementEventKind { .recordStatusChanged(to: to) }
}
