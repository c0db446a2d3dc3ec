/// More of a report than one recipient's diagnostic (the human-readable part), consulted to tell at which SMTP
/// stage a server refused. Every recipient of a report shares one, so its text is folded, and read for an SMTP
/// transcript, at most once.
final class ReportContext {
    let text: String
    private var foldedText: NormalizedText?
    private var transcriptCache: SMTPTranscript.Reading?
    private var yahooNoticeCache: Bool?

    init(_ text: String) { self.text = text }

    /// The first 4,000 bytes, folded for phrase matching.
    func folded(counter: StepCounter?) -> NormalizedText {
        if let foldedText { return foldedText }
        let folded = NormalizedText(text.leadingBytes(4_000), counter: counter)
        foldedText = folded
        return folded
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
