/// Reads failed recipients and their diagnostics out of a bounce's human-readable text: the generic
/// "failed recipient + diagnostic" extractor every `BounceFormat` shares.
///
/// The text is cut where the copy of the original message starts, so addresses of the original (the sender, its
/// own recipients, its footer) are never picked up. Recipients are the addresses on lines that present them
/// (alone on the line, after "RCPT TO", after "following address"); each one's diagnostic is the text from its
/// line to the next recipient's.
struct PlainTextBounceDecoder: Sendable {
    struct Input {
        var text: String
        /// Addresses that are never failed recipients: the bounce's sender and addressee, the original's sender.
        var excluded: Set<String>
        /// Addresses from `X-Failed-Recipients`, which decide the recipient list when present.
        var failedRecipientsHeader: [String] = []
        var delayed = false
    }

    private let reasons = BounceReasonClassifier()

    func decode(_ input: Input, counter: StepCounter?) -> [BouncedRecipient] {
        var lines = ReplyTextExtractor.lines(of: input.text)
        counter?.add(lines.count)
        lines = Array(lines[..<Self.reportEnd(lines, counter: counter)])
        let found = AddressScanner.addresses(inLines: lines, counter: counter)
        let excluded = Set(input.excluded.map { $0.lowercased() })
        let usable = found.filter { candidate in
            let lowered = candidate.address.lowercased()
            guard !excluded.contains(lowered) else { return false }
            let local = lowered.split(separator: "@").first.map(String.init) ?? ""
            guard !BounceMarkers.systemSenders.contains(local) else { return false }
            return !Self.introducedAsSender(lines[candidate.line], column: candidate.column, counter: counter)
        }

        var chosen: [AddressScanner.Found] = []
        var seen: Set<String> = []
        if !input.failedRecipientsHeader.isEmpty {
            for address in input.failedRecipientsHeader where seen.insert(address.lowercased()).inserted {
                let first = usable.first { $0.address.lowercased() == address.lowercased() }
                chosen.append(first ?? AddressScanner.Found(address: address, line: 0, column: 0))
            }
        } else {
            for candidate in usable where Self.presentsRecipient(lines, candidate, counter: counter) {
                if seen.insert(candidate.address.lowercased()).inserted { chosen.append(candidate) }
            }
            if chosen.isEmpty, let first = usable.first { chosen = [first] }
        }
        guard !chosen.isEmpty else { return [] }

        let wholeText = lines.joined(separator: "\n")
        let startLines = chosen.map(\.line).sorted()
        return chosen.map { recipient in
            let next = startLines.first { $0 > recipient.line } ?? lines.count
            let end = min(next, recipient.line + 12, lines.count)
            var region = lines[recipient.line..<max(end, recipient.line + 1)].joined(separator: " ")
            if region.utf8.count > 2_000 { region = String(region.prefix(2_000)) }
            var decision = reasons.classify(diagnostic: region, status: StatusScanner.firstStatus(in: region),
                                            action: input.delayed ? "delayed" : "failed", counter: counter)
            var status = StatusScanner.firstStatus(in: region)
            if decision.basis == "no recognised reason" {
                status = status ?? StatusScanner.firstStatus(in: wholeText)
                decision = reasons.classify(diagnostic: String(wholeText.prefix(8_000)), status: status,
                                            action: input.delayed ? "delayed" : "failed", counter: counter)
            }
            let diagnostic = Self.diagnosticLine(region)
            return BouncedRecipient(address: recipient.address, status: status, action: input.delayed ? "delayed" : "failed",
                                    hard: decision.hard, reason: decision.reason.rawValue, diagnostic: diagnostic)
        }
    }

    /// Index of the first line of the original message's copy (or the end).
    static func reportEnd(_ lines: [Substring], counter: StepCounter?) -> Int {
        var sawContent = false
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty { continue }
            if sawContent, line.utf8.count <= 120 {
                if line.hasPrefix("Return-Path:") || line.hasPrefix("Received: ") || line.hasPrefix("Return-path:") {
                    return index
                }
                let normalized = NormalizedText(line, counter: counter)
                if normalized.wordCount <= 14,
                   BounceMarkers.originalStarts.firstMatch(in: normalized, counter: counter) != nil {
                    return index
                }
            }
            sawContent = true
        }
        return lines.count
    }

    static func introducedAsSender(_ line: Substring, column: Int, counter: StepCounter?) -> Bool {
        let before = NormalizedText(String(line.prefix(column).suffix(24)), counter: counter)
        guard let last = BounceMarkers.senderIntros.matches(in: before, counter: counter).last else { return false }
        return last.range.upperBound == before.bytes.count
    }

    /// An address alone on its line ("  pat@example.com", "<pat@example.com>:"), after "RCPT TO:", or on a line
    /// that presents recipients.
    static func presentsRecipient(_ lines: [Substring], _ candidate: AddressScanner.Found, counter: StepCounter?) -> Bool {
        let line = lines[candidate.line]
        guard line.utf8.count <= 400 else { return false }
        let rest = line.replacingOccurrences(of: candidate.address, with: " ", options: .caseInsensitive)
        let remaining = NormalizedText(rest, counter: counter)
        if remaining.wordCount == 0 { return true }
        let before = NormalizedText(String(line.prefix(candidate.column)), counter: counter)
        if before.wordCount == 0, remaining.wordCount <= 12 { return true }
        if BounceMarkers.recipientIntros.matches(in: before, counter: counter)
            .contains(where: { $0.range.upperBound == before.bytes.count }) { return true }
        return false
    }

    static func diagnosticLine(_ region: String) -> String? {
        let collapsed = region.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        guard !collapsed.isEmpty else { return nil }
        return collapsed.count > 500 ? String(collapsed.prefix(500)) : collapsed
    }
}

/// Finds RFC 3463 status codes ("5.1.1") and SMTP reply codes ("550") in diagnostic text, scanning once.
enum StatusScanner {
    static func firstStatus(in text: String) -> String? {
        let bytes = Array(text.utf8.prefix(16_384))
        var smtpCode: String?
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let boundary = index == 0 || !isDigitOrDot(bytes[index - 1])
            if boundary, byte == UInt8(ascii: "2") || byte == UInt8(ascii: "4") || byte == UInt8(ascii: "5") {
                // class.subject.detail
                if index + 4 < bytes.count, bytes[index + 1] == UInt8(ascii: ".") {
                    var cursor = index + 2
                    let subjectStart = cursor
                    while cursor < bytes.count, cursor - subjectStart < 3, isDigit(bytes[cursor]) { cursor += 1 }
                    if cursor > subjectStart, cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") {
                        let detailStart = cursor + 1
                        var detailEnd = detailStart
                        while detailEnd < bytes.count, detailEnd - detailStart < 3, isDigit(bytes[detailEnd]) { detailEnd += 1 }
                        if detailEnd > detailStart, detailEnd == bytes.count || !isDigitOrDot(bytes[detailEnd]) || bytes[detailEnd] == UInt8(ascii: ".") {
                            return String(decoding: bytes[index..<detailEnd], as: UTF8.self)
                        }
                    }
                }
                if smtpCode == nil, index + 3 <= bytes.count, isDigit(bytes[index + 1]), isDigit(bytes[index + 2]),
                   index + 3 == bytes.count || bytes[index + 3] == UInt8(ascii: " ") || bytes[index + 3] == UInt8(ascii: "-") {
                    smtpCode = "\(Character(Unicode.Scalar(byte))).0.0"
                }
            }
            index += 1
        }
        return smtpCode
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isDigitOrDot(_ byte: UInt8) -> Bool { isDigit(byte) || byte == UInt8(ascii: ".") }
}

import Foundation
