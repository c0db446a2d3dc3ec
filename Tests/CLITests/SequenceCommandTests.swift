import Foundation
import Testing
import TestSupport

private typealias E = ContactsCLI

@Test func enrollProcessStepCompleteThroughTheCLI() throws {
    let cli = try ContactsCLI()
    try cli.importContacts(["s@x.io"])
    try cli.succeed(["sequence", "enroll", "--sequence", "Q3", "--email", "s@x.io"])
    #expect(try cli.status("s@x.io") == "Enrolled")
    #expect(try cli.contact("s@x.io")["firstWorking"] == nil)
    try cli.succeed(["sequence", "process", "--email", "s@x.io"])
    let working = try cli.contact("s@x.io")
    #expect(working["engagementStatus"] as? String == "Working")
    let firstWorking = try #require(working["firstWorking"] as? String)
    try cli.succeed(["sequence", "step", "--step", "2", "--message-id", "<q3-2@out.x.io>", "--email", "s@x.io"])
    let stepped = try cli.contact("s@x.io")
    #expect(stepped["engagementStatus"] as? String == "Working")
    #expect((stepped["sequence"] as? [String: Any])?["step"] as? Int == 2)
    try cli.succeed(["sequence", "complete", "--email", "s@x.io"])
    #expect(try cli.status("s@x.io") == "Unresponsive")
    // A reply after completing → Responded; enrolling again is allowed and firstWorking stays the first one.
    try cli.applyEvents([E.event("s@x.io", #"{"replyDetected":{"messageID":"re1@x.io"}}"#, key: "r1")])
    #expect(try cli.status("s@x.io") == "Responded")
    try cli.succeed(["sequence", "enroll", "--sequence", "Q4", "--email", "s@x.io"])
    try cli.succeed(["sequence", "process", "--email", "s@x.io"])
    #expect(try cli.contact("s@x.io")["firstWorking"] as? String == firstWorking)
}

@Test func sequenceRefusalsExitNonZeroWithTheReason() throws {
    let cli = try ContactsCLI()
    try cli.importContacts(["bad@x.io", "dnc@x.io", "busy@x.io", "open@x.io", "work@x.io"])
    try cli.succeed(["sequence", "enroll", "--sequence", "W", "--email", "work@x.io"])
    try cli.succeed(["sequence", "process", "--email", "work@x.io"])
    try cli.succeed(["sequence", "step", "--step", "2", "--email", "work@x.io"])
    try cli.applyEvents([E.event("bad@x.io", #"{"hardBounce":{}}"#)])
    try cli.succeed(["optout", "dnc@x.io", "--via", "link"])
    try cli.succeed(["sequence", "enroll", "--sequence", "A", "--email", "busy@x.io"])
    let cases: [(String, [String], String)] = [
        ("bad@x.io", ["sequence", "enroll", "--sequence", "B"], "Bad Email"),
        ("dnc@x.io", ["sequence", "enroll", "--sequence", "B"], "Do Not Contact"),
        ("busy@x.io", ["sequence", "enroll", "--sequence", "B"], "already Enrolled in sequence \"A\""),
        ("open@x.io", ["sequence", "process"], "sequence enroll"),
        ("open@x.io", ["sequence", "step", "--step", "2"], "only a Working contact"),
        ("open@x.io", ["sequence", "complete"], "only a Working contact"),
        ("open@x.io", ["sequence", "unenroll", "--via", "sidebar"], "nothing to unenroll"),
        ("ghost@x.io", ["sequence", "enroll", "--sequence", "B"], "leadfwd contacts import"),
        ("work@x.io", ["sequence", "step", "--step", "1"], "does not go back to step 1"),
        ("work@x.io", ["sequence", "step", "--step", "0"], "steps start at 1"),
        ("work@x.io", ["sequence", "enroll", "--sequence", "B"], "already Working in sequence \"W\""),
    ]
    for (email, arguments, reason) in cases {
        let outcome = try cli.run(arguments + ["--email", email])
        #expect(outcome.status == 1, "\(arguments) \(email)")
        #expect(outcome.stderr.contains(reason), "\(arguments) \(email): \(outcome.stderr)")
    }
    #expect(try cli.status("bad@x.io") == "Bad Email")
    #expect(try cli.status("busy@x.io") == "Enrolled")
    let mixed = try cli.run(["sequence", "enroll", "--sequence", "C", "--email", "open@x.io", "--email", "ghost@x.io"])
    #expect(mixed.status == 1)
    #expect(mixed.stdout.contains("1 applied, 0 already applied, 1 refused"))
    #expect(mixed.stderr.contains("ghost@x.io: no such contact"))
    let noTarget = try cli.run(["sequence", "enroll", "--sequence", "B"])
    #expect(noTarget.status != 0 && noTarget.stderr.contains("--all"))
}

@Test(arguments: ["workflow", "sidebar", "reporting"])
func unenrollFromEnrolledOrWorkingIsOpen(via: String) throws {
    let cli = try ContactsCLI()
    try cli.importContacts(["e@x.io", "w@x.io"])
    try cli.succeed(["sequence", "enroll", "--sequence", "S", "--email", "e@x.io", "--email", "w@x.io"])
    try cli.succeed(["sequence", "process", "--email", "w@x.io"])
    try cli.succeed(["sequence", "unenroll", "--via", via, "--in-sequence", "S"])
    #expect(try cli.status("e@x.io") == "Open")
    #expect(try cli.status("w@x.io") == "Open")
    #expect(try cli.contact("w@x.io")["firstWorking"] != nil)
}

@Test func repliesMoveOnlyWorkingAndUnresponsiveContacts() throws {
    let cli = try ContactsCLI()
    try cli.importContacts(["w@x.io", "o@x.io", "e@x.io"])
    try cli.succeed(["sequence", "enroll", "--sequence", "S", "--email", "w@x.io", "--email", "e@x.io"])
    try cli.succeed(["sequence", "process", "--email", "w@x.io"])
    let reply = #"{"replyDetected":{}}"#
    try cli.applyEvents([E.event("w@x.io", reply), E.event("o@x.io", reply), E.event("e@x.io", reply)])
    #expect(try cli.status("w@x.io") == "Responded")
    #expect(try cli.contact("w@x.io")["sequence"] == nil)
    #expect(try cli.status("o@x.io") == "Open")
    #expect(try cli.status("e@x.io") == "Enrolled")
    #expect((try cli.contact("o@x.io")["history"] as? [Any])?.count == 2)
}

@Test func bouncesAutoRepliesAndUnsubscribesThroughTheCLI() throws {
    let cli = try ContactsCLI()
    try cli.importContacts(["h@x.io", "d@x.io", "s@x.io", "l@x.io", "u@x.io", "p@x.io", "r@x.io"])
    try cli.succeed(["sequence", "enroll", "--sequence", "S", "--email", "h@x.io", "--email", "s@x.io"])
    try cli.succeed(["sequence", "process", "--email", "h@x.io", "--email", "s@x.io"])
    try cli.succeed(["optout", "d@x.io", "--via", "dnc-reply"])
    try cli.applyEvents([
        E.event("h@x.io", #"{"hardBounce":{"status":"5.1.1"}}"#),
        E.event("d@x.io", #"{"hardBounce":{"status":"5.1.1"}}"#),
        E.event("s@x.io", #"{"softBounce":{"status":"4.2.2"}}"#, key: "soft-1"),
        E.event("s@x.io", #"{"softBounce":{"status":"4.2.2"}}"#, key: "soft-1"),
        E.event("s@x.io", #"{"softBounce":{"status":"4.4.1"}}"#, key: "soft-2"),
        E.event("s@x.io", #"{"autoReply":{"returnDate":"2027-02-01","leftCompany":false}}"#),
        E.event("l@x.io", #"{"autoReply":{"leftCompany":true}}"#),
        E.event("p@x.io", #"{"optOut":{"via":"spamComplaint"}}"#),
        E.event("r@x.io", #"{"optOut":{"via":"dncReply"}}"#),
    ])
    #expect(try cli.status("h@x.io") == "Bad Email")
    #expect(try cli.recordStatus("h@x.io") == "Bounced")
    #expect(try cli.contact("h@x.io")["sequence"] == nil)
    #expect(try cli.status("d@x.io") == "Do Not Contact")
    #expect(try cli.recordStatus("d@x.io") == "Bounced")
    let soft = try cli.contact("s@x.io")
    #expect(soft["engagementStatus"] as? String == "Working")
    #expect(soft["softBounceCount"] as? Int == 2)
    #expect((soft["lastAutoReply"] as? [String: Any])?["returnDate"] as? String == "2027-02-01")
    #expect((try cli.contact("l@x.io")["lastAutoReply"] as? [String: Any])?["leftCompany"] as? Bool == true)
    #expect(try cli.status("l@x.io") == "Open")
    #expect(try cli.status("p@x.io") == "Do Not Contact")
    #expect(try cli.status("r@x.io") == "Do Not Contact")
    // Unsubscribed contacts are never moved back automatically.
    try cli.applyEvents([E.event("p@x.io", #"{"replyDetected":{}}"#)])
    #expect(try cli.status("p@x.io") == "Do Not Contact")
}

@Test func uniboxDoNotContactByMessageIDOrEmail() throws {
    let cli = try ContactsCLI()
    try cli.importContacts(["u@x.io", "v@x.io"])
    try cli.succeed(["sequence", "enroll", "--sequence", "S", "--email", "u@x.io"])
    try cli.succeed(["sequence", "process", "--email", "u@x.io"])
    try cli.succeed(["sequence", "step", "--step", "1", "--message-id", "<s1-u@out.x.io>", "--email", "u@x.io"])
    try cli.succeed(["unibox", "categorize", "--message-id", "s1-u@out.x.io", "--as", "do-not-contact"])
    #expect(try cli.status("u@x.io") == "Do Not Contact")
    #expect(try cli.contact("u@x.io")["sequence"] == nil)
    try cli.succeed(["unibox", "categorize", "--email", "v@x.io", "--as", "do-not-contact"])
    #expect(try cli.status("v@x.io") == "Do Not Contact")
    let unknown = try cli.run(["unibox", "categorize", "--message-id", "nope@x", "--as", "do-not-contact"])
    #expect(unknown.status != 0 && unknown.stderr.contains("--email"))
}
