/// More of a report than one recipient's diagnostic (the human-readable part), consulted to tell at which SMTP
/// stage a server refused. Every recipient of a report shares one, so its text is folded at most once.
final class ReportContext {
    let text: String
    private var foldedText: NormalizedText?

    init(_ text: String) { self.text = text }

    /// The first 4,000 bytes, folded for phrase matching.
    func folded(counter: StepCounter?) -> NormalizedText {
        if let foldedText { return foldedText }
        let folded = NormalizedText(text.leadingBytes(4_000), counter: counter)
        foldedText = folded
        return folded
    }
}
