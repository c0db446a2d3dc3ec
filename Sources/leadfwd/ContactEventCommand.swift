import ArgumentParser
import Foundation
import Engagement

/// A command that applies one kind of event to each contact of a filtered view, as one batch.
protocol ContactEventCommand: ParsableCommand {
    var data: DataDirectoryOptions { get }
    var target: TargetOptions { get }
    var output: OutputFormatOptions { get }
    /// The verb for "Say which contacts to …".
    static var action: String { get }
    func eventKind() throws -> EngagementEventKind
}

extension ContactEventCommand {
    func run() throws {
        let kind = try eventKind()
        let store = try data.openStore()
        let now = Date()
        let events = try target.emails(in: store, action: Self.action).map {
            EngagementEvent(contact: $0, kind: kind, at: now, source: "cli")
        }
        try EventReport.apply(events, to: store, format: output.format)
    }
}
