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
        guard let index = block.firstIndex(named: name) else { return nil }
        return block.withValueBytes(at: index, MessageIDList.parse(asciiFieldValue:))
            ?? MessageIDList.parse(block.rawValue(at: index))
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
        var value: String
        switch storage {
        case .fields(let fields):
            guard let field = fields.first(where: { $0.hasName(name) }) else { return body(nil) }
            value = field.value
        case .unread(let block):
            guard let index = block.firstIndex(named: name) else { return body(nil) }
            if let result = block.withPlainValueBytes(at: index, { body($0) }) { return result }
            value = block.value(at: index)
        }
        return value.withUTF8 { body($0) }
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
