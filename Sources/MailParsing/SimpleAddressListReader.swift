/// Reads the address lists nearly every header holds — `user@host`, `Name <user@host>`, `"Name" <user@host>`,
/// comma-separated — in one pass over the bytes, without tokens.
///
/// It accepts only what it can read exactly as `AddressParser`'s tokenizer-based reader would: ASCII dot-atom local
/// parts, ASCII domains, display names of words, dots and plain quoted strings, one plain comment after a bare
/// address, the null address `<>`. Anything else (other comments, groups, escapes, route addresses, literals,
/// spacing inside an address, a member without an address, non-ASCII addresses) makes it return nil, and the full
/// reader decides.
enum SimpleAddressListReader {
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> [MailAddress]? {
        var addresses: [MailAddress] = []
        var index = skipWhitespace(bytes, from: 0)
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: ",") {  // an empty member
                index = skipWhitespace(bytes, from: index + 1)
                continue
            }
            guard let (address, next) = member(bytes, from: index) else { return nil }
            if let address { addresses.append(address) }
            index = skipWhitespace(bytes, from: next)
            if index < bytes.count {
                guard bytes[index] == UInt8(ascii: ",") else { return nil }
                index = skipWhitespace(bytes, from: index + 1)
            }
        }
        return addresses
    }

    /// One mailbox starting at `start` (not whitespace), and the index after it; the caller checks what follows.
    /// The mailbox is nil for the null address `<>` (bounces come from it), which holds no address to read.
    private static func member(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (MailAddress?, Int)? {
        // A bare `user@host`, followed by nothing but the end of the member or one comment, which is then the name
        // (`MAILER-DAEMON@example.com (Mail Delivery System)`).
        if let (address, next) = addressSpec(bytes, from: start) {
            let after = skipWhitespace(bytes, from: next)
            if atMemberEnd(bytes, after) { return (MailAddress(displayName: nil, address: address), next) }
            if let comment = plainComment(bytes, from: after), atMemberEnd(bytes, skipWhitespace(bytes, from: comment.upperBound + 1)) {
                let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[comment]), as: UTF8.self).trimmingWhitespace()
                return (MailAddress(displayName: name.isEmpty ? nil : name, address: address), comment.upperBound + 1)
            }
        }
        // `display name <user@host>`: the name's words joined as written, one space where whitespace separated them.
        if let (name, angle) = plainName(bytes, from: start) {
            return angleAddress(bytes, at: angle) {
                name.isEmpty ? nil : cleanedName(UnsafeBufferPointer(rebasing: bytes[name]))
            }
        }
        var name: [UInt8] = []
        var spaceBefore = false
        var index = start
        while index < bytes.count, bytes[index] != UInt8(ascii: "<") {
            let byte = bytes[index]
            if isWhitespace(byte) {
                spaceBefore = true
                index += 1
                continue
            }
            if spaceBefore, !name.isEmpty { name.append(UInt8(ascii: " ")) }
            spaceBefore = false
            if byte == UInt8(ascii: "\"") {
                // A quoted string without escapes or line breaks; its content is taken as it is.
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                    let inner = bytes[end]
                    if inner == UInt8(ascii: "\\") || inner == 0x0D || inner == 0x0A { return nil }
                    end += 1
                }
                guard end < bytes.count else { return nil }
                name.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]))
                index = end + 1
                continue
            }
            guard !endsNameWord(byte) else { return nil }
            // A word (or a dot, which the tokenizer keeps as its own token but joins the same way).
            var end = index + 1
            while end < bytes.count, !isWhitespace(bytes[end]), bytes[end] != UInt8(ascii: "\""),
                  bytes[end] != UInt8(ascii: "<") {
                guard !endsNameWord(bytes[end]) else { return nil }
                end += 1
            }
            name.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
            index = end
        }
        guard index < bytes.count else { return nil }
        return angleAddress(bytes, at: index) { name.isEmpty ? nil : name.withUnsafeBufferPointer(cleanedName) }
    }

    /// The `<user@host>` (or null `<>`) whose `<` is at `angle`, named `displayName()`, and the index after it.
    private static func angleAddress(_ bytes: UnsafeBufferPointer<UInt8>, at angle: Int,
                                     displayName: () -> String?) -> (MailAddress?, Int)? {
        if angle + 1 < bytes.count, bytes[angle + 1] == UInt8(ascii: ">") { return (nil, angle + 2) }
        guard let (address, next) = addressSpec(bytes, from: angle + 1),
              next < bytes.count, bytes[next] == UInt8(ascii: ">") else { return nil }
        return (MailAddress(displayName: displayName(), address: address), next + 1)
    }

    /// A display name that is its bytes as written (words separated by single spaces, or one quoted string's
    /// content), and the index of the `<` after it (whitespace between them allowed), or nil: the name is then built
    /// word by word. The commonest names are read without copying them into a buffer first.
    private static func plainName(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Range<Int>, Int)? {
        if bytes[start] == UInt8(ascii: "\"") {
            var end = start + 1
            while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                if bytes[end] == UInt8(ascii: "\\") || bytes[end] == 0x0D || bytes[end] == 0x0A { return nil }
                end += 1
            }
            let angle = skipWhitespace(bytes, from: end + 1)
            guard angle < bytes.count, bytes[angle] == UInt8(ascii: "<") else { return nil }
            return ((start + 1)..<end, angle)
        }
        var index = start
        var nameEnd = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") { return (start..<nameEnd, index) }
            if isWhitespace(byte) {
                // One space between words keeps the name as written; any whitespace may precede the `<`.
                var after = index + 1
                while after < bytes.count, isWhitespace(bytes[after]) { after += 1 }
                guard after < bytes.count else { return nil }
                if bytes[after] == UInt8(ascii: "<") { return (start..<nameEnd, after) }
                guard after == index + 1, byte == 0x20 else { return nil }
                index = after
                continue
            }
            guard byte != UInt8(ascii: "\""), !endsNameWord(byte) else { return nil }
            index += 1
            nameEnd = index
        }
        return nil
    }

    /// `local@domain` at `start`: dot-separated ASCII atext, `@`, dot-separated domain labels (one trailing dot, the
    /// DNS root, dropped); the domain lowercased. Returns the address and the index after it.
    private static func addressSpec(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (String, Int)? {
        var index = start
        var expectAtom = true
        while index < bytes.count {
            let byte = bytes[index]
            if isAtext(byte) {
                expectAtom = false
            } else if byte == UInt8(ascii: "."), !expectAtom {
                expectAtom = true
            } else {
                break
            }
            index += 1
        }
        guard !expectAtom, index < bytes.count, bytes[index] == UInt8(ascii: "@") else { return nil }
        let at = index
        index += 1
        var expectLabel = true  // at the start and after each dot
        var hasCapital = false
        while index < bytes.count {
            let byte = bytes[index]
            if isDomainLabelByte(byte) {
                expectLabel = false
                hasCapital = hasCapital || byte &- UInt8(ascii: "A") < 26
            } else if byte == UInt8(ascii: "."), !expectLabel {
                expectLabel = true
            } else {
                break
            }
            index += 1
        }
        // Empty, or starting with a dot: not a domain. Ending with one dot (after a label): the DNS root.
        guard index > at + 1 else { return nil }
        let domainEnd = expectLabel ? index - 1 : index
        let length = domainEnd - start
        // Most domains are written in lowercase: the address is then its bytes as they stand.
        guard hasCapital else {
            return (String(checkedASCII: UnsafeBufferPointer(rebasing: bytes[start..<domainEnd])), index)
        }
        let address = String(checkedASCIICapacity: length) { output in
            for offset in 0..<length {
                let byte = bytes[start + offset]
                output[offset] = start + offset > at ? ByteScanning.lowercased(byte) : byte
            }
            return length
        }
        return (address, index)
    }

    /// `AddressDisplayName.cleaned`, done on the bytes when they are ASCII. The name holds no line breaks (they
    /// separate words, and quoted strings with them are left to the full reader), so each byte is one character.
    private static func cleanedName(_ name: UnsafeBufferPointer<UInt8>) -> String? {
        guard !name.contains(where: { $0 >= 0x80 }) else {
            return AddressDisplayName.cleaned(String(decoding: name, as: UTF8.self))
        }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var lower = 0, upper = name.count
        while lower < upper, isSpace(name[lower]) { lower += 1 }
        while upper > lower, isSpace(name[upper - 1]) { upper -= 1 }
        if upper - lower >= 2, name[lower] == UInt8(ascii: "'"), name[upper - 1] == UInt8(ascii: "'") {
            lower += 1
            upper -= 1
        }
        if upper > lower, name[upper - 1] == UInt8(ascii: ",") { upper -= 1 }
        while lower < upper, isSpace(name[lower]) { lower += 1 }
        while upper > lower, isSpace(name[upper - 1]) { upper -= 1 }
        guard lower < upper else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: name[lower..<upper]), as: UTF8.self)
    }

    private static func atMemberEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        index == bytes.count || bytes[index] == UInt8(ascii: ",")
    }

    /// The content of a comment at `start` that holds no nested comment and no escape, or nil.
    private static func plainComment(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "(") else { return nil }
        var end = start + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: ")") {
            if bytes[end] == UInt8(ascii: "(") || bytes[end] == UInt8(ascii: "\\") { return nil }
            end += 1
        }
        return end < bytes.count ? (start + 1)..<end : nil
    }

    /// Bytes that make a display name something only the full reader reads: comments, literals, groups, a second
    /// address, stray brackets.
    @inline(__always)
    private static func endsNameWord(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: ">"), UInt8(ascii: ","), UInt8(ascii: ":"),
             UInt8(ascii: ";"), UInt8(ascii: "@"):
            return true
        default:
            return false
        }
    }

    @inline(__always)
    private static func isWhitespace(_ byte: UInt8) -> Bool { ByteScanning.isWhitespace(byte) }

    private static func skipWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, isWhitespace(bytes[index]) { index += 1 }
        return index
    }

    /// RFC 5322 atext, ASCII only (`AddressCharacterClass.isAtext` without its non-ASCII branch).
    @inline(__always)
    private static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0x21, 0x23...0x27, 0x2A, 0x2B, 0x2D, 0x2F, 0x3D, 0x3F, 0x5E...0x60, 0x7B...0x7E: return true
        default: return false
        }
    }

    /// `AddressCharacterClass.isDomainLabelCharacter`, ASCII only.
    @inline(__always)
    private static func isDomainLabelByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F: return true
        default: return false
        }
    }
}
