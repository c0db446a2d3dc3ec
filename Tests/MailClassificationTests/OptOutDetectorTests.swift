import Testing
@testable import MailClassification

@Suite struct OptOutDetectorTests {
    let detector = OptOutDetector()

    @Test(arguments: [
        "Unsubscribe", "STOP", "remove me please", "Please remove me from your list.", "Take me off your mailing list",
        "Stop emailing me.", "Do not contact me again.",
        "Bitte entfernen Sie mich aus Ihrem Verteiler.", "Bitte keine weiteren E-Mails.",
        "Merci de me retirer de votre liste.", "Ne me contactez plus.",
        "Por favor, quiero darme de baja.", "No me envíen más correos.",
        "Haal me van jullie lijst a.u.b.", "Graag afmelden.",
        "Por favor, remova-me da lista.", "Não quero receber mais e-mails.",
        "Vi prego di rimuovermi dalla lista.", "Cancellatemi, grazie.",
    ])
    func explicitRequestsAreOptOuts(text: String) {
        #expect(detector.detect(replyText: text, subject: "Re: Quick question") != nil)
    }

    @Test(arguments: [
        "How do I unsubscribe from your newsletter?", "Don't unsubscribe me, I like these.", "I didn't unsubscribe.",
        "Not interested right now, try me next quarter.", "I'm not the right person, talk to Alex.",
        "Please do not contact me until January 5.", "Thanks, sounds great! Let's meet Tuesday.",
        "Wie kann ich mich abmelden?", "Comment me désabonner ?",
    ])
    func mentionsAndObjectionsAreNot(text: String) {
        #expect(detector.detect(replyText: text, subject: "Re: Quick question") == nil)
    }

    /// Asking to be taken off a thread's copy line hands the conversation over; it must not mark the person
    /// Do Not Contact. A request that merely goes on to mention the copy line is still a request.
    @Test(arguments: [
        "Hi Sam, please remove me from the CC on this thread, Jordan owns this now.", "Take me off cc, thanks.",
        "Bitte nehmen Sie mich aus dem CC, Frau Weber übernimmt.", "Merci de me retirer de la copie, Paul suit le dossier.",
        "Por favor, quítenme de copia.", "Haal me uit de cc, Joris neemt het over.",
    ])
    func takingSomeoneOffTheCopyLineIsNotAnOptOut(text: String) {
        #expect(detector.detect(replyText: text, subject: "Re: Quick question") == nil)
    }

    @Test func aRequestThatGoesOnToMentionCopiesStaysARequest() {
        #expect(detector.detect(replyText: "Please remove me from your list and stop cc'ing my team.", subject: nil) != nil)
        #expect(detector.detect(replyText: "Remove me from this list, I was only copied by mistake.", subject: nil) != nil)
    }

    @Test func sentencesOfAccentedTextEndAtLineBreaksAndQuestionMarks() {
        #expect(detector.detect(replyText: "Grüße.\r\nBitte entfernen Sie mich aus dem Verteiler.\r\n", subject: nil) != nil)
        #expect(detector.detect(replyText: "Grüße\r\nWie kann ich mich abmelden?\r\nDanke", subject: nil) == nil)
        #expect(detector.detect(replyText: "¿Cómo puedo darme de baja? Gracias", subject: nil) == nil)
        #expect(detector.detect(replyText: "Gracias. Quiero darme de baja, por favor", subject: nil)?.phrase == "quiero darme de baja")
    }

    @Test func subjectAloneCanCarryTheRequest() {
        let finding = detector.detect(replyText: "", subject: "RE: Unsubscribe")
        #expect(finding?.place == "subject")
    }
}

@Suite struct CJKOptOutTests {
    @Test func phrasesMatchInsideUnspacedJapaneseAndChinese() {
        #expect(OptOutDetector().detect(replyText: "今後このようなメールは不要です。配信停止をお願いします。", subject: nil) != nil)
        #expect(OptOutDetector().detect(replyText: "请不要再给我发邮件了，退订。", subject: nil) != nil)
        #expect(OptOutDetector().detect(replyText: "ご連絡ありがとうございます。来週お話ししましょう。", subject: nil) == nil)
    }
}

/// The classifier hands the detector the subject fold it made for the auto-reply test: the request found must be
/// the one found by folding the subject without its prefixes afresh.
@Suite struct SubjectFoldTests {
    @Test(arguments: [
        "Re: Unsubscribe", "RE: AW: please remove me", "  Fwd:  stop", "回复：退订", "Re: 'remove me' please",
        "Odp: Wypisz mnie", "Quick question", "Re:Re: Take me off your list", "SV : avregistrera mig", "Re: l'",
        "Re: " + String(repeating: "long subject ", count: 20) + "remove me", "Re:", "", "Ré: désabonnez-moi",
    ])
    func theSubjectsFoldGivesTheSameFinding(subject: String) {
        let subjectFold = NormalizedText(subject.leadingBytes(200)).bytes
        let shared = OptOutDetector().detect(replyText: "", subject: subject, subjectFold: subjectFold, counter: nil)
        #expect(shared == OptOutDetector().detect(replyText: "", subject: subject))
    }
}
