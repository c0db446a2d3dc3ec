import Foundation
import Testing
@testable import MailParsing

/// The byte-level shortcuts for the common address and date forms must read exactly what the tokenizer-based readers
/// read, and hand everything else to them.
@Suite struct HeaderShortcutTests {
    static let addressLists = [
        "pat@example.com", " Pat.Smith@Example.COM ", "Pat Smith <Pat.Smith@Example.COM>", "<pat@example.com>",
        "\"Smith, Pat\" <pat@example.com>", "J. R. Smith <jr@example.com>", "'Pat Smith' <pat@example.com>",
        "a@x.com, \"B\" <b@y.org>,, ,<c@z.net>", "pat@Example.COM.", "\"\" <pat@example.com>", "\"Pat\"Smith <p@x.com>",
        "Jürgen Müller <jm@example.de>", "=?UTF-8?B?SsO8cmdlbg==?= <j@example.com>", "Pat  \t Smith  <p@x.com>  ",
        "o'brien+tag@mail-1.example_x.com", "MAILER-DAEMON@mx.example.com (Mail Delivery System)",
        "Doe, John <john@example.com>", "pat . smith @ example . com", "\"pat smith\"@example.com", "pat@[192.0.2.1]",
        "Pat <@relay.example:pat@example.com>", "Team: a@x.com, b@x.com;", "John Smith john@example.com",
        "John <john@example.com", "Mailer <<john@example.com>>", "<>", "", "no address here", "a@b@c.com",
        "pat@example..com", "pat@.example.com", ".pat@example.com", "pat.@example.com", "pat@example.com.,q@r.s",
        "\"Pat \\\"Q\\\" Smith\" <p@x.com>", "Pat <p@x.com> trailing", "<p@x.com> (comment)", "用户@例子.广告",
        "Pat,, <p@x.com>", "Pat <p@x.com>,", "Pat\r\n <p@x.com>", "\"a\r\nb\" <p@x.com>", "< p@x.com >", "p@x.com <q@y.com>",
        "\u{00A0}Pat\u{00A0} <p@x.com>", "Pat, <p@x.com>", "' <p@x.com>", "Pa)t <p@x.com>", "pa)t@x.com", "p@x.c!m",
        "MAILER-DAEMON <>", "<>, p@x.com", "Name <> trailing", "a@b.com (Mail Delivery System)", "a@b.com ( )",
        "a@b.com(x)", "a@b.com (x) (y)", "a@b.com (a (b))", "a@b.com (x\\)y)", "a@b.com (x\r\n y), c@d.com",
        "a@b.com (unclosed", "a@b.com (x) trailing", "' Pat ' <p@x.com>", "\" Pat, \" <p@x.com>", "\"'\" <p@x.com>",
        "\"','\" <p@x.com>", "\"\t, \" <p@x.com>", "\"Pat\tSmith\" <p@x.com>", "\" 'Pat' ,\" <p@x.com>",
        "Pat Smith<p@x.com>", "\"Pat\"  \t<p@x.com>", "Pat Smith \r\n <p@x.com>", "\"Pat\" Smith <p@x.com>",
        "Pat \"Q\" Smith <p@x.com>", "\"unclosed <p@x.com>", "Pat Smith", "\"Pat\"", "Pat Smith ", "\"Pat\" ",
        "Pat\tSmith <p@x.com>", "Jürgen  Müller <jm@example.de>", "\"Jürgen\" <jm@example.de>", "\"Pat\"<>",
    ]

    @Test func addressListShortcutAgreesWithTheTokenizer() {
        var accepted = 0
        for list in Self.addressLists {
            var text = list
            guard let shortcut = text.withUTF8(SimpleAddressListReader.read) else { continue }
            accepted += 1
            #expect(shortcut == AddressParser.parseListByTokens(list), "\(list)")
        }
        // The common forms above do take the shortcut.
        #expect(accepted >= 20)
        for common in ["pat@example.com", "Pat Smith <pat@example.com>", "\"Smith, Pat\" <pat@example.com>",
                       "MAILER-DAEMON@example.com (Mail Delivery System)", "MAILER-DAEMON <>"] {
            var text = common
            #expect(text.withUTF8(SimpleAddressListReader.read) != nil, "\(common)")
        }
    }

    static let dates = [
        "Fri, 27 Nov 2026 10:20:30 +0000", "27 Nov 2026 10:20 -0500", "Fri, 27 Nov 2026 10:20:30 +0000 (UTC)",
        "fri,  7 nov 2026 9:20:30\t+0100", "Fri 27 Nov 2026 10:20:30 +0000", "Fri, 31 Feb 2026 10:20:30 +0000",
        "Fri, 27 Nov 2026 25:20:30 +0000", "Fri, 27 Nov 2026 10:20:30 +1900", "Fri, 27 Nov 2026 10:20:30 +0160",
        "Fri, 27 Nov 26 10:20:30 +0000", "Fri, 27 Nov 2026 10:20:30 GMT", "Fri, 27 Nov 2026 10:20:30.25 +0000",
        "Friday, 27 Nov 2026 10:20:30 +0000", "Fri, 27 November 2026 10:20:30 +0000", "Fri, 27 Nov 2026 10:20:3 +0000",
        "Fri, 27 Nov 2026 10:20:30 +0000 (a (nested) comment)", "Fri, 27 Nov 2026 10:20:30 +0000 (UTC) extra",
        "Fri, 27 Nov 2026 10:20:30 +0000 (unclosed", "Fri,27 Nov 2026 10:20:30 +0000", "Nov 27 2026 10:20:30 +0000",
        "Fri, 027 Nov 2026 10:20:30 +0000", "Fri, 27 Nov 02026 10:20:30 +0000", "Fri, 27 Nov 2026 10:20:30 +00000",
        "Fri, 27 Nov 2026 10:20:30 PM +0000", "Mon, 29 Feb 2027 00:00:00 -1800", "Sun, 0 Jan 2026 00:00:00 +0000",
    ]

    @Test func dateShortcutAgreesWithTheTokenizer() {
        var accepted = 0
        for date in Self.dates {
            var text = date
            guard let shortcut = text.withUTF8(CanonicalMailDateReader.read) else { continue }
            accepted += 1
            #expect(shortcut == MailDate.fieldsByTokens(date), "\(date)")
        }
        #expect(accepted >= 8)
        var canonical = "Fri, 27 Nov 2026 10:20:30 +0000"
        #expect(canonical.withUTF8(CanonicalMailDateReader.read) != nil)
    }

    /// A message's date is read from its Date field in place when the field is one plain line: every form, folded
    /// and encoded fields included, must give what `MailDate.parse` gives for the field's raw value.
    @Test func messageDateReadsTheFieldAsMailDateDoes() {
        let fields = Self.dates + ["Fri, 27 Nov 2026\n 10:20:30 +0000", "=?us-ascii?Q?Fri,_27_Nov_2026?= 10:20:30 +0000",
                                   "Fri, 27 Nov 2026 10:20:30 +0000 (Côte d'Ivoire)", "  Fri, 27 Nov 2026 10:20:30 +0000  "]
        for field in fields {
            let message = MessageParser().parse(Array("From: a@b.com\nDate: \(field)\nSubject: x\n\nbody\n".utf8))
            let raw = message.headers.rawValue("Date")
            #expect(raw != nil, "\(field)")
            #expect(message.date == raw.flatMap(MailDate.parse), "\(field)")
        }
        let canonical = MessageParser().parse(Array("Date: Fri, 27 Nov 2026 10:20:30 +0100\n\nbody\n".utf8))
        #expect(canonical.date == Date(timeIntervalSince1970: 1_795_774_830 - 3600))
        #expect(MessageParser().parse(Array("Subject: no date\n\nbody\n".utf8)).date == nil)
    }

    static let corpora = ["../shared/corpora/bounces-dev", "../shared/corpora/reply-text-dev", "samples/classify",
                          "samples/mailbox", "samples/parser"].map {
        ParserFixtures.packageRoot.appendingPathComponent($0).standardized
    }

    static var corpusFiles: [URL] {
        corpora.flatMap { directory in
            ((try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? [])
                .filter { $0.pathExtension == "eml" }
        }.sorted { $0.path < $1.path }
    }

    /// Calls `body` with every message of the corpora at hand, embedded originals included, and its file.
    static func forEachCorpusMessage(_ body: (Message, URL) throws -> Void) throws {
        for file in corpusFiles {
            var stack = [MessageParser().parse([UInt8](try Data(contentsOf: file)))]
            while let message = stack.popLast() {
                stack.append(contentsOf: message.embeddedMessages)
                try body(message, file)
            }
        }
    }

    /// Every address and date header of every message (embedded originals included) in the corpora at hand.
    @Test func shortcutsAgreeOnEveryCorpusHeader() throws {
        var addressFields = 0, dateFields = 0
        try Self.forEachCorpusMessage { message, file in
            for field in message.headers.fields {
                var raw = field.rawValue
                if ["From", "To", "Cc", "Reply-To", "Sender"].contains(where: field.hasName) {
                    addressFields += 1
                    if let shortcut = raw.withUTF8(SimpleAddressListReader.read) {
                        #expect(shortcut == AddressParser.parseListByTokens(field.rawValue),
                                "\(file.lastPathComponent): \(field.rawValue)")
                    }
                } else if field.hasName("Date") {
                    dateFields += 1
                    if let shortcut = raw.withUTF8(CanonicalMailDateReader.read) {
                        #expect(shortcut == MailDate.fieldsByTokens(field.rawValue),
                                "\(file.lastPathComponent): \(field.rawValue)")
                    }
                }
            }
        }
        #expect(addressFields > 0 && dateFields > 0)
    }

    static let recipientValues = [
        "rfc822; user@example.com", "rfc822;<User@Example.com>", " RFC822 ;  \"pat\"@example.com \t", "user@example.com",
        "rfc822; \"first..last\"@example.com", "rfc822; 'pat@example.com'", "rfc822; \"\"", "rfc822; \"",
        "rfc822; user+40example.com", "rfc822; pat+tag@example.com", "rfc822; pat+40x@example.com",
        "rfc822; pat+4@example.com", "rfc822; a+-0b", "x-unknown type; <pat@example.com> (comment)", "; pat@example.com",
        "rfc822;\r\n pat@example.com\r\n", "rfc822; <pat@example.com", "rfc822; pat@example.com>", "<>", "",
        "a@b; c@d", "utf-8; pat\\x{E9}@example.com", "rfc822; <\"pat\"@example.com>", "utf-8; 田中@example.jp",
        "rfc822; \u{301}pat@example.com", "\t rfc822 \t; \t <\t pat@example.com\t > \t",
    ]

    @Test func recipientAddressShortcutAgreesWithTheCharacterwiseReader() {
        for value in Self.recipientValues {
            #expect(DeliveryStatusValue.address(value) == DeliveryStatusValue.characterwiseAddress(value), "\(value)")
        }
    }

    @Test func messageIDsReadFromTheHeaderBlockMatchThoseOfTheUnfoldedValue() {
        let values = [
            "<a@x.com>", "<a@x.com>\n <b@y.org>", "<a@x.com>\n\t<b@y.org>\n <c@z.net>", " <a\n @x.com> ",
            "a@x.com\n b@y.org", "\"a@x.com\",\n <b", "<a@x.com\n", "<>\n <a@x.com>", "none", "<a b@c>", "<>",
        ]
        for value in values {
            let message = MessageParser().parse(Array("References: \(value)\nSubject: s\n\nbody\n".utf8))
            let unfolded = message.headers.rawValue("References") ?? ""
            #expect(message.references == MessageIDList.parse(unfolded), "\(value)")
        }
    }

    /// Ids in brackets are found by jumping between brackets; whatever the value, the ids are those a reading byte
    /// by byte finds: a '<' restarts an id, whitespace inside one is dropped, text outside brackets is skipped, and
    /// without any bracketed id the tokens holding '@' are taken, brackets and quotes removed.
    @Test func messageIDsJumpedToAreThoseReadByteByByte() {
        let cases: [(String, [String])] = [
            ("<a@x.com> <b@y.org>", ["a@x.com", "b@y.org"]), ("junk <a@x.com> more>junk", ["a@x.com"]),
            ("<a<b@x.com>", ["b@x.com"]), ("<a@x<>", ["a@x"]), ("<a b@x.com>", ["ab@x.com"]),
            ("<a@x.com> <b c@y>", ["a@x.com", "bc@y"]), ("<>", []), ("<a@x.com", ["a@x.com"]), ("a@x.com b@y", ["a@x.com", "b@y"]),
            (">a@x.com<", ["a@x.com"]), ("<<<a@x>", ["a@x"]),
        ]
        for (value, ids) in cases {
            #expect(MessageIDList.parse(value) == ids, "\(value)")
        }
    }
}
