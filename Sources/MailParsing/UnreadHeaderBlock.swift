/// A header block kept as the bytes it was read from, with where each field lies; a field's strings are made only
/// when it is asked for.
///
/// A message carries dozens of fields (trace lines, signatures, vendor headers), and the embedded original of a
/// bounce as many again, while readers ask for a handful by name; a MIME part's few fields are read only for its
/// Content-Type, encoding and disposition, and a delivery report's only for the values a recipient is reduced to.
/// Making every name and value a string at parse time, and freeing them all afterwards, was a large share of the
/// parse. The block shares the buffer it was read from (the message, part body or report that holds it) rather than
/// copying its span: that buffer lives as long as the message anyway. Immutable, so it is shared freely by copies
/// of a message and across threads.
struct UnreadHeaderBlock: Sendable {
    /// The whole buffer the block was read from; `layout` holds offsets into it.
    private let bytes: [UInt8]
    private let layout: [HeaderBlockParser.FieldLayout]

    /// The fields `layout` located in `source`.
    init(source: [UInt8], layout: [HeaderBlockParser.FieldLayout]) {
        bytes = source
        self.layout = layout
    }

    var count: Int { layout.count }

    func field(at index: Int) -> HeaderField {
        bytes.withUnsafeBufferPointer { HeaderBlockParser.makeField($0, layout[index]) }
    }

    /// The decoded value of field `index` (`HeaderField.value`), without making its name.
    func value(at index: Int) -> String {
        bytes.withUnsafeBufferPointer { HeaderBlockParser.value($0, layout[index]) }
    }

    /// The unfolded, undecoded value of field `index`, without decoding its encoded words.
    func rawValue(at index: Int) -> String {
        bytes.withUnsafeBufferPointer { HeaderBlockParser.rawValue($0, layout[index]) }
    }

    /// Calls `body` with field `index`'s value in place when it reads exactly as `value(at:)` would, or returns nil:
    /// a one-line ASCII value without an encoded word is its trimmed bytes.
    func withPlainValueBytes<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        bytes.withUnsafeBufferPointer { HeaderBlockParser.withPlainValueBytes($0, layout[index], body) }
    }

    /// Calls `body` with field `index`'s value in place when it reads exactly as `rawValue(at:)` would, or returns
    /// nil: a one-line ASCII value is its trimmed bytes.
    func withASCIIRawValueBytes<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        bytes.withUnsafeBufferPointer { HeaderBlockParser.withASCIIRawValueBytes($0, layout[index], body) }
    }

    /// Where field `index`'s value lies in the block when it reads exactly as `rawValue(at:)` (`raw`) or
    /// `value(at:)` would, or nil (see `withASCIIRawValueBytes`, `withPlainValueBytes`); read with `withBytes(in:_:)`.
    func inPlaceValueRange(at index: Int, raw: Bool) -> Range<Int>? {
        bytes.withUnsafeBufferPointer {
            raw ? HeaderBlockParser.asciiRawValueRange($0, layout[index])
                : HeaderBlockParser.plainValueRange($0, layout[index])
        }
    }

    /// Calls `body` with the block's bytes in `range` (one `inPlaceValueRange` gave).
    func withBytes<Result>(in range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Calls `body` with field `index`'s value as it stands in the block: folded, untrimmed, undecoded.
    func withValueBytes<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[layout[index].value])) }
    }

    var allFields: [HeaderField] {
        bytes.withUnsafeBufferPointer { buffer in
            layout.map { HeaderBlockParser.makeField(buffer, $0) }
        }
    }

    /// Index of the first field called `name` (ASCII case ignored), or nil.
    func firstIndex(named name: String) -> Int? {
        var found: Int?
        forEachIndex(named: name) { index in
            found = index
            return false
        }
        return found
    }

    /// Indices of every field called `name`, in order.
    func indices(named name: String) -> [Int] {
        var found: [Int] = []
        forEachIndex(named: name) { index in
            found.append(index)
            return true
        }
        return found
    }

    /// Calls `body` with the index of each field called `name`, in order, while it returns true. Readers ask for
    /// fields by name many times per message, so this is a plain loop over the layout: name keys first, bytes after.
    func forEachIndex(named name: String, _ body: (Int) -> Bool) {
        var name = name
        name.withUTF8 { wanted in
            bytes.withUnsafeBufferPointer { buffer in
                let key = HeaderBlockParser.nameKey(wanted)
                layout.withUnsafeBufferPointer { fields in
                    for index in 0..<fields.count where fields[index].nameKey == key {
                        if Self.nameMatches(buffer, fields[index].name, wanted), !body(index) { return }
                    }
                }
            }
        }
    }

    /// Calls `body` with the index of each field whose name is one of `names`, and the index of that name, in field
    /// order, while it returns true: one pass for all the names.
    func forEachIndex(namedAnyOf names: HeaderFieldNames, _ body: (_ field: Int, _ name: Int) -> Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            layout.withUnsafeBufferPointer { fields in
                for index in 0..<fields.count where names.mayContain(key: fields[index].nameKey) {
                    if let name = names.nameIndex(buffer, fields[index].name, key: fields[index].nameKey),
                       !body(index, name) {
                        return
                    }
                }
            }
        }
    }

    /// Field names are ASCII (the parser accepts no other bytes in them), so bytes compare as the strings would.
    @inline(__always)
    static func nameMatches(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                    _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        guard range.count == wanted.count else { return false }
        guard let base = buffer.baseAddress, let wantedBase = wanted.baseAddress else { return range.isEmpty }
        return ByteScanning.equalIgnoringASCIICase(base + range.lowerBound, wantedBase, count: wanted.count)
    }
}
