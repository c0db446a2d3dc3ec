/// The header fields of a message or MIME part, in their original order, duplicates included.
public struct HeaderSection: Sendable, Hashable, Codable {
    /// A parsed header block (a message's, a MIME part's, a delivery report's) is kept unread until asked for (see
    /// `UnreadHeaderBlock`); a section built from fields, or whose fields were replaced, holds them as they are.
    private var storage: Storage

    private enum Storage: Sendable {
        case fields([HeaderField])
        case unread(UnreadHeaderBlock)
    }

    public init(fields: [HeaderField] = []) { storage = .fields(fields) }

    init(unread block: UnreadHeaderBlock) { storage = .unread(block) }

    /// Every field, in order. For a parsed header block the fields are made on each read: read it once and
    /// keep the array rather than reading it inside a loop, or look fields up by name.
    public var fields: [HeaderField] {
        get {
            switch storage {
            case .fields(let fields): return fields
            case .unread(let block): return block.allFields
            }
        }
        set { storage = .fields(newValue) }
    }

    /// The first field called `name` (case-insensitive).
    func first(named name: String) -> HeaderField? {
        switch storage {
        case .fields(let fields): return fields.first { $0.hasName(name) }
        case .unread(let block): return block.firstIndex(named: name).map(block.field(at:))
        }
    }

    /// Every field called `name`, in order.
    func all(named name: String) -> [HeaderField] {
        switch storage {
        case .fields(let fields): return fields.filter { $0.hasName(name) }
        case .unread(let block): return block.indices(named: name).map(block.field(at:))
        }
    }

    /// Undecoded values of every field called `name`, in order (no encoded word is decoded on the way).
    func rawValues(named name: String) -> [String] {
        switch storage {
        case .fields(let fields): return fields.filter { $0.hasName(name) }.map(\.rawValue)
        case .unread(let block): return block.indices(named: name).map(block.rawValue(at:))
        }
    }

    /// Calls `body` with the UTF-8 of each raw value (`HeaderField.rawValue`) of a field called `name`, in order: a
    /// parsed block's one-line ASCII value in place, with no string made.
    func forEachRawValueUTF8(named name: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        switch storage {
        case .fields(let fields):
            for field in fields where field.hasName(name) {
                var raw = field.rawValue
                raw.withUTF8(body)
            }
        case .unread(let block):
            block.forEachIndex(named: name) { index in
                if block.withASCIIRawValueBytes(at: index, body) == nil {
                    var raw = block.rawValue(at: index)
                    raw.withUTF8(body)
                }
                return true
            }
        }
    }

    /// The undecoded value of the first field called `name`, without decoding its encoded words.
    func firstRawValue(named name: String) -> String? {
        switch storage {
        case .fields(let fields): return fields.first { $0.hasName(name) }?.rawValue
        case .unread(let block): return block.firstIndex(named: name).map(block.rawValue(at:))
        }
    }

    /// Message-ids (brackets removed) in the first field called `name`, or nil when there is none. A parsed
    /// header block is read in place when the value is ASCII: no unfolded value string is made for it.
    func firstMessageIDs(named name: String) -> [String]? {
        guard case .unread(let block) = storage else { return firstRawValue(named: name).map(MessageIDList.parse) }
        return block.firstIndex(named: name).map { messageIDs(at: FieldPosition(index: $0)) }
    }

    /// Message-ids (brackets removed) in the field at `position`, read in place as `firstMessageIDs` reads them.
    func messageIDs(at position: FieldPosition) -> [String] {
        guard case .unread(let block) = storage else { return MessageIDList.parse(rawValue(at: position)) }
        return block.withValueBytes(at: position.index, MessageIDList.parse(asciiFieldValue:))
            ?? MessageIDList.parse(block.rawValue(at: position.index))
    }

    /// The first message-id (brackets removed) in the field at `position`: `messageIDs(at:).first`, without the list.
    func firstMessageID(at position: FieldPosition) -> String? {
        guard case .unread(let block) = storage else { return messageIDs(at: position).first }
        return block.withValueBytes(at: position.index, MessageIDList.firstID(asciiFieldValue:))
            ?? MessageIDList.parse(block.rawValue(at: position.index)).first
    }

    /// Where a field stands in this section, as found by a lookup by several names; read its value through the same
    /// section.
    public struct FieldPosition: Sendable, Hashable {
        let index: Int
    }

    /// The first field of each of `names`, found in one pass over the fields.
    public func firstFields(named names: HeaderFieldNames) -> HeaderFieldNames.FirstFields {
        var found = HeaderFieldNames.FirstFields()
        forEachField(named: names) { name, position in
            found.record(position.index, for: name)
            return true
        }
        return found
    }

    /// Calls `body` with each field whose name is one of `names` (the index of that name in `names`, and where the
    /// field stands), in order, while `body` returns true: one pass over the fields for all the names.
    public func forEachField(named names: HeaderFieldNames, _ body: (_ nameIndex: Int, FieldPosition) -> Bool) {
        switch storage {
        case .fields(let fields):
            for index in fields.indices {
                if let name = names.nameIndex(of: fields[index].name), !body(name, FieldPosition(index: index)) { return }
            }
        case .unread(let block):
            block.forEachIndex(namedAnyOf: names) { index, name in body(name, FieldPosition(index: index)) }
        }
    }

    /// Where the first field called `name` stands, or nil when there is none.
    func firstPosition(named name: String) -> FieldPosition? {
        let index = switch storage {
        case .fields(let fields): fields.firstIndex { $0.hasName(name) }
        case .unread(let block): block.firstIndex(named: name)
        }
        return index.map(FieldPosition.init(index:))
    }

    /// The decoded value of the field at `position`.
    public func value(at position: FieldPosition) -> String {
        switch storage {
        case .fields(let fields): return fields[position.index].value
        case .unread(let block): return block.value(at: position.index)
        }
    }

    /// The unfolded, undecoded value of the field at `position`.
    public func rawValue(at position: FieldPosition) -> String {
        switch storage {
        case .fields(let fields): return fields[position.index].rawValue
        case .unread(let block): return block.rawValue(at: position.index)
        }
    }

    /// Calls `body` with the UTF-8 of `value(at: position)`. A parsed block's one-line ASCII value is passed in place.
    public func withValueUTF8<Result>(at position: FieldPosition, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUTF8(at: position, raw: false, body)
    }

    /// Calls `body` with the UTF-8 of `rawValue(at: position)`. A parsed block's one-line ASCII value is passed in
    /// place (undecoded and decoded are then the same bytes when it holds no encoded word).
    public func withRawValueUTF8<Result>(at position: FieldPosition,
                                         _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUTF8(at: position, raw: true, body)
    }

    private func withUTF8<Result>(at position: FieldPosition, raw: Bool,
                                  _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var value: String
        switch storage {
        case .fields(let fields):
            value = raw ? fields[position.index].rawValue : fields[position.index].value
        case .unread(let block):
            // A raw value needs no decoding, so a one-line ASCII one is read in place even when it holds "=?".
            if let range = block.inPlaceValueRange(at: position.index, raw: raw) { return block.withBytes(in: range, body) }
            value = raw ? block.rawValue(at: position.index) : block.value(at: position.index)
        }
        return value.withUTF8 { body($0) }
    }

    /// The decoded value of the first field called `name` (case-insensitive).
    public func value(_ name: String) -> String? {
        switch storage {
        case .fields(let fields): return fields.first { $0.hasName(name) }?.value
        case .unread(let block): return block.firstIndex(named: name).map(block.value(at:))
        }
    }

    /// Calls `body` with the UTF-8 of `value(name)`, or with nil when there is no such field. A parsed block's
    /// one-line ASCII value is passed in place: readers that parse the value (Content-Type, Content-Disposition)
    /// need no string made for it.
    func withValueUTF8<Result>(_ name: String, _ body: (UnsafeBufferPointer<UInt8>?) -> Result) -> Result {
        guard let position = firstPosition(named: name) else { return body(nil) }
        return withValueUTF8(at: position) { body($0) }
    }

    /// The undecoded, unfolded value of the first field called `name`.
    public func rawValue(_ name: String) -> String? { firstRawValue(named: name) }

    /// The undecoded, unfolded values of every field called `name`, in order.
    public func rawValues(_ name: String) -> [String] { rawValues(named: name) }

    /// Decoded values of every field called `name`, in order.
    public func values(_ name: String) -> [String] { all(named: name).map(\.value) }

    public func contains(_ name: String) -> Bool {
        switch storage {
        case .fields(let fields): return fields.contains { $0.hasName(name) }
        case .unread(let block): return block.firstIndex(named: name) != nil
        }
    }

    public var isEmpty: Bool {
        switch storage {
        case .fields(let fields): return fields.isEmpty
        case .unread(let block): return block.count == 0
        }
    }

    // Equality, hashing and coding are those of the fields, however they are stored.
    public static func == (lhs: HeaderSection, rhs: HeaderSection) -> Bool { lhs.fields == rhs.fields }

    public func hash(into hasher: inout Hasher) { hasher.combine(fields) }

    private enum CodingKeys: String, CodingKey {
        case fields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        storage = .fields(try container.decode([HeaderField].self, forKey: .fields))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fields, forKey: .fields)
    }
}
