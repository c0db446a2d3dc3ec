import Foundation
import Testing
import TestSupport

@Test func bulkActionsApplyToTheFilteredView() throws {
    let cli = try ContactsCLI()
    try cli.succeed(["contacts", "import", "-"], stdin: "email,tags\na@x.io,vip\nb@x.io,vip\nc@x.io,\n")
    try cli.succeed(["bulk", "add-tag", "q3-push", "--tag", "vip"])
    try cli.succeed(["bulk", "remove-tag", "vip", "--email", "b@x.io"])
    try cli.succeed(["bulk", "add-to-segment", "EMEA", "--all"])
    try cli.succeed(["bulk", "change-status", "--to", "Inactive", "--email", "c@x.io"])
    #expect(try cli.contact("a@x.io")["tags"] as? [String] == ["q3-push", "vip"])
    #expect(try cli.contact("b@x.io")["tags"] as? [String] == ["q3-push"])
    #expect(try cli.contact("c@x.io")["segments"] as? [String] == ["EMEA"])
    #expect(try cli.recordStatus("c@x.io") == "Inactive")
    #expect(try cli.status("c@x.io") == "Open")

    try cli.succeed(["optout", "c@x.io"])
    let enroll = try cli.run(["bulk", "enroll", "--sequence", "S", "--segment", "EMEA"])
    #expect(enroll.status == 1)
    #expect(enroll.stdout.contains("2 applied, 0 already applied, 1 refused"))
    #expect(enroll.stderr.contains("c@x.io: cannot enroll"))
    #expect(try cli.status("a@x.io") == "Enrolled")
}

@Test func emailProfileIsLimitedToTheFirstFiftyRecords() throws {
    let cli = try ContactsCLI()
    try cli.importContacts((0..<60).map { String(format: "p%02d@x.io", $0) })
    let outcome = try cli.succeed(["bulk", "email-profile", "--all", "--format", "json"])
    let shown = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
    #expect(shown.count == 50)
    #expect(shown.last?["email"] as? String == "p49@x.io")
    #expect(outcome.stderr.contains("limited to the first 50"))
}

@Test func validateChecksSyntaxAndDomainAndSaysWhatItDoesNotCheck() throws {
    let cli = try ContactsCLI()
    try cli.importContacts(["ok@acme.io", "who@example.com", "x@host.invalid"])
    let outcome = try cli.succeed(["bulk", "validate", "--all"])
    #expect(outcome.stdout.contains("1 valid, 2 invalid"))
    #expect(outcome.stdout.contains("reserved"))
    #expect(outcome.stdout.contains("Not checked"))
    #expect(outcome.stdout.contains("MX"))
}
