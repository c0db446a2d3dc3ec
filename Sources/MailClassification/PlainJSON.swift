/// A JSON object read in one pass into a flat list of its values, none of which becomes a Swift value until asked
/// for: an SES notification is read for a few of its fields, and `JSONSerialization` made a Foundation object of
/// every value (ten times the cost of reading the bytes).
///
/// Only plain JSON is read, which `JSONSerialization` reads to the same values: an object at the top, at most 64
/// levels deep; strings without control characters or escaped surrogates; numbers of at most 15 digits before and
/// after an optional point (no exponent, no leading zero); no comma before a closing bracket. `init` fails on
/// anything else, and the caller reads such a document with `JSONSerialization`.
struct PlainJSON {
    enum Kind { case object, array, string, other }

    struct Value {
        let kind: Kind
        /// Where the value's bytes start and end; for a string, inside its quotes.
        let start: Int
        var end: Int
        /// Index in `values` just past this value and everything inside it.
        var next: Int
        /// A string that holds a backslash escape.
        let escaped: Bool
    }

    private let bytes: [UInt8]
    /// Values in document order: an object's keys and values alternate after it, an array's elements follow it.
    private var values: [Value] = []
    private static let maximumDepth = 64

    /// The document in `bytes` (valid UTF-8), or nil when it is not plain JSON with an object at the top.
    init?(_ bytes: [UInt8]) {
        self.bytes = bytes
        var index = skippingWhitespace(from: 0)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{"), readValue(at: &index, depth: 0) else { return nil }
        guard skippingWhitespace(from: index) == bytes.count else { return nil }
    }

    /// The index of the top-level object.
    var root: Int { 0 }

    /// The value of the last member of the object at `object` named `key` (as `Dictionary` keeps the last of
    /// repeated keys); nil when there is none or `object` is no object.
    func member(_ key: String, of object: Int?) -> Int? {
        guard let object, values[object].kind == .object else { return nil }
        var found: Int?
        var member = object + 1
        while member < values[object].next {
            if keyEquals(at: member, key) { found = member + 1 }
            member = values[member + 1].next
        }
        return found
    }

    /// The indexes of the elements of the array at `array`; nil when it is no array.
    func elements(of array: Int?) -> [Int]? {
        guard let array, values[array].kind == .array else { return nil }
        var elements: [Int] = []
        var element = array + 1
        while element < values[array].next {
            elements.append(element)
            element = values[element].next
        }
        return elements
    }

    func isObject(_ value: Int) -> Bool { values[value].kind == .object }

    /// The string at `value`, escapes read; nil when it is no string.
    func string(_ value: Int?) -> String? {
        guard let value, values[value].kind == .string else { return nil }
        let text = values[value]
        guard text.escaped else { return String(decoding: bytes[text.start..<text.end], as: UTF8.self) }
        return String(decoding: unescaped(text), as: UTF8.self)
    }

    // MARK: - Reading

    /// Compared where the key sits; only a key with escapes is unescaped first.
    private func keyEquals(at key: Int, _ name: String) -> Bool {
        let text = values[key]
        return text.escaped ? unescaped(text).elementsEqual(name.utf8)
            : bytes[text.start..<text.end].elementsEqual(name.utf8)
    }

    private func skippingWhitespace(from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
            index += 1
        }
        return index
    }

    /// Reads the value at `index` (no whitespace before it) and moves `index` past it; false when it is not plain.
    private mutating func readValue(at index: inout Int, depth: Int) -> Bool {
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return readContainer(at: &index, depth: depth + 1)
        case UInt8(ascii: "\""):
            return readString(at: &index)
        case UInt8(ascii: "t"): return readLiteral("true", at: &index)
        case UInt8(ascii: "f"): return readLiteral("false", at: &index)
        case UInt8(ascii: "n"): return readLiteral("null", at: &index)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return readNumber(at: &index)
        default:
            return false
        }
    }

    private mutating func readContainer(at index: inout Int, depth: Int) -> Bool {
        guard depth <= Self.maximumDepth else { return false }
        let isObject = bytes[index] == UInt8(ascii: "{")
        let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        let position = values.count
        values.append(Value(kind: isObject ? .object : .array, start: index, end: index, next: 0, escaped: false))
        index = skippingWhitespace(from: index + 1)
        if index < bytes.count, bytes[index] == close {
            index += 1
        } else {
            while true {
                if isObject {
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), readString(at: &index) else { return false }
                    index = skippingWhitespace(from: index)
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
                    index = skippingWhitespace(from: index + 1)
                }
                guard readValue(at: &index, depth: depth) else { return false }
                index = skippingWhitespace(from: index)
                guard index < bytes.count else { return false }
                if bytes[index] == close { index += 1; break }
                guard bytes[index] == UInt8(ascii: ",") else { return false }
                index = skippingWhitespace(from: index + 1)
            }
        }
        values[position].end = index
        values[position].next = values.count
        return true
    }

    private mutating func readString(at index: inout Int) -> Bool {
        let start = index + 1
        var cursor = start
        var escaped = false
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                values.append(Value(kind: .string, start: start, end: cursor, next: values.count + 1, escaped: escaped))
                index = cursor + 1
                return true
            }
            guard byte >= 0x20 else { return false }
            if byte == UInt8(ascii: "\\") {
                guard cursor + 1 < bytes.count else { return false }
                escaped = true
                switch bytes[cursor + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    cursor += 2
                case UInt8(ascii: "u"):
                    guard let scalar = hexScalar(at: cursor + 2), !(0xD800...0xDFFF).contains(scalar) else { return false }
                    cursor += 6
                default:
                    return false
                }
                continue
            }
            cursor += 1
        }
        return false
    }

    /// The value of the four hex digits at `start`.
    private func hexScalar(at start: Int) -> UInt32? {
        guard start + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[start..<(start + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func readLiteral(_ literal: StaticString, at index: inout Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let matches = literal.withUTF8Buffer { bytes[index..<(index + count)].elementsEqual($0) }
        guard matches else { return false }
        values.append(Value(kind: .other, start: index, end: index + count, next: values.count + 1, escaped: false))
        index += count
        return true
    }

    /// `-`, 1 to 15 digits without a leading zero (but "0" itself), and optionally `.` and 1 to 15 digits, followed by
    /// whitespace, a comma or a closing bracket.
    private mutating func readNumber(at index: inout Int) -> Bool {
        var cursor = index
        if bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
        func digits(from start: Int) -> Int {
            var end = start
            while end < bytes.count, end - start <= 15, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") { end += 1 }
            return end
        }
        let integerEnd = digits(from: cursor)
        let integerDigits = integerEnd - cursor
        guard integerDigits >= 1, integerDigits <= 15, integerDigits == 1 || bytes[cursor] != UInt8(ascii: "0") else { return false }
        cursor = integerEnd
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") {
            let fractionEnd = digits(from: cursor + 1)
            guard fractionEnd - (cursor + 1) >= 1, fractionEnd - (cursor + 1) <= 15 else { return false }
            cursor = fractionEnd
        }
        guard cursor < bytes.count else { return false }
        switch bytes[cursor] {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"): break
        default: return false
        }
        values.append(Value(kind: .other, start: index, end: cursor, next: values.count + 1, escaped: false))
        index = cursor
        return true
    }

    /// The UTF-8 of a string whose escapes `readString` accepted.
    private func unescaped(_ text: Value) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.end - text.start)
        var cursor = text.start
        while cursor < text.end {
            let byte = bytes[cursor]
            guard byte == UInt8(ascii: "\\") else { out.append(byte); cursor += 1; continue }
            let kind = bytes[cursor + 1]
            cursor += 2
            switch kind {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                if let value = hexScalar(at: cursor), let scalar = Unicode.Scalar(value) {
                    out.append(contentsOf: String(scalar).utf8)
                }
                cursor += 4
            default: out.append(kind)
            }
        }
        return out
    }
}
