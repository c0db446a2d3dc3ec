import Testing
@testable import MailParsing

/// Some old MTAs declare multipart/report with a boundary and then never write it: the prose and the
/// status fields arrive as one body. The recipients must still be found.
@Test func reportWhoseBoundaryNeverAppearsStillYieldsItsRecipients() {
    let raw = """
    From: Mail Delivery Subsystem <MAILER-DAEMON@mx.shipyard.example>
    To: <anna@leadfwd-demo.com>
    Subject: Returned mail: User unknown
    MIME-Version: 1.0
    Content-Type: multipart/report; report-type=delivery-status;
        boundary="AAA111.222/mx.shipyard.example"

    The original message was received at Mon, 2 Nov 2026 10:00:00 +0100

       ----- The following addresses had permanent fatal errors -----
    <pieter@shipyard.example>

    Reporting-MTA: dns; mx.shipyard.example
    Arrival-Date: Mon, 2 Nov 2026 10:00:00 +0100

    Final-Recipient: RFC822; pieter@shipyard.example
    Action: failed
    Status: 5.1.1
    Diagnostic-Code: SMTP; 550 5.1.1 <pieter@shipyard.example>... User unknown

    """
    let message = MessageParser().parse(Array(raw.utf8))
    let recipients = message.deliveryStatusReports.flatMap(\.recipients)
    #expect(recipients.map(\.finalRecipient) == ["pieter@shipyard.example"])
    #expect(recipients.first?.status == "5.1.1")
    #expect(message.warnings.contains { $0.code == "mislabeled-delivery-status" })
}
