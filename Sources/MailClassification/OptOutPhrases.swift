/// Opt-out vocabulary in English, German, French, Spanish, Dutch, Portuguese and Italian (normalised forms:
/// lowercase, no accents).
enum OptOutPhrases {
    /// Words that on their own, in a very short message, ask to be removed.
    static let keywords: Set<String> = [
        "unsubscribe", "remove", "stop", "optout", "opt", "unsub", "abmelden", "austragen", "abbestellen",
        "entfernen", "desabonner", "desinscrire", "desinscription", "desabonnement", "baja", "darme", "desuscribir",
        "afmelden", "uitschrijven", "verwijderen", "descadastrar", "descadastre", "descadastro", "remover",
        "cancelar", "disiscrivimi", "disiscrivere", "cancellami", "rimuovimi", "cancellazione", "rimuovere",
    ]

    /// Words that may surround a keyword-only request without changing it.
    static let politeness: Set<String> = [
        "please", "pls", "plz", "me", "thanks", "thank", "you", "thx", "now", "hi", "hello", "bitte", "danke",
        "mich", "merci", "svp", "moi", "se", "out", "por", "favor", "gracias", "de", "la", "lista", "alstublieft",
        "aub", "graag", "mij", "bedankt", "obrigado", "obrigada", "favore", "per", "grazie", "mi", "from", "list",
        "the", "this", "here", "yes", "ok", "dank", "u", "of", "all", "emails", "mailing", "es", "a",
    ]

    /// `keywords` (true) and `politeness` (false) as one phrase table, to look a folded word up by its bytes (no
    /// string made, no hashing) in one scan.
    static let keywordOrPoliteness = PhraseTable<Bool>(keywords.map { ($0, true) } + politeness.map { ($0, false) })

    /// `keywords` (true) and the clauses (false) in one table, built once: a short reply's fold is scanned once to
    /// learn whether it holds either, a sentence's for its clauses (its keywords passed over).
    static let requests = PhraseTable<Bool>(keywords.map { ($0, true) } + clauses.map { ($0, false) })

    /// Explicit requests to stop; matched on whole words anywhere in a sentence of the new text or the subject.
    static let clauses = [
        // English
        "unsubscribe me", "please unsubscribe", "i want to unsubscribe", "i'd like to unsubscribe",
        "i would like to unsubscribe", "remove me", "please remove me", "please remove us", "please remove my",
        "remove my email", "erase my data", "erase my personal data", "delete my personal data", "right to erasure",
        "right to be forgotten", "remove my address",
        "remove my name", "take me off", "opt me out", "i want to opt out", "i'd like to opt out", "stop emailing",
        "stop mailing", "stop sending", "stop contacting", "stop messaging", "stop spamming", "do not contact me",
        "don't contact me", "do not email me", "don't email me", "do not e mail me", "never contact me",
        "never email me", "no more emails", "no more email", "no further emails", "no further contact",
        "do not send me", "don't send me", "i never signed up", "cease contact", "cease all contact",
        "delete my data", "delete my email", "off your list", "off your mailing list", "from your mailing list",
        // German
        "bitte entfernen sie mich", "entfernen sie mich", "entfernt mich", "nehmen sie mich aus",
        "nehmen sie mich von", "streichen sie mich", "bitte austragen", "tragen sie mich aus", "mich austragen",
        "bitte abmelden", "melden sie mich ab", "mich abmelden", "aus ihrem verteiler", "aus dem verteiler",
        "keine weiteren e mails", "keine weiteren mails", "keine e mails mehr", "keine mails mehr",
        "keine werbung mehr", "kontaktieren sie mich nicht mehr", "kontaktieren sie mich nicht",
        "schreiben sie mir nicht mehr", "nicht mehr kontaktieren", "nicht mehr anschreiben", "loschen sie meine",
        // French
        "desabonnez moi", "desinscrivez moi", "retirez moi", "merci de me retirer", "veuillez me retirer",
        "me retirer de votre liste", "supprimez moi", "merci de me supprimer", "veuillez me supprimer",
        "ne me contactez plus", "ne plus me contacter", "ne m'envoyez plus", "arretez de m'envoyer",
        "arretez de me contacter", "je ne souhaite plus recevoir", "je ne veux plus recevoir", "me desabonner",
        "me desinscrire", "plus de mails", "plus d'emails", "je ne souhaite plus etre contacte",
        "je ne souhaite plus etre contactee", "ne plus m'ecrire", "ne souhaite plus etre contacte", "ne m'ecrivez plus",
        // Spanish
        "darme de baja", "dadme de baja", "denme de baja", "den de baja", "quiero darme de baja", "deme de baja",
        "eliminarme de su lista", "eliminenme", "elimineme", "borrenme", "quitenme de", "sacarme de su lista",
        "no me contacten", "no me contacte", "no me escriban", "no me envien", "dejen de enviarme",
        "dejen de escribirme", "no quiero recibir", "no deseo recibir", "darse de baja", "no me escribais mas",
        "no me escribas mas", "no me escriba mas", "no me escriban mas", "eliminad mi correo", "eliminen mi correo",
        "elimine mi correo", "borren mi correo", "borrad mi correo",
        // Dutch
        "haal me van", "haal mij van", "haal mij uit", "haal me uit", "verwijder mij", "verwijder me",
        "verwijder mijn", "schrijf me uit", "schrijf mij uit", "wil me afmelden", "wil mij afmelden",
        "graag afmelden", "neem geen contact meer", "geen contact meer", "geen mails meer", "geen e mails meer",
        "stuur me geen", "stuur mij geen", "mail me niet meer", "mail mij niet meer", "graag uitschrijven",
        "uitschrijven graag", "wil me uitschrijven", "wil mij uitschrijven",
        // Portuguese
        "remova me", "removam me", "remover meu", "remova meu", "descadastre me", "descadastrem me",
        "quero me descadastrar", "me descadastrar", "me tirem da lista", "tirem me da lista",
        "nao quero receber", "nao desejo receber", "parem de me enviar", "pare de me enviar", "nao me contatem",
        "nao me contate", "nao me enviem", "cancelar inscricao", "cancelem minha inscricao",
        // Italian
        "cancellatemi", "rimuovetemi", "toglietemi", "cancellami", "rimuovimi", "disiscrivimi",
        "vi prego di rimuovermi", "rimuovere il mio", "non contattatemi", "non contattarmi", "non scrivetemi",
        "non voglio piu ricevere", "non desidero ricevere", "smettete di inviarmi", "smettetela di scrivermi",
        "cancellazione dalla lista", "cancellarmi dalla",
        // Beyond the seven: Swedish, Polish, Russian, Chinese
        "avregistrera mig", "vill inte fa fler mejl", "ta bort mig", "prosze usunac moj adres", "usunac moj adres",
        "nie wysylac wiecej", "wypisz mnie", "прошу исключить меня", "исключить меня из", "больше мне не писать",
        "не пишите мне", "отпишите меня", "退订", "取消订阅", "请不要再给我发邮件了", "配信停止", "配信を停止", "今後このようなメールは不要",
    ]

    /// A negation just before a clause turns it into its opposite ("don't remove me", "ne me retirez pas" is rare).
    static let negations: Set<String> = [
        "not", "don't", "dont", "didn't", "never", "no", "nicht", "kein", "nie", "pas", "jamais", "nunca", "niet",
        "nooit", "nao", "non", "mai", "won't", "wouldn't", "shouldn't", "n't",
    ]

    /// "do not contact me until …" is an out-of-office note, not an opt-out.
    static let untilWords: Set<String> = [
        "until", "till", "before", "bis", "vor", "jusqu'au", "jusqu'a", "avant", "hasta", "antes", "tot", "voor",
        "ate", "fino", "prima", "during", "while", "wahrend", "pendant", "durante", "tijdens",
    ]

    /// The copy line of a message: being taken off it hands a thread over rather than opting out.
    static let copyLineWords: Set<String> = ["cc", "bcc", "copy", "cc'd", "cc'ed", "kopie", "copie", "copia", "copias"]

    /// Words that may join an opt-out clause to a copy-line word ("remove me from the CC", "retirez-moi de la copie").
    static let copyLineConnectors: Set<String> = [
        "from", "off", "of", "out", "the", "this", "that", "your", "these", "aus", "dem", "der", "von", "de", "la",
        "le", "du", "des", "en", "da", "do", "dal", "dalla", "della", "uit", "van", "in", "na", "het",
    ]

    /// A question opening with one of these words asks about opting out rather than asking for it.
    static let questionWords: Set<String> = [
        "how", "where", "what", "why", "which", "wie", "wo", "warum", "was", "comment", "ou", "pourquoi", "quoi",
        "como", "donde", "por", "que", "hoe", "waar", "waarom", "wat", "onde", "porque", "come", "dove", "perche",
        "cosa", "did", "do", "does", "is", "were",
    ]
}
