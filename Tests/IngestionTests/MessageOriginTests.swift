import Testing
@testable import Ingestion

/// How a message's origin is named in event sources.
@Suite struct MessageOriginTests {
    @Test(arguments: [(0, "0"), (9, "9"), (10, "10"), (4_294_967_295, "4294967295")] as [(UInt32, String)])
    func fetchedMessageIsNamedByMailboxAndUID(uid: UInt32, digits: String) {
        #expect(MessageOrigin.imap(mailbox: "sales/Ünïcode", uidValidity: 3, uid: uid).source
                == "mailbox sales/Ünïcode uid " + digits)
    }
}
