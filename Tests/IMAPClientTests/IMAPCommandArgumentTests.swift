import Testing
@testable import IMAPClient

@Suite struct IMAPCommandArgumentTests {
    @Test func uidSetsCollapseRuns() {
        #expect(IMAPCommandArgument.uidSet([9, 1, 2, 3, 5, 10, 11, 3]) == "1:3,5,9:11")
        #expect(IMAPCommandArgument.uidSet([42]) == "42")
        #expect(IMAPCommandArgument.uidSet([1, 2, 3, 5, 9, 10, 11]) == "1:3,5,9:11")
        #expect(IMAPCommandArgument.uidSet([1, 2, 2, 3]) == "1:3")
    }

    @Test func mailboxNamesAreQuotedInModifiedUTF7() {
        #expect(IMAPCommandArgument.mailbox("INBOX") == "\"INBOX\"")
        #expect(IMAPCommandArgument.mailbox("Sales & \"Leads\"") == "\"Sales &- \\\"Leads\\\"\"")
        // RFC 3501 §5.1.3's own example.
        #expect(IMAPCommandArgument.mailbox("~peter/mail/台北/日本語") == "\"~peter/mail/&U,BTFw-/&ZeVnLIqe-\"")
        #expect(IMAPCommandArgument.mailbox("bad\r\nA1 LOGOUT") == nil)
    }

    @Test func flagsMustBeAtoms() {
        #expect(IMAPCommandArgument.flag("\\Seen") == "\\Seen")
        #expect(IMAPCommandArgument.flag("leadfwd-processed") == "leadfwd-processed")
        #expect(IMAPCommandArgument.flag("two words") == nil)
        #expect(IMAPCommandArgument.flag("x)") == nil)
        #expect(IMAPCommandArgument.flag("") == nil)
    }

    @Test func mailboxURLs() throws {
        let tls = try IMAPMailboxURL("imaps://mail.example.com/Sales%20Replies")
        #expect(tls == IMAPMailboxURL(host: "mail.example.com", port: nil, security: .implicitTLS,
                                      mailbox: "Sales Replies"))
        let plain = try IMAPMailboxURL("imap://127.0.0.1:1143")
        #expect(plain.port == 1143 && plain.security == .startTLS && plain.mailbox == "INBOX")
        #expect(try IMAPMailboxURL("imap://[::1]:143/INBOX").host == "::1")
        #expect(throws: IMAPError.self) { try IMAPMailboxURL("http://example.com/") }
        #expect(throws: IMAPError.self) { try IMAPMailboxURL("imap://user:pw@example.com/") }
        #expect(throws: IMAPError.self) { try IMAPMailboxURL("imap://example.com:99999/") }
    }

    @Test func settingsNeverPrintSecrets() {
        let settings = IMAPConnectionSettings(host: "h", username: "u", credential: .password("hunter2"))
        #expect(!settings.description.contains("hunter2"))
        #expect(!String(reflecting: settings).contains("hunter2"))
        var dumped = ""
        dump(settings, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(!"\(IMAPCredential.bearerToken("tok-123"))".contains("tok-123"))
        #expect(!String(reflecting: IMAPCredential.bearerToken("tok-123")).contains("tok-123"))
    }
}
