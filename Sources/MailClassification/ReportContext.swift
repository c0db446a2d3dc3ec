/// More of a report than one recipient's diagnostic (the human-readable part), consulted to tell at which SMTP
/// stage a server refused. Every recipient of a report shares one, so its text is cut, folded, and read for an SMTP
/// transcript at most once, and only when a recipient's reading needs it.
final class ReportContext {
    /// UTF-8 bytes of the text's start that `folded(counter:)` folds.
    static let foldedLength = 4_000

    private let source: () -> String
    private let limit: Int
    private var textCache: String?
    private var foldedText: NormalizedText?
    /// Gives `folded(counter:)` when the caller has it, or folds it for others too (a message's shared folds).
    private let foldedSource: (() -> NormalizedText)?
    private var transcriptCache: SMTPTranscript.Reading?
    private var yahooNoticeCache: Bool?
    /// The report's lines, when the text is made of them joined by line feeds: the text is made only for a
    /// reading these may answer.
    private let lines: ReportLineFacts?

    /// What a scan of a report's lines, made as they were split, tells of the text they make.
    struct ReportLineFacts {
        /// The lines' bytes, line breaks (CR, LF or CR LF) included.
        let bytes: [UInt8]
        /// Whether some line starts as an SMTP transcript line does (`SMTPTranscript.startsTranscriptLine`).
        let startsTranscriptLine: Bool
    }

    /// The context is `text`'s first `limit` UTF-8 bytes (a scalar cut in half becomes U+FFFD).
    convenience init(_ text: String, limit: Int = .max) {
        self.init(reading: { text }, limit: limit)
    }

    /// `source` makes the text only when a reading first needs it: many recipients are decided without it.
    /// `folded` gives what `folded(counter:)` gives, when the caller has it or can fold it for others too; it is
    /// called only when a reading needs the fold. `lines` are given when `source` joins a report's lines by line
    /// feeds; every diagnostic read with the context is then some of those lines joined by spaces.
    init(reading source: @escaping () -> String, limit: Int = .max, folded: (() -> NormalizedText)? = nil,
         lines: ReportLineFacts? = nil) {
        self.source = source
        self.limit = limit
        foldedSource = folded
        self.lines = lines
    }

    /// Whether neither the text nor a diagnostic read with it can hold an SMTP transcript: none of the report's
    /// lines starts as a transcript line, and a diagnostic's lines, joined by spaces, make one line that starts
    /// as one of them.
    var excludesTranscript: Bool { lines.map { !$0.startsTranscriptLine } ?? false }

    var text: String {
        if let textCache { return textCache }
        let cut = source().leadingBytes(limit)
        textCache = cut
        return cut
    }

    /// The first 4,000 bytes, folded for phrase matching.
    func folded(counter: StepCounter?) -> NormalizedText {
        if let foldedText { return foldedText }
        let folded = foldedSource?() ?? NormalizedText(leadingBytes: Self.foldedLength, of: text, counter: counter)
        foldedText = folded
        return folded
    }

    /// Whether a phrase of the table `anchors` stands for may be in `folded(counter:)`, read from the text unfolded
    /// while it is not folded yet.
    func mayHold(_ anchors: PhraseAnchors, counter: StepCounter?) -> Bool {
        foldedText != nil || anchors.mayMatch(leadingBytes: Self.foldedLength, of: text, counter: counter)
    }

    /// The text's first `count` bytes folded (the whole text by default): `folded(counter:)` when the text is no
    /// longer than what that folds and than `count`, so a short notice is folded once for every reading.
    func foldedLeading(_ count: Int = .max, counter: StepCounter?) -> NormalizedText {
        let length = text.utf8.count
        if length <= Self.foldedLength, length <= count { return folded(counter: counter) }
        return NormalizedText(leadingBytes: count, of: text, counter: counter)
    }

    /// `SMTPTranscript.read(_:)` of the text.
    var transcript: SMTPTranscript.Reading {
        if let transcriptCache { return transcriptCache }
        let reading = excludesTranscript ? .none : SMTPTranscript.read(text)
        transcriptCache = reading
        return reading
    }

    /// `ProviderReadings.holdsYahooNotice(_:)` of the text.
    var carriesYahooNotice: Bool {
        if let yahooNoticeCache { return yahooNoticeCache }
        // The text's first 1,000 bytes come from at most the first 2,000 of the lines (a line feed stands for up
        // to two bytes there), where the notice's opening must be.
        let mayHold = lines.map { lines in
            lines.bytes.withUnsafeBufferPointer {
                ProviderReadings.mayHoldYahooNotice(UnsafeBufferPointer(rebasing: $0.prefix(2_000)))
            }
        } ?? true
        let holds = mayHold && ProviderReadings.holdsYahooNotice(text)
        yahooNoticeCache = holds
        return holds
    }
}
