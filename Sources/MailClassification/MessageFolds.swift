import MailParsing

/// One message's subject and the start of its text body, folded for phrase matching at most once however many
/// bounce checks read them (the bounce test, the complaint test, the delay test and the format test all read the
/// same bytes). It keeps only those two strings, not the message (a copy of which retains every field).
final class MessageFolds {
    private let subjectText: String
    private let bodyText: String
    private let counter: StepCounter?
    private var subjectCache: NormalizedText?
    private var bodyHeadCache: NormalizedText?

    init(of message: Message, counter: StepCounter?) {
        subjectText = message.subject ?? ""
        bodyText = message.textBody ?? ""
        self.counter = counter
    }

    /// The subject's first 200 bytes ("" without a subject), folded.
    var subject: NormalizedText {
        if let subjectCache { return subjectCache }
        let folded = NormalizedText(subjectText.leadingBytes(200), counter: counter)
        subjectCache = folded
        return folded
    }

    /// The text body's first 3,000 bytes ("" without a text body), folded.
    var bodyHead: NormalizedText {
        if let bodyHeadCache { return bodyHeadCache }
        let folded = NormalizedText(bodyText.leadingBytes(3_000), counter: counter)
        bodyHeadCache = folded
        return folded
    }
}
