import Testing
@testable import MailClassification

/// `lowercasedText` takes a byte path for ASCII text; it must give exactly what `lowercased()` gives, on ASCII and
/// on everything else (which it hands to `lowercased()`).
@Suite struct TextCaseTests {
    @Test(arguments: ["", "postmaster", "MAILER-DAEMON", "Mail Delivery Subsystem", "multipart/REPORT", "Ünknown Sender",
                      "\u{212A}elvin", "İstanbul", "ΣΊΣΥΦΟΣ", "mixed ASCII and ß", "tab\tand\r\nbreaks", "123-456"])
    func agreesWithUnicodeLowercasing(text: String) {
        #expect(text.lowercasedText == text.lowercased())
    }
}
