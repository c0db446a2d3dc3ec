/// The plain-text bounce formats mail servers send instead of (or beside) an RFC 3464 report. Each is known by a
/// few fingerprint phrases in its sender, subject or text; all share one extractor (`PlainTextBounceDecoder`), so a
/// format here is only what tells it apart: its name for evidence and the phrases that mark it.
struct BounceFormat: Sendable {
    let name: String
    let fingerprints: [String]

    static let all: [BounceFormat] = [
        BounceFormat(name: "Postfix", fingerprints: ["this is the mail system at host", "postfix program"]),
        BounceFormat(name: "Exim", fingerprints: ["the following address es failed",
                                                  "this message was created automatically by mail delivery software",
                                                  "retry timeout exceeded"]),
        BounceFormat(name: "Sendmail", fingerprints: ["transcript of session follows",
                                                      "the following addresses had permanent fatal errors",
                                                      "unsent message follows", "warning could not send message for past"]),
        BounceFormat(name: "qmail", fingerprints: ["this is the qmail send program",
                                                   "i wasn't able to deliver your message to the following addresses"]),
        BounceFormat(name: "Courier", fingerprints: ["courier mail server", "this is a delivery status notification from"]),
        BounceFormat(name: "Exchange / Office 365 / Outlook.com", fingerprints: [
            "delivery has failed to these recipients or groups", "did not reach the following recipient",
            "diagnostic information for administrators", "your message couldn't be delivered",
            "your message to couldn't be delivered", "remote server returned", "msexch",
            "the following recipient s cannot be reached", "delivery to the following recipients failed"]),
        BounceFormat(name: "Gmail / Google Workspace", fingerprints: [
            "delivery to the following recipient failed", "google tried to deliver your message",
            "the email account that you tried to reach", "message not delivered", "address not found",
            "the response from the remote server was", "the error that the other server returned was"]),
        BounceFormat(name: "Yahoo", fingerprints: ["sorry we were unable to deliver your message to the following address",
                                                   "remote host said"]),
        BounceFormat(name: "AOL", fingerprints: ["mailer daemon aol com", "aol com"]),
        BounceFormat(name: "Amazon SES", fingerprints: ["amazonses", "an error occurred while trying to deliver the mail"]),
        BounceFormat(name: "Zoho", fingerprints: ["zoho", "zmail"]),
        BounceFormat(name: "GMX", fingerprints: ["gmx", "the header of the original message is following"]),
        BounceFormat(name: "Mail.ru", fingerprints: ["mail ru", "ваше письмо не может быть доставлено"]),
        BounceFormat(name: "IBM Domino", fingerprints: ["your message was not delivered to", "was not delivered because",
                                                        "lotus domino"]),
        BounceFormat(name: "Oracle Messaging Server", fingerprints: [
            "this report relates to a message you sent with the following header fields"]),
        BounceFormat(name: "OpenSMTPD", fingerprints: ["hi this is the mailer daemon at",
                                                       "an error has occurred while attempting to deliver a message"]),
        BounceFormat(name: "MessageLabs", fingerprints: ["messagelabs"]),
        BounceFormat(name: "Mimecast", fingerprints: ["mimecast"]),
        BounceFormat(name: "Proofpoint", fingerprints: ["proofpoint", "pphosted"]),
        BounceFormat(name: "McAfee", fingerprints: ["mcafee", "the following addresses had delivery problems"]),
        BounceFormat(name: "Barracuda", fingerprints: ["barracuda"]),
        BounceFormat(name: "SendGrid", fingerprints: ["sendgrid"]),
        BounceFormat(name: "Google Groups", fingerprints: ["google groups", "the group you tried to contact"]),
        BounceFormat(name: "iCloud", fingerprints: ["icloud com", "me com"]),
        BounceFormat(name: "Verizon", fingerprints: ["verizon"]),
        BounceFormat(name: "KDDI / au", fingerprints: ["ezweb", "kddi"]),
        BounceFormat(name: "MailFoundry / MailMarshal / InterScan", fingerprints: ["mailfoundry", "mailmarshal",
                                                                                   "interscan"]),
    ]

    static let fingerprintTable = PhraseTable<Int>(
        all.enumerated().flatMap { index, format in format.fingerprints.map { ($0, index) } })

    /// The first format whose fingerprint appears in the normalised sender, subject and text.
    static func identify(_ text: NormalizedText, counter: StepCounter?) -> BounceFormat? {
        fingerprintTable.firstMatch(in: text, counter: counter).map { all[$0.value] }
    }

    /// `identify` of `prefix` (the normalised sender and subject) joined with the folded start of the text body,
    /// which is folded only as far as the first fingerprint.
    static func identify(after prefix: NormalizedText, bodyOf folds: MessageFolds) -> BounceFormat? {
        folds.firstMatch(of: fingerprintTable, inBodyHeadAfter: prefix).map { all[$0.value] }
    }
}
