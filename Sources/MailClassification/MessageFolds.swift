import MailParsing

/// One message's subject and the start of its text body, folded for phrase matching at most once however many
/// bounce checks read them (the bounce test, the complaint test, the delay test and the format test all read the
/// same bytes). It keeps no copy of the message (copying one retains every field): each read passes it in.
final class MessageFolds {
    private let counter: StepCounter?
    private var subjectCache: NormalizedText?
    private var bodyHeadCache: NormalizedText?

    init(counter: StepCounter?) { self.counter = counter }

    /// The subject's first 200 bytes ("" without a subject), folded.
    func subject(of message: Message) -> NormalizedText {
        if let subjectCache { return subjectCache }
        let folded = NormalizedText((message.subject ?? "").leadingBytes(200), counter: counter)
        subjectCache = folded
        return folded
    }

    /// The text body's first 3,000 bytes ("" without a text body), folded.
    func bodyHead(of message: Message) -> NormalizedText {
        if let bodyHeadCache { return bodyHeadCache }
        let folded = NormalizedText((message.textBody ?? "").leadingBytes(3_000), counter: counter)
        bodyHeadCache = folded
        return folded
    }
}
