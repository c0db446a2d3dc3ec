import Foundation

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)` without Foundation's round trip for ASCII text, where the only
    /// such characters are space and tab. Report fields are nearly always ASCII; other text takes Foundation's path.
    var trimmingWhitespace: String {
        let bytes = utf8Bytes()
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return trimmingCharacters(in: .whitespaces) }
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
