import ArgumentParser
import Foundation
import Engagement

struct BulkValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate the email addresses of the view: syntax and a DNS-less domain check (no credits, no network).",
        discussion: EmailValidation.limitations
    )

    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var target: TargetOptions
    @OptionGroup var output: OutputFormatOptions

    func run() throws {
        let results = BulkAction.validate(try target.contacts(in: data.openStore(), action: "validate"))
        let rows = results.map { [$0.address, $0.verdict.rawValue, $0.reason ?? ""] }
        switch output.format {
        case .json:
            struct Report: Encodable { var results: [EmailValidation]; var limitations: String }
            print(try TableOutput.json(Report(results: results, limitations: EmailValidation.limitations)), terminator: "")
        case .csv:
            print(TableOutput.csv(headers: ["email", "verdict", "reason"], rows: rows), terminator: "")
        case .table:
            print(TableOutput.text(headers: ["EMAIL", "VERDICT", "REASON"], rows: rows), terminator: "")
            let invalid = results.filter { $0.verdict == .invalid }.count
            print("\(results.count - invalid) valid, \(invalid) invalid")
            print(EmailValidation.limitations)
        }
    }
}
