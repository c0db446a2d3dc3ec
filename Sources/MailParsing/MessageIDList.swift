/// Message-ID, In-Reply-To and References values: `<id@host>` tokens, returned without brackets.
/// Broken mailers omit the brackets; then whitespace-separated tokens containing `@` are taken.
public enum MessageIDList {
    public static func parse(_ value: String) -> [String] {
        var ids: [String] = []
        var utf8 = value.utf8
        guard !utf8.isEmpty else { return [] }
        utf8 = value.utf8
        var bracketed: [UInt8] = []
        var inside = false
        for byte in utf8 {
            if byte == 0x3C {  // '<' (re)starts an id
                inside = true
                bracketed.removeAll(keepingCapacity: true)
            } else if byte == 0x3E, inside {
                if !bracketed.isEmpty { ids.append(String(decoding: bracketed, as: UTF8.self)) }
                inside = false
            } else if inside, !ByteScanning.isWhitespace(byte) {
                bracketed.append(byte)
            }
        }
        guard ids.isEmpty else { return ids }
        var token: [UInt8] = []
        func finishToken() {
            if token.contains(0x40) {
                ids.append(String(decoding: token.filter { $0 != 0x22 && $0 != 0x3C && $0 != 0x3E }, as: UTF8.self))
            }
            token.removeAll(keepingCapacity: true)
        }
        for byte in utf8 {
            if ByteScanning.isWhitespace(byte) || byte == 0x2C { finishToken() } else { token.append(byte) }
        }
        finishToken()
        return ids
    }
}
