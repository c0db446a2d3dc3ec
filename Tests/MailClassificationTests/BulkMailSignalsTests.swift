import MailParsing
import Testing
@testable import MailClassification

/// Bulk-mail signals, read in one pass over the headers: `Precedence: bulk/junk/list` first (any case), then
/// `List-Id`, then `List-Unsubscribe`, whatever order the fields come in.
@Suite struct BulkMailSignalsTests {
    @Test func precedenceThenListIdThenListUnsubscribe() {
        let newsletter = message(["From: News <news@vendor.example>", "List-Unsubscribe: <mailto:u@vendor.example>",
                                  "List-Id: <news.vendor.example>", "Precedence: Bulk", "Subject: Offers"], "Hi")
        #expect(AutoReplySignals.bulkEvidence(newsletter) == "Precedence: bulk")
        let list = message(["From: List <l@vendor.example>", "List-Unsubscribe: <mailto:u@vendor.example>",
                            "Precedence: first-class", "List-Id: <l.vendor.example>"], "Hi")
        #expect(AutoReplySignals.bulkEvidence(list) == "List-Id header")
        let unsubscribeOnly = message(["From: n@vendor.example", "list-unsubscribe: <mailto:u@vendor.example>"], "Hi")
        #expect(AutoReplySignals.bulkEvidence(unsubscribeOnly) == "List-Unsubscribe header (newsletter)")
        #expect(AutoReplySignals.bulkEvidence(message(["From: pat@client.example"], "Hi")) == nil)
    }
}
