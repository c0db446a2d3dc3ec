/// More of a report than one recipient's diagnostic (the human-readable part), consulted to tell at which SMTP
/// stage a server refused. Every recipient of a report shares one, so its text is cut, folded, and read for an SMTP
/// transcript at most once, and only when a recipient's reading needs it.
final class ReportContext {
    private let source: () -> String
    private let limit: Int
    private var textCache: String?
    private var foldedText: NormalizedText?
    private var transcriptCache: SMTPTranscript.Reading?
    private var yahooNoticeCache: Bool?

    /// The context is `text`'s first `limit` UTF-8 bytes (a scalar cut in half becomes U+FFFD). `folded` is what
    /// `folded(counter:)` gives, when the caller has it already.
    convenience init(_ text: String, limit: Int = .max, folded: NormalizedText? = nil) {
        self.init(reading: { text }, limit: limit, folded: folded)
    }

    /// `source` makes the text only when a reading first needs it: many recipients are decided without it.
    init(reading source: @escaping () -> String, limit: Int = .max, folded: NormalizedText? = nil) {
        self.source = source
        self.limit = limit
        foldedText = folded
    }

    var text: String {
        if let textCache { return textCache }
        let cut = source().leadingBytes(limit)
        textCache = cut
        return cut
    }

    /// The first 4,000 bytes, folded for phrase matching.
    func folded(counter: StepCounter?) -> NormalizedText {
        if let foldedText { return foldedText }
        let folded = NormalizedText(text.leadingBytes(4_000), counter: counter)
        foldedText = folded
        return folded
    }

    /// Whether a phrase of the table `anchors` stands for may be in `folded(counter:)`, read from the text unfolded.
    func mayHold(_ anchors: PhraseAnchors, counter: StepCounter?) -> Bool {
        if foldedText != nil { return true }
        let head = text.leadingBytes(4_000)
        counter?.add(head.utf8.count)
        return anchors.mayMatch(head)
    }

    /// The text's first `count` bytes folded (the whole text by default): `folded(counter:)` when the text is no
    /// longer than what that folds and than `count`, so a short notice is folded once for every reading.
    func foldedLeading(_ count: Int = .max, counter: StepCounter?) -> NormalizedText {
        let length = text.utf8.count
        if length <= 4_000, length <= count { return folded(counter: counter) }
        return NormalizedText(text.leadingBytes(count), counter: counter)
    }

    /// `SMTPTranscript.read(_:)` of the text.
    var transcript: SMTPTranscript.Reading {
        if let transcriptCache { return transcriptCache }
        let reading = SMTPTranscript.read(text)
        transcriptCache = reading
        return reading
    }

    /// `ProviderReadings.holdsYahooNotice(_:)` of the text.
    var carriesYahooNotice: Bool {
        if let yahooNoticeCache { return yahooNoticeCache }
        let holds = ProviderReadings.holdsYahooNotice(text)
        yahooNoticeCache = holds
        return holds
    }
}
