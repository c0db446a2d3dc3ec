/// Field names looked up together: `HeaderSection.firstFields(named:)` and `forEachField(named:_:)` answer for all of
/// them in one pass over the fields, where a lookup per name would read every field once per name.
///
/// Made once (a `static let`) and reused: the names' bytes and keys are prepared here, so a lookup only compares.
public struct HeaderFieldNames: Sendable {
    /// At most this many names: `FirstFields` keeps one position per name inline, with no allocation.
    public static let capacity = 16

    struct Entry: Sendable {
        let name: String
        /// The name's bytes, lowercased: a field's name is lowercased to be compared with them.
        let lowercasedBytes: [UInt8]
        /// `HeaderBlockParser.nameKey` of the name.
        let key: UInt32
    }

    let entries: [Entry]
    /// One bit per `filterSlot` of the names' keys: a field whose slot bit is clear has none of the names, which
    /// rules out most fields with one multiplication and one bit test.
    private let filter: UInt64

    /// `names`: field names (ASCII case ignored), at most `capacity`.
    public init(_ names: [String]) {
        precondition(names.count <= Self.capacity, "at most \(Self.capacity) names are looked up together")
        var filter: UInt64 = 0
        entries = names.map { name in
            let bytes = name.utf8.map(ByteScanning.lowercased)
            let key = bytes.withUnsafeBufferPointer(HeaderBlockParser.nameKey)
            filter |= UInt64(1) << Self.filterSlot(key)
            return Entry(name: name, lowercasedBytes: bytes, key: key)
        }
        self.filter = filter
    }

    public var count: Int { entries.count }

    /// One of 64 slots, from the key's top bits after a multiplicative hash.
    @inline(__always)
    private static func filterSlot(_ key: UInt32) -> UInt32 { (key &* 0x9E37_79B1) >> 26 }

    /// Whether a field whose name has `key` may be one of the names.
    @inline(__always)
    func mayContain(key: UInt32) -> Bool { filter & (UInt64(1) << Self.filterSlot(key)) != 0 }

    /// The index of the first name equal to the field name `buffer[name]` (whose key is `key`), or nil.
    @inline(__always)
    func nameIndex(_ buffer: UnsafeBufferPointer<UInt8>, _ name: Range<Int>, key: UInt32) -> Int? {
        for index in entries.indices where entries[index].key == key {
            let matches = entries[index].lowercasedBytes.withUnsafeBufferPointer { wanted in
                guard name.count == wanted.count else { return false }
                guard let base = buffer.baseAddress, let wantedBase = wanted.baseAddress else { return name.isEmpty }
                return ByteScanning.equalsLowercase(base + name.lowerBound, wantedBase, count: wanted.count)
            }
            if matches { return index }
        }
        return nil
    }

    /// The index of the first name equal to `name` ignoring ASCII case, or nil: for fields held as strings.
    func nameIndex(of name: String) -> Int? {
        entries.firstIndex { name.equalsIgnoringASCIICase($0.name) }
    }

    /// The position of the first field of each name, or nil where the section has none.
    public struct FirstFields: Sendable {
        /// Field positions plus one, by name index; 0 where absent.
        private var positions = SIMD16<Int32>()

        init() {}

        /// The first field called the name at `nameIndex` (its index in the names given), or nil.
        public subscript(nameIndex: Int) -> HeaderSection.FieldPosition? {
            let stored = positions[nameIndex]
            return stored == 0 ? nil : HeaderSection.FieldPosition(index: Int(stored) - 1)
        }

        /// True when the section has a field of none of the names.
        public var isEmpty: Bool { positions == SIMD16<Int32>() }

        /// Keeps `position` for `nameIndex` unless an earlier field of that name was kept.
        mutating func record(_ position: Int, for nameIndex: Int) {
            if positions[nameIndex] == 0 { positions[nameIndex] = Int32(truncatingIfNeeded: position + 1) }
        }
    }
}
