import Testing
@testable import MailParsing

@Suite struct HeaderParsingTests {
    @Test func unfoldsContinuationLinesAndKeepsOrderAndDuplicates() {
        let message = ParserFixtures.parse("""
            Received: from a
            \tby b; Mon, 1 Jan 2026 00:00:00 +0000
            X-Dup: one
            Subject: folded
              across lines
            x-dup: two

            body
            """)
        #expect(message.headers.fields.map(\.name) == ["Received", "X-Dup", "Subject", "x-dup"])
        #expect(message.headers.value("received") == "from a\tby b; Mon, 1 Jan 2026 00:00:00 +0000")
        #expect(message.subject == "folded  across lines")
        #expect(message.headers.values("X-DUP") == ["one", "two"])
    }

    @Test func foldedValuesAreTrimmedWhateverTheirBytes() {
        // A value starting on its continuation line, ending in spaces, in ASCII, UTF-8 and Latin-1.
        let message = MessageParser().parse(Array("X-A:   \n   first\n\tsecond   \nX-B: \n caf\u{E9}  \nX-C:\n caf".utf8)
                                            + [0xE9] + Array(" \n\nbody".utf8))
        #expect(message.headers.rawValue("X-A") == "first\tsecond")
        #expect(message.headers.rawValue("X-B") == "café")
        #expect(message.headers.rawValue("X-C") == "café")
        #expect(message.textBody == "body")
    }

    @Test func namesMatchIgnoringOnlyLetterCase() {
        // Names long enough to be compared eight bytes at a time, and bytes that differ from each other by the same
        // bit as a capital and its small letter ("@" and "`", "[" and "{"): only letters may match across case.
        let message = ParserFixtures.parse("""
            X-Long-Header-Name@: at sign
            X-Long-Header-Name[: bracket
            X-LONG-HEADER-NAME-TWO: capitals
            Content-TYPE: TEXT/Plain; CharSet=UTF-8; Format=Flowed

            body
            """)
        #expect(message.headers.value("x-long-header-name`") == nil)
        #expect(message.headers.value("X-Long-Header-Name{") == nil)
        #expect(message.headers.value("X-Long-Header-Name@") == "at sign")
        #expect(message.headers.value("x-long-header-name-two") == "capitals")
        #expect(message.root.contentType.mimeType == "text/plain")
        #expect(message.root.contentType.parameters.map(\.name) == ["charset", "format"])
        #expect(message.root.contentType.charset == "UTF-8")
    }

    @Test func messageIDIsTheLastBracketedIDAndReadsAsTheFullReadingDoes() {
        let nested = ParserFixtures.parse("Message-ID: <junk <id.0123456789@example.com>\n\nbody")
        #expect(nested.messageID == "id.0123456789@example.com")
        // Whitespace inside the brackets (here past the first eight bytes) is left to the full reading.
        let spaced = ParserFixtures.parse("Message-ID: <0123456789.id\t@example.com>\n\nbody")
        #expect(spaced.messageID == MessageIDList.parse("<0123456789.id\t@example.com>").first)
    }

    @Test func keepsMalformedLinesAndReadsUnindentedContinuations() throws {
        let message = try ParserFixtures.message("broken-headers-rfc822-headers.eml")
        #expect(message.headers.values("x-duplicate") == ["first", "second"])
        #expect(message.headers.value("X-LOWERCASE-NAME") == "case-insensitive lookup")
        // "Bad Header Line: kept" has spaces in its name: kept in place, marked malformed.
        let names = message.headers.fields.map(\.name)
        #expect(names.prefix(6) == ["From", "To", "Subject", "X-Duplicate", "X-Duplicate", "Bad Header Line"])
        #expect(message.headers.fields[5].isMalformed && message.headers.fields[5].rawValue == "kept")
        #expect(message.warnings.contains { $0.code == "malformed-header" })

        let unindented = ParserFixtures.parse("""
            Content-Type: multipart/alternative;
            boundary="b1"

            --b1
            Content-Type: text/plain

            inside
            --b1--
            """)
        #expect(unindented.root.contentType.boundary == "b1")
        #expect(unindented.textBody == "inside")
    }

    @Test func decodesEncodedWordsBAndQJoiningAdjacentWords() throws {
        let german = try ParserFixtures.message("german-utf8-encoded-words.eml")
        // Two adjacent B words join without the folding whitespace; plain text keeps its spaces.
        #expect(german.subject == "Grüße aus München und mehr Ärger")
        #expect(german.from.first?.displayName == "Anna Müller")
        #expect(german.from.first?.address == "Anna.Mueller@beispiel.de")
        #expect(german.cc.first?.displayName == "Jürgen Weiß")
        #expect(german.to.map(\.address) == ["sales@leadfwd.example", "bob@leadfwd.example"])
        #expect(german.messageID == "20260303101500.abc@beispiel.de")
        #expect(german.inReplyTo == ["outbound-42@leadfwd.example"])
        #expect(german.references == ["outbound-41@leadfwd.example", "outbound-42@leadfwd.example"])
        #expect(german.date != nil)
    }

    @Test func joinsAMultiByteCharacterSplitAcrossTwoWords() {
        // "é" (C3 A9) split between two B words.
        #expect(EncodedWordDecoder.decode("=?UTF-8?B?Y2Fmw6=?= =?UTF-8?B?kg==?=") != "")
        #expect(EncodedWordDecoder.decode("=?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?=") == "café")
    }

    @Test func decodesEncodedWordsInLegacyCharsets() throws {
        #expect(try ParserFixtures.message("japanese-iso2022jp.eml").subject == "打ち合わせの件")
        #expect(try ParserFixtures.message("japanese-iso2022jp.eml").from.first?.displayName == "山田太郎")
        #expect(try ParserFixtures.message("russian-koi8r-base64.eml").subject == "Ответ: предложение")
        #expect(try ParserFixtures.message("chinese-gb2312-nested-attachment.eml").subject == "报价单")
        #expect(try ParserFixtures.message("korean-euckr-html.eml").subject == "회신: 제안서")
        #expect(try ParserFixtures.message("spanish-cp1252-qp.eml").subject == "Re: información")
        #expect(EncodedWordDecoder.decode("=?iso-8859-1*fr?q?caf=E9?=") == "café")
    }

    @Test func leavesBrokenEncodedWordsReadable() throws {
        let subject = try ParserFixtures.message("broken-headers-rfc822-headers.eml").subject ?? ""
        // A word with spaces inside and an unknown encoding letter stay as written;
        // an unknown charset still yields the text (fallback), never an empty string.
        #expect(subject.contains("=?UTF-8?B?broken base64 with spaces?="))
        #expect(subject.contains("=?UTF-8?X?bad?="))
        #expect(subject.contains("caf"))
        #expect(!subject.contains("=?unknown-8?Q?"))
        #expect(EncodedWordDecoder.decode("=?UTF-8?Q?unterminated") == "=?UTF-8?Q?unterminated")
        #expect(EncodedWordDecoder.decode("plain =? not a word ?= text") == "plain =? not a word ?= text")
    }

    @Test func readsRFC2231ContinuationsWithCharsetAndLanguage() throws {
        let message = try ParserFixtures.message("chinese-gb2312-nested-attachment.eml")
        let attachment = try #require(message.allParts.first { $0.contentType.mimeType == "application/pdf" })
        #expect(attachment.filename == "报价单 2026.pdf")
        #expect(attachment.disposition?.isAttachment == true)
        #expect(attachment.disposition?.parameters.first { $0.name == "filename" }?.language == "zh")
        #expect(attachment.contentType.name == "报价单 2026.pdf")
    }

    @Test func parsesContentTypeParametersTolerantly() throws {
        let type = try #require(ContentType(headerValue: #"Text/HTML ; Charset="UTF-8" ; name="a \"q\".html"; x=1"#))
        #expect(type.mimeType == "text/html")
        #expect(type.charset == "UTF-8")
        #expect(type.name == #"a "q".html"#)
        #expect(ContentType(headerValue: "garbage") == nil)
        #expect(ContentType(headerValue: "text")?.mimeType == "text/plain")
        let encodedName = ContentDisposition(headerValue: #"attachment; filename="=?UTF-8?Q?r=C3=A9sum=C3=A9.pdf?=""#)
        #expect(encodedName.filename == "résumé.pdf")
    }

    @Test func addressesAndDateFollowReplacedHeaders() {
        var message = ParserFixtures.parse("""
            From: Ann <ann@example.com>
            To: bob@example.com
            Date: Mon, 1 Jan 2026 00:00:00 +0000

            body
            """)
        // Read once (and kept), then the headers change: the lists and the date must follow the new headers.
        #expect(message.from.map(\.address) == ["ann@example.com"])
        #expect(message.to.map(\.address) == ["bob@example.com"])
        #expect(message.date != nil)
        let copy = message
        message.headers = HeaderSection(fields: [HeaderField(name: "From", rawValue: "carol@example.org"),
                                                 HeaderField(name: "Cc", rawValue: "dan@example.org")])
        #expect(message.from.map(\.address) == ["carol@example.org"])
        #expect(message.to.isEmpty)
        #expect(message.cc.map(\.address) == ["dan@example.org"])
        #expect(message.date == nil)
        #expect(copy.from.map(\.address) == ["ann@example.com"])
        #expect(message.replyTo.isEmpty)
        message.headers.fields.append(HeaderField(name: "Reply-To", rawValue: "eve@example.net"))
        #expect(message.replyTo.map(\.address) == ["eve@example.net"])
    }

    @Test func fieldNamesKeepTheirSpellingWhetherCommonOrNot() {
        let message = ParserFixtures.parse("""
            Subject: a
            SUBJECT: b
            Subjects: c
            Message-Id: d
            Message-ID: e
            Final-Recipient: f
            X-Own-Header: g

            body
            """)
        #expect(message.headers.fields.map(\.name)
                == ["Subject", "SUBJECT", "Subjects", "Message-Id", "Message-ID", "Final-Recipient", "X-Own-Header"])
        #expect(message.headers.values("subject") == ["a", "b"])
    }
}
