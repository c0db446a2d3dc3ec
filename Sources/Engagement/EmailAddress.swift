/// Email addresses as contact keys: one normal form, and a syntax check that runs in linear time.
public enum EmailAddress {
    /// Trimmed and lowercased; `<a@b>` brackets removed. The whole address is lowercased because contacts are keyed by
    /// address and no mailbox provider in practice distinguishes case in the local part.
    public static func normalize(_ raw: String) -> String {
        // Every lookup normalises again, so the common case must be cheap: an address that is already trimmed,
        // unbracketed ASCII comes back as it is, or lower-cased byte by byte.
        if let ascii = normalizedASCII(raw) { return ascii }
        var trimmed = Substring(raw).trimmingWhitespace()
        // Every layer of brackets goes, so that normalising a normalised address changes nothing ("<<a@b>>" once
        // gave "<a@b>", and a lookup that normalised it again found "a@b").
        while trimmed.first == "<", trimmed.last == ">", trimmed.index(after: trimmed.startIndex) < trimmed.endIndex {
            trimmed = trimmed.dropFirst().dropLast().trimmingWhitespace()
        }
        return trimmed.lowercased()
    }

    /// `raw` lower-cased when it is ASCII with nothing to trim or unbracket; nil otherwise (the general path decides).
    private static func normalizedASCII(_ raw: String) -> String? {
        // One pass over the contiguous bytes (free for native strings): iterating `utf8` element by element cost the
        // worker about a thousand instructions per address, and it normalises three or four per message.
        return raw.withBorrowedUTF8 { bytes -> String? in
            switch asciiCase(bytes) {
            case .notSimple: return nil
            case .lowercase: return raw
            case .hasUppercase:
                return String(unsafeUninitializedCapacity: bytes.count) { lowered in
                    for (index, byte) in bytes.enumerated() {
                        lowered[index] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                    }
                    return bytes.count
                }
            }
        }
    }

    private enum ASCIICase { case notSimple, lowercase, hasUppercase }

    /// Whether `bytes` are ASCII with no surrounding whitespace and no opening `<`, and whether any is upper-case.
    /// Eight bytes are tested at once: every lookup normalises its address, and testing byte by byte was most of it.
    private static func asciiCase(_ bytes: UnsafeBufferPointer<UInt8>) -> ASCIICase {
        guard let base = bytes.baseAddress, let first = bytes.first, let last = bytes.last,
              !isTrimmedASCII(first), !isTrimmedASCII(last), first != UInt8(ascii: "<") else { return .notSimple }
        var upper: UInt64 = 0
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if word & highBits != 0 { return .notSimple }
            upper |= upperCaseBytes(word)
            index += 8
        }
        // The last bytes (fewer than eight), padded with "a", which is neither beyond ASCII nor upper-case.
        var tail: UInt64 = 0x6161_6161_6161_6161
        withUnsafeMutableBytes(of: &tail) { tail in
            tail.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[index...]))
        }
        if tail & highBits != 0 { return .notSimple }
        upper |= upperCaseBytes(tail)
        return upper != 0 ? .hasUppercase : .lowercase
    }

    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` (eight ASCII bytes) that is `A`...`Z`. Adding 0x3F sets a byte's high bit
    /// when it is at least `A` (0x41), adding 0x25 when it is beyond `Z` (0x5A); ASCII bytes never carry into the next.
    private static func upperCaseBytes(_ word: UInt64) -> UInt64 {
        (word &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(word &+ 0x2525_2525_2525_2525) & highBits
    }

    /// ASCII bytes that `Character.isWhitespace` trims (space, tab, LF, VT, FF, CR).
    private static func isTrimmedASCII(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Why `address` (already normalised) is not a usable address, or nil when its syntax is fine. Accepts the
    /// dot-atom form (RFC 5322 §3.4.1) with UTF-8 allowed (RFC 6531); quoted local parts are refused on purpose.
    public static func syntaxProblem(_ address: String) -> String? {
        if address.isEmpty { return "empty address" }
        if address.utf8.count > 254 { return "longer than 254 bytes" }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return parts.count < 2 ? "no @ in the address" : "more than one @ in the address"
        }
        let local = parts[0], domain = parts[1]
        if local.isEmpty { return "nothing before the @" }
        if local.utf8.count > 64 { return "local part longer than 64 bytes" }
        if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") {
            return "misplaced dot in the local part"
        }
        let atext = Set("!#$%&'*+-/=?^_`{|}~.".unicodeScalars)
        for scalar in local.unicodeScalars where !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            || atext.contains(scalar) || scalar.value > 0x7F) {
            return "character \"\(scalar)\" not allowed in the local part"
        }
        return DomainName.syntaxProblem(String(domain))
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first.isWhitespace { result = result.dropFirst() }
        while let last = result.last, last.isWhitespace { result = result.dropLast() }
        return result
    }
}
