/// More of a report than one recipient's diagnostic (the human-readable part), consulted to tell at which SMTP
/// stage a server refused. Every recipient of a report shares one, so its text is folded, and read for an SMTP
/// transcript, at most once.
final class ReportContext {
    let text: String
    private var foldedText: NormalizedText?
    private var refusedCommandCache: String??
    private var pipelinedRefusalCache: Bool?
    private var yahooNoticeCache: Bool?

    init(_ text: String) { self.text = text }

    /// The first 4,000 bytes, folded for phrase matching.
    func folded(counter: StepCounter?) -> NormalizedText {
        if let foldedText { return foldedText }
        let folded = NormalizedText(text.leadingBytes(4_000), counter: counter)
        foldedText = folded
        return folded
    }

    /// `SMTPTranscript.refusedCommand(in:)` of the text.
    var refusedCommand: String? {
        if let refusedCommandCache { return refusedCommandCache }
        let command = SMTPTranscript.refusedCommand(in: text)
        refusedCommandCache = .some(command)
        return command
    }

    /// `ProviderReadings.holdsYahooNotice(_:)` of the text.
    var carriesYahooNotice: Bool {
        if let yahooNoticeCache { return yahooNoticeCache }
        let holds = ProviderReadings.holdsYahooNotice(text)
        yahooNoticeCache = holds
        return holds
    }

    /// `SMTPTranscript.recipientRefusedWhilePipelining(in:)` of the text.
    var refusesRecipientWhilePipelining: Bool {
        if let pipelinedRefusalCache { return pipelinedRefusalCache }
        let refused = SMTPTranscript.recipientRefusedWhilePipelining(in: text)
        pipelinedRefusalCache = refused
        return refused
    }
}
