import ArgumentParser
import Foundation
import MailClassification
import MailParsing

/// `leadfwd eval DIR…`: runs the classifier over labelled corpora and reports how well it agrees.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the classifier on labelled corpora (DIR/labels.jsonl + the messages it names).",
        discussion: """
        Each DIR holds messages and a labels.jsonl with one JSON object per message: {"file", "kind", \
        "recipients"?: [{"address", "hard", "reason"?}], "reply_text"?, "contact"?, "return_date"?}. Prints per-kind \
        precision / recall / F1, a confusion matrix, recipient and reason agreement, reply-text token F1, contact and \
        return-date accuracy, and the misclassified files with the classifier's evidence. A labelled file \
        that holds several messages (an mbox) is judged as one: its first message decides the kind and the \
        recipients of all its messages are combined.
        """
    )

    @Argument(help: "Directories that contain a labels.jsonl, or whose subdirectories do.")
    var directories: [String]

    @Flag(name: .long, help: "Print the report as JSON instead of text.")
    var json = false

    @Option(name: .customLong("min-accuracy"),
            help: "Exit with status 1 when kind accuracy is below this (0–1, or a percentage such as 95).")
    var minAccuracy: Double?

    @Option(name: .customLong("max-misses"), help: "Most misclassified files to list in the text report.")
    var maxMisses = 50

    func run() throws {
        var pairs: [(label: ClassificationLabel, verdict: Verdict?, error: String?)] = []
        let parser = MessageParser()
        let classifier = Classifier()
        let corpora = try directories.flatMap { try Self.labelledDirectories(under: $0) }
        for directory in corpora {
            let labelsURL = URL(fileURLWithPath: directory).appendingPathComponent("labels.jsonl")
            guard let data = FileManager.default.contents(atPath: labelsURL.path) else {
                throw EvalError.missingLabels(directory: directory)
            }
            for (number, line) in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).enumerated() {
                let label: ClassificationLabel
                do {
                    label = try JSONDecoder().decode(ClassificationLabel.self, from: Data(line.utf8))
                } catch {
                    throw EvalError.badLabel(file: labelsURL.path, line: number + 1, reason: "\(error)")
                }
                let path = URL(fileURLWithPath: directory).appendingPathComponent(label.file).path
                // Read as `classify` does (an mbox "From " line is dropped). A labelled file that holds several
                // messages (an mbox) is judged as one: its first message decides the kind, the recipients of all
                // of them are combined.
                var verdicts: [Verdict] = []
                for sourced in MessageSources(paths: [path]).prefix(Self.messagesPerLabelledFile) {
                    guard case .success(let bytes) = sourced.bytes else { continue }
                    verdicts.append(classifier.classify(parser.parse(bytes)))
                }
                guard let verdict = Self.fileVerdict(verdicts) else {
                    pairs.append((label, nil, "cannot read \(path)"))
                    continue
                }
                var named = label
                named.file = corpora.count > 1 ? "\(directory)/\(label.file)" : label.file
                pairs.append((named, verdict, nil))
            }
        }
        let report = EvaluationReport.evaluate(pairs)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(EvaluationText.render(report, maxMisses: maxMisses))
        }
        if let minAccuracy {
            let threshold = minAccuracy > 1 ? minAccuracy / 100 : minAccuracy
            if report.accuracy < threshold {
                FileHandle.standardError.write(Data(String(format: "leadfwd eval: kind accuracy %.2f%% is below the required %.2f%%\n",
                                                            report.accuracy * 100, threshold * 100).utf8))
                throw ExitCode(1)
            }
        }
    }
}

extension EvalCommand {
    /// At most this many messages of one labelled file are read.
    static let messagesPerLabelledFile = 100

    /// One verdict for a labelled file: the first message's, with the failed recipients the later messages add.
    static func fileVerdict(_ verdicts: [Verdict]) -> Verdict? {
        guard var combined = verdicts.first else { return nil }
        guard verdicts.count > 1 else { return combined }
        for later in verdicts.dropFirst() {
            for recipient in later.recipients
            where !combined.recipients.contains(where: { $0.address.lowercased() == recipient.address.lowercased() }) {
                combined.recipients.append(recipient)
            }
        }
        combined.evidence.append("file holds \(verdicts.count) messages: the first decides the kind, recipients are combined")
        return combined
    }

    /// `directory` itself when it has a labels.jsonl, else every directory below it (three levels at most) that has one.
    static func labelledDirectories(under directory: String) throws -> [String] {
        let manager = FileManager.default
        if manager.fileExists(atPath: directory + "/labels.jsonl") { return [directory] }
        var found: [String] = []
        var frontier = [directory]
        for _ in 0..<3 where found.isEmpty {
            var next: [String] = []
            for folder in frontier {
                let children = ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).sorted()
                for child in children {
                    let path = folder + "/" + child
                    var isDirectory: ObjCBool = false
                    guard manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
                    if manager.fileExists(atPath: path + "/labels.jsonl") { found.append(path) } else { next.append(path) }
                }
            }
            frontier = next
        }
        guard !found.isEmpty else { throw EvalError.missingLabels(directory: directory) }
        return found
    }
}

enum EvalError: Error, CustomStringConvertible {
    case missingLabels(directory: String)
    case badLabel(file: String, line: Int, reason: String)

    var description: String {
        switch self {
        case .missingLabels(let directory):
            return "\(directory) has no readable labels.jsonl; `leadfwd eval` needs a labelled corpus "
                + "(one {\"file\", \"kind\", …} object per line). To classify unlabelled mail use `leadfwd classify \(directory)`."
        case .badLabel(let file, let line, let reason):
            return "\(file):\(line): not a label object ({\"file\": …, \"kind\": …}): \(reason)"
        }
    }
}

/// The people-facing form of an evaluation report.
enum EvaluationText {
    static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.1f%%", $0 * 100) } ?? "n/a"
    }

    static func ratio(_ ratio: EvaluationReport.Ratio) -> String {
        ratio.total == 0 ? "n/a" : "\(percent(ratio.value)) (\(ratio.agreeing)/\(ratio.total))"
    }

    static func render(_ report: EvaluationReport, maxMisses: Int) -> String {
        var lines: [String] = []
        lines.append("messages                 \(report.messages)")
        lines.append("kind accuracy            \(percent(report.accuracy)) (\(report.correct)/\(report.messages))")
        lines.append("hard-bounce precision    \(percent(report.hardBouncePrecision))")
        lines.append("bounces → reply/opt-out  \(report.bouncesReadAsReplyOrOptOut)")
        lines.append("recipient agreement      \(ratio(report.recipientAgreement))")
        lines.append("reason agreement         \(ratio(report.reasonAgreement))")
        lines.append("contact accuracy         \(ratio(report.contactAccuracy))")
        lines.append("return-date accuracy     \(ratio(report.returnDateAccuracy))")
        lines.append("reply-text token F1      "
                     + (report.replyTextF1.map { String(format: "%.3f (%d messages)", $0, report.replyTextMessages) } ?? "n/a"))
        lines.append("")
        lines.append("kind          precision  recall     F1   expected  predicted")
        for score in report.kinds where score.expected > 0 || score.predicted > 0 {
            lines.append(pad(score.kind, 12) + pad(percent(score.precision), 11, right: true) + pad(percent(score.recall), 9, right: true)
                         + pad(score.f1.map { String(format: "%.3f", $0) } ?? "n/a", 7, right: true)
                         + pad("\(score.expected)", 11, right: true) + pad("\(score.predicted)", 11, right: true))
        }
        lines.append("")
        lines.append("confusion (rows: expected, columns: predicted)")
        let kinds = VerdictKind.allCases.map(\.rawValue)
        lines.append(pad("", 12) + kinds.map { pad($0, 12, right: true) }.joined())
        for expected in kinds {
            guard let row = report.confusion[expected] else { continue }
            lines.append(pad(expected, 12) + kinds.map { pad("\(row[$0] ?? 0)", 12, right: true) }.joined())
        }
        if !report.reasonDisagreements.isEmpty {
            lines.append("")
            lines.append("reason disagreements (expected → given: recipients, files)")
            for group in report.reasonDisagreements.prefix(maxMisses) {
                let files = group.files.prefix(3).joined(separator: ", ") + (group.files.count > 3 ? ", …" : "")
                lines.append("  \(group.expected) → \(group.predicted): \(group.count)  \(files)")
            }
        }
        if !report.misses.isEmpty {
            lines.append("")
            lines.append("misclassified or disagreeing (\(report.misses.count)):")
            for miss in report.misses.prefix(maxMisses) {
                lines.append("  \(miss.file): expected \(miss.expected), got \(miss.predicted)"
                             + (miss.detail.map { " — \($0)" } ?? ""))
                for evidence in miss.evidence.prefix(4) { lines.append("      · \(evidence.prefix(200))") }
            }
            if report.misses.count > maxMisses { lines.append("  … \(report.misses.count - maxMisses) more (use --json)") }
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        guard text.count < width else { return text + " " }
        let padding = String(repeating: " ", count: width - text.count)
        return right ? padding + text : text + padding
    }
}
