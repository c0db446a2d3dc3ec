/// Attribution lines that name no verb, so `QuoteMarkers.attributionVerbs` cannot find them:
/// - Gmail in several languages: "2016年3月3日(木) 17:21 山田太郎 <yamada@example.jp>:",
///   "вт, 5 янв. 2016 г. в 23:39, Иван <ivan@example.ru>:", and its older "2013/10/2 Sam <sam@example.com>";
/// - Gmail's older ISO form without an address: "2016-03-03 17:21 GMT+01:00 Sam Smith";
/// - forum and list digests: "Posted by sam on 01/21/2016".
/// Each is one line, read on its UTF-8 bytes; every check is a bounded scan of that line.
enum VerblessAttribution {
    /// Longer lines are prose, not an attribution.
    private static let maxLength = 240

    static func matches(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most lines are told apart by their first and last bytes, before any trimming or scanning.
        var start = 0, end = line.count
        while start < end, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        while end > start, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        guard end > start, end - start <= maxLength else { return false }
        let first = line[start], last = line[end - 1]
        let text = UnsafeBufferPointer(rebasing: line[start..<end])
        if last == UInt8(ascii: ">") || last == UInt8(ascii: ":") || last == 0x9A, isDatedAddress(text) { return true }
        if isDigit(first) { return isISODateWithZone(text) }
        return first | 0x20 == UInt8(ascii: "p") && isDigit(last) && isPostedBy(text)
    }

    /// A date (a four-digit year near the start) and a name, ending with the sender's address in angle brackets and
    /// maybe a colon.
    private static func isDatedAddress(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = text.count
        if end >= 1, text[end - 1] == UInt8(ascii: ":") {
            end -= 1
        } else if end >= 3, text[end - 3] == 0xEF, text[end - 2] == 0xBC, text[end - 1] == 0x9A {  // "："
            end -= 3
        }
        while end > 0, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
        guard end > 0, text[end - 1] == UInt8(ascii: ">"),
              let open = text[..<(end - 1)].lastIndex(of: UInt8(ascii: "<")),
              ReplyTextExtractor.containsAddress(bytes: text[(open + 1)..<(end - 1)]) else { return false }
        return yearStart(in: UnsafeBufferPointer(rebasing: text[..<min(open, 48)])) != nil
    }

    /// "2016-03-03 17:21 GMT+01:00 " and a name.
    private static func isISODateWithZone(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        func digits(_ count: ClosedRange<Int>) -> Bool {
            let start = index
            while index < text.count, index - start < count.upperBound, isDigit(text[index]) { index += 1 }
            return count.contains(index - start)
        }
        func take(_ byte: UInt8) -> Bool {
            guard index < text.count, text[index] == byte else { return false }
            index += 1
            return true
        }
        guard digits(4...4), take(UInt8(ascii: "-")), digits(2...2), take(UInt8(ascii: "-")), digits(2...2),
              take(0x20), digits(1...2), take(UInt8(ascii: ":")), digits(2...2), take(0x20),
              take(UInt8(ascii: "G")), take(UInt8(ascii: "M")), take(UInt8(ascii: "T")),
              take(UInt8(ascii: "+")) || take(UInt8(ascii: "-")), digits(1...2) else { return false }
        // A name follows the zone.
        return text[index...].contains { $0 == 0x20 } && index < text.count - 1
    }

    /// "Posted by <name> on <date>".
    private static func isPostedBy(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let lead = Array("posted by ".utf8)
        guard text.count > lead.count + 6, let last = text.last, isDigit(last),
              zip(text, lead).allSatisfy({ $0 | 0x20 == $1 || ($1 == 0x20 && $0 == 0x20) }) else { return false }
        let rest = UnsafeBufferPointer(rebasing: text[lead.count...])
        return rest.indices.dropLast(3).contains { rest[$0] == 0x20 && rest[$0 + 1] | 0x20 == UInt8(ascii: "o")
            && rest[$0 + 2] | 0x20 == UInt8(ascii: "n") && rest[$0 + 3] == 0x20 }
    }

    /// Where the first run of exactly four ASCII digits starts, or nil.
    private static func yearStart(in text: UnsafeBufferPointer<UInt8>) -> Int? {
        var run = 0
        for index in text.indices {
            if isDigit(text[index]) {
                run += 1
            } else {
                if run == 4 { return index - 4 }
                run = 0
            }
        }
        return run == 4 ? text.count - 4 : nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
