extension StringProtocol {
    /// At most `count` UTF-8 bytes of the text (a scalar cut in half becomes U+FFFD). Cheaper than
    /// `prefix(_:)`, which walks grapheme clusters; used to bound how much text a heuristic reads.
    func leadingBytes(_ count: Int) -> String {
        utf8.count <= count ? String(self) : String(decoding: utf8.prefix(count), as: UTF8.self)
    }
}

extension StringProtocol {
    /// The first `count` UTF-8 bytes as an array, copied in one block (`Array(utf8.prefix(_:))` goes byte by byte
    /// through the generic sequence path).
    func utf8Bytes(prefix count: Int = .max) -> [UInt8] {
        utf8.withContiguousStorageIfAvailable { Array($0.prefix(count)) } ?? Array(utf8.prefix(count))
    }
}

extension String {
    /// `prefix(count)`, by bytes when the text's first `count` characters are plainly its first `count` bytes:
    /// ASCII, no CR (CR LF is one character), and an ASCII byte after them (no combining mark joins the last one).
    /// Also by scalars when its first `count` scalars and the one after them are each a character of their own
    /// (`SingleScalarText`): its first `count` characters are then those scalars.
    func leadingCharacters(_ count: Int) -> Substring {
        let byBytes: Substring?? = utf8.withContiguousStorageIfAvailable { bytes in
            if bytes.count <= count { return .some(self[...]) }
            guard count > 0 else { return nil }
            if Self.isASCIIWithoutCR(UnsafeBufferPointer(rebasing: bytes[..<count])), bytes[count] < 0x80 {
                return .some(self[..<utf8.index(startIndex, offsetBy: count)])
            }
            let end = SingleScalarText.end(ofFirst: count, in: bytes)
            let throughNext = end < bytes.count ? SingleScalarText.end(ofFirst: 1, in: UnsafeBufferPointer(rebasing: bytes[end...])) : 0
            guard SingleScalarText.holds(UnsafeBufferPointer(rebasing: bytes[..<(end + throughNext)])) else { return nil }
            return .some(self[..<utf8.index(startIndex, offsetBy: end)])
        }
        if let byBytes, let byBytes { return byBytes }
        return prefix(count)
    }
}

extension String {
    /// Whether every byte is ASCII but CR, read eight bytes at a step.
    static func isASCIIWithoutCR(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if let base = bytes.baseAddress {
            while index &+ 8 <= bytes.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & EightBytes.highBits != 0 || EightBytes.holds(0x0D, in: word) { return false }
                index &+= 8
            }
        }
        return !bytes[index...].contains { $0 >= 0x80 || $0 == 0x0D }
    }
}

extension String {
    /// `lowercased().hasPrefix(prefix)` for a lowercase `prefix`, by bytes when the text's first bytes (one more
    /// than the prefix has) are ASCII without CR: their lowercase is ASCII byte for byte, and no character of the
    /// text can then join the prefix's last one or equal a non-ASCII character of the prefix. Also by bytes when
    /// the text differs from an ASCII prefix at an ASCII byte that stands alone (ASCII without CR up to and after
    /// it): the characters there differ, whatever comes later.
    func hasLowercasedPrefix(_ prefix: String) -> Bool {
        let byBytes: Bool?? = utf8.withContiguousStorageIfAvailable { bytes in
            prefix.utf8.withContiguousStorageIfAvailable { wanted -> Bool? in
                let count = wanted.count
                let isPlain: (UInt8) -> Bool = { $0 < 0x80 && $0 != 0x0D }
                // Of the non-ASCII scalars only U+0130 (to "i̇") and U+212A (to "k") lowercase to text that starts
                // with ASCII: a text that starts with any other cannot start with a lone ASCII character.
                if let first = bytes.first, first >= 0x80, let wantedFirst = wanted.first, isPlain(wantedFirst),
                   wantedFirst != UInt8(ascii: "i"), wantedFirst != UInt8(ascii: "k"), count == 1 || isPlain(wanted[1]) {
                    return false
                }
                for index in 0..<Swift.min(bytes.count, count + 1) {
                    guard isPlain(bytes[index]) else {
                        // A non-ASCII scalar where the prefix, ASCII so far, has a lone lowercase ASCII letter:
                        // whether it joins the character before it (which then differs) or starts one, no lowercase
                        // character there equals that letter (of the letters, only "i" and "k" are what a non-ASCII
                        // scalar, "İ" and the Kelvin sign, lowercases to; no non-ASCII scalar is canonically
                        // equivalent to one).
                        if bytes[index] >= 0x80, index < count, index + 1 == count || isPlain(wanted[index + 1]),
                           !wanted[..<index].contains(where: { !isPlain($0) }) {
                            let letter = wanted[index]
                            if letter >= UInt8(ascii: "a"), letter <= UInt8(ascii: "z"), letter != UInt8(ascii: "i"),
                               letter != UInt8(ascii: "k") {
                                return false
                            }
                        }
                        return nil
                    }
                    if index < count, isPlain(wanted[index]), bytes[index].lowercasedASCII != wanted[index],
                       index + 1 == bytes.count || isPlain(bytes[index + 1]) {
                        return false
                    }
                }
                guard bytes.count >= count else { return false }
                for index in 0..<count {
                    let byte = bytes[index]
                    if byte.lowercasedASCII != wanted[index] { return false }
                }
                return true
            } ?? nil
        }
        if let byBytes, let byBytes { return byBytes }
        return lowercased().hasPrefix(prefix)
    }
}
