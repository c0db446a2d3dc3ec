import Foundation
import MailParsing
import Testing
@testable import MailClassification

/// Report and reply text is read by bytes when it is ASCII and by characters otherwise; both readings must give the
/// same answer, including where characters and bytes differ (CR LF is one character, a combining mark joins the
/// character before it, U+037E is canonically ";").
@Suite struct ByteReadingTests {
    @Test(arguments: ["\n", "\r\n", "\r"])
    func transcriptsReadTheSameWithAndWithoutNonASCIIText(lineBreak: String) {
        let transcript = [">>> MAIL FROM:<sales@seller.example>", "<<< 250 ok", ">>> RCPT TO:<pat@client.example>",
                          "<<< 550 5.1.1 unknown", ">>> DATA", "<<< 554 5.5.1 Error: no valid recipients"]
            .joined(separator: lineBreak)
        let ascii = SMTPTranscript.read(transcript)
        let other = SMTPTranscript.read(transcript + lineBreak + "Zustellung fehlgeschlagen für Empfänger")
        #expect(ascii.refusedCommand == other.refusedCommand)
        #expect(ascii.refusesRecipientWhilePipelining == other.refusesRecipientWhilePipelining)
        // CR LF is one character, neither CR nor LF: such a transcript is one line and names no refused command.
        #expect(ascii.refusedCommand == (lineBreak == "\r\n" ? nil : "RCPT"))
    }

    @Test(arguments: 0..<3)
    func transcriptMarksAreFoundAtEveryOffset(padding: Int) {
        let indent = String(repeating: " ", count: padding)
        let transcript = indent + ">>> RCPT TO:<pat@client.example>\n" + indent + " <<< 550 5.1.1 unknown"
        #expect(SMTPTranscript.read(transcript).refusedCommand == "RCPT")
        #expect(SMTPTranscript.read(indent + "quoted >> and << but no transcript\n<<< 550").refusedCommand == nil)
    }

    /// A text none of whose lines starts as a transcript line does (spaces and tabs before it aside) holds none.
    @Test func transcriptLinesAreKnownByHowTheyStart() {
        let starts = ["   >>> RCPT TO:<pat@client.example>", "<<< 550 unknown", "\tSent <<< RCPT TO:<pat@client.example>",
                      "Received >>> 550 5.1.1 unknown"]
        let others = ["", "  ", "Subject: >>> RCPT", ">> RCPT", "quoted >>> RCPT", "Reporting-MTA: dns; mx.example",
                      "Sent: 550", "\u{301}>>> RCPT"]
        for line in starts { #expect(line.utf8.withContiguousStorageIfAvailable(SMTPTranscript.startsTranscriptLine) == true, "\(line)") }
        for line in others { #expect(line.utf8.withContiguousStorageIfAvailable(SMTPTranscript.startsTranscriptLine) == false, "\(line)") }
        #expect(SMTPTranscript.read((others + ["<<< 550"]).joined(separator: "\n")).refusedCommand == nil)
    }

    /// Lines whose first 2,000 bytes lack the Yahoo notice's opening hold no notice in the first 1,000 bytes of
    /// their text (line breaks made line feeds).
    @Test func yahooNoticeOpeningIsLookedForInAnyASCIICase() {
        func mayHold(_ text: String) -> Bool {
            Array(text.utf8).withUnsafeBufferPointer(ProviderReadings.mayHoldYahooNotice)
        }
        #expect(mayHold("x\r\nSORRY, WE WERE UNABLE TO deliver"))
        #expect(mayHold("Sorry, we were unable to"))
        #expect(!mayHold("Sorry, we were unable\r\nto deliver"))
        #expect(!mayHold("Sorry we were unable to deliver"))
    }

    /// X-Failed-Recipients is split at commas and spaces on ASCII and other text alike; a comma that a combining
    /// mark joins is no comma.
    @Test func failedRecipientsHeaderSplitsTheSameOnASCIIAndOtherText() {
        #expect(Classifier.failedRecipients(in: "pat@client.example,lee@client.example  x, \r\n")
                == ["pat@client.example", "lee@client.example"])
        #expect(Classifier.failedRecipients(in: "jürgen@beispiel.de, lee@client.example")
                == ["jürgen@beispiel.de", "lee@client.example"])
        #expect(Classifier.failedRecipients(in: "jürgen@beispiel.de,\u{301}lee@client.example")
                == ["jürgen@beispiel.de,\u{301}lee@client.example"])
    }

    /// A list manager's sender is known the same way on ASCII (by bytes) and other addresses (by characters).
    @Test func listManagerSendersReadTheSameOnASCIIAndOtherText() {
        for address in ["Mailman@lists.example", "OWNER-sales@lists.example", "sales-Admin@lists.example",
                        "@@sales-request@lists.example", "sales-bounces@x", "jürgen-owner@lists.example",
                        "Owner-jürgen@lists.example", "listen-admin@bücher.example"] {
            #expect(MailingListRejection.isManager(address), "\(address)")
        }
        for address in ["pat@client.example", "", "@@", "owner@lists.example", "-admin-x@lists.example",
                        "mailmanx@lists.example", "jürgen@lists.example", "mailmän@lists.example"] {
            #expect(!MailingListRejection.isManager(address), "\(address)")
        }
    }

    /// A mail system's sender is known by its local part in any case, read by bytes on ASCII and by characters
    /// on other addresses.
    @Test func systemSenderLocalPartsReadTheSameOnASCIIAndOtherText() {
        let names = BounceMarkers.systemSenderNames
        for address in ["MAILER-DAEMON@mx.example", "@@Postmaster@mx.example", "mailer-daemon@büro.example", "bounce"] {
            #expect(names.contains(localPartOf: address), "\(address)")
        }
        for address in ["pat@client.example", "", "@@", "mailer-daemonx@mx.example", "pöstmaster@mx.example"] {
            #expect(!names.contains(localPartOf: address), "\(address)")
        }
        #expect(names.contains(localPartOf: "postmaster@büro.example", lowercasing: false))
    }

    @Test func pipelinedRefusalIsFoundAfterData() {
        let transcript = ">>> RCPT TO:<pat@client.example>\n>>> DATA\n<<< 550 5.1.1 unknown user\n<<< 554 Error: NO VALID RECIPIENTS"
        #expect(SMTPTranscript.read(transcript).refusesRecipientWhilePipelining)
        #expect(SMTPTranscript.read(transcript + " – ende").refusesRecipientWhilePipelining)
    }

    @Test func hostNamesAndDomainsReadTheSameOnASCIIAndOtherText() {
        #expect(ReportOrigin.hostName("  MX1.Client.EXAMPLE (Postfix)") == "mx1.client.example")
        #expect(ReportOrigin.hostName("[192.0.2.1] mx.example") == "192.0.2.1]")
        #expect(ReportOrigin.hostName("mx.büro.example (x)") == "mx.büro.example")
        #expect(ReportOrigin.host("mx1.Mail.Protection.Outlook.com.".lowercased(), isIn: "mail.protection.outlook.com"))
        #expect(!ReportOrigin.host("evilmail.protection.outlook.com", isIn: "mail.protection.outlook.com"))
        #expect(ReportOrigin.host("bücher.au.com", isIn: "au.com"))
        #expect("Pat@Client.EXAMPLE".lowercasedDomain == "client.example")
        #expect("pät@Bücher.EXAMPLE".lowercasedDomain == "bücher.example")
        #expect("no-at-sign".lowercasedDomain == nil)
    }

    @Test func localPartIsTheFirstRunBetweenAtSigns() {
        #expect("MAILER-DAEMON@mx.example".localPart == "MAILER-DAEMON")
        #expect("@@postmaster@mx.example".localPart == "postmaster")
        #expect("@@".localPart == nil)
        #expect("pät@mx.example".localPart == "pät")
    }

    @Test func leadingCharactersNeverSplitACharacter() {
        let ascii = String(repeating: "a", count: 200)
        #expect(ascii.leadingCharacters(160) == ascii.prefix(160))
        let combining = String(repeating: "a", count: 159) + "e\u{301}" + "tail"
        #expect(combining.leadingCharacters(160) == combining.prefix(160))
        #expect(combining.leadingCharacters(160).hasSuffix("e\u{301}"))
        let crlf = String(repeating: "a", count: 159) + "\r\n" + "tail"
        #expect(crlf.leadingCharacters(160) == crlf.prefix(160))
        // Text beyond ASCII whose scalars are characters of their own is cut by scalars, unless the scalar after
        // the cut would join the last one kept.
        let japanese = String(repeating: "宛先不明です。", count: 30)
        #expect(japanese.leadingCharacters(160) == japanese.prefix(160))
        #expect(japanese.leadingCharacters(160).count == 160)
        let accented = String(repeating: "é", count: 159) + "e\u{301}" + "tail"
        #expect(accented.leadingCharacters(160) == accented.prefix(160))
        #expect(accented.leadingCharacters(160).hasSuffix("e\u{301}"))
    }

    @Test func sentencesEndAtTheSameCharactersOnASCIIAndOtherText() {
        #expect(OptOutDetector.sentences(of: "stop;now").count == 2)
        #expect(OptOutDetector.sentences(of: "stop\u{037E}now – bitte").count == 2)
        #expect(OptOutDetector.sentences(of: "stop.\u{301}now – bitte").count == 1)
        #expect(OptOutDetector.sentences(of: "¿unsubscribe?\r\nya – bitte").map(\.isQuestion) == [true, false])
    }

    /// A line the anchor words pass over must never hold a phrase of the table once folded: checked on every
    /// phrase in several cases and scripts, with the anchor word hidden behind accents, "ß" and the Kelvin sign.
    @Test func phraseAnchorsNeverPassOverAMatch() {
        let tables = [BounceMarkers.originalStarts, BounceReasonClassifier.recipientPhaseMarkers,
                      BounceReasonClassifier.dataPhaseMarkers, BounceMarkers.senderIntros]
        let anchors = [BounceMarkers.originalStartWords, BounceReasonClassifier.recipientStageWords,
                       BounceReasonClassifier.dataStageWords, BounceMarkers.senderIntroWords]
        let dressings: [(String) -> String] = [
            { $0 }, { $0.uppercased() }, { "-- \($0) --" }, { "返送 \($0) メッセージ" }, { "Письмо: \($0)" },
            { $0.replacingOccurrences(of: "e", with: "é") }, { $0.replacingOccurrences(of: "ss", with: "ß") },
            { $0.replacingOccurrences(of: "k", with: "\u{212A}") }, { $0.replacingOccurrences(of: " ", with: "_") },
        ]
        for (table, anchor) in zip(tables, anchors) {
            for phrase in table.phrases {
                for dress in dressings {
                    let line = dress(phrase.trimmingCharacters(in: .whitespaces))
                    if table.firstMatch(in: NormalizedText(line)) != nil { #expect(anchor.mayMatch(line), "\(line)") }
                }
            }
        }
        #expect(!BounceMarkers.originalStartWords.mayMatch("返送されたメールです: Delivery to the following recipient failed"))
        #expect(!BounceReasonClassifier.recipientStageWords.mayMatch("Письмо не доставлено: mailbox full"))
        #expect(!BounceReasonClassifier.dataStageWords.mayMatch("Recipient address rejected: user unknown"))
        // A common word stands for no phrase that has a rarer one, so a line with only the common word passes.
        #expect(!BounceMarkers.originalStartWords.mayMatch("Your message could not be delivered"))
        #expect(BounceMarkers.originalStartWords.mayMatch("----- Original Message -----"))
    }

    /// A region's status reading answers as the scans it stands for, on short text and on text past 2,000 bytes.
    @Test func statusReadingAgreesWithTheScansItReplaces() {
        let padding = String(repeating: "x ", count: 1_100)
        for text in ["550 5.1.1 user unknown", "host said: 550 user unknown", "4.2.2 full; 550 5.7.1 blocked",
                     "no code", padding + "550 5.1.1 late", "Fehler 5.7.0 " + padding + "550 5.1.1"] {
            let reading = StatusScanner.Reading(text)
            #expect(reading.first == StatusScanner.firstStatus(in: text))
            #expect(reading.quoted == StatusScanner.preferredStatus(in: text.leadingBytes(2_000)))
        }
    }

    /// Found addresses carry their lowercase form, read by bytes on ASCII and by `lowercased()` on other text.
    @Test func foundAddressesCarryTheirLowercaseForm() {
        let found = AddressScanner.addresses(inLines: ["To: Pat.Smith@Client.Example, jürgen.Ölz@Beispiel.DE"])
        #expect(found.map(\.address) == ["Pat.Smith@client.example", "jürgen.Ölz@beispiel.de"])
        #expect(found.map(\.lowered) == found.map { $0.address.lowercased() })
    }

    @Test func yahooNoticeIsFoundInAnyCaseOnASCIIAndOtherText() {
        let notice = "Sorry, we were unable to deliver your message to the following address."
        #expect(ProviderReadings.holdsYahooNotice(notice))
        #expect(ProviderReadings.holdsYahooNotice(notice.uppercased() + " Zustellung für"))
        #expect(!ProviderReadings.holdsYahooNotice("Sorry, we were unable to reach the server. Zustellung für"))
    }

    /// On ASCII the notice is looked for where its comma falls: wherever it starts, after other commas or none.
    @Test func yahooNoticeIsFoundWhereverItStartsInASCIIText() {
        let notice = "Sorry, we were unable to deliver your message to the following address."
        for prefix in ["", "x", "Hello, ", ",,,,,", "a, b, c,\r\n", "Sorry, Sorry, "] {
            for suffix in ["", "\n<pat@client.example>", ", more, commas"] {
                #expect(ProviderReadings.holdsYahooNotice(prefix + notice + suffix), "\(prefix) … \(suffix)")
                #expect(ProviderReadings.holdsYahooNotice(prefix + notice.uppercased() + suffix))
                #expect(!ProviderReadings.holdsYahooNotice(prefix + notice.replacingOccurrences(of: ",", with: ";") + suffix))
            }
        }
        // Read in the first 1,000 bytes only.
        #expect(!ProviderReadings.holdsYahooNotice(String(repeating: "y", count: 990) + notice))
        #expect(ProviderReadings.holdsYahooNotice(String(repeating: "y", count: 1_000 - notice.utf8.count) + notice))
    }

    @Test func statusAfterAReplyCodeIsReadBeforeCutText() {
        #expect(StatusScanner.preferredStatus(in: "550 5.1.1ユーザー不明") == "5.1.1")
        #expect(StatusScanner.preferredStatus(in: "452 4.2.2 Postfach voll, 550 5.1.1") == "4.2.2")
        #expect(StatusScanner.firstStatus(in: "Fehler: 5.7.1 abgelehnt") == "5.7.1")
    }

    @Test func statusCodesReadTheSameFromBytesAndFromPieces() {
        // Digits and dots only take the byte path; padding and signs take the piece path. Both agree.
        for (plain, other) in [("5.1.1", " 5.1.1 "), ("05.01.001", "+5.1.1"), ("4..2.2", " 4..2.2"), ("5.7.1.", "5.7.1.\t"),
                               ("5.2.12345", " 5.2.12345")] {
            let byBytes = StatusCode(plain), byPieces = StatusCode(other)
            #expect(byBytes != nil)
            #expect(byBytes == byPieces)
        }
        #expect(StatusCode("5.2.12345")?.detail == 123)
        for refused in ["5.1", "5.1.1.1", "3.1.1", "", "...", "5.1.", "99999999999999999999.1.1"] {
            #expect(StatusCode(refused) == nil)
        }
    }

    @Test func singleScalarTextExcludesEverythingThatCanJoinACharacter() {
        func holds(_ text: String) -> Bool { Array(text.utf8).withUnsafeBufferPointer { SingleScalarText.holds($0) } }
        #expect(holds("Grüße, l’équipe — Привет Ωμέγα 日本語のメール：ＯＫ"))
        #expect(!holds("Gru\u{308}ße"))        // combining diaeresis
        #expect(!holds("OK 👍🏽"))               // emoji with a skin-tone modifier
        #expect(holds("한국어입니다。「はい」、ありがとう。"))
        #expect(!holds("\u{1100}\u{1161}"))          // conjoining jamo make one syllable
        #expect(!holds("한\u{11A8}"))                // a syllable joins a trailing jamo
        #expect(!holds("日本\u{3000}語"))             // the ideographic space is whitespace
        #expect(!holds("漢\u{302A}"))                // an ideographic tone mark joins its character
        #expect(!holds("a\r\nb"))               // CR LF is one character
        #expect(!holds("\u{0600}1"))            // a prepended mark
    }

    @Test func attributionSignsAreFoundInEveryByteOfALine() {
        let texts = ["", "a", "On Monday", "On Monday, Sam wrote:", "12345678", "abcdefgh9", "abcdefghijklmno@",
                     "<sam> Grüße", "ＯＫ 日本語のメール：", "\u{0660}\u{0661} Arabic digits are not ASCII ones", "/:;?@[`{",
                     "0123456789", "--------<", "ÀÉÎ@ÕÜ"]
        for text in texts {
            let bytes = Array(text.utf8)
            let signs = bytes.withUnsafeBufferPointer { AttributionSigns($0) }
            #expect(signs.holdsAt == bytes.contains(UInt8(ascii: "@")), "\(text)")
            #expect(signs.holdsLessThan == bytes.contains(UInt8(ascii: "<")), "\(text)")
            #expect(signs.holdsDigit == bytes.contains { $0 >= 0x30 && $0 <= 0x39 }, "\(text)")
        }
    }

    /// Trimming a reply by bytes where its ends are characters of their own gives what trimming characters gives.
    @Test func replyTextTrimmedByBytesAgreesWithCharacters() {
        let texts = ["  谢谢。\n", "\r\n「はい」\r\n", "감사합니다 \n", "\u{A0}Hola\u{A0}", "Hallo\u{85}", " \u{301}x ",
                     "x \u{301}", "\n\n", "", " Grüße ", "日本\u{3000}", "\u{3000}日本"]
        for text in texts {
            let trimmed = Array(text.utf8).withUnsafeBufferPointer { ReplyTextExtractor.trimmedWhitespace($0).text }
            var expected = text
            while let last = expected.last, last.isWhitespace { expected.removeLast() }
            while let first = expected.first, first.isWhitespace { expected.removeFirst() }
            #expect(trimmed == expected, "\(text.unicodeScalars.map { $0.value })")
        }
    }

    /// The paragraph above a trailing quote is read by scalars where each is a character of its own, with the
    /// answers reading its characters gives.
    @Test func quoteIntroductionsReadByScalarsAgreeWithCharacters() {
        let paragraphs = ["2013/7/20 Sam <sam@example.com>", "Sam:", "\u{A0}Jörg schrieb:\u{A0}", "Jörg <j@example.de>",
                          "Jörg <j@example.de> am ２日", "王 <wang@example.cn> 三月", "王 <wang@example.cn>", "谢谢。",
                          "Grüße\t", "Re\u{301}sume\u{301}:", "a@b ① ", "\u{3000}田中:\u{3000}", ""]
        for paragraph in paragraphs {
            #expect(ReplyTextExtractor.introducesQuote(Array(paragraph.utf8)) == ReplyTextExtractor.introducesQuote(paragraph),
                    "\(paragraph)")
        }
    }

    /// A reply whose quoted header block and signature are written with precomposed or decomposed accents, or
    /// with emoji, is cut at the same place: lines are read by scalars or by characters, with the same rules.
    @Test(arguments: ["é", "e\u{301}", "é 👍🏽", "谢谢。", "감사합니다"])
    func replyLinesReadTheSameByScalarsAndByCharacters(accent: String) {
        let body = "Merci, c'est noté \(accent)!\n\n-- \nPat\n\nDe : Sam <sam@seller.example>\nEnvoyé : mardi\n"
            + "À : Pat\nObjet : Réunion \(accent)\n\nBonjour"
        #expect(ReplyTextExtractor().newText(fromPlainText: body) == "Merci, c'est noté \(accent)!")
        let header = "\u{00A0}Von: Sam\u{00A0}\nGesendet: Dienstag\nAn: Pat \(accent)\nBetreff: Angebot\n"
        #expect(ReplyTextExtractor().newText(fromPlainText: "Danke \(accent)\n\n" + header) == "Danke \(accent)")
    }

    @Test func lowercasedPrefixesAreFoundOnASCIIAndOtherText() {
        #expect("READ: Proposal".hasLowercasedPrefix("read:"))
        #expect(!"Reading list".hasLowercasedPrefix("read:"))
        #expect("Leído: Propuesta".hasLowercasedPrefix("leído:"))
        #expect(!"Read:\u{301} x".hasLowercasedPrefix("read:"))
        #expect(!"Re".hasLowercasedPrefix("read:"))
    }

    @Test func lowercasedPrefixesAnsweredByBytesAgreeWithLowercasing() {
        let texts = ["Report domain: x", "Re: Überprüfung", "Ré: x", "Überweisung", "\u{130}nfo", "\u{212A}elvin",
                     "LEI\u{301}DO: x", "Lei\u{301}do: x", "Read:\u{301} x", "r", "", "\r\nread:", "日本語", "READ receipt",
                     "Réponse automatique", "Re\u{301}ad: x", "Lei\u{301}do:", "Rea\u{212A}", "Lu\u{130}", "Repor\u{0165}",
                     "Lida\u{37E}", "rea\u{308}d:", "x;ab\u{E9}", "x;abe\u{301}"]
        let prefixes = ["report domain:", "read:", "leído:", "lu :", "i\u{307}nfo", "kelvin", "read receipt", "r", "lei\u{301}do:",
                        "x;ab", "lida;", "rea", "reak"]
        for text in texts {
            for prefix in prefixes {
                #expect(text.hasLowercasedPrefix(prefix) == text.lowercased().hasPrefix(prefix), "\(text) / \(prefix)")
            }
        }
    }

    @Test func optOutMailboxesAreRecognisedWithoutParsingOtherAddressLists() {
        #expect(!Classifier.mayHoldOptOutLocalPart("Pat Smith <pat@client.example>, sam@seller.example"))
        #expect(Classifier.mayHoldOptOutLocalPart("\"o\\pt-out\"@seller.example"))
        #expect(Classifier.mayHoldOptOutLocalPart("List <UN SUBSCRIBE@seller.example>"))
        #expect(Classifier.mayHoldOptOutLocalPart("(comment) pat@client.example"))
        let optOut = "From: Pat <pat@client.example>\nTo: Sales <\"unsubscribe\"@seller.example>\nSubject: x\n\nplease\n"
        #expect(Classifier().classify(MessageParser().parse(Array(optOut.utf8))).reason == "list-unsubscribe")
        let reply = "From: Pat <pat@client.example>\nTo: Optimus Prime <sam@seller.example>\nSubject: Re: x\n\nSounds good.\n"
        #expect(Classifier().classify(MessageParser().parse(Array(reply.utf8))).kind == .reply)
    }

    /// The field is read backwards from each "t" and "e" only: that must say what dropping spacing, quotes and
    /// backslashes, lowering ASCII letters and searching the rest says, wherever the words and the dropped bytes are.
    @Test func optOutLocalPartsFoundFromTheirLastLettersAsByASearch() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["o", "p", "t", "OPT", "un", "sub", "SCRIBE", "unsubscrib", "e", "E", " ", "\t", "\"", "\\", "\r\n",
                      "@", "sam", "pat@client.example", ",", "<", ">", "é", "ø", "opt", "unsubscribe"]
        for _ in 0..<3_000 {
            let field = (0..<Int.random(in: 0...12, using: &generator))
                .map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let kept = String(decoding: field.utf8.filter { ![0x20, 0x09, 0x0A, 0x0D, 0x22, 0x5C].contains($0) }
                .map { $0.lowercasedASCII }, as: UTF8.self)
            let expected = kept.contains("opt") || kept.contains("unsubscribe")
            #expect(Classifier.mayHoldOptOutLocalPart(field) == expected, "\(field.debugDescription)")
        }
        #expect(Classifier.mayHoldOptOutLocalPart("pat (x) @client.example"))
    }
}
