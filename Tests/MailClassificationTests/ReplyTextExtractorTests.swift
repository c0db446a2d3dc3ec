import Testing
@testable import MailClassification

@Suite struct ReplyTextExtractorTests {
    let extractor = ReplyTextExtractor()

    @Test(arguments: [
        "On Tue, Mar 3, 2026 at 9:14 AM Sam Seller <sam@seller.example> wrote:",
        "Le mar. 3 mars 2026 à 09:14, Sam Seller <sam@seller.example> a écrit :",
        "Am Di., 3. März 2026 um 09:14 Uhr schrieb Sam Seller <sam@seller.example>:",
        "El mar, 3 mar 2026 a las 9:14, Sam Seller (<sam@seller.example>) escribió:",
        "Op di 3 mrt. 2026 om 09:14 schreef Sam Seller <sam@seller.example>:",
        "Em ter., 3 de mar. de 2026 às 09:14, Sam Seller <sam@seller.example> escreveu:",
        "Il giorno mar 3 mar 2026 alle ore 09:14 Sam Seller <sam@seller.example> ha scritto:",
        "Den tis 3 mars 2026 kl 09:14 skrev Sam Seller <sam@seller.example>:",
        "W dniu 3.03.2026 o 09:14, Sam Seller pisze:",
        "3 марта 2026 г., в 09:14, Sam Seller <sam@seller.example> написал:",
        "在 2026年3月3日 09:14，Sam Seller <sam@seller.example> 写道：",
    ])
    func cutsAtQuoteHeadersInManyLanguages(header: String) {
        let body = "Sounds good, let's talk Thursday.\n\n\(header)\n> Hi Pat, are you free this week?\n> Sam\n"
        #expect(extractor.newText(fromPlainText: body) == "Sounds good, let's talk Thursday.")
    }

    /// Attributions without the usual opening word, or without any verb, followed by the original left unquoted (as
    /// several mobile and webmail clients send it): the cut must fall on the attribution itself.
    @Test(arguments: [
        "2026年3月3日(火) 9:14 Sam Seller <sam@seller.example>:",
        "вт, 3 мар. 2026 г. в 09:14, Sam Seller <sam@seller.example>:",
        "2026/3/3 Sam Seller <sam@seller.example>",
        "2026-03-03 9:14 GMT+01:00 Sam Seller",
        "2026년 3월 3일 (화) 오전 9:14, Sam Seller <sam@seller.example>님이 작성:",
        "вторник, 3 марта 2026 г. пользователь Sam Seller написал:",
        "Am 03.03.2026 um 09:14 schrieben Sie:",
        "At 3/3/2026 09:14 AM, you wrote:",
        "Sam Seller via Seller Community wrote:",
        "Posted by sam.seller on 03/03/2026",
        "----- Reply message -----",
    ])
    func cutsAtAttributionsWithoutTheUsualOpeningOrVerb(header: String) {
        let body = "Sounds good, let's talk Thursday.\n\n\(header)\nHi Pat, are you free this week?\nSam\n"
        #expect(extractor.newText(fromPlainText: body) == "Sounds good, let's talk Thursday.")
    }

    /// Lines of new text that share a trait with those attributions (a date, a colon, an address, a dash frame) stay.
    @Test(arguments: [
        "At 3pm on Tuesday, 3 March, I am free.",
        "Our budget for 2026:",
        "Here is what my boss wrote:",
        "---- Pricing ----",
        "You can reach my assistant Kim <kim@client.example> any time.",
    ])
    func keepsNewTextThatLooksSomewhatLikeAnAttribution(line: String) {
        let body = "Sounds good.\n\(line)\nThanks, Pat"
        #expect(extractor.newText(fromPlainText: body) == body)
    }

    /// A line of dashes inside the new text sets off a part of it; before quoted or forwarded material, or at the end,
    /// it ends the new text.
    @Test func separatorLinesEndTheNewTextOnlyBeforeAnOriginal() {
        let inside = "Here are our requirements:\n\n-----\n\nSSO and audit logs.\n\n=====\nThanks, Pat"
        #expect(extractor.newText(fromPlainText: inside) == inside)
        for original in ["From: Sam Seller\nSent: Tuesday, March 3, 2026 9:14 AM\nTo: Pat\nSubject: Intro\n\nHi Pat",
                         "> Hi Pat, are you free?", "On Tue, Mar 3, 2026 at 9:14 AM Sam <sam@seller.example> wrote:\nHi Pat",
                         "Begin forwarded message:\nHi Pat", ""] {
            let body = "Sounds good.\n\n________________________________\n" + original
            #expect(extractor.newText(fromPlainText: body) == "Sounds good.", "\(original)")
        }
    }

    @Test func attributionWrappedOverSeveralLines() {
        let body = "Yes please.\n\nOn Tue, Mar 3, 2026 at 9:14 AM Sam Seller <\nsam@seller.example> wrote:\n\n> Interested?\n"
        #expect(extractor.newText(fromPlainText: body) == "Yes please.")
    }

    @Test(arguments: [
        ["From: Sam Seller <sam@seller.example>", "Sent: Tuesday, March 3, 2026 9:14 AM", "To: Pat", "Subject: Intro"],
        ["Von: Sam Seller", "Gesendet: Dienstag, 3. März 2026 09:14", "An: Pat", "Betreff: Intro"],
        ["De : Sam Seller", "Envoyé : mardi 3 mars 2026 09:14", "À : Pat", "Objet : Intro"],
        ["Expéditeur : Sam Seller", "Envoyé : mardi 3 mars 2026 09:14", "Destinataire : Pat", "Objet : Intro"],
        ["De: Sam Seller", "Enviado el: martes, 3 de marzo de 2026 9:14", "Para: Pat", "Asunto: Intro"],
        ["Van: Sam Seller", "Verzonden: dinsdag 3 maart 2026 09:14", "Aan: Pat", "Onderwerp: Intro"],
        ["Da: Sam Seller", "Inviato: martedì 3 marzo 2026 09:14", "A: Pat", "Oggetto: Intro"],
    ])
    func cutsAtOutlookHeaderBlocks(block: [String]) {
        let body = "Please call me tomorrow.\n\n________________________________\n" + block.joined(separator: "\n")
            + "\n\nHi Pat, quick question. To unsubscribe click here.\n"
        #expect(extractor.newText(fromPlainText: body) == "Please call me tomorrow.")
        let withoutRule = "Please call me tomorrow.\n\n" + block.joined(separator: "\n") + "\n\nHi Pat\n"
        #expect(extractor.newText(fromPlainText: withoutRule) == "Please call me tomorrow.")
    }

    @Test func twoHeaderLikeLinesAreNotABlock() {
        let body = "Agenda:\nTo: all of sales\nFrom: next week on, weekly calls.\nThanks"
        #expect(extractor.newText(fromPlainText: body) == body)
    }

    @Test(arguments: [
        "-----Original Message-----", "---------- Forwarded message ---------", "Begin forwarded message:",
        "-----Ursprüngliche Nachricht-----", "-------- Message d'origine --------", "-----Mensaje original-----",
        "-----Oorspronkelijk bericht-----", "-----Mensagem original-----", "-----Messaggio originale-----", "--",
    ])
    func cutsAtDelimiters(delimiter: String) {
        let body = "Happy to chat.\n\(delimiter)\nOlder text that must go.\n"
        #expect(extractor.newText(fromPlainText: body) == "Happy to chat.")
    }

    @Test(arguments: [
        "Sent from my iPhone", "Von meinem iPhone gesendet", "Envoyé de mon iPhone", "Enviado desde mi iPhone",
        "Verzonden vanaf mijn iPhone", "Enviado do meu iPhone", "Inviato da iPhone", "Get Outlook for Android",
        "Från min iPhone",
    ])
    func dropsMobileSignatures(signature: String) {
        #expect(extractor.newText(fromPlainText: "Sure, Friday works.\n\n\(signature)\n") == "Sure, Friday works.")
    }

    @Test func keepsSignOffAndTextAboveQuote() {
        let body = "Thanks for the note.\n\nBest regards,\nPat\n\n> previous\n> text"
        #expect(extractor.newText(fromPlainText: body) == "Thanks for the note.\n\nBest regards,\nPat")
    }

    @Test func bottomPostedReplyKeepsTextAfterTheQuote() {
        let body = "On Mon, Mar 2, 2026 at 8:00 AM Sam <sam@seller.example> wrote:\n> Want a demo?\n\nYes, Thursday."
        #expect(extractor.newText(fromPlainText: body) == "Yes, Thursday.")
    }

    @Test func quoteOnlyMessageKeepsTheQuote() {
        #expect(extractor.newText(fromPlainText: "> just a quote\n") == "> just a quote")
    }

    @Test func crOnlyAndCRLFGiveTheSameText() {
        let lf = "Works for me.\n\nOn Mon, Mar 2, 2026 at 8:00 AM Sam <sam@seller.example> wrote:\n> Demo?\n"
        let cr = lf.replacingOccurrences(of: "\n", with: "\r")
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(extractor.newText(fromPlainText: cr) == "Works for me.")
        #expect(extractor.newText(fromPlainText: crlf) == "Works for me.")
    }

    @Test func htmlEntitiesAndHiddenElementsReadAsABrowserShowsThem() {
        let html = """
        <HTML><HEAD><TITLE>Re: Demo</TITLE><STYLE type="text/css">p { font: 11pt "Calibri" }</Style></HEAD>
        <body><p style="margin:0cm;font-family:&quot;Calibri&quot;,sans-serif;color:#1F497D">Caf&eacute; at 10&nbsp;am?
        &#8220;Yes&#8221; &#x1F600; &#160;A&amp;B &bogus; &#xZZ; &amp</p><script>var a = "</p>";</script>
        <p title='a "quoted" > sign'>Done.</p></body></HTML>
        """
        #expect(extractor.newText(fromHTML: html) == "Café at 10 am? \u{201C}Yes\u{201D} \u{1F600}  A&B &bogus; &#xZZ; &amp\n\nDone.")
    }

    @Test func htmlQuoteContainersAreDropped() {
        let gmail = """
        <div dir="ltr">Let&#39;s talk <b>Monday</b>.</div><br><div class="gmail_quote"><div class="gmail_attr">On Mon,
        Sam wrote:</div><blockquote>Unsubscribe here</blockquote></div>
        """
        #expect(extractor.newText(fromHTML: gmail) == "Let's talk Monday.")
        let outlook = """
        <html><head><style>p{}</style></head><body><p>Not now, maybe Q3.</p><hr><div id="divRplyFwdMsg"><b>From:</b>
        Sam</div><div>old text</div></body></html>
        """
        #expect(extractor.newText(fromHTML: outlook) == "Not now, maybe Q3.")
        let apple = "<div>Yes!</div><div><br><blockquote type=\"cite\"><div>On Mar 2 Sam wrote:</div>Demo?</blockquote></div>"
        #expect(extractor.newText(fromHTML: apple) == "Yes!")
        let thunderbird = "<p>Fine.</p><div class=\"moz-cite-prefix\">On 3/2/26 Sam wrote:<br></div><blockquote type=\"cite\">x</blockquote>"
        #expect(extractor.newText(fromHTML: thunderbird) == "Fine.")
        let yahoo = "<div>Call me.</div><div id=\"yahoo_quoted_123\" class=\"yahoo_quoted\"><div>old</div></div>"
        #expect(extractor.newText(fromHTML: yahoo) == "Call me.")
        let word = """
        <div class=WordSection1><p class=MsoNormal>Thursday works.<o:p></o:p></p><div><p class=MsoNormal><b>From:</b> Sam
        <br><b>Sent:</b> Monday<br><b>To:</b> Pat<br><b>Subject:</b> Demo</p></div><p>old</p></div>
        """
        #expect(extractor.newText(fromHTML: word) == "Thursday works.")
    }
}

/// The opt-out and left-company searches read the fold the extractor made of the reply's lines; it must be the
/// fold of the reply text itself, or a request could be missed or invented.
@Suite struct ReplyFoldTests {
    @Test(arguments: [
        "Please remove me.\n\nOn Tue, Mar 3, 2026 at 9:14 AM Sam <sam@seller.example> wrote:\n> Hi",
        "  Unsubscribe\u{00A0}\n\n\tThanks, Bram\u{00A0} \n-- \nBram",
        "I don'\nknow l'\n'quoted' words’\r\nend’",
        "Merci, c'est noté e\u{0301}!\r\n\r\nLe 3 mars, Sam <sam@seller.example> a écrit :\r\n> x",
        "Short\n> inline quote\nmore text\n> trailing quote",
        String(repeating: "A long line of words without end, ", count: 12) + "\nnext line\n",
        "请不要再给我发邮件了，退订。\n\n发件人: Sam\n收件人: Pat\n主题: Demo",
        "> quoted first\n\nOn Mon, Sam <sam@seller.example> wrote:\n> more\n\nThe reply after the quote\u{2019}s end.",
        "   \n \n",
        "Stop\u{00A0}emailing me\u{0085}\nplease\n\n\u{0915}\u{093E} \u{093E}",
        "Спасибо, до встречи\n\nOn Tue, Mar 3, 2026 Sam <sam@seller.example> wrote:\n> x", "谢谢。\n",
        " \u{301}x y\u{600} \n", "\u{3000}Bitte austragen\u{3000}\n",
    ])
    func theExtractorsFoldIsTheFoldOfItsText(body: String) {
        let extract = ReplyTextExtractor().extract(fromPlainText: body, counter: nil)
        if body.hasPrefix("Спасибо") || body.hasPrefix("谢谢") { #expect(extract.folded != nil) }
        if let folded = extract.folded {
            #expect(folded == NormalizedText(extract.text).bytes)
        }
        #expect(extract.text == ReplyTextExtractor().newText(fromPlainText: body))
    }

    /// Lines read by scalars look for original-message markers and device signatures in one scan; lines read by
    /// characters in two: both must give every line the same role, wherever the phrases stand in it.
    @Test func lineRolesByScalarsAgreeWithRolesByCharacters() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["Sent from my iPhone", "sent from", "-----Original Message-----", "Forwarded message", "<", "(",
                      " ", "  ", "x", "Hi there", "von meinem", "Gesendet von meinem Handy", "original", "message", "—",
                      "Envoyé de mon", "From:", "a b c d e f g h i", "-", "Get Outlook for iOS", "über", "--", "Reply message", "*"]
        for _ in 0..<3_000 {
            let line = (0..<Int.random(in: 1...8, using: &generator))
                .map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            var folds = FoldedLines()
            let byScalars = line.utf8.withContiguousStorageIfAvailable {
                ReplyTextExtractor.roleByScalars(of: $0, folds: &folds, counter: nil).0
            }
            #expect(byScalars == ReplyTextExtractor.role(of: Substring(line), counter: nil), "\(line.debugDescription)")
        }
    }

    @Test func aRequestIsFoundWithTheExtractorsFoldAsWithout() {
        let body = "Please take me off your list.\n\nOn Tue, Mar 3, 2026 at 9:14 AM Sam <sam@seller.example> wrote:\n> Hi"
        let extract = ReplyTextExtractor().extract(fromPlainText: body, counter: nil)
        #expect(extract.folded != nil)
        let shared = OptOutDetector().detect(replyText: extract.text, folded: extract.folded, subject: "Re: Hi", counter: nil)
        let own = OptOutDetector().detect(replyText: extract.text, subject: "Re: Hi")
        #expect(shared == own)
        #expect(shared?.phrase == "take me off")
    }
}

@Suite struct HTMLQuoteMarkerTests {
    @Test func markersAreFoundInAnyCaseAndBesideAnyText() {
        let extractor = ReplyTextExtractor()
        #expect(extractor.newText(fromHTML: "<p>Yes.</p><div ID=\"OLK_SRC_BODY_SECTION\">old</div><p>older</p>") == "Yes.")
        #expect(extractor.newText(fromHTML: "<p>Fine.</p><div class=\"x Gmail_Quote\">old</div>") == "Fine.")
        #expect(extractor.newText(fromHTML: "<p>Sure.</p><div class=\"égmail_quote\">old</div>") == "Sure.")
        #expect(extractor.newText(fromHTML: "<p>Sure.</p><div class=\"gmail_quot\">kept</div>") == "Sure.\n\nkept")
    }

    /// Block tags break the line, void tags need no end tag, hidden elements show nothing, in any case; names that
    /// only look like theirs are ordinary tags. A ">" inside a quoted attribute value does not end the tag.
    @Test func tagsAreToldByTheirWholeName() {
        let html = "<b>x</b><center>y</center><centre>z</centre><style2>w</style2><STYLE>hidden</STYLE><Title>t</Title>"
            + "<titles>v</titles>u<BR/>a<img src=\"b>c\">d<br>e<hr>f<metas>g</metas>h"
            + "<div class=\"gmail_quote\">dropped <i>x</i> text</div>k"
        #expect(ReplyTextExtractor().newText(fromHTML: html) == "x\ny\nzwvu\nad\ne\nfghk")
    }
}
