/// The envelope of the original as some reports summarise it under "Message details" (Apache James, several
/// gateways): "MAIL FROM: sender" then "RCPT TO: recipient". Such a "RCPT TO" lists the envelope; it does not say
/// that the server refused at the RCPT stage, so it must not turn "no such user" into a condemned address.
enum EnvelopeSummary {
    /// Whether the "rcpt" word starting at `position` (the space before it) of folded text belongs to an envelope
    /// summary: "mail from" shortly before it with no SMTP reply code in between (a session transcript has the
    /// server's "250" there), and no refusal code shortly after it. Reads at most `window` bytes each way.
    static func lists(_ text: NormalizedText, rcptAt position: Int, counter: StepCounter?, window: Int = 160) -> Bool {
        let bytes = text.bytes
        guard bytes[position...].starts(with: Self.rcptTo) else { return false }
        let before = bytes[max(0, position - window)..<position]
        guard let mailFrom = lastRange(of: Self.mailFrom, in: before) else { return false }
        let between = bytes[mailFrom.upperBound..<(position + 1)]
        let after = bytes[(position + Self.rcptTo.count - 1)..<min(bytes.count, position + Self.rcptTo.count - 1 + window)]
        counter?.add(before.count + after.count)
        return !holdsReplyCode(between, classes: [0x32, 0x34, 0x35])
            && !holdsReplyCode(after.prefix(upTo: wordEnd(after, words: 8)), classes: [0x34, 0x35])
    }

    private static let rcptTo = Array(" rcpt to ".utf8)
    private static let mailFrom = Array(" mail from ".utf8)

    private static func lastRange(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Range<Int>? {
        var start = haystack.endIndex - needle.count
        while start >= haystack.startIndex {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start..<(start + needle.count) }
            start -= 1
        }
        return nil
    }

    /// Index after the first `words` words of folded text (which holds single spaces between words).
    private static func wordEnd(_ text: ArraySlice<UInt8>, words: Int) -> Int {
        var seen = 0
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == 0x20, index > text.startIndex, text[index - 1] != 0x20 {
                seen += 1
                if seen == words { return index }
            }
            index += 1
        }
        return text.endIndex
    }

    /// Whether a word of exactly three digits, the first one of `classes`, occurs (an SMTP reply code).
    private static func holdsReplyCode(_ text: ArraySlice<UInt8>, classes: Set<UInt8>) -> Bool {
        for word in text.split(separator: 0x20) where word.count == 3 {
            if let first = word.first, classes.contains(first), word.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                return true
            }
        }
        return false
    }
}
