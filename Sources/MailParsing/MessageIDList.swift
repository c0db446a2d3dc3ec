/// Message-ID, In-Reply-To and References values: `<id@host>` tokens, returned without brackets.
/// Broken mailers omit the brackets; then whitespace-separated tokens containing `@` are taken.
public enum MessageIDList {
    public static func parse(_ value: String) -> [String] {
        guard !value.isEmpty else { return [] }
        var value = value
        return value.withUTF8 { parse(bytes: $0) }
    }

    /// The ids in a header field's value read straight from the header block, folded and untrimmed, or nil when it
    /// is not ASCII (its text then depends on the charset fallback: parse `HeaderField.rawValue` instead). Reading
    /// the block's bytes gives the ids `parse(_:)` finds in the unfolded value: the scan takes any run of whitespace
    /// (line breaks included) as one separator and drops whitespace inside brackets, and unfolding keeps a
    /// whitespace byte wherever a line break stood between two pieces of text.
    static func parse(asciiFieldValue bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        var combined: UInt8 = 0
        for byte in bytes { combined |= byte }
        return combined < 0x80 ? parse(bytes: bytes) : nil
    }

    /// The common case found by jumping from bracket to bracket: ids in `<…>` without whitespace inside. Nil when
    /// an id holds whitespace or there is no bracketed id at all; `parse(bytes:)` then reads byte by byte, with the
    /// same result for this case (a `<` restarts the id, text outside brackets is skipped).
    private static func bracketedIDs(_ utf8: UnsafeBufferPointer<UInt8>) -> [String]? {
        var ids: [String] = []
        // A References field lists many ids: the list is sized once by its closing brackets rather than grown
        // (and copied) at every power of two.
        var closings = 0, searchFrom = 0
        while let close = ByteScanning.firstIndex(of: 0x3E, in: utf8, from: searchFrom, end: utf8.count) {
            closings += 1
            searchFrom = close + 1
        }
        if closings > 1 { ids.reserveCapacity(closings) }
        var position = 0
        while let open = ByteScanning.firstIndex(of: 0x3C, in: utf8, from: position, end: utf8.count) {
            guard let close = ByteScanning.firstIndex(of: 0x3E, in: utf8, from: open + 1, end: utf8.count) else {
                break
            }
            // The id starts after the last '<' before the '>' (found backwards: each byte is looked at once).
            var start = close
            while start > open + 1, utf8[start - 1] != 0x3C { start -= 1 }
            for index in start..<close where ByteScanning.isWhitespace(utf8[index]) { return nil }
            if close > start {
                ids.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<close]), as: UTF8.self))
            }
            position = close + 1
        }
        return ids.isEmpty ? nil : ids
    }

    /// The first id `parse(asciiFieldValue:)` would find, without a list: a Message-ID field holds one. Nil when
    /// the value is not ASCII (as there).
    static func firstID(asciiFieldValue bytes: UnsafeBufferPointer<UInt8>) -> String?? {
        var combined: UInt8 = 0
        for byte in bytes { combined |= byte }
        guard combined < 0x80 else { return nil }
        // The first `<…>` without whitespace inside is the first id either reading finds; anything else (no
        // brackets, whitespace in the id) is left to the full reading.
        if let open = ByteScanning.firstIndex(of: 0x3C, in: bytes, from: 0, end: bytes.count),
           let close = ByteScanning.firstIndex(of: 0x3E, in: bytes, from: open + 1, end: bytes.count) {
            // The id runs from after the last '<' before the '>' (nearly always the one found) to the '>'.
            var start = open + 1
            while let another = ByteScanning.firstIndex(of: 0x3C, in: bytes, from: start, end: close) {
                start = another + 1
            }
            if close > start, !ByteScanning.containsWhitespace(bytes, start..<close) {
                return .some(String(checkedASCII: UnsafeBufferPointer(rebasing: bytes[start..<close])))
            }
        }
        return .some(parse(bytes: bytes).first)
    }

    private static func parse(bytes utf8: UnsafeBufferPointer<UInt8>) -> [String] {
        if let ids = bracketedIDs(utf8) { return ids }
        var ids: [String] = []
        // The id inside the current brackets: a byte range while it holds no whitespace (nearly always), so no
        // bytes are copied until the id is made; the bytes without the whitespace once some turns up.
        var idStart = 0
        var spaced: [UInt8]? = nil
        var inside = false
        for (index, byte) in utf8.enumerated() {
            if byte == 0x3C {  // '<' (re)starts an id
                inside = true
                idStart = index + 1
                spaced = nil
            } else if byte == 0x3E, inside {
                if let kept = spaced {
                    if !kept.isEmpty { ids.append(String(decoding: kept, as: UTF8.self)) }
                } else if index > idStart {
                    ids.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[idStart..<index]), as: UTF8.self))
                }
                inside = false
            } else if inside, ByteScanning.isWhitespace(byte), spaced == nil {
                spaced = Array(UnsafeBufferPointer(rebasing: utf8[idStart..<index]))
            } else if inside, !ByteScanning.isWhitespace(byte), spaced != nil {
                spaced?.append(byte)
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
