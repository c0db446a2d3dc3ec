import ArgumentParser
import Foundation
import Engagement

/// Exists so that the obvious attempt gets the product's answer instead of "unknown command".
struct ContactsSetStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-status",
        abstract: "Always refused: Engagement Status is a system field maintained by Sequences."
    )

    @OptionGroup var data: DataDirectoryOptions
    @Argument(help: "The contact's email address.")
    var email: String
    @Argument(help: "The Engagement Status you wanted to set.")
    var status: EngagementStatus

    func run() throws {
        let event = EngagementEvent(contact: email, kind: .statusChangeRequested(to: status), at: Date(), source: "cli")
        try EventReport.apply([event], to: data.openStore(), format: .table)
    }
}
