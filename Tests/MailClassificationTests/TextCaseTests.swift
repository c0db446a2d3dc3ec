import MailParsing
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

    /// A display name is lowercased and searched for mail-system names only when its bytes may hold one: for every
    /// name, that must come to what lowercasing it whole and searching gives.
    @Test(arguments: ["Mail Delivery Subsystem", "MAILER-DAEMON at mx.example.org", "Postmaster", "Ünknown Postmaster",
                      "Système MAIL DELIVERY", "Pat Example", "", "İstanbul Postmaster", "POSTMAST\u{212A}ER",
                      "Mai\u{0130}ler-daemon", "Ｐｏｓｔｍａｓｔｅｒ", "postmaster\u{301}", "mail\u{00A0}delivery",
                      "Mailer-Daemonen GmbH", "ΣΊΣΥΦΟΣ postmaster"])
    func mailSystemNamesAgreeWithLoweredSearch(name: String) {
        let lowered = name.lowercased()
        let expected = ["mail delivery", "mailer-daemon", "postmaster"].contains { lowered.containsText($0) }
        #expect(BounceEvidence.namesMailSystem(name) == expected)
    }

    /// A sender's name is read as written unless it holds an encoded word, which is decoded first.
    @Test(arguments: [("=?UTF-8?Q?Mail_Delivery_Subsystem?=", true), ("=?ISO-8859-1?B?UG9zdG1hc3Rlcg==?=", true),
                      ("Mail Delivery Subsystem", true), ("=?UTF-8?Q?Pat_Example?=", false), ("Pat Example", false),
                      ("\"Mailer-Daemon =? note\"", true)])
    func sendersNamesAreDecodedOnlyWhenEncoded(written: String, expected: Bool) {
        let message = MessageParser().parse(Array("From: \(written) <x@mx.example.org>\n\nbody\n".utf8))
        #expect(BounceEvidence.namesMailSystem(message.from.first) == expected)
    }

    /// The fold's per-scalar answers (alphabetic, letter or number, one-scalar lowercase) come from tables for the
    /// scalars below U+0800, general punctuation, CJK punctuation, kana and fullwidth forms, from ranges known to
    /// hold letters (CJK ideographs, Hangul) and from look-ups elsewhere: all must give what Unicode's properties say.
    @Test func scalarClassesAgreeWithUnicodeProperties() {
        var cache = ScalarClassCache()
        let ranges: [ClosedRange<UInt32>] = [0x80...0x1000, 0x1FF0...0x2080, 0x2FF0...0x3110, 0x3400...0x3410,
                                             0x4DB0...0x4E10, 0x9FF0...0xA010, 0xABF0...0xAC10, 0xD790...0xD7B0,
                                             0xFEF0...0xFFFF]
        for value in ranges.joined() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            #expect(cache.isAlphabetic(scalar) == properties.isAlphabetic, "U+\(String(value, radix: 16))")
            #expect(cache.isLetterOrNumber(scalar) == (properties.isAlphabetic || properties.numericType != nil))
            let mapping = properties.lowercaseMapping.unicodeScalars
            #expect(cache.lowercase(scalar) == (mapping.count == 1 ? mapping.first : nil), "U+\(String(value, radix: 16))")
        }
    }
}
