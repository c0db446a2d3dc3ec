/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header values.
/// Adjacent encoded words are joined (the whitespace between them dropped) and decoded
/// together, so a multi-byte character split across two words survives. Anything that does
/// not form a valid encoded word is left exactly as written.
public enum EncodedWordDecoder {
    public static func decode(_ raw: String) -> String {
        var utf8 = raw.utf8
        guard utf8.count >= 8, containsEncodedWordStart(raw) else { return raw }
        let bytes = Array(utf8)
        utf8 = "".utf8
        var output = ""
        output.reserveCapacity(bytes.count)
        var literalStart = 0
        var index = 0
        // The run of adjacent encoded words sharing one charset, decoded to bytes but not yet to text.
        var runCharset: String? = nil
        var runBytes: [UInt8] = []
        var afterWordLiteralStart: Int? = nil

        func flushRun() {
            if let charset = runCharset {
                output += TextDecoding.decode(runBytes, charset: charset)
                runCharset = nil
                runBytes.removeAll(keepingCapacity: true)
            }
        }

        while index + 1 < bytes.count {
            guard bytes[index] == 0x3D, bytes[index + 1] == 0x3F else {
                index += 1
                continue
            }
            let attempt = parseWord(bytes, at: index)
            guard let word = attempt.word else {
                index = max(index + 1, attempt.resume)
                continue
            }
            let between = bytes[literalStart..<index]
            let onlyWhitespace = between.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            if afterWordLiteralStart != nil && onlyWhitespace {
                // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
                if runCharset.map({ !$0.equalsIgnoringASCIICase(word.charset) }) ?? false { flushRun() }
            } else {
                flushRun()
                output += String(decoding: between, as: UTF8.self)
            }
            if runCharset == nil { runCharset = word.charset }
            runBytes.append(contentsOf: word.decoded)
            index = word.end
            literalStart = index
            afterWordLiteralStart = index
        }
        flushRun()
        if literalStart < bytes.count { output += String(decoding: bytes[literalStart...], as: UTF8.self) }
        return output
    }

    static func containsEncodedWordStart(_ raw: String) -> Bool {
        var text = raw
        // Scanned in the string's own storage: iterating the UTF-8 view byte by byte costs several times more.
        return text.withUTF8 { bytes in
            var previous: UInt8 = 0
            for byte in bytes {
                if previous == 0x3D && byte == 0x3F { return true }
                previous = byte
            }
            return false
        }
    }

    static let maxEncodedTextLength = 4_096

    private struct Word {
        var charset: String
        var decoded: [UInt8]
        var end: Int
    }

    /// Parses `=?charset?E?text?=` starting at `start`. On failure, `resume` is where the next
    /// attempt may start: when no terminator occurs before whitespace, no start before that
    /// whitespace can have one either, which keeps a run of broken starts linear.
    private static func parseWord(_ bytes: [UInt8], at start: Int) -> (word: Word?, resume: Int) {
        let failed = (word: Word?.none, resume: start + 1)
        var index = start + 2
        let charsetStart = index
        while index < bytes.count, bytes[index] != 0x3F {
            let byte = bytes[index]
            if byte <= 0x20 || byte >= 0x7F || index - charsetStart > 60 { return failed }
            index += 1
        }
        guard index > charsetStart, index + 2 < bytes.count, bytes[index + 2] == 0x3F else { return failed }
        var charsetEnd = index
        // RFC 2231 §5 language suffix: charset*language.
        if let star = bytes[charsetStart..<charsetEnd].firstIndex(of: 0x2A) { charsetEnd = star }
        let encoding = ByteScanning.lowercased(bytes[index + 1])
        guard encoding == 0x62 || encoding == 0x71 else { return failed }
        let textStart = index + 3
        var textEnd = textStart
        while textEnd + 1 < bytes.count, !(bytes[textEnd] == 0x3F && bytes[textEnd + 1] == 0x3D) {
            let byte = bytes[textEnd]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A { return (nil, textEnd) }
            // RFC 2047 words are at most 75 characters; longer runs are not words.
            if textEnd - textStart > maxEncodedTextLength { return (nil, textEnd) }
            textEnd += 1
        }
        guard textEnd + 1 < bytes.count else { return (nil, bytes.count) }
        let text = bytes[textStart..<textEnd]
        let decoded: [UInt8]
        if encoding == 0x62 {
            decoded = Base64Decoder.decode(text)
        } else {
            decoded = QuotedPrintableDecoder.decode(text, underscoreIsSpace: true)
        }
        let charset = String(decoding: bytes[charsetStart..<charsetEnd], as: UTF8.self)
        return (Word(charset: charset, decoded: decoded, end: textEnd + 2), textEnd + 2)
    }
}
