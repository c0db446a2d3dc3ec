import Engagement
import Foundation

/// Appends JSON text to a byte buffer, byte for byte as Foundation's `JSONEncoder` wrote the store's files
/// (`.sortedKeys`, `.withoutEscapingSlashes`): no whitespace, `"` and `\` escaped, control characters as `\b \t \n \f \r`
/// or `\u00XX` (lowercase hex), everything else (`/`, DEL, non-ASCII) as raw UTF-8. Writing by hand is what makes a
/// store commit cheap: the encoder's Codable machinery was most of the CPU time of `apply`.
///
/// Callers write object keys in sorted order themselves (the store's types have fixed keys; dictionaries go through
/// `stringDictionary`). Commas are placed automatically: a key or element needs one unless it opens its container.
///
/// The text goes into the writer's own growing buffer: a journal batch is hundreds of short keys, strings and
/// punctuation, and an array's append (uniqueness and capacity checks, a generic copy) cost more than the bytes.
struct JSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 0) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The text written so far.
    var bytes: [UInt8] { withBytes { Array($0) } }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    mutating func beginObject() { put(UInt8(ascii: "{")) }
    mutating func endObject() { put(UInt8(ascii: "}")) }
    mutating func beginArray() { put(UInt8(ascii: "[")) }
    mutating func endArray() { put(UInt8(ascii: "]")) }
    mutating func newline() { put(UInt8(ascii: "\n")) }

    /// `"name":`, preceded by a comma unless it is the object's first key.
    mutating func key<Field: JSONField>(_ field: Field) {
        separate()
        // Prepared once per field set: making the key's bytes from its raw value each time cost more than the value.
        if let quoted = Field.lookup.quotedKey(field) {
            quoted.withUnsafeBufferPointer { put($0) }
            return
        }
        put(UInt8(ascii: "\""))
        var name = field.rawValue
        name.withUTF8 { put($0) }
        put(UInt8(ascii: "\""))
        put(UInt8(ascii: ":"))
    }

    /// A comma before an array element unless it is the first.
    mutating func element() { separate() }

    private mutating func separate() {
        if count > 0, base[count - 1] != UInt8(ascii: "{") && base[count - 1] != UInt8(ascii: "[") {
            put(UInt8(ascii: ","))
        }
    }

    mutating func string(_ value: String) {
        value.withBorrowedUTF8 { appendEscaped($0) }
    }

    mutating func int(_ value: Int) {
        var decimal = String(value)
        decimal.withUTF8 { put($0) }
    }

    mutating func bool(_ value: Bool) {
        put(value ? "true" : "false")
    }

    /// A store timestamp: `"2027-01-15T08:00:00Z"`.
    mutating func date(_ value: Date) {
        reserve(StoreTimestamp.length + 2)
        base[count] = UInt8(ascii: "\"")
        StoreTimestamp.write(value, to: base + count + 1)
        base[count + 1 + StoreTimestamp.length] = UInt8(ascii: "\"")
        count += StoreTimestamp.length + 2
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
            put(UInt8(ascii: ":"))
            string(value)
        }
        endObject()
    }

    /// Room for `extra` more bytes.
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(2 * capacity, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = grown
    }

    private mutating func put(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    private mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    private mutating func put(_ text: StaticString) {
        text.withUTF8Buffer { put($0) }
    }

    /// Copies runs of bytes that need no escape in one go; RFC 8259 §7 requires escaping only `"`, `\` and U+0000–U+001F.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        put(UInt8(ascii: "\""))
        // Most strings need no escape at all: one check of the whole string, then one copy.
        let clean = Self.cleanPrefixCount(utf8)
        if clean == utf8.count {
            put(utf8)
            put(UInt8(ascii: "\""))
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
            if runStart < escaped { put(UnsafeBufferPointer(rebasing: utf8[runStart..<escaped])) }
            runStart = index
            put(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): put(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): put(UInt8(ascii: "\\"))
            case 0x08: put(UInt8(ascii: "b"))
            case 0x09: put(UInt8(ascii: "t"))
            case 0x0A: put(UInt8(ascii: "n"))
            case 0x0C: put(UInt8(ascii: "f"))
            case 0x0D: put(UInt8(ascii: "r"))
            default:
                put("u00")
                put(Self.hexDigits[Int(byte >> 4)])
                put(Self.hexDigits[Int(byte & 0xF)])
            }
        }
        if runStart < utf8.count { put(UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        put(UInt8(ascii: "\""))
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
