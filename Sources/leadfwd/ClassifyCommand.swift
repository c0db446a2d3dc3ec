import ArgumentParser
import Foundation
import MailClassification
import MailParsing

/// `leadfwd classify PATH…`: the verdict for every message in files, directories, Maildirs, mboxes or stdin.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify messages as reply, auto_reply, hard_bounce, soft_bounce, opt_out or other, with evidence.",
        discussion: """
        PATH may be a message file, a directory of them (searched recursively), a Maildir (cur/ and new/), an mbox \
        (each message is reported as PATH#N) or - for standard input. A message that cannot be read is reported \
        with kind "other" and an error, and the run goes on; the exit status is 1 when any input failed.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, jsonl
    }

    @Argument(help: "Message files, directories, Maildirs, mboxes, or - for standard input.")
    var paths: [String]

    @Option(help: "Output format: text (for people) or jsonl (one JSON object per message).")
    var format: Format = .text

    @Option(name: .customLong("unsubscribe-mailbox"),
            help: "An address you publish in List-Unsubscribe (mailto:); mail sent to it is an opt-out. Repeatable.")
    var unsubscribeMailboxes: [String] = []

    func run() throws {
        let parser = MessageParser()
        let classifier = Classifier(unsubscribeMailboxes: Set(unsubscribeMailboxes))
        let progress = ClassifyProgress()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var failures = 0
        var count = 0
        for sourced in MessageSources(paths: paths) {
            count += 1
            progress.update(count: count, source: sourced.source)
            let record: ClassifiedRecord
            switch sourced.bytes {
            case .success(let bytes):
                record = ClassifiedRecord(source: sourced.source, verdict: classifier.classify(parser.parse(bytes)))
            case .failure(let error):
                failures += 1
                record = ClassifiedRecord(source: sourced.source, verdict: Verdict(kind: .other), error: error.description)
            }
            switch format {
            case .jsonl: print(String(decoding: try encoder.encode(record), as: UTF8.self))
            case .text: print(record.text)
            }
        }
        progress.finish(count: count)
        if failures > 0 { throw ExitCode(1) }
    }
}

/// One line of `classify --format jsonl`: the verdict with where it came from.
struct ClassifiedRecord: Encodable {
    let source: String
    let verdict: Verdict
    var error: String?

    enum CodingKeys: String, CodingKey {
        case source, kind, reason, contact, recipients, messageID = "message_id", inReplyTo = "in_reply_to"
        case references, originalMessageID = "original_message_id", from, subject, date, replyText = "reply_text"
        case returnDate = "return_date", leftCompany = "left_company", evidence, error
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encode(verdict.kind, forKey: .kind)
        try container.encode(verdict.reason, forKey: .reason)
        try container.encode(verdict.contact, forKey: .contact)
        try container.encode(verdict.recipients, forKey: .recipients)
        try container.encode(verdict.messageID, forKey: .messageID)
        try container.encode(verdict.inReplyTo, forKey: .inReplyTo)
        try container.encode(verdict.references, forKey: .references)
        try container.encode(verdict.originalMessageID, forKey: .originalMessageID)
        try container.encode(verdict.from, forKey: .from)
        try container.encode(verdict.subject, forKey: .subject)
        try container.encode(verdict.date, forKey: .date)
        try container.encode(verdict.replyText, forKey: .replyText)
        try container.encode(verdict.returnDate, forKey: .returnDate)
        try container.encode(verdict.leftCompany, forKey: .leftCompany)
        try container.encode(verdict.evidence, forKey: .evidence)
        try container.encodeIfPresent(error, forKey: .error)
    }

    /// The people-facing form: one headline, then indented details.
    var text: String {
        var lines = ["\(source): \(verdict.kind.rawValue)" + (verdict.reason.map { " (\($0))" } ?? "")
                     + (verdict.contact.map { " contact \($0)" } ?? "")]
        if let error { lines.append("  error: \(error)") }
        for recipient in verdict.recipients {
            lines.append("  recipient \(recipient.address) \(recipient.hard ? "hard" : "soft") \(recipient.reason)"
                         + (recipient.status.map { " \($0)" } ?? "") + (recipient.action.map { " \($0)" } ?? ""))
        }
        if let subject = verdict.subject { lines.append("  subject: \(subject)") }
        if let inReplyTo = verdict.inReplyTo { lines.append("  in reply to: <\(inReplyTo)>") }
        if let original = verdict.originalMessageID { lines.append("  original: <\(original)>") }
        if let returnDate = verdict.returnDate { lines.append("  back on: \(returnDate)") }
        if verdict.leftCompany { lines.append("  left the company") }
        if let replyText = verdict.replyText, !replyText.isEmpty {
            let excerpt = replyText.split(whereSeparator: \.isNewline).prefix(3).joined(separator: " / ")
            lines.append("  new text: \(excerpt.prefix(160))")
        }
        for evidence in verdict.evidence { lines.append("  · \(evidence)") }
        return lines.joined(separator: "\n")
    }
}

/// A progress line on standard error, only when it is a terminal (never in pipes, files or CI logs).
final class ClassifyProgress {
    private let enabled = isatty(STDERR_FILENO) == 1
    private var lastUpdate = ContinuousClock.now

    func update(count: Int, source: String) {
        guard enabled, ContinuousClock.now - lastUpdate > .milliseconds(200) else { return }
        lastUpdate = ContinuousClock.now
        FileHandle.standardError.write(Data("\r\u{1B}[K\(count) messages… \(source.suffix(60))".utf8))
    }

    func finish(count: Int) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(count) messages classified\n".utf8))
    }
}
