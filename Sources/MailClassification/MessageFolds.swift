import MailParsing

/// A message's subject and the start of its text body, folded for phrase matching at most once however many
/// bounce checks read them (the bounce test, the complaint test, the delay test and the format test all read the
/// same bytes).
final class MessageFolds {
    let message: Message
    private let counter: StepCounter?
    private var subjectCache: NormalizedText?
    private var bodyHeadCache: NormalizedText?

    init(_ message: Message, counter: StepCounter?) {
        self.message = message
        self.counter = counter
    }

    /// The subject's first 200 bytes ("" without a subject), folded.
    var subject: NormalizedText {
        if let subjectCache { return subjectCache }
        let folded = NormalizedText((message.subject ?? "").leadingBytes(200), counter: counter)
        subjectCache = folded
        return folded
    }

    /// The text body's first 3,000 bytes ("" without a text body), folded.
    var bodyHead: NormalizedText {
        if let bodyHeadCache { return bodyHeadCache }
        let folded = NormalizedText((message.textBody ?? "").leadingBytes(3_000), counter: counter)
        bodyHeadCache = folded
        return folded
    }
}
