import Foundation
import Testing
import TestSupport

@Test func importReportsCreatedUpdatedAndRejectedRowsWithReasons() throws {
    let cli = try ContactsCLI()
    let csv = """
    email,first_name,last_name,company,tags,region
    Ada@Acme.io,Ada,Lovelace,Acme,vip;eng,EMEA
    bob@acme.io,Bob,,"Acme, Inc.",,AMER
    not-an-address,X,,,,
    ada@acme.io,Again,,,,
    """
    let first = try cli.succeed(["contacts", "import", "-", "--format", "json"], stdin: csv)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
    #expect(report["created"] as? Int == 2)
    let rejected = try #require(report["rejected"] as? [[String: Any]])
    #expect(rejected.count == 2)
    #expect((rejected[0]["reason"] as? String)?.contains("bad address") == true)
    #expect(rejected[1]["reason"] as? String == "duplicate of row 2")

    let ada = try cli.contact("ada@acme.io")
    #expect(ada["engagementStatus"] as? String == "Open")
    #expect(ada["firstWorking"] == nil)
    #expect(ada["company"] as? String == "Acme")
    #expect((ada["customFields"] as? [String: String])?["region"] == "EMEA")
    #expect(try cli.contact("bob@acme.io")["company"] as? String == "Acme, Inc.")

    // Re-import updates fields, never the status.
    try cli.succeed(["sequence", "enroll", "--sequence", "Q3", "--email", "ada@acme.io"])
    let json = #"[{"email": "ADA@acme.io", "company": "Acme Corp", "tags": ["new"]}]"#
    let again = try cli.succeed(["contacts", "import", "-"], stdin: json)
    #expect(again.stdout.contains("0 created, 1 updated, 0 rejected"))
    let updated = try cli.contact("ada@acme.io")
    #expect(updated["company"] as? String == "Acme Corp")
    #expect(updated["engagementStatus"] as? String == "Enrolled")
    #expect(updated["tags"] as? [String] == ["eng", "new", "vip"])
}

@Test func importOfAMissingFileSaysWhatToType() throws {
    let cli = try ContactsCLI()
    let outcome = try cli.run(["contacts", "import", "/nonexistent/contacts.csv"])
    #expect(outcome.status != 0)
    #expect(outcome.stderr.contains("Cannot read /nonexistent/contacts.csv"))
    #expect(outcome.stderr.contains(".csv or .json"))
}

@Test func listFiltersByStatusEqualsNotEqualsAnyOfRecordStatusTagSegmentSequence() throws {
    let cli = try ContactsCLI()
    try cli.succeed(["contacts", "import", "-"], stdin: """
    email,tags,segments
    a@x.io,vip,EMEA
    b@x.io,,EMEA
    c@x.io,vip,
    d@x.io,,
    """)
    try cli.succeed(["sequence", "enroll", "--sequence", "S1", "--email", "a@x.io", "--email", "b@x.io"])
    try cli.succeed(["sequence", "process", "--email", "b@x.io"])
    try cli.succeed(["optout", "d@x.io"])
    func emails(_ filter: [String]) throws -> [String] {
        let out = try cli.succeed(["contacts", "list", "--format", "csv"] + filter).stdout
        return out.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",").first ?? "") }
    }
    #expect(try emails(["--status", "Working"]) == ["b@x.io"])
    #expect(try emails(["--not-status", "do-not-contact"]) == ["a@x.io", "b@x.io", "c@x.io"])
    #expect(try emails(["--status", "Open", "--status", "Enrolled"]) == ["a@x.io", "c@x.io"])
    #expect(try emails(["--record-status", "Unsubscribed"]) == ["d@x.io"])
    #expect(try emails(["--tag", "vip"]) == ["a@x.io", "c@x.io"])
    #expect(try emails(["--segment", "EMEA", "--tag", "vip"]) == ["a@x.io"])
    #expect(try emails(["--in-sequence", "S1"]) == ["a@x.io", "b@x.io"])
    let table = try cli.succeed(["contacts", "list", "--status", "Working"]).stdout
    #expect(table.contains("ENGAGEMENT STATUS") && table.contains("1 contact"))
    let json = try cli.succeed(["contacts", "list", "--format", "json"]).stdout
    #expect((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any])?.count == 4)
}

@Test func showPrintsTheFullHistoryWithSourceAndEvidence() throws {
    let cli = try ContactsCLI()
    try cli.importContacts(["h@x.io"])
    try cli.succeed(["sequence", "enroll", "--sequence", "S", "--email", "h@x.io"])
    try cli.applyEvents([ContactsCLI.event("h@x.io", #"{"hardBounce":{"status":"5.1.1"}}"#, key: "mb 1 7")])
    let out = try cli.succeed(["contacts", "show", "h@x.io"]).stdout
    #expect(out.contains("History (3 events)"))
    #expect(out.contains("Enrolled → Bad Email"))
    #expect(out.contains("test mailbox"))
    #expect(out.contains("550 5.1.1 user unknown"))
    let missing = try cli.run(["contacts", "show", "nobody@x.io"])
    #expect(missing.status != 0 && missing.stderr.contains("leadfwd contacts import"))
}

@Test(arguments: ["Open", "Working", "Do Not Contact", "bad-email"])
func settingEngagementStatusByHandIsRefusedWithTheReason(status: String) throws {
    let cli = try ContactsCLI()
    try cli.importContacts(["m@x.io"])
    let outcome = try cli.run(["contacts", "set-status", "m@x.io", status])
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("system field"))
    #expect(outcome.stderr.contains("cannot be modified or changed manually"))
    #expect(try cli.status("m@x.io") == "Open")
}
