import Testing
import Foundation
@testable import MailParsing

private func parsed(_ value: String) -> [MailAddress] { AddressParser.parseList(value) }

@Test func plainAndNamedMailboxes() {
    #expect(parsed("pat@example.com") == [MailAddress(address: "pat@example.com")])
    #expect(parsed("Pat Smith <Pat.Smith@Example.COM>") ==
        [MailAddress(displayName: "Pat Smith", address: "Pat.Smith@example.com")])
    #expect(parsed("\"Smith, Pat (Sales)\" <pat@example.com>") ==
        [MailAddress(displayName: "Smith, Pat (Sales)", address: "pat@example.com")])
    #expect(parsed("\"Pat \\\"The Closer\\\" Smith\" <pat@example.com>").first?.displayName == "Pat \"The Closer\" Smith")
    #expect(parsed("<pat@example.com>") == [MailAddress(address: "pat@example.com")])
    #expect(parsed("J. R. Smith <jr@example.com>").first?.displayName == "J. R. Smith")
}

@Test func listsKeepOrderAndSkipEmptyMembers() {
    let list = parsed("a@x.com, \"B\" <b@y.org>,, ,<c@z.net>")
    #expect(list.map(\.address) == ["a@x.com", "b@y.org", "c@z.net"])
    #expect(list.map(\.displayName) == [nil, "B", nil])
}

@Test func commentsAreDroppedOrBecomeTheName() {
    #expect(parsed("pat@example.com (Pat Smith)") == [MailAddress(displayName: "Pat Smith", address: "pat@example.com")])
    #expect(parsed("Pat (Sales) Smith <pat(home)@example.com>") ==
        [MailAddress(displayName: "Pat Smith", address: "pat@example.com")])
    #expect(parsed("pat@example.com (a (nested) comment)").first?.displayName == "a (nested) comment")
}

@Test func groups() {
    let list = parsed("Sales Team: a@x.com, Bee <b@x.com>; c@y.com, undisclosed-recipients:;")
    #expect(list.map(\.address) == ["a@x.com", "b@x.com", "c@y.com"])
    #expect(list[1].displayName == "Bee")
    #expect(parsed("undisclosed-recipients:;").isEmpty)
    #expect(parsed("Empty Group:;").isEmpty)
}

@Test func obsoleteForms() {
    // Route address, spaces around dots and at-sign, quoted local part.
    #expect(parsed("Pat <@relay.example,@other.example:pat@example.com>") ==
        [MailAddress(displayName: "Pat", address: "pat@example.com")])
    #expect(parsed("pat . smith @ example . com").map(\.address) == ["pat.smith@example.com"])
    #expect(parsed("\"pat smith\"@example.com").map(\.address) == ["\"pat smith\"@example.com"])
    #expect(parsed("\"pat\"@example.com").map(\.address) == ["pat@example.com"])
    #expect(parsed("pat@[192.0.2.1]").map(\.address) == ["pat@[192.0.2.1]"])
    #expect(parsed("pat@Example.COM.").map(\.address) == ["pat@example.com"])
}

@Test func internationalizedAddresses() {
    #expect(parsed("Jürgen <jürgen@Bücher.Example>") ==
        [MailAddress(displayName: "Jürgen", address: "jürgen@bücher.example")])
    #expect(parsed("用户@例子.广告").map(\.address) == ["用户@例子.广告"])
    #expect(parsed("=?UTF-8?B?SsO8cmdlbg==?= <j@example.com>") ==
        [MailAddress(displayName: "=?UTF-8?B?SsO8cmdlbg==?=", address: "j@example.com")])
}

@Test func brokenHeadersStillYieldTheirAddresses() {
    // Unquoted comma in the name.
    #expect(parsed("Doe, John <john@example.com>") ==
        [MailAddress(displayName: "Doe, John", address: "john@example.com")])
    // Missing brackets, missing closing bracket, junk around.
    #expect(parsed("John Smith john@example.com").map(\.address) == ["john@example.com"])
    #expect(parsed("John <john@example.com").map(\.address) == ["john@example.com"])
    #expect(parsed("\"unterminated <john@example.com>").isEmpty == false)
    #expect(parsed("Mailer <<john@example.com>>").map(\.address) == ["john@example.com"])
    #expect(parsed("<>").isEmpty)
    #expect(parsed("").isEmpty)
    #expect(parsed("no address here").isEmpty)
    #expect(parsed("To: pat@example.com").map(\.address) == ["pat@example.com"])
}

@Test func findsAddressesInFreeText() {
    let bounce = """
    <pat@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 User unknown
    RCPT TO:<Lee@Example.ORG> ... 'kim@example.net', "sam@example.io".
    Contact postmaster@example.com. Or (alex+tag=x@sub.example.co.uk); also “ana@example.es”.
    mailto:bo@example.com?subject=hi and user@localhost and x@1.2.3.4 and a@b..c.
    Quoted: "neko....nyaan"@example.jp said "yes"@ nothing.
    """
    #expect(AddressParser.findAddresses(in: bounce) == [
        "pat@example.com", "Lee@example.org", "kim@example.net", "sam@example.io", "postmaster@example.com",
        "alex+tag=x@sub.example.co.uk", "ana@example.es", "bo@example.com", "\"neko....nyaan\"@example.jp",
    ])
}

@Test func findAddressesReportsEachAddressOnce() {
    #expect(AddressParser.findAddresses(in: "a@x.com a@x.com A@X.com") == ["a@x.com", "A@x.com"])
}

@Test func findAddressesSkipsJunkRuns() {
    let longLocal = String(repeating: "a", count: 500) + "@example.com"
    #expect(AddressParser.findAddresses(in: longLocal).isEmpty)
    #expect(AddressParser.findAddresses(in: "@@@ a@ @b.com a@-x.com a@x-.com").isEmpty)
}

/// Counts the scanner's steps for inputs of size n and 4n made of the shapes that make naive scanners backtrack.
@Test(arguments: ["a.", "a@", "a@b.", "'a@b.c'", "aaaa@bbbb.cccc ", "@", "a-", ".@.", "ü", "\"@", "\"a@", "a\"@b.c",
                  "\"" + String(repeating: "x", count: 100) + "\"@b.c "])
func findAddressesIsLinear(_ unit: String) {
    func steps(_ repetitions: Int) -> Int {
        var scanner = AddressScanner(String(repeating: unit, count: repetitions))
        _ = scanner.scan()
        return scanner.steps
    }
    let small = steps(2_000), large = steps(8_000)
    #expect(small > 0)
    let ratio = Double(large) / Double(small)
    #expect(ratio > 3.8 && ratio < 4.2, "ratio \(ratio) for \(unit)")
}

@Test func messageAddressesGiveDecodedNamesThatCompareAndCodeAsDecoded() throws {
    let message = MessageParser().parse(Array("""
        From: =?UTF-8?B?SsO8cmdlbg==?= <j@example.com>
        To: =?ISO-8859-1?Q?Ren=E9?= <rene@example.com>, plain@example.com
        Subject: names

        body
        """.utf8))
    let decoded = MailAddress(displayName: "Jürgen", address: "j@example.com")
    #expect(message.from == [decoded])
    #expect(message.from.first?.displayName == "Jürgen")
    #expect(message.to.map(\.displayName) == ["René", nil])
    // A name read from the header and the same name set directly are one mailbox: in sets, and once encoded.
    #expect(Set(message.from + [decoded]).count == 1)
    let encoded = try JSONEncoder().encode(message.from)
    #expect(try JSONDecoder().decode([MailAddress].self, from: encoded) == [decoded])
    #expect(String(decoding: encoded, as: UTF8.self).contains("Jürgen"))
    // A name set after reading replaces the written one.
    var renamed = message.from[0]
    renamed.displayName = "=?UTF-8?B?SsO8cmdlbg==?="
    #expect(renamed.displayName == "=?UTF-8?B?SsO8cmdlbg==?=")
}

@Test func writtenDisplayNamesTellWhetherTheyNeedDecoding() {
    let message = MessageParser().parse(Array("""
        From: =?UTF-8?B?SsO8cmdlbg==?= <j@example.com>
        To: Pat Smith <pat@example.com>, "a =? b" <b@example.com>, plain@example.com

        body
        """.utf8))
    let sender = message.from[0]
    #expect(sender.displayNameHoldsEncodedWord)
    #expect(sender.writtenDisplayName == "=?UTF-8?B?SsO8cmdlbg==?=")
    #expect(sender.displayName == "Jürgen")
    // Without "=?" the written name is the name.
    #expect(message.to.map(\.displayNameHoldsEncodedWord) == [false, true, false])
    #expect(message.to[0].writtenDisplayName == "Pat Smith")
    #expect(message.to[0].displayName == message.to[0].writtenDisplayName)
    #expect(message.to[2].writtenDisplayName == nil)
    // A name set directly is never decoded, whatever it holds.
    let given = MailAddress(displayName: "=?UTF-8?B?SsO8cmdlbg==?=", address: "j@example.com")
    #expect(!given.displayNameHoldsEncodedWord)
    #expect(given.displayName == given.writtenDisplayName)
}

@Test func messageAddressesReadFoldedRawUTF8AndLatin1ValuesAlike() {
    let folded = MessageParser().parse(Array("From: Pat Smith\n <pat@example.com>\nTo: a@example.com,\n\tb@example.com\n\nx".utf8))
    #expect(folded.from == [MailAddress(displayName: "Pat Smith", address: "pat@example.com")])
    #expect(folded.to.map(\.address) == ["a@example.com", "b@example.com"])
    let utf8 = MessageParser().parse(Array("From: Jürgen Groß <j@example.com>\n\nx".utf8))
    #expect(utf8.from == [MailAddress(displayName: "Jürgen Groß", address: "j@example.com")])
    let latin1 = MessageParser().parse(Array("From: Ren".utf8) + [0xE9] + Array(" <rene@example.com>\n\nx".utf8))
    #expect(latin1.from == [MailAddress(displayName: "René", address: "rene@example.com")])
    // Headers given as fields, not parsed from bytes, give the same lists.
    let given = HeaderSection(fields: [HeaderField(name: "From", rawValue: "=?UTF-8?B?SsO8cmdlbg==?= <j@example.com>")])
    let made = Message(headers: given, root: MessageParser().parse(Array("\n".utf8)).root)
    #expect(made.from == [MailAddress(displayName: "Jürgen", address: "j@example.com")])
}
