import Foundation

/// Appends JSON text to a byte buffer, byte for byte as Foundation's `JSONEncoder` wrote the store's files
/// (`.sortedKeys`, `.withoutEscapingSlashes`): no whitespace, `"` and `\` escaped, control characters as `\b \t \n \f \r`
/// or `\u00XX` (lowercase hex), everything else (`/`, DEL, non-ASCII) as raw UTF-8. Writing by hand is what makes a
/// store commit cheap: the encoder's Codable machinery was most of the CPU time of `apply`.
///
/// Callers write object keys in sorted order themselves (the store's types have fixed keys; dictionaries go through
/// `stringDictionary`). Commas are placed automatically: a key or element needs one unless it opens its container.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func beginObject() { bytes.append(UInt8(ascii: "{")) }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")) }
    mutating func beginArray() { bytes.append(UInt8(ascii: "[")) }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")) }
    mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    /// `"name":`, preceded by a comma unless it is the object's first key.
    mutating func key<Field: JSONField>(_ field: Field) {
        separate()
        // Prepared once per field set: making the key's bytes from its raw value each time cost more than the value.
        if let quoted = Field.lookup.quotedKey(field) {
            bytes.append(contentsOf: quoted)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: field.rawValue.utf8)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// A comma before an array element unless it is the first.
    mutating func element() { separate() }

    private mutating func separate() {
        if let last = bytes.last, last != UInt8(ascii: "{") && last != UInt8(ascii: "[") {
            bytes.append(UInt8(ascii: ","))
        }
    }

    mutating func string(_ value: String) {
        if value.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            var contiguous = value
            contiguous.withUTF8 { appendEscaped($0) }  // bridged or lazily stored strings
        }
    }

    mutating func int(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ value: Bool) {
        if value {
            bytes.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e")])
        } else {
            bytes.append(contentsOf: [UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"),
                                      UInt8(ascii: "e")])
        }
    }

    /// A store timestamp: `"2027-01-15T08:00:00Z"`.
    mutating func date(_ value: Date) {
        bytes.append(UInt8(ascii: "\""))
        StoreTimestamp.append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func stringArray(_ values: [String]) {
        beginArray()
        for value in values {
            element()
            string(value)
        }
        endArray()
    }

    /// A `[String: String]` as an object with its keys sorted, as `.sortedKeys` sorted them (`String` order).
    mutating func stringDictionary(_ dictionary: [String: String]) {
        stringDictionary(dictionary, keysInOrder: dictionary.keys.sorted())
    }

    /// `keysInOrder` are the dictionary's keys, already sorted.
    mutating func stringDictionary(_ dictionary: [String: String], keysInOrder: [String]) {
        beginObject()
        for key in keysInOrder {
            guard let value = dictionary[key] else { continue }
            separate()
            string(key)
            bytes.append(UInt8(ascii: ":"))
            string(value)
        }
        endObject()
    }

    /// Copies runs of bytes that need no escape in one go; RFC 8259 §7 requires escaping only `"`, `\` and U+0000–U+001F.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escape at all: one check of the whole string, then one copy.
        let clean = Self.cleanPrefixCount(utf8)
        if clean == utf8.count {
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        var runStart = 0
        var index = clean
        while index < utf8.count {
            if index + 8 <= utf8.count, let base = utf8.baseAddress,
               !Self.needsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = utf8[index]
            index += 1
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            let escaped = index - 1
            if runStart < escaped { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<escaped])) }
            runStart = index
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            default:
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]])
            }
        }
        if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// How many leading bytes certainly need no escape: all of them, or the start up to the eight-byte word where the
    /// first escape may be.
    private static func cleanPrefixCount(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = utf8.baseAddress else { return 0 }
        var index = 0
        while index + 8 <= utf8.count {
            if needsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) { return index }
            index += 8
        }
        // The last bytes (fewer than eight), padded with spaces, which need no escape.
        var tail: UInt64 = 0x2020_2020_2020_2020
        withUnsafeMutableBytes(of: &tail) { tail in
            tail.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[index...]))
        }
        return needsEscape(tail) ? index : utf8.count
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Whether any of eight bytes is below 0x20, `"` or `\`, tested on all eight at once: most strings need no escape,
    /// and testing byte by byte was most of the time spent writing them. (Bit tricks from "Bit Twiddling Hacks":
    /// `(x - 0x01…) & ~x & 0x80…` is non-zero exactly when some byte of `x` is zero.)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        // High bit of each byte that may be zero; the three tests are merged into one branch.
        func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x }
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
        let control = (word &- ones &* 0x20) & ~word
        return (control | zeroBytes(quote) | zeroBytes(backslash)) & highBits != 0
    }
}
