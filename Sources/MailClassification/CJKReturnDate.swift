/// A return date as Chinese and Japanese out-of-office notes write it: "12月4日まで" (until 4 December), "将于12月7日返回"
/// (back on 7 December), "12月4日（金）まで". The month and day are ASCII or full-width digits before 月 and 日; a date counts
/// only with a word for "until" or "back" just before or after it, so dates that say something else are passed over.
/// One pass over the bytes, looking at a few bytes around each 月.
enum CJKReturnDate {
    /// Words that follow a return date (まで, 迄 "until"; 返回, 回到, 回来, 回來, 上班, 出勤 "back"; 以降 "from").
    private static let after: [[UInt8]] = ["まで", "迄", "返回", "回到", "回来", "回來", "上班", "出勤", "以降", "より"].map { Array($0.utf8) }
    /// Words that precede one (于, 於 "on"; 至, 到, 直到 "until").
    private static let before: [[UInt8]] = ["于", "於", "至", "到", "直到"].map { Array($0.utf8) }
    private static let month = Array("月".utf8)
    private static let day = Array("日".utf8)

    static func parts(in text: UnsafeBufferPointer<UInt8>, counter: StepCounter?) -> ReturnDateExtractor.DateParts? {
        var index = 0
        while let found = HTMLText.find(in: text, "月", from: index) {
            counter?.add(found - index + 1)
            index = found + month.count
            guard let (monthValue, monthStart) = number(endingAt: found, in: text),
                  let (dayValue, dayEnd) = number(startingAt: index, in: text), starts(day, in: text, at: dayEnd),
                  (1...12).contains(monthValue), (1...31).contains(dayValue) else { continue }
            var end = dayEnd + day.count
            end = skippingWeekday(in: text, from: end)
            let followed = after.contains { starts($0, in: text, at: end) }
            let preceded = before.contains { word in monthStart >= word.count && starts(word, in: text, at: monthStart - word.count) }
            if followed || preceded { return ReturnDateExtractor.DateParts(year: nil, month: monthValue, day: dayValue) }
        }
        return nil
    }

    /// Past a weekday in brackets after the date: "（金）", "(金)", "（星期五）".
    private static func skippingWeekday(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let opens = [Array("（".utf8), Array("(".utf8)], closes = [Array("）".utf8), Array(")".utf8)]
        guard let open = opens.first(where: { starts($0, in: text, at: start) }) else { return start }
        var index = start + open.count
        while index < text.count, index - start <= 16 {
            if let close = closes.first(where: { starts($0, in: text, at: index) }) { return index + close.count }
            index += 1
        }
        return start
    }

    /// A number of one or two ASCII or full-width digits ending just before `end`, and where it starts.
    private static func number(endingAt end: Int, in text: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        var value = 0, place = 1, count = 0, index = end
        while count < 2 {
            if index >= 1, let digit = asciiDigit(text[index - 1]) {
                index -= 1
                value += digit * place
            } else if index >= 3, let digit = fullWidthDigit(text, at: index - 3) {
                index -= 3
                value += digit * place
            } else {
                break
            }
            place *= 10
            count += 1
        }
        return count == 0 ? nil : (value, index)
    }

    /// A number of one or two ASCII or full-width digits starting at `start`, and where it ends.
    private static func number(startingAt start: Int, in text: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        var value = 0, count = 0, index = start
        while count < 2 {
            if index < text.count, let digit = asciiDigit(text[index]) {
                value = value * 10 + digit; index += 1
            } else if let digit = fullWidthDigit(text, at: index) {
                value = value * 10 + digit; index += 3
            } else {
                break
            }
            count += 1
        }
        return count == 0 ? nil : (value, index)
    }

    private static func asciiDigit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// ０–９ (U+FF10–U+FF19: EF BC 90–99).
    private static func fullWidthDigit(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        guard index >= 0, index + 2 < text.count, text[index] == 0xEF, text[index + 1] == 0xBC,
              text[index + 2] >= 0x90, text[index + 2] <= 0x99 else { return nil }
        return Int(text[index + 2] - 0x90)
    }

    private static func starts(_ word: [UInt8], in text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index >= 0, index + word.count <= text.count else { return false }
        for offset in word.indices where text[index + offset] != word[offset] { return false }
        return true
    }
}
