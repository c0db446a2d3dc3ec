import ArgumentParser
import Foundation
import Engagement

struct BulkEmailProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "email-profile",
        abstract: "Show the full profiles of the view, limited to the first 50 records (sorted by email)."
    )

    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var target: TargetOptions
    @OptionGroup var output: OutputFormatOptions

    func run() throws {
        let (shown, omitted) = BulkAction.emailProfiles(of: try target.contacts(in: data.openStore(), action: "profile"))
        switch output.format {
        case .json: print(try TableOutput.json(shown), terminator: "")
        case .table, .csv:
            print(TableOutput.render(output.format, headers: ContactColumns.headers(output.format),
                                     rows: shown.map(ContactColumns.cells)), terminator: "")
        }
        if omitted > 0 {
            FileHandle.standardError.write(Data(("Email Profile is limited to the first \(BulkAction.emailProfileLimit) "
                + "records; \(omitted) more not shown. Narrow the filter to see them.\n").utf8))
        }
    }
}


