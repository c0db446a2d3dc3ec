/// Email addresses as contact keys: one normal form, and a syntax check that runs in linear time.
public enum EmailAddress {
    /// Trimmed and lowercased; `<a@b>` brackets removed. The whole address is lowercased because contacts are keyed by
    /// address and no mailbox provider in practice distinguishes case in the local part.
    public static func normalize(_ raw: String) -> String {
        // Every lookup normalises again, so the common case must be cheap: an address that is already trimmed,
        // unbracketed ASCII comes back as it is, or lower-cased byte by byte.
        if let ascii = normalizedASCII(raw) { return ascii }
        var trimmed = Substring(raw).trimmingWhitespace()
        if trimmed.hasPrefix("<") && trimmed.hasSuffix(">") && trimmed.count >= 2 {
            trimmed = trimmed.dropFirst().dropLast().trimmingWhitespace()
        }
        return trimmed.lowercased()
    }

    /// `raw` lower-cased when it is ASCII with nothing to trim or unbracket; nil otherwise (the general path decides).
    private static func normalizedASCII(_ raw: String) -> String? {
        // One pass over the contiguous bytes (free for native strings): iterating `utf8` element by element cost the
        // worker about a thousand instructions per address, and it normalises three or four per message.
        var text = raw
        return text.withUTF8 { bytes -> String? in
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
    private static func asciiCase(_ bytes: UnsafeBufferPointer<UInt8>) -> ASCIICase {
        guard let first = bytes.first, let last = bytes.last,
              !isTrimmedASCII(first), !isTrimmedASCII(last), first != UInt8(ascii: "<") else { return .notSimple }
        var upper = false
        for byte in bytes {
            if byte >= 0x80 { return .notSimple }
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { upper = true }
        }
        return upper ? .hasUppercase : .lowercase
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
