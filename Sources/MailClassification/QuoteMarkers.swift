/// Phrase lists that mark where a reply's newly written text ends, in the languages the product serves and the
/// ones seen most in the field. Every list is matched on normalised text (see `NormalizedText`).
enum QuoteMarkers {
    /// Verbs that close an attribution line: "On <date>, <name> wrote:", "Le <date>, <nom> a écrit :", …
    static let attributionVerbs = PhraseTable<Void>([
        "wrote", "writes", "has written", "a écrit", "a ecrit", "ecrit", "schrieb", "schrieben", "hat geschrieben", "escribió",
        "escribio", "ha escrito", "schreef", "heeft geschreven", "geschreven", "escreveu", "ha scritto", "scrisse", "skrev",
        "napisał", "napisała", "napisal", "pisze", "написал", "написала", "написав", "пишет", "пише", "写道", "寫道",
        "寫了", "kirjoitti", "írta", "yazdı", "napsal", "napísal", "scrie", "a scris", "έγραψε", "кажа", "작성",
    ].map { ($0, ()) })

    /// Words an attribution line starts with ("On", "Le", "Am", "El", "Op", "Em", "Il", "Den", "W dniu", …).
    static let attributionLeads = PhraseTable<Void>([
        "on", "le", "am", "el", "op", "em", "il", "den", "dne", "w dniu", "dnia", "в", "在", "於", "quoting", "zitat von",
        "citando", "citation de",
    ].map { ($0, ()) })

    /// Lines that introduce a quoted or forwarded original ("-----Original Message-----" and its translations).
    private static let originalMessageMarkers = [
        "original message", "forwarded message", "begin forwarded message", "forwarded by", "ursprüngliche nachricht",
        "ursprungliche nachricht", "weitergeleitete nachricht", "message d'origine", "message original",
        "message transféré", "message d'origine", "mensaje original", "mensaje reenviado", "oorspronkelijk bericht",
        "origineel bericht", "doorgestuurd bericht", "mensagem original", "mensagem encaminhada",
        "messaggio originale", "messaggio inoltrato", "исходное сообщение", "пересылаемое сообщение",
        "пересланное сообщение", "原始邮件", "原始郵件", "转发的邮件", "wiadomość oryginalna", "oryginalna wiadomość",
        "opprinnelig melding", "videresendt melding", "ursprungligt meddelande", "vidarebefordrat meddelande",
        "oprindelig meddelelse", "alkuperäinen viesti", "eredeti üzenet", "původní zpráva", "orijinal mesaj",
    ]

    /// Phrases that mark an original only inside a dash-framed separator line ("----- Reply message -----"): in
    /// running text they are ordinary words.
    static let framedMarkers = PhraseTable<Void>(["reply message"].map { ($0, ()) })

    /// Header names of a quoted header block (From/Sent/To/Subject and translations).
    static let headerNames = PhraseTable<Void>([
        "from", "sent", "to", "cc", "bcc", "subject", "date", "reply to", "von", "gesendet", "an", "betreff",
        "datum", "kopie", "de", "expéditeur", "expediteur", "envoyé", "envoye", "à", "a", "destinataire", "objet", "date",
        "cci", "répondre à", "da", "inviato",
        "oggetto", "data", "risposta", "per", "enviado", "enviado el", "para", "asunto", "fecha", "assunto",
        "enviada em", "van", "verzonden", "aan", "onderwerp", "verstuurd", "от", "отправлено", "кому", "тема",
        "дата", "копия", "od", "wysłano", "do", "temat", "发件人", "收件人", "主题", "日期", "发送时间", "抄送",
        "寄件者", "收件者", "主旨", "lähettäjä", "vastaanottaja", "aihe", "fra", "sendt", "til", "emne", "från",
        "skickat", "till", "ämne", "feladó", "címzett", "tárgy", "küldve", "kimden", "kime", "konu", "tarih",
    ].map { ($0, ()) })

    /// Mobile and mail-app signatures ("Sent from my iPhone" and translations) at the start of a line.
    private static let deviceSignatures = [
        "sent from", "sent via", "sent with", "sent by", "sent using", "get outlook for", "from my iphone",
        "from my ipad", "from my android", "from my mobile", "from my samsung", "from mobile", "envoyé depuis",
        "envoyé de mon", "envoye de mon", "envoye depuis", "envoyé à partir de", "von meinem", "gesendet von meinem",
        "diese nachricht wurde von meinem", "gesendet mit", "enviado desde", "enviado de mi", "enviado do meu",
        "enviado do", "enviado a partir", "enviado com", "inviato da", "inviato dal", "inviato con",
        "verzonden vanaf", "verzonden met", "verzonden van mijn", "verstuurd vanaf", "verstuurd met",
        "отправлено с", "отправлено из", "wysłane z", "从我的", "發自我的", "发自我的", "從我的", "寄自我的",
        "skickat från min", "från min iphone", "från min ipad", "från min mobil", "sendt fra min", "lähetetty",
    ]

    /// `originalMessageMarkers` (true) and `deviceSignatures` (false) in one table, built once: a short line's
    /// fold is scanned once for both.
    static let markersAndSignatures = PhraseTable<Bool>(originalMessageMarkers.map { ($0, true) }
        + deviceSignatures.map { ($0, false) })

    /// Bytes of the longest device signature folded, bounding spaces included: one that starts a fold ends by then.
    static let longestSignature = deviceSignatures.map { NormalizedText.phrase($0).count }.max() ?? 0

    /// Whether `folded` holds an original-message marker (read only when `markerCounts`), and the first device
    /// signature in it (the first a table of the signatures alone finds), in one scan that stops as soon as both
    /// are told.
    static func markerAndFirstSignature(in folded: UnsafeBufferPointer<UInt8>, markerCounts: Bool,
                                        counter: StepCounter?) -> (holdsMarker: Bool, signature: PhraseTable<Bool>.Match?) {
        var signature: PhraseTable<Bool>.Match?
        let holdsMarker = markersAndSignatures.containsMatch(in: folded, counter: counter) { match in
            if !match.value, signature == nil { signature = match }
            return markerCounts ? match.value : signature != nil
        }
        return (markerCounts && holdsMarker, signature)
    }
}
