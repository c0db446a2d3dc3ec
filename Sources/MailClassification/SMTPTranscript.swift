/// Reads the SMTP session transcript some bounces quote (Sendmail's "----- Transcript of session follows -----",
/// InterScan's "Sent <<< / Received >>>") to tell which command the remote server refused.
enum SMTPTranscript {
    /// The command verb (uppercased: "RCPT", "DATA", "MAIL", …) sent last before the first 4xx/5xx reply, or nil
    /// when the text holds no transcript. One pass over at most `limit` bytes.
    static func refusedCommand(in text: String, limit: Int = 8_000) -> String? {
        guard mayHoldTranscript(text, limit: limit) else { return nil }
        var lastCommand: String?
        for rawLine in text.leadingBytes(limit).split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.drop(while: { $0 == " " || $0 == "\t" })
            if let command = payload(of: line, prefixes: [">>> ", "Sent <<< "]) {
                let verb = command.prefix(while: { !$0.isWhitespace && $0 != ":" }).uppercased()
                lastCommand = verb == "." ? "DATA" : verb
            } else if let reply = payload(of: line, prefixes: ["<<< ", "Received >>> "]),
                      let first = reply.first, first == "4" || first == "5" {
                return lastCommand
            }
        }
        return nil
    }

    /// Whether a refusal quoted after ">>> DATA" answered RCPT TO all the same: with PIPELINING the RCPT replies
    /// arrive after DATA is sent, and the DATA reply that follows the refusal says no recipient was accepted
    /// ("554 5.5.1 Error: no valid recipients", "503 5.0.0 Need RCPT (recipient)").
    static func recipientRefusedWhilePipelining(in text: String, limit: Int = 8_000) -> Bool {
        guard mayHoldTranscript(text, limit: limit) else { return false }
        var afterData = false
        var sawRefusal = false
        for rawLine in text.leadingBytes(limit).split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.drop(while: { $0 == " " || $0 == "\t" })
            if let command = payload(of: line, prefixes: [">>> ", "Sent <<< "]) {
                if sawRefusal { return false }
                afterData = command.uppercased().hasPrefix("DATA")
            } else if afterData, let reply = payload(of: line, prefixes: ["<<< ", "Received >>> "]),
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

    /// Every transcript line starts with ">>>" or "<<<"; most texts have neither, and a byte scan for them spares
    /// those the line-by-line reading.
    private static func mayHoldTranscript(_ text: String, limit: Int) -> Bool {
        let bytes = text.utf8Bytes(prefix: limit)
        var run = 0
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x3E || byte == 0x3C {
                run = byte == previous ? run + 1 : 1
                if run == 3 { return true }
            } else {
                run = 0
            }
            previous = byte
        }
        return false
    }

    private static func payload(of line: Substring, prefixes: [String]) -> Substring? {
        for prefix in prefixes where line.hasPrefix(prefix) {
            return line.dropFirst(prefix.count).drop(while: { $0 == " " })
        }
        return nil
    }
}
