import Foundation

/// One line of a `labels.jsonl`: what a message in a labelled corpus is known to be.
public struct ClassificationLabel: Sendable, Codable {
    public struct Recipient: Sendable, Codable {
        public var address: String
        public var hard: Bool?
        public var reason: String?
        public var status: String?
    }

    public var file: String
    public var kind: VerdictKind
    public var recipients: [Recipient]?
    public var replyText: String?
    public var contact: String?
    public var returnDate: String?
    public var reason: String?

    enum CodingKeys: String, CodingKey {
        case file, kind, recipients, contact, reason
        case replyText = "reply_text", returnDate = "return_date"
    }
}

/// Compares verdicts with labels: per-kind precision / recall / F1, confusion matrix, recipient agreement,
/// reason agreement, reply-text token F1, contact and return-date accuracy, and the misclassified messages with their evidence.
public struct EvaluationReport: Sendable, Codable {
    public struct KindScore: Sendable, Codable {
        public var kind: String
        public var precision: Double?
        public var recall: Double?
        public var f1: Double?
        public var expected: Int
        public var predicted: Int
    }

    public struct Miss: Sendable, Codable {
        public var file: String
        public var expected: String
        public var predicted: String
        public var detail: String?
        public var evidence: [String]
    }

    /// Labelled recipients whose reason the classifier gave differently, grouped by (expected, given).
    public struct ReasonDisagreement: Sendable, Codable {
        public var expected: String
        /// "none" when the classifier did not report the recipient at all.
        public var predicted: String
        public var count: Int
        public var files: [String]
    }

    public struct Ratio: Sendable, Codable {
        public var agreeing: Int
        public var total: Int
        public var value: Double? { total == 0 ? nil : Double(agreeing) / Double(total) }

        enum CodingKeys: String, CodingKey { case agreeing, total, value }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(agreeing, forKey: .agreeing)
            try container.encode(total, forKey: .total)
            try container.encode(value, forKey: .value)
        }

        public init(agreeing: Int = 0, total: Int = 0) { self.agreeing = agreeing; self.total = total }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            agreeing = try container.decode(Int.self, forKey: .agreeing)
            total = try container.decode(Int.self, forKey: .total)
        }
    }

    public var messages = 0
    public var correct = 0
    public var accuracy: Double { messages == 0 ? 0 : Double(correct) / Double(messages) }
    public var kinds: [KindScore] = []
    /// confusion[expected][predicted] = count
    public var confusion: [String: [String: Int]] = [:]
    public var recipientAgreement = Ratio()
    /// Labelled recipients (with a `reason`) whose reason the classifier gave the same.
    public var reasonAgreement = Ratio()
    public var reasonDisagreements: [ReasonDisagreement] = []
    public var contactAccuracy = Ratio()
    public var returnDateAccuracy = Ratio()
    public var replyTextF1: Double?
    public var replyTextMessages = 0
    /// Bounces that came out as a reply or an opt-out: the costliest mistake.
    public var bouncesReadAsReplyOrOptOut = 0
    public var misses: [Miss] = []

    enum CodingKeys: String, CodingKey {
        case messages, correct, accuracy, kinds, confusion, recipientAgreement = "recipient_agreement"
        case reasonAgreement = "reason_agreement", reasonDisagreements = "reason_disagreements"
        case contactAccuracy = "contact_accuracy", returnDateAccuracy = "return_date_accuracy"
        case replyTextF1 = "reply_text_f1", replyTextMessages = "reply_text_messages"
        case bouncesReadAsReplyOrOptOut = "bounces_read_as_reply_or_opt_out", misses
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(messages, forKey: .messages)
        try container.encode(correct, forKey: .correct)
        try container.encode(accuracy, forKey: .accuracy)
        try container.encode(kinds, forKey: .kinds)
        try container.encode(confusion, forKey: .confusion)
        try container.encode(recipientAgreement, forKey: .recipientAgreement)
        try container.encode(reasonAgreement, forKey: .reasonAgreement)
        try container.encode(reasonDisagreements, forKey: .reasonDisagreements)
        try container.encode(contactAccuracy, forKey: .contactAccuracy)
        try container.encode(returnDateAccuracy, forKey: .returnDateAccuracy)
        try container.encode(replyTextF1, forKey: .replyTextF1)
        try container.encode(replyTextMessages, forKey: .replyTextMessages)
        try container.encode(bouncesReadAsReplyOrOptOut, forKey: .bouncesReadAsReplyOrOptOut)
        try container.encode(misses, forKey: .misses)
    }

    public init() {}

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        messages = try container.decode(Int.self, forKey: .messages)
        correct = try container.decode(Int.self, forKey: .correct)
        kinds = try container.decode([KindScore].self, forKey: .kinds)
        confusion = try container.decode([String: [String: Int]].self, forKey: .confusion)
        recipientAgreement = try container.decode(Ratio.self, forKey: .recipientAgreement)
        reasonAgreement = try container.decodeIfPresent(Ratio.self, forKey: .reasonAgreement) ?? Ratio()
        reasonDisagreements = try container.decodeIfPresent([ReasonDisagreement].self, forKey: .reasonDisagreements) ?? []
        contactAccuracy = try container.decode(Ratio.self, forKey: .contactAccuracy)
        returnDateAccuracy = try container.decode(Ratio.self, forKey: .returnDateAccuracy)
        replyTextF1 = try container.decodeIfPresent(Double.self, forKey: .replyTextF1)
        replyTextMessages = try container.decode(Int.self, forKey: .replyTextMessages)
        bouncesReadAsReplyOrOptOut = try container.decode(Int.self, forKey: .bouncesReadAsReplyOrOptOut)
        misses = try container.decode([Miss].self, forKey: .misses)
    }

    /// Hard-bounce precision, the figure that protects good addresses.
    public var hardBouncePrecision: Double? { kinds.first { $0.kind == VerdictKind.hardBounce.rawValue }?.precision }

    /// Builds the report from (label, verdict) pairs; a nil verdict means the file could not be read.
    public static func evaluate(_ pairs: [(label: ClassificationLabel, verdict: Verdict?, error: String?)]) -> EvaluationReport {
        var report = EvaluationReport()
        var replyF1Sum = 0.0
        var reasonMisses: [String: ReasonDisagreement] = [:]
        for (label, verdict, error) in pairs {
            report.messages += 1
            let predicted = verdict?.kind ?? .other
            report.confusion[label.kind.rawValue, default: [:]][predicted.rawValue, default: 0] += 1
            var details: [String] = []
            if predicted == label.kind { report.correct += 1 }
            if [.hardBounce, .softBounce].contains(label.kind), [.reply, .optOut].contains(predicted) {
                report.bouncesReadAsReplyOrOptOut += 1
            }
            if let expected = label.recipients, !expected.isEmpty {
                let got = verdict?.recipients ?? []
                var agreeing = 0
                for recipient in expected {
                    if let match = got.first(where: { $0.address.lowercased() == recipient.address.lowercased() }),
                       recipient.hard == nil || match.hard == recipient.hard {
                        agreeing += 1
                    } else {
                        details.append("recipient \(recipient.address) hard=\(recipient.hard.map(String.init) ?? "?") not matched")
                    }
                }
                for recipient in expected {
                    guard let reason = recipient.reason else { continue }
                    let given = got.first { $0.address.lowercased() == recipient.address.lowercased() }?.reason ?? "none"
                    report.reasonAgreement.total += 1
                    if given == reason { report.reasonAgreement.agreeing += 1; continue }
                    reasonMisses["\(reason) \(given)", default: ReasonDisagreement(expected: reason, predicted: given,
                                                                                   count: 0, files: [])].count += 1
                    reasonMisses["\(reason) \(given)"]?.files.append(label.file)
                }
                report.recipientAgreement.agreeing += agreeing
                report.recipientAgreement.total += max(expected.count, got.count)
                if got.count > expected.count {
                    details.append("extra recipients: " + got.map(\.address).filter { address in
                        !expected.contains { $0.address.lowercased() == address.lowercased() } }.joined(separator: ", "))
                }
            }
            if let expected = label.replyText {
                let f1 = tokenF1(verdict?.replyText ?? "", expected)
                replyF1Sum += f1
                report.replyTextMessages += 1
                if f1 < 0.9 { details.append(String(format: "reply text F1 %.2f", f1)) }
            }
            if let expected = label.contact {
                report.contactAccuracy.total += 1
                if verdict?.contact?.lowercased() == expected.lowercased() { report.contactAccuracy.agreeing += 1 }
                else { details.append("contact \(verdict?.contact ?? "none") ≠ \(expected)") }
            }
            if let expected = label.returnDate {
                report.returnDateAccuracy.total += 1
                if verdict?.returnDate == expected { report.returnDateAccuracy.agreeing += 1 }
                else { details.append("return date \(verdict?.returnDate ?? "none") ≠ \(expected)") }
            }
            if predicted != label.kind || !details.isEmpty {
                if let error { details.insert("error: \(error)", at: 0) }
                report.misses.append(Miss(file: label.file, expected: label.kind.rawValue, predicted: predicted.rawValue,
                                          detail: details.isEmpty ? nil : details.joined(separator: "; "),
                                          evidence: verdict?.evidence ?? []))
            }
        }
        report.reasonDisagreements = reasonMisses.values.sorted {
            ($0.count, $1.expected, $1.predicted) > ($1.count, $0.expected, $0.predicted)
        }
        if report.replyTextMessages > 0 { report.replyTextF1 = replyF1Sum / Double(report.replyTextMessages) }
        for kind in VerdictKind.allCases {
            let expected = pairs.filter { $0.label.kind == kind }.count
            let predicted = pairs.filter { ($0.verdict?.kind ?? .other) == kind }.count
            let truePositives = pairs.filter { $0.label.kind == kind && ($0.verdict?.kind ?? .other) == kind }.count
            let precision = predicted == 0 ? nil : Double(truePositives) / Double(predicted)
            let recall = expected == 0 ? nil : Double(truePositives) / Double(expected)
            var f1: Double?
            if let precision, let recall { f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
            report.kinds.append(KindScore(kind: kind.rawValue, precision: precision, recall: recall, f1: f1,
                                          expected: expected, predicted: predicted))
        }
        return report
    }

    /// Token F1 between two texts: whitespace-separated tokens, compared as multisets.
    public static func tokenF1(_ predicted: String, _ expected: String) -> Double {
        let got = predicted.split(whereSeparator: \.isWhitespace)
        let want = expected.split(whereSeparator: \.isWhitespace)
        if got.isEmpty && want.isEmpty { return 1 }
        var counts: [Substring: Int] = [:]
        for token in want { counts[token, default: 0] += 1 }
        var common = 0
        for token in got where (counts[token] ?? 0) > 0 {
            counts[token, default: 0] -= 1
            common += 1
        }
        guard common > 0 else { return 0 }
        let precision = Double(common) / Double(got.count)
        let recall = Double(common) / Double(want.count)
        return 2 * precision * recall / (precision + recall)
    }
}
