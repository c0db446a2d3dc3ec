#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Reads an RFC 5322 header block (fields up to the first empty line) from an LF-normalised
/// buffer: unfolds continuation lines, keeps duplicates and malformed lines in order.
struct HeaderBlockParser {
    struct Result {
        var fields: [HeaderField]
        /// Offset of the first byte after the empty line (or `end` when the block ran to the end).
        var bodyStart: Int
        /// Fields dropped because the section exceeded the header limit.
        var droppedFields: Int
        var malformedLines: Int
        /// True when the block ran to the end without the empty line that separates the body.
        var endedWithoutBlankLine: Bool
    }

    /// Where one field lies in the buffer: its name, and its value with the line breaks of its continuation lines
    /// still in it (a field's lines are consecutive, so its value is one range).
    struct FieldLayout: Sendable {
        var name: Range<Int>
        var value: Range<Int>
        var isFolded: Bool
        var isMalformed: Bool
        /// `nameKey` of the name: lookups by name compare this one number before any byte.
        var nameKey: UInt32
    }

    /// The length and first and last bytes (ASCII lowercased) of a field name, in one number: names that differ
    /// in it differ ignoring case, and few names of one block share it.
    @inline(__always)
    static func nameKey(_ name: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let first = name.first, let last = name.last else { return 0 }
        return UInt32(truncatingIfNeeded: name.count) << 16 | UInt32(ByteScanning.lowercased(first)) << 8
            | UInt32(ByteScanning.lowercased(last))
    }

    /// The fields of a block located but not yet made into `HeaderField`s.
    struct Layout {
        var fields: [FieldLayout] = []
        var bodyStart = 0
        var droppedFields = 0
        var malformedLines = 0
        var endedWithoutBlankLine = false
    }

    let maxFields: Int

    /// Parses the header block in `buffer[start..<end]`.
    /// A part whose first line is not a header (broken mailers omit the blank line before a
    /// body) is read as having no headers, its body starting at `start`.
    func parse(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Result {
        let layout = locate(buffer, start: start, end: end)
        var fields: [HeaderField] = []
        fields.reserveCapacity(layout.fields.count)
        for field in layout.fields { fields.append(Self.makeField(buffer, field)) }
        return Result(fields: fields, bodyStart: layout.bodyStart, droppedFields: layout.droppedFields,
                      malformedLines: layout.malformedLines, endedWithoutBlankLine: layout.endedWithoutBlankLine)
    }

    /// Finds the fields of the header block in `buffer[start..<end]` without making their strings. `expectedFields`
    /// sizes the list: a message carries a dozen or more fields (growing from empty would reallocate several
    /// times), a MIME part or a report block a few (and a small list is a cheaper allocation to make and free).
    func locate(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int, expectedFields: Int = 32) -> Layout {
        var fields: [FieldLayout] = []
        fields.reserveCapacity(Swift.max(0, Swift.min(maxFields, expectedFields)))
        var droppedFields = 0, malformedLines = 0
        var position = start
        // The field being read, as its index in `fields`: it is listed when its first line is read, and a
        // continuation line extends the value listed. One number, not a pending field flushed at the next, keeps
        // the loop's state in registers.
        let noField = -1, droppedField = -2
        var current = noField

        // An mbox envelope line ("From sender date") before the headers is not a header.
        if position + 5 <= end, buffer[position] == 0x46, buffer[position + 1] == 0x72, buffer[position + 2] == 0x6F,
           buffer[position + 3] == 0x6D, buffer[position + 4] == 0x20 {
            position = min(end, ByteScanning.lineEnd(buffer, from: position, end: end) + 1)
        }

        while position < end {
            let lineEnd = ByteScanning.lineEnd(buffer, from: position, end: end)
            let next = min(end, lineEnd + 1)
            if lineEnd == position {  // the empty line: headers end here
                return Layout(fields: fields, bodyStart: next, droppedFields: droppedFields,
                              malformedLines: malformedLines, endedWithoutBlankLine: false)
            }
            let first = buffer[position]
            // A part whose first line is not a header (leading whitespace, no name) has no header block.
            var nameEnd: Int, valueStart: Int, malformed = false
            if first == 0x20 || first == 0x09 {
                if current == noField { return Self.noHeaders(bodyStart: start) }
                if current >= 0 { Self.extend(&fields[current], to: lineEnd) }
                position = next
                continue
            }
            if let colon = Self.fieldNameEnd(buffer, from: position, end: lineEnd) {
                nameEnd = colon
                valueStart = colon + 1
            } else {
                if current == noField { return Self.noHeaders(bodyStart: start) }
                malformedLines += 1
                if let badColon = Self.colonAfterInvalidName(buffer, from: position, end: lineEnd) {
                    // "Bad Header: value": not a valid name, but plainly meant as its own field.
                    nameEnd = badColon
                    valueStart = badColon + 1
                    malformed = true
                } else {
                    // A line without a name after a field is almost always a continuation that lost
                    // its leading whitespace ("Content-Type: multipart/alternative;\nboundary=...").
                    if current >= 0 { Self.extend(&fields[current], to: lineEnd) }
                    position = next
                    continue
                }
            }
            while nameEnd > position, buffer[nameEnd - 1] == 0x20 || buffer[nameEnd - 1] == 0x09 { nameEnd -= 1 }
            if fields.count >= maxFields {
                droppedFields += 1
                current = droppedField
            } else {
                current = fields.count
                fields.append(FieldLayout(name: position..<nameEnd, value: valueStart..<lineEnd, isFolded: false,
                                          isMalformed: malformed,
                                          nameKey: Self.nameKey(UnsafeBufferPointer(rebasing: buffer[position..<nameEnd]))))
            }
            position = next
        }
        return Layout(fields: fields, bodyStart: end, droppedFields: droppedFields, malformedLines: malformedLines,
                      endedWithoutBlankLine: true)
    }

    /// The layout of a part that has no header block: its body starts at `bodyStart`.
    private static func noHeaders(bodyStart: Int) -> Layout {
        var empty = Layout()
        empty.bodyStart = bodyStart
        return empty
    }

    /// A continuation line, ending at `lineEnd`, added to a listed field's value.
    @inline(__always)
    private static func extend(_ field: inout FieldLayout, to lineEnd: Int) {
        field.value = field.value.lowerBound..<lineEnd
        field.isFolded = true
    }

    /// One located field as a `HeaderField`: its value unfolded, the name reusing a stored string when common.
    static func makeField(_ buffer: UnsafeBufferPointer<UInt8>, _ field: FieldLayout) -> HeaderField {
        let raw = rawValue(buffer, field)
        let nameText = CommonFieldNames.name(buffer, field.name)
            ?? String(checkedASCII: UnsafeBufferPointer(rebasing: buffer[field.name]))
        return HeaderField(name: nameText, rawValue: raw, value: decodedValue(buffer, field, raw: raw),
                           isMalformed: field.isMalformed)
    }

    /// Calls `body` with a located field's value in place when it reads exactly as `value` would, or returns nil: a
    /// one-line ASCII value without an encoded word is its trimmed bytes.
    static func withPlainValueBytes<Result>(_ buffer: UnsafeBufferPointer<UInt8>, _ field: FieldLayout,
                                            _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        plainValueRange(buffer, field).map { body(UnsafeBufferPointer(rebasing: buffer[$0])) }
    }

    /// Calls `body` with a located field's value in place when it reads exactly as `rawValue` would, or returns nil:
    /// a one-line ASCII value is its trimmed bytes.
    static func withASCIIRawValueBytes<Result>(_ buffer: UnsafeBufferPointer<UInt8>, _ field: FieldLayout,
                                               _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        asciiRawValueRange(buffer, field).map { body(UnsafeBufferPointer(rebasing: buffer[$0])) }
    }

    /// Where in `buffer` the bytes `withPlainValueBytes` would pass lie, or nil. Not generic, so readers that are
    /// (and run unspecialised) find the range without generic code.
    static func plainValueRange(_ buffer: UnsafeBufferPointer<UInt8>, _ field: FieldLayout) -> Range<Int>? {
        containsEncodedWordStart(buffer, field.value) ? nil : asciiRawValueRange(buffer, field)
    }

    /// Where in `buffer` the bytes `withASCIIRawValueBytes` would pass lie, or nil.
    static func asciiRawValueRange(_ buffer: UnsafeBufferPointer<UInt8>, _ field: FieldLayout) -> Range<Int>? {
        guard !field.isFolded else { return nil }
        let range = ByteScanning.trimmed(buffer, field.value)
        var combined: UInt8 = 0
        for byte in UnsafeBufferPointer(rebasing: buffer[range]) { combined |= byte }
        return combined < 0x80 ? range : nil
    }

    /// A located field's value unfolded and decoded: `HeaderField.value`.
    static func value(_ buffer: UnsafeBufferPointer<UInt8>, _ field: FieldLayout) -> String {
        decodedValue(buffer, field, raw: rawValue(buffer, field))
    }

    @inline(__always)
    private static func decodedValue(_ buffer: UnsafeBufferPointer<UInt8>, _ field: FieldLayout,
                                     raw: String) -> String {
        // Only values holding "=?" can carry encoded words; the rest need no decoding pass. A line break between
        // "=" and "?" separates them, as it did before unfolding.
        containsEncodedWordStart(buffer, field.value) ? EncodedWordDecoder.decode(raw) : raw
    }

    /// A located field's value unfolded and trimmed, not decoded: `HeaderField.rawValue`.
    static func rawValue(_ buffer: UnsafeBufferPointer<UInt8>, _ field: FieldLayout) -> String {
        field.isFolded ? unfolded(buffer, field.value)
            : TextDecoding.decodeHeader(UnsafeBufferPointer(rebasing: buffer[ByteScanning.trimmed(buffer, field.value)]))
    }

    /// Offset of the colon ending a valid field name on this line (printable ASCII, no spaces
    /// inside the name; whitespace before the colon is tolerated), or nil. Inlined: it is read for every line of
    /// every header block.
    @inline(__always)
    static func fieldNameEnd(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int? {
        var index = from
        // Every line of every header block starts here: name bytes (printable ASCII but the colon) are skipped eight
        // at a time, then one at a time, before the careful loop below looks at what ends the name.
        if let base = buffer.baseAddress {
            while index + 8 <= end {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let nameBytes = ByteScanning.firstNonNameByte(in: word)
                index += nameBytes
                if nameBytes < 8 { break }
            }
        }
        while index < end, buffer[index] &- 0x21 < 0x5E, buffer[index] != 0x3A { index += 1 }
        while index < end {
            let byte = buffer[index]
            if byte == 0x3A { return index > from ? index : nil }
            if byte == 0x20 || byte == 0x09 {
                // Only whitespace may follow before the colon ("Subject : x").
                var probe = index
                while probe < end, buffer[probe] == 0x20 || buffer[probe] == 0x09 { probe += 1 }
                return (probe < end && buffer[probe] == 0x3A && index > from) ? probe : nil
            }
            if byte < 0x21 || byte > 0x7E { return nil }
            index += 1
        }
        return nil
    }

    @inline(__always)
    static func containsEncodedWordStart(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= 2, let base = buffer.baseAddress else { return false }
        var position = range.lowerBound
        while position < range.upperBound - 1 {
            guard let hit = memchr(base + position, 0x3D, range.upperBound - 1 - position) else { return false }
            let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if buffer[index + 1] == 0x3F { return true }
            position = index + 1
        }
        return false
    }

    /// A colon after a short run of printable text and spaces (an invalid field name), or nil.
    static func colonAfterInvalidName(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int? {
        var index = from
        while index < end, index - from < 64 {
            let byte = buffer[index]
            if byte == 0x3A { return index > from ? index : nil }
            if byte < 0x20 || byte > 0x7E { return nil }
            index += 1
        }
        return nil
    }

    /// Unfolds: the line breaks are dropped and the continuation whitespace kept; a continuation line that lost its
    /// leading whitespace gets one space.
    private static func unfolded(_ buffer: UnsafeBufferPointer<UInt8>, _ value: Range<Int>) -> String {
        // Nearly every value is ASCII, its text the unfolded bytes: they are written into scratch memory (every
        // inserted space takes the place of a dropped line break, so the value's length is room enough), trimmed
        // there, and copied into the string. Any other value goes through a byte list, decoded as header bytes.
        var combined: UInt8 = 0
        for byte in UnsafeBufferPointer(rebasing: buffer[value]) { combined |= byte }
        if combined < 0x80 {
            return String(checkedASCIICapacity: value.count) { output in
                let length = unfold(buffer, value, into: output)
                let kept = ByteScanning.trimmed(UnsafeBufferPointer(output), 0..<length)
                if let base = output.baseAddress, kept.lowerBound > 0, !kept.isEmpty {
                    memmove(base, base + kept.lowerBound, kept.count)
                }
                return kept.count
            }
        }
        let bytes = [UInt8](unsafeUninitializedCapacity: value.count) { output, written in
            written = unfold(buffer, value, into: output)
        }
        let range = bytes.withUnsafeBufferPointer { ByteScanning.trimmed($0, 0..<bytes.count) }
        return TextDecoding.decodeHeader(bytes[range])
    }

    /// Writes `buffer[value]` unfolded into `output` (at least `value.count` long) and returns the length written.
    private static func unfold(_ buffer: UnsafeBufferPointer<UInt8>, _ value: Range<Int>,
                               into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var length = 0
        var lineStart = value.lowerBound
        while lineStart <= value.upperBound {
            let lineEnd = ByteScanning.lineEnd(buffer, from: lineStart, end: value.upperBound)
            if lineStart > value.lowerBound, lineStart < lineEnd, buffer[lineStart] != 0x20, buffer[lineStart] != 0x09 {
                output[length] = 0x20
                length += 1
            }
            if let source = buffer.baseAddress, let target = output.baseAddress, lineEnd > lineStart {
                (target + length).update(from: source + lineStart, count: lineEnd - lineStart)
                length += lineEnd - lineStart
            }
            lineStart = lineEnd + 1
        }
        return length
    }
}
