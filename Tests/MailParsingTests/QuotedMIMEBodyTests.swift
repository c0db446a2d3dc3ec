import Testing
@testable import MailParsing

/// A body without a Content-Type is read as MIME only when it starts as MIME does; a notice that quotes a MIME
/// message below its own text keeps that text.
@Suite struct QuotedMIMEBodyTests {
    func parse(_ text: String) -> Message { MessageParser().parse(Array(text.utf8)) }

    @Test func textBeforeQuotedMIMELinesIsKept() {
        let parsed = parse("""
        From: MAILER-DAEMON@mx.example\r
        Subject: Failure Notice\r
        \r
        Sorry, we were unable to deliver your message to the following address.\r
        \r
        <pat@client.example>:\r
        550 5.1.1 <pat@client.example>... User Unknown\r
        \r
        --- Below this line is a copy of the message.\r
        \r
        Subject: hello\r
        Content-Type: multipart/alternative; boundary="q"\r
        \r
        --q\r
        Content-Type: text/plain\r
        \r
        hello\r
        --q\r
        Content-Type: text/html\r
        \r
        <p>hello</p>\r
        --q--\r
        """)
        #expect(parsed.textBody?.contains("User Unknown") == true)
    }

    @Test func headerlessMIMEBodyWithAShortPreambleIsStillMIME() {
        let parsed = parse("""
        From: MAILER-DAEMON@mx.example\r
        Subject: Returned mail\r
        \r
        This is a MIME-encapsulated message\r
        \r
        --b\r
        Content-Type: text/plain\r
        \r
        first\r
        --b\r
        Content-Type: text/plain\r
        \r
        second\r
        --b--\r
        """)
        #expect(parsed.root.children.count == 2)
        #expect(parsed.warnings.contains { $0.code == "multipart-without-content-type" })
    }
}

@Suite struct DeliveryStatusAddressQuotingTests {
    @Test func quotedLocalPartKeepsItsQuotesAndWholeValueQuotesGo() {
        #expect(DeliveryStatusValue.address("rfc822; \"first..last\"@example.com") == "\"first..last\"@example.com")
        #expect(DeliveryStatusValue.address("rfc822; 'pat@example.com'") == "pat@example.com")
        #expect(DeliveryStatusValue.address("rfc822; <pat@example.com>") == "pat@example.com")
    }
}
