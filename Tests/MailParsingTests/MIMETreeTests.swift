import Foundation
import Testing
@testable import MailParsing

@Suite struct MIMETreeTests {
    @Test func readsAlternativeWithPreambleEpilogueAndQuotedPrintableLatin1() throws {
        let message = try ParserFixtures.message("french-latin1-alternative.eml")
        #expect(message.root.children.map(\.contentType.mimeType) == ["text/plain", "text/html"])
        #expect(message.textBody?.contains("Je suis très intéressée par une démonstration.") == true)
        #expect(message.textBody?.contains("preamble") == false)
        #expect(message.htmlBody?.contains("À bientôt, Céline") == true)
        #expect(message.htmlBody?.contains("epilogue") == false)
        #expect(message.subject == "Réponse à votre message")
        #expect(message.warnings.isEmpty)
    }

    @Test func decodesBodiesInLegacyCharsets() throws {
        #expect(try ParserFixtures.message("japanese-iso2022jp.eml").textBody?.contains("来週の打ち合わせ") == true)
        #expect(try ParserFixtures.message("russian-koi8r-base64.eml").textBody?.contains("Спасибо за письмо") == true)
        let chinese = try ParserFixtures.message("chinese-gb2312-nested-attachment.eml")
        #expect(chinese.textBody?.contains("感谢您的来信") == true)
        #expect(chinese.htmlBody?.contains("感谢您的来信") == true)
        let korean = try ParserFixtures.message("korean-euckr-html.eml")
        #expect(korean.textBody == nil)
        #expect(korean.htmlBody?.contains("제안서 잘 받았습니다") == true)
    }

    @Test func walksNestedMultipartAndFlagsMissingFinalBoundary() throws {
        let message = try ParserFixtures.message("chinese-gb2312-nested-attachment.eml")
        #expect(message.allParts.map(\.path) == ["1", "1.1", "1.1.1", "1.1.2", "1.2"])
        #expect(message.allParts.map(\.contentType.mimeType) ==
                ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "application/pdf"])
        #expect(message.warnings.map(\.code) == ["missing-final-boundary"])
        let pdf = try #require(message.allParts.last)
        // Junk characters inside base64 are skipped.
        #expect(pdf.decodedBody.starts(with: Array("%PDF-1.4".utf8)))
        #expect(pdf.decodedBody.count == 23)
    }

    @Test func decodesQuotedPrintableSoftBreaksAndKeepsBadEscapes() throws {
        let text = try #require(try ParserFixtures.message("spanish-cp1252-qp.eml").textBody)
        #expect(text.contains("¿Podemos hablar el miércoles? Saludos – Martín"))
        #expect(text.contains("=ZZ final."))
        #expect(QuotedPrintableDecoder.decode(Array("a=\t \nb=3d=".utf8)) == Array("ab=".utf8))
    }

    @Test func decodesBase64WithWhitespaceJunkAndMissingPadding() {
        #expect(Base64Decoder.decode(Array("SGVs\n bG8g*d29y!bGQ".utf8)) == Array("Hello world".utf8))
        #expect(Base64Decoder.decode(Array("SGk=SGk=".utf8)) == Array("HiHi".utf8))
        #expect(Base64Decoder.decode(Array("".utf8)).isEmpty)
    }

    @Test func passesThroughIdentityEncodings() {
        for encoding in ["7bit", "8bit", "binary", "x-unknown"] {
            let message = ParserFixtures.parse("Content-Transfer-Encoding: \(encoding)\nContent-Type: text/plain; charset=utf-8\n\nbytes ✓ é")
            #expect(message.textBody == "bytes ✓ é")
        }
    }

    @Test func parsesEmbeddedMessagesOfEveryKind() throws {
        let dsn = try ParserFixtures.message("dsn-postfix-crlf.eml")
        #expect(dsn.embeddedMessages.count == 1)
        #expect(dsn.embeddedMessages.first?.messageID == "outbound-77@leadfwd.example")
        #expect(dsn.embeddedMessages.first?.textBody == "Hi, do you have five minutes this week?")
        // The embedded message's text is not the report's own text body.
        #expect(dsn.textBody?.contains("five minutes") == false)

        let global = try ParserFixtures.message("dsn-global-utf8.eml")
        #expect(global.embeddedMessages.first?.subject == "ご提案")
        #expect(global.embeddedMessages.first?.messageID == "outbound-global@leadfwd.example")

        let headersOnly = try ParserFixtures.message("broken-headers-rfc822-headers.eml")
        let original = try #require(headersOnly.embeddedMessages.first)
        #expect(original.messageID == "outbound-99@leadfwd.example")
        #expect(original.subject == "Intro")
        #expect(original.textBody == nil)
    }

    @Test func multipartDigestPartsDefaultToEmbeddedMessages() {
        let message = ParserFixtures.parse("""
            Content-Type: multipart/digest; boundary=d

            --d

            Subject: first
            Message-ID: <one@x>

            one
            --d--
            """)
        #expect(message.embeddedMessages.map(\.messageID) == ["one@x"])
    }

    @Test func findsTheBoundaryActuallyUsedWhenTheDeclaredOneIsWrong() {
        let message = ParserFixtures.parse("""
            Content-Type: multipart/mixed; boundary="declared"

            --used
            Content-Type: text/plain

            hello
            --used--
            """)
        #expect(message.textBody == "hello")
        #expect(message.warnings.map(\.code) == ["wrong-boundary"])
    }

    @Test func readsAMultipartWithoutBoundaryAsOnePart() {
        let message = ParserFixtures.parse("Content-Type: multipart/mixed\n\nJust text.\n")
        #expect(message.textBody == "Just text.\n")
        #expect(message.warnings.contains { $0.code == "boundary-not-found" })
    }

    @Test func partWithoutHeadersStartsWithItsBody() {
        let message = ParserFixtures.parse("Content-Type: multipart/mixed; boundary=b\n\n--b\nno headers here\n--b--\n")
        #expect(message.textBody == "no headers here")
    }
}

@Test func partPathsNumberChildrenFromOne() {
    let paths = (1...12).map { PartPath.child(of: "1.3", number: $0) }
    #expect(paths == (1...12).map { "1.3.\($0)" })
    #expect(PartPath.child(of: "1", number: 100) == "1.100")
}
