import ArgumentParser
import Foundation
import Engagement

struct OptOutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optout",
        abstract: "Record that a contact unsubscribed (→ Do Not Contact from any status; leaves the sequence).",
        discussion: "Do Not Contact is never lifted automatically: later replies, bounces and enrolments do not move it."
    )

    @OptionGroup var data: DataDirectoryOptions
    @Argument(help: "The contact's email address.")
    var email: String
    @Option(help: "How they unsubscribed: link, dnc-reply, unibox or spam-complaint.")
    var via: OptOutChannel = .link
    @Option(help: "Evidence to keep in the history (e.g. the opt-out URL hit, the message).")
    var evidence: [String] = []
    @OptionGroup var output: OutputFormatOptions

    func run() throws {
        let event = EngagementEvent(contact: email, kind: .optOut(via: via), at: Date(), source: "cli", evidence: evidence)
        try EventReport.apply([event], to: data.openStore(), format: output.format)
    }
}
