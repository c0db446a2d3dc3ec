import Foundation

/// Reads the SMTP session transcript some bounces quote (Sendmail's "----- Transcript of session follows -----",
/// InterScan's "Sent <<< / Received >>>") to tell which command the remote server refused.
///
/// Lines are the text's pieces between CR and LF characters (a CR LF pair is one character, neither CR nor LF, so it
/// does not end a line). ASCII text, where every character but CR LF is one byte, is read by bytes; other text by
/// characters, with the same result.
enum SMTPTranscript {
    /// What a transcript in the text tells.
    struct Reading {
        /// The command verb (uppercased: "RCPT", "DATA", "MAIL", …) sent last before the first 4xx/5xx reply, or
        /// nil when the text holds no transcript.
        let refusedCommand: String?
        /// Whether a refusal quoted after ">>> DATA" answered RCPT TO all the same: with PIPELINING the RCPT
        /// replies arrive after DATA is sent, and the DATA reply that follows the refusal says no recipient was
        /// accepted ("554 5.5.1 Error: no valid recipients", "503 5.0.0 Need RCPT (recipient)").
        let refusesRecipientWhilePipelining: Bool

        static let none = Reading(refusedCommand: nil, refusesRecipientWhilePipelining: false)
    }

    /// Reads the transcript in the first `limit` bytes of the text; one scan finds most texts hold none.
    static func read(_ text: String, limit: Int = 8_000) -> Reading {
        // Most texts hold no transcript: that is seen in place, before any copy.
        let mayHold = text.utf8.withContiguousStorageIfAvailable { mayHoldTranscript(UnsafeBufferPointer(rebasing: $0.prefix(limit))) }
            ?? text.utf8Bytes(prefix: limit).withUnsafeBufferPointer(mayHoldTranscript)
        guard mayHold else { return .none }
        let bytes = text.utf8Bytes(prefix: limit)
        guard !bytes.contains(where: { $0 >= 0x80 }) else {
            let head = text.leadingBytes(limit)
            return Reading(refusedCommand: characterRefusedCommand(in: head),
                           refusesRecipientWhilePipelining: characterRecipientRefusedWhilePipelining(in: head))
        }
        return reading(ofASCII: bytes)
    }

    /// Both readings of ASCII `bytes` in one pass over its lines, which stops once both are settled.
    private static func reading(ofASCII bytes: [UInt8]) -> Reading {
        // The refused command: the verb sent last before the first 4xx/5xx reply.
        var lastCommand: String?
        var refusedCommand: String?
        var commandSettled = false
        // The pipelined refusal: a second 4xx/5xx reply after ">>> DATA", with no command in between.
        var afterData = false
        var sawRefusal = false
        var refused = false
        var pipeliningSettled = false
        forEachLine(bytes) { line in
            if let command = payload(of: line, prefixes: commandPrefixes) {
                if !commandSettled {
                    let verbEnd = command.firstIndex { isASCIIWhitespace($0) || $0 == UInt8(ascii: ":") } ?? command.endIndex
                    let verb = String(decoding: command[..<verbEnd].map(asciiUppercased), as: UTF8.self)
                    lastCommand = verb == "." ? "DATA" : verb
                }
                if !pipeliningSettled {
                    if sawRefusal {
                        pipeliningSettled = true
                    } else {
                        afterData = command.count >= 4
                            && zip(command.prefix(4), "DATA".utf8).allSatisfy { asciiUppercased($0.0) == $0.1 }
                    }
                }
            } else if let reply = payload(of: line, prefixes: replyPrefixes),
                      let first = reply.first, first == UInt8(ascii: "4") || first == UInt8(ascii: "5") {
                if !commandSettled {
                    refusedCommand = lastCommand
                    commandSettled = true
                }
                if !pipeliningSettled, afterData {
                    if sawRefusal {
                        let lowered = reply.map { $0.lowercasedASCII }
                        refused = refusalNamesNoRecipient.contains { HTMLText.find(lowered, $0, from: 0) != nil }
                        pipeliningSettled = true
                    } else {
                        sawRefusal = true
                    }
                }
            }
            return !(commandSettled && pipeliningSettled)
        }
        return Reading(refusedCommand: refusedCommand, refusesRecipientWhilePipelining: refused)
    }

    private static let commandPrefixes = [">>> ", "Sent <<< "]
    private static let replyPrefixes = ["<<< ", "Received >>> "]
    private static let refusalNamesNoRecipient = ["no valid recipients", "need rcpt", "no recipients"]

    /// Every transcript line holds ">>>" or "<<<"; most texts have neither, and a search for them spares those the
    /// line-by-line reading. Each of "<" and ">" is found by the C library's byte search (they are rare in reports
    /// but around addresses), and only where one is are the next two bytes compared.
    private static func mayHoldTranscript(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        holdsRun(of: UInt8(ascii: ">"), in: bytes) || holdsRun(of: UInt8(ascii: "<"), in: bytes)
    }

    /// Whether `marker` occurs three times in a row in `bytes`.
    private static func holdsRun(of marker: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, bytes.count >= 3 else { return false }
        // A run of three starts at most three bytes before the end.
        let starts = bytes.count - 2
        var from = 0
        while from < starts, let hit = memchr(base + from, Int32(marker), starts - from) {
            let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if bytes[index + 1] == marker, bytes[index + 2] == marker { return true }
            from = index + 1
        }
        return false
    }

    /// Calls `body` with each line of ASCII `bytes` that may be a transcript line (leading spaces and tabs dropped,
    /// it starts as a command or reply prefix does) until it returns false; the other lines are neither commands
    /// nor replies, so both readers pass over them alike. Eight bytes without CR or LF are passed at one step.
    private static func forEachLine(_ bytes: [UInt8], _ body: (ArraySlice<UInt8>) -> Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0, index = 0
            let count = buffer.count
            // Ends the line that runs from `start` to `end`; false when `body` asks to stop.
            func endLine(at end: Int) -> Bool {
                var lineStart = start
                while lineStart < end, buffer[lineStart] == 0x20 || buffer[lineStart] == 0x09 { lineStart &+= 1 }
                start = end &+ 1
                guard lineStart < end, transcriptLineFirstBytes.contains(buffer[lineStart]) else { return true }
                return body(bytes[lineStart..<end])
            }
            while index < count {
                if index &+ 8 <= count, let base = buffer.baseAddress {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    if !EightBytes.holds(0x0A, in: word), !EightBytes.holds(0x0D, in: word) { index &+= 8; continue }
                }
                // CR ends a line unless LF follows; LF unless CR precedes (the pair is one character).
                let byte = buffer[index]
                if (byte == 0x0D && (index &+ 1 == count || buffer[index &+ 1] != 0x0A))
                    || (byte == 0x0A && (index == 0 || buffer[index &- 1] != 0x0D)) {
                    guard endLine(at: index) else { return }
                }
                index &+= 1
            }
            _ = endLine(at: count)
        }
    }

    /// The first bytes of `commandPrefixes` and `replyPrefixes`.
    private static let transcriptLineFirstBytes: [UInt8] = (commandPrefixes + replyPrefixes).compactMap(\.utf8.first)

    /// Whether `line` (UTF-8 without a line break), its leading spaces and tabs dropped, starts as a command or a
    /// reply does. Text none of whose lines does holds no transcript: both readings, by bytes and by characters,
    /// read only such lines (a prefix matched by characters is matched by bytes too).
    static func startsTranscriptLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < line.count, line[start] == 0x20 || line[start] == 0x09 { start &+= 1 }
        guard start < line.count else { return false }
        // The prefixes' first bytes (`transcriptLineFirstBytes`), compared as constants: this runs for every line
        // of a report.
        switch line[start] {
        case UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "S"), UInt8(ascii: "R"): break
        default: return false
        }
        let rest = UnsafeBufferPointer(rebasing: line[start...])
        return linePrefixes.contains { rest.starts(with: $0) }
    }

    private static let linePrefixes: [[UInt8]] = (commandPrefixes + replyPrefixes).map { Array($0.utf8) }

    private static func payload(of line: ArraySlice<UInt8>, prefixes: [String]) -> ArraySlice<UInt8>? {
        for prefix in prefixes where line.starts(with: prefix.utf8) {
            return line.dropFirst(prefix.utf8.count).drop { $0 == 0x20 }
        }
        return nil
    }

    /// Character.isWhitespace on ASCII: tab, LF, VT, FF, CR and space.
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
    private static func asciiUppercased(_ byte: UInt8) -> UInt8 { byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte }

    // MARK: - Other text, by characters

    private static func characterRefusedCommand(in text: String) -> String? {
        var lastCommand: String?
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.drop(while: { $0 == " " || $0 == "\t" })
            if let command = characterPayload(of: line, prefixes: commandPrefixes) {
                let verb = command.prefix(while: { !$0.isWhitespace && $0 != ":" }).uppercased()
                lastCommand = verb == "." ? "DATA" : verb
            } else if let reply = characterPayload(of: line, prefixes: replyPrefixes),
                      let first = reply.first, first == "4" || first == "5" {
                return lastCommand
            }
        }
        return nil
    }

    private static func characterRecipientRefusedWhilePipelining(in text: String) -> Bool {
        var afterData = false
        var sawRefusal = false
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.drop(while: { $0 == " " || $0 == "\t" })
            if let command = characterPayload(of: line, prefixes: commandPrefixes) {
                if sawRefusal { return false }
                afterData = command.uppercased().hasPrefix("DATA")
            } else if afterData, let reply = characterPayload(of: line, prefixes: replyPrefixes),
                      let first = reply.first, first == "4" || first == "5" {
                let lowered = reply.lowercased()
                if sawRefusal {
                    return lowered.contains("no valid recipients") || lowered.contains("need rcpt")
                        || lowered.contains("no recipients")
                }
                sawRefusal = true
            }
        }
        return false
    }

    private static func characterPayload(of line: Substring, prefixes: [String]) -> Substring? {
        for prefix in prefixes where line.hasPrefix(prefix) {
            return line.dropFirst(prefix.count).drop(while: { $0 == " " })
        }
        return nil
    }
}
