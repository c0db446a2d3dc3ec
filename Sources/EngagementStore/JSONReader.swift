import Foundation

/// Reads one JSON text (RFC 8259) from a range of bytes, value by value, in one linear pass and without recursion: the
/// store's types read their own fields (`readContact`, `readEvent`, …), and values nobody asked for are skipped with an
/// explicit stack. Nesting deeper than `maximumDepth` is refused, so no file can exhaust the stack or the memory.
///
/// Strict where Foundation's `JSONDecoder` is strict (unescaped control characters, invalid UTF-8, lone surrogates,
/// malformed numbers, junk after the value), and also refuses the extensions it tolerates (trailing commas, a byte
/// order mark); the store never wrote either. As with Foundation, the first of two equal keys wins.
struct JSONReader {
    static let maximumDepth = 512

    /// An object or array being read; `nextField`/`nextKey`/`nextElement` advance it.
    struct Container {
        fileprivate let isObject: Bool
        fileprivate var isFirst = true
        fileprivate var seenFields: UInt64 = 0
        /// Where the container opened, for errors about it as a whole (a missing key).
        let start: Int
    }

    private let bytes: [UInt8]
    private let start: Int
    private let end: Int
    private var position: Int
    private var depth = 0
    /// The last key read: a range of `bytes` when it had no escapes, else its decoded bytes.
    private var keyRange = 0..<0
    private var decodedKey: [UInt8]?

    init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        let range = range?.clamped(to: bytes.indices) ?? bytes.indices
        start = range.lowerBound
        end = range.upperBound
        position = range.lowerBound
    }

    // MARK: Errors

    func error(_ reason: String, at offset: Int? = nil) -> JSONReadError {
        JSONReadError(column: (offset ?? position) - start + 1, reason: reason)
    }

    /// The value of a key an object must have.
    func required<Value, Field: JSONField>(_ value: Value?, _ field: Field, in container: Container,
                                            of what: String) throws -> Value {
        guard let value else { throw error("\(what) without the key \"\(field.rawValue)\"", at: container.start) }
        return value
    }

    // MARK: Structure

    /// Only whitespace may follow the value.
    mutating func finish() throws {
        skipWhitespace()
        guard position == end else { throw error("unexpected \(describeNext()) after the JSON value") }
    }

    mutating func beginObject() throws -> Container {
        try open(UInt8(ascii: "{"), isObject: true, what: "an object")
    }

    mutating func beginArray() throws -> Container {
        try open(UInt8(ascii: "["), isObject: false, what: "an array")
    }

    /// The next key of `object` that is one of `Field` and not seen before in it, positioned at its value; nil at the
    /// end of the object. Values of other keys are skipped.
    mutating func nextField<Field: JSONField>(in object: inout Container, as _: Field.Type = Field.self) throws -> Field? {
        while try nextMember(in: &object) {
            try readKey()
            let found = withKeyBytes { Field.lookup.field($0) }
            if let found, object.seenFields & found.bit == 0 {
                object.seenFields |= found.bit
                return found.field
            }
            try skipValue()
        }
        return nil
    }

    /// The next key of `object` as a string, positioned at its value; nil at the end of the object.
    mutating func nextKey(in object: inout Container) throws -> String? {
        guard try nextMember(in: &object) else { return nil }
        let key = try readString()
        try expectColon()
        return key
    }

    /// True when `array` has another element, positioned at it.
    mutating func nextElement(in array: inout Container) throws -> Bool {
        try advance(in: &array)
    }

    /// Past the comma (or the opening bracket) to the next member; false after the closing bracket.
    private mutating func advance(in container: inout Container) throws -> Bool {
        let closing = container.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        skipWhitespace()
        guard position < end else {
            throw error("the \(container.isObject ? "object" : "array") is not closed (the text ends)")
        }
        if bytes[position] == closing {
            position += 1
            depth -= 1
            return false
        }
        if container.isFirst {
            container.isFirst = false
        } else {
            guard bytes[position] == UInt8(ascii: ",") else {
                throw error("expected , or \(Unicode.Scalar(closing)) but found \(describeNext())")
            }
            position += 1
            skipWhitespace()
            if position < end && bytes[position] == closing { throw error("a comma before \(Unicode.Scalar(closing))") }
        }
        return true
    }

    private mutating func open(_ opening: UInt8, isObject: Bool, what: String) throws -> Container {
        skipWhitespace()
        guard position < end, bytes[position] == opening else {
            throw error("expected \(what) but found \(describeNext())")
        }
        guard depth < Self.maximumDepth else { throw error("nested deeper than \(Self.maximumDepth) levels") }
        depth += 1
        defer { position += 1 }
        return Container(isObject: isObject, start: position)
    }

    /// To the next key's opening quote; false after the closing brace.
    private mutating func nextMember(in object: inout Container) throws -> Bool {
        guard try advance(in: &object) else { return false }
        guard position < end, bytes[position] == UInt8(ascii: "\"") else {
            throw error("expected a key in quotes but found \(describeNext())")
        }
        return true
    }

    private mutating func readKey() throws {
        let opening = position
        let scan = try scanString()
        if scan.escaped {
            position = opening
            decodedKey = try decodeEscapedString()
        } else {
            decodedKey = nil
            keyRange = scan.content
            if scan.nonASCII { _ = try validatedString(scan.content) }
        }
        try expectColon()
    }

    private func withKeyBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        if let decodedKey { return decodedKey.withUnsafeBytes(body) }
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[keyRange])) }
    }

    private mutating func expectColon() throws {
        skipWhitespace()
        guard position < end, bytes[position] == UInt8(ascii: ":") else {
            throw error("expected : after a key but found \(describeNext())")
        }
        position += 1
    }

    /// Skips one value of any kind, checking its syntax, with an explicit stack instead of recursion.
    mutating func skipValue() throws {
        var open: [Container] = []
        repeat {
            skipWhitespace()
            guard position < end else { throw error("a value is missing (the text ends)") }
            switch bytes[position] {
            case UInt8(ascii: "{"): open.append(try beginObject())
            case UInt8(ascii: "["): open.append(try beginArray())
            case UInt8(ascii: "\""):
                let opening = position
                let scan = try scanString()
                if scan.escaped {
                    position = opening
                    _ = try decodeEscapedString()
                } else if scan.nonASCII {
                    _ = try validatedString(scan.content)
                }
            case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try readBool()
            case UInt8(ascii: "n"):
                guard try readNull() else { throw error("expected a value but found \(describeNext())") }
            default: _ = try scanNumber()
            }
            // Move to the next value of the innermost open container, closing the ones that end here.
            while var innermost = open.popLast() {
                let more: Bool
                if innermost.isObject {
                    more = try nextMember(in: &innermost)
                    if more {
                        _ = try readString()
                        try expectColon()
                    }
                } else {
                    more = try nextElement(in: &innermost)
                }
                if more {
                    open.append(innermost)
                    break
                }
            }
        } while !open.isEmpty
    }

    // MARK: Scalars

    /// Consumes `null` if it comes next.
    mutating func readNull() throws -> Bool {
        skipWhitespace()
        guard position < end, bytes[position] == UInt8(ascii: "n") else { return false }
        try expectLiteral(Self.null)
        return true
    }

    mutating func readBool() throws -> Bool {
        skipWhitespace()
        guard position < end else { throw error("expected true or false but the text ends") }
        switch bytes[position] {
        case UInt8(ascii: "t"): try expectLiteral(Self.true); return true
        case UInt8(ascii: "f"): try expectLiteral(Self.false); return false
        default: throw error("expected true or false but found \(describeNext())")
        }
    }

    mutating func readInt() throws -> Int {
        skipWhitespace()
        let number = try scanNumber()
        let text = String(decoding: bytes[number.range], as: UTF8.self)
        // Foundation accepts an integral number in any form (`2.0`, `1e2`); so does this reader.
        if let value = number.isInteger ? Int(text) : Double(text).flatMap({ Int(exactly: $0) }) { return value }
        throw error("expected an integer that fits in 64 bits but found \(text)", at: number.range.lowerBound)
    }

    mutating func readString() throws -> String {
        skipWhitespace()
        guard position < end, bytes[position] == UInt8(ascii: "\"") else {
            throw error("expected a string but found \(describeNext())")
        }
        let opening = position
        let scan = try scanString()
        if scan.escaped {
            position = opening
            return try validatedString(decodeEscapedString(), at: opening)
        }
        if scan.nonASCII { return try validatedString(scan.content) }
        return String(decoding: bytes[scan.content], as: UTF8.self)
    }

    mutating func readOptionalString() throws -> String? {
        try readNull() ? nil : readString()
    }

    /// A store timestamp; the common `YYYY-MM-DDTHH:MM:SSZ` is parsed straight from the bytes.
    mutating func readDate() throws -> Date {
        skipWhitespace()
        let opening = position
        if position < end, bytes[position] == UInt8(ascii: "\"") {
            let scan = try scanString()
            let fixed = scan.escaped ? nil : bytes.withUnsafeBufferPointer {
                StoreTimestamp.parseFixed(UnsafeBufferPointer(rebasing: $0[scan.content]))
            }
            if let fixed { return fixed }
            position = opening
        }
        let text = try readString()
        guard let date = StoreTimestamp.parse(text) else {
            throw error("\"\(text)\" is not an ISO 8601 date", at: opening)
        }
        return date
    }

    mutating func readOptionalDate() throws -> Date? {
        try readNull() ? nil : readDate()
    }

    /// A string naming a case of `Value` (`"Do Not Contact"`, `"workflow"`).
    mutating func readRawValue<Value: RawRepresentable>(_: Value.Type, what: String) throws -> Value
    where Value.RawValue == String {
        skipWhitespace()
        let opening = position
        let text = try readString()
        guard let value = Value(rawValue: text) else { throw error("\"\(text)\" is not \(what)", at: opening) }
        return value
    }

    mutating func readStringArray() throws -> [String] {
        var array = try beginArray()
        var values: [String] = []
        while try nextElement(in: &array) { values.append(try readString()) }
        return values
    }

    mutating func readStringDictionary() throws -> [String: String] {
        var object = try beginObject()
        var values: [String: String] = [:]
        while let key = try nextKey(in: &object) {
            let value = try readString()
            if values[key] == nil { values[key] = value }
        }
        return values
    }

    // MARK: Bytes

    private mutating func skipWhitespace() {
        while position < end {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// From an opening quote to past the closing one. `escaped` means a backslash came first: the caller decodes the
    /// string with `decodeEscapedString` from the opening quote.
    private mutating func scanString() throws -> (content: Range<Int>, escaped: Bool, nonASCII: Bool) {
        let opening = position
        var index = position + 1
        var high: UInt8 = 0
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return (opening + 1..<index, false, high >= 0x80)
            }
            if byte == UInt8(ascii: "\\") {
                return (opening + 1..<index, true, high >= 0x80)
            }
            if byte < 0x20 { throw error("a control character (byte \(byte)) inside a string must be escaped", at: index) }
            high |= byte
            index += 1
        }
        throw error("a string is not closed (the text ends)", at: opening)
    }

    /// The bytes of a string with escapes, decoding `\uXXXX` (surrogate pairs joined, lone surrogates refused).
    private mutating func decodeEscapedString() throws -> [UInt8] {
        let opening = position
        position += 1
        var decoded: [UInt8] = []
        while position < end {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return decoded
            case UInt8(ascii: "\\"):
                guard position < end else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"): try readUnicodeEscape(into: &decoded)
                default: throw error("\\\(Unicode.Scalar(escape)) is not a JSON escape", at: position - 2)
                }
            default:
                if byte < 0x20 {
                    throw error("a control character (byte \(byte)) inside a string must be escaped", at: position - 1)
                }
                decoded.append(byte)
            }
        }
        throw error("a string is not closed (the text ends)", at: opening)
    }

    /// After `\u`: four hex digits, and for a high surrogate the `\uDC00`–`\uDFFF` that must follow it.
    private mutating func readUnicodeEscape(into decoded: inout [UInt8]) throws {
        let escapeStart = position - 2
        let first = try readHex4()
        var value = UInt32(first)
        if (0xD800..<0xDC00).contains(first) {
            guard position + 1 < end, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                throw error("a high surrogate \\u\(String(first, radix: 16)) without its low surrogate", at: escapeStart)
            }
            position += 2
            let second = try readHex4()
            guard (0xDC00..<0xE000).contains(second) else {
                throw error("a high surrogate \\u\(String(first, radix: 16)) without its low surrogate", at: escapeStart)
            }
            value = 0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
        } else if (0xDC00..<0xE000).contains(first) {
            throw error("a low surrogate \\u\(String(first, radix: 16)) without a high one before it", at: escapeStart)
        }
        guard let scalar = Unicode.Scalar(value) else { throw error("not a Unicode scalar", at: escapeStart) }
        decoded.append(contentsOf: scalar.utf8)
    }

    private mutating func readHex4() throws -> UInt16 {
        guard position + 4 <= end else { throw error("\\u needs four hex digits") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("\\u needs four hex digits")
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    private func validatedString(_ range: Range<Int>) throws -> String {
        guard let text = String(validating: bytes[range], as: UTF8.self) else {
            throw error("a string is not valid UTF-8", at: range.lowerBound - 1)
        }
        return text
    }

    private func validatedString(_ decoded: [UInt8], at opening: Int) throws -> String {
        guard let text = String(validating: decoded, as: UTF8.self) else {
            throw error("a string is not valid UTF-8", at: opening)
        }
        return text
    }

    /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`.
    private mutating func scanNumber() throws -> (range: Range<Int>, isInteger: Bool) {
        let numberStart = position
        var isInteger = true
        if position < end && bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < end, isDigit(bytes[position]) else {
            position = numberStart
            throw error("expected a value but found \(describeNext())")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < end && isDigit(bytes[position]) { throw error("a number with a leading zero", at: numberStart) }
        } else {
            skipDigits()
        }
        if position < end && bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < end, isDigit(bytes[position]) else { throw error("a number ends in its fraction") }
            skipDigits()
        }
        if position < end && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
            isInteger = false
            position += 1
            if position < end && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) {
                position += 1
            }
            guard position < end, isDigit(bytes[position]) else { throw error("a number ends in its exponent") }
            skipDigits()
        }
        return (numberStart..<position, isInteger)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while position < end && isDigit(bytes[position]) { position += 1 }
    }

    private static let null = Array("null".utf8)
    private static let `true` = Array("true".utf8)
    private static let `false` = Array("false".utf8)

    private mutating func expectLiteral(_ literal: [UInt8]) throws {
        guard position + literal.count <= end, bytes[position..<(position + literal.count)].elementsEqual(literal) else {
            throw error("expected \(String(decoding: literal, as: UTF8.self)) but found \(describeNext())")
        }
        position += literal.count
    }

    /// The next few bytes, quoted, for an error message.
    private func describeNext() -> String {
        guard position < end else { return "the end of the text" }
        let shown = bytes[position..<min(end, position + 12)]
        return "\"" + String(decoding: shown, as: UTF8.self) + "\""
    }
}
