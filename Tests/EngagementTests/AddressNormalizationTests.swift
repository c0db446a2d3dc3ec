import Engagement
import Testing

/// Contacts are keyed by normalised address and outbound emails by normalised Message-ID: a reply written with
/// another case, brackets or stray spaces must still find its contact.
@Suite struct AddressNormalizationTests {
    @Test(arguments: [
        ("ann@example.com", "ann@example.com"),
        ("Ann.Lee@Example.COM", "ann.lee@example.com"),
        ("  <Ann@Example.com>\t", "ann@example.com"),
        ("< ann@example.com >", "ann@example.com"),
        ("\r\nann@example.com\r\n", "ann@example.com"),
        ("ÄNNE@Beispiel.DE", "änne@beispiel.de"),
        ("ann@example.com\u{00A0}", "ann@example.com"),
        ("\u{2003}Ann@Example.com", "ann@example.com"),
        ("", ""),
    ])
    func emailAddressesCompareWithoutCaseBracketsOrSpace(raw: String, normalized: String) {
        #expect(EmailAddress.normalize(raw) == normalized)
    }

    /// The store normalises what the worker already normalised: a second pass must find the same contact.
    @Test(arguments: ["<<Ann@Example.com>>", "< <ann@example.com> >", "<<<>>>", "<", "<ann@example.com", "Ann@Example.com"])
    func normalisingTwiceChangesNothing(raw: String) {
        let once = EmailAddress.normalize(raw)
        #expect(EmailAddress.normalize(once) == once)
    }

    @Test(arguments: [
        ("abc@mail.example.com", "abc@mail.example.com"),
        ("<abc@mail.example.com>", "abc@mail.example.com"),
        ("  <ABC@mail.example.com>  ", "ABC@mail.example.com"),
        ("abc@example.com\u{00A0}", "abc@example.com"),
        ("<>", ""),
    ])
    func messageIDsCompareWithoutBracketsOrSpace(raw: String, normalized: String) {
        #expect(MessageID.normalize(raw) == normalized)
    }
}
