/// Out-of-office and "left the company" vocabulary in English, German, French, Spanish, Dutch, Portuguese and
/// Italian (normalised forms).
enum AutoReplyPhrases {
    /// Subjects that start with one of these are automatic replies.
    static let subjectPrefixes = PhraseTable<Void>([
        "automatic reply", "auto reply", "autoreply", "auto response", "automatic response", "autoresponse",
        "auto respond", "out of office", "out of the office", "ooo", "away from the office", "on vacation",
        "vacation reply", "away from my desk", "abwesenheitsnotiz", "automatische antwort", "abwesenheit",
        "automatische abwesenheitsnotiz", "nicht im buro", "reponse automatique", "absence", "absent du bureau",
        "message d'absence", "respuesta automatica", "fuera de la oficina", "ausencia", "respuesta de ausencia",
        "automatisch antwoord", "afwezig", "afwezigheid", "niet aanwezig", "resposta automatica", "ausente",
        "fora do escritorio", "ausencia temporaria", "risposta automatica", "fuori ufficio", "fuori sede",
        "assente", "autosvar", "automaattinen vastaus", "automatyczna odpowiedz", "odpowiedz automatyczna", "автоответ",
        "автоматический ответ", "自动回复",
    ].map { ($0, ()) })

    /// Sentences that only an out-of-office note writes.
    static let outOfOffice: [String] = [
        "i am out of the office", "i'm out of the office", "i am currently out of the office",
        "i'm currently out of the office", "i am out of office", "i'm out of office", "i am currently out of office",
        "i am on vacation", "i'm on vacation", "i am on annual leave", "i'm on annual leave", "i am on leave",
        "i'm on leave", "i am currently on leave", "i'm currently on leave", "i am on holiday", "i'm on holiday",
        "i am currently on holiday", "i'm currently on holiday", "i am currently on vacation", "i'm currently on vacation",
        "i will be out of the office", "i'll be out of the office", "on parental leave", "on maternity leave",
        "on paternity leave",
        "i am away from the office", "i'm away from the office", "i am currently away", "i'm currently away",
        "with limited access to email", "with limited access to e mail", "limited access to my email",
        "ich bin nicht im buro", "ich bin derzeit nicht im buro", "ich bin bis", "ich befinde mich im urlaub",
        "ich bin im urlaub", "ich bin abwesend", "ich bin derzeit abwesend", "ich bin ausser haus",
        "bin ich nicht im buro", "bin ich abwesend", "je suis absent", "je suis absente", "je suis actuellement absent",
        "je suis actuellement absente", "je serai absent", "je serai absente", "je suis en conges",
        "je suis en vacances", "estoy fuera de la oficina", "estoy de vacaciones", "me encuentro fuera",
        "estare fuera", "estoy ausente", "ik ben afwezig", "ik ben momenteel afwezig", "ik ben op vakantie",
        "ik ben niet op kantoor", "ik ben met vakantie", "estou ausente", "estou de ferias", "estou fora do escritorio",
        "estarei ausente", "estarei fora", "sono fuori ufficio", "sono in ferie", "saro assente", "sono assente",
        "sono attualmente fuori ufficio",
    ]

    /// The person has left or the mailbox is dead: a lead, not an absence.
    static let leftCompany = PhraseTable<Void>([
        "no longer with", "no longer work", "no longer employed", "has left the company", "have left the company",
        "has left the organization", "have left the organisation", "has left the organisation", "is no longer at",
        "am no longer at", "left the company", "this mailbox is no longer", "this email address is no longer",
        "this address is no longer", "no longer monitored", "no longer in use", "no longer active",
        "nicht mehr im unternehmen", "nicht mehr fur", "nicht mehr bei", "hat das unternehmen verlassen",
        "habe das unternehmen verlassen", "nicht mehr in unserem unternehmen", "postfach wird nicht mehr",
        "nicht mehr erreichbar", "nicht mehr tatig", "ne fait plus partie", "a quitte l'entreprise",
        "a quitte la societe", "ai quitte l'entreprise", "ne travaille plus", "n'est plus en poste",
        "n'est plus active", "n'est plus consultee", "ya no trabaja", "ya no forma parte", "ha dejado la empresa",
        "ya no esta en", "ya no pertenece", "no esta activa", "niet meer werkzaam", "niet langer werkzaam",
        "niet meer in dienst", "heeft het bedrijf verlaten", "uit dienst", "wordt niet meer gelezen",
        "nao trabalha mais", "nao faz mais parte", "deixou a empresa", "nao esta mais", "nao e mais monitorado",
        "non lavora piu", "non fa piu parte", "ha lasciato l'azienda", "ha lasciato la societa",
        "non e piu attivo", "non e piu attiva", "non piu monitorata",
    ].map { ($0, ()) })

    /// "Left the company" sentences plain enough to tell an automatic note without any automatic-reply header or
    /// subject (`leftCompany` holds shorter ones, such as "no longer with", that a person's reply also writes).
    static let leftCompanyStatements: [String] = [
        "this mailbox is no longer monitored", "this mailbox is no longer", "this email address is no longer",
        "this address is no longer", "has left the company", "have left the company", "has left the organization",
        "has left the organisation", "have left the organisation", "is no longer with the company",
        "is no longer employed", "am no longer employed", "hat das unternehmen verlassen", "habe das unternehmen verlassen",
        "ist nicht mehr im unternehmen", "bin nicht mehr im unternehmen", "postfach wird nicht mehr", "a quitte l'entreprise",
        "a quitte la societe", "ai quitte l'entreprise", "ne fait plus partie de", "ha dejado la empresa",
        "ya no forma parte de", "ya no trabaja en", "heeft het bedrijf verlaten", "niet meer werkzaam bij",
        "wordt niet meer gelezen", "deixou a empresa", "nao trabalha mais", "nao faz mais parte", "ha lasciato l'azienda",
        "ha lasciato la societa", "non lavora piu", "non fa piu parte", "i no longer work at", "i no longer work for",
        "no longer works at", "no longer works for", "is no longer working at", "is no longer working for",
        "i am no longer with", "i'm no longer with", "is no longer with",
    ]

    /// What the templates of automatic notes write around an absence: the way to reach someone else, urgent cases,
    /// limited access, the promise to answer on return (not the thanks they open with: people write those too).
    /// With `outOfOffice` or `leftCompanyStatements`, one of these tells an automatic note that carries no
    /// automatic-reply header or subject (a person mentioning a holiday seldom writes both).
    static let templateSigns: [String] = [
        "for urgent matters", "for urgent requests", "for anything urgent", "for urgent enquiries", "for urgent inquiries",
        "in urgent cases", "if your matter is urgent", "if it is urgent", "if this is urgent", "in case of urgency",
        "upon my return", "on my return", "limited access to email", "limited access to e mail", "no access to email",
        "please contact", "please direct", "please forward", "please reach out to", "please get in touch with",
        "in dringenden fallen", "bei dringenden anliegen", "nach meiner ruckkehr", "wenden sie sich bitte an",
        "bitte wenden sie sich an", "pour toute urgence", "en cas d'urgence", "a mon retour", "veuillez contacter",
        "para asuntos urgentes", "en caso de urgencia", "a mi regreso", "a mi vuelta", "por favor contacte",
        "in dringende gevallen", "voor dringende zaken", "na mijn terugkeer", "neem contact op met",
        "em caso de urgencia", "para assuntos urgentes", "no meu regresso", "entre em contato com", "per urgenze",
        "in caso di urgenza", "al mio rientro", "si prega di contattare",
    ]

    /// Words that introduce a return date, each tagged with whether it reads as English (holds "until", "till",
    /// "through", "back" or "return"), where 3/12 means March 12.
    static let returnTriggers = PhraseTable<Bool>([
        "until", "till", "through", "back on", "back in the office on", "return on", "returning on", "return to the office on",
        "returning", "i will return", "i'll return", "i will be back", "i'll be back", "back", "bis", "bis zum",
        "bis einschliesslich", "ab dem", "ab", "zuruck am", "wieder am", "wieder im buro am", "jusqu'au", "jusqu'a",
        "de retour le", "de retour", "retour le", "a partir du", "des le", "hasta el", "hasta", "regreso el",
        "regresare el", "volvere el", "de vuelta el", "a partir del", "tot en met", "tot", "terug op", "vanaf",
        "weer op", "weer aanwezig op", "ate", "ate o dia", "ate dia", "retorno em", "retorno no dia", "volto em",
        "volto no dia", "a partir de", "fino al", "fino a", "rientro il", "rientrero il", "di ritorno il",
        "sino al", "al", "regresso", "regresso no dia", "regresso a", "rientrero", "rientrero in ufficio",
        "before", "not before", "vor dem", "nicht vor", "avant le", "pas avant", "antes del", "no antes de",
        "niet voor", "nao antes de", "prima del", "non prima del", "tillbaka", "tillbaka pa", "wracam", "back in the office",
        "back at my desk", "zuruck", "wieder im buro", "wieder da", "terug", "weer terug", "volvere", "regreso",
        "vuelvo", "retour", "je serai de retour", "rientro", "torno", "volto", "estarei de volta",
        "до", "по", "вернусь", "буду на месте",
    ].map { phrase in
        (phrase, ["until", "till", "through", "back", "return", "returning"].contains(where: NormalizedText(phrase).string.containsText))
    })
}
