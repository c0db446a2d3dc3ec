/// The header fields of a message or MIME part, in their original order, duplicates included.
public struct HeaderSection: Sendable, Hashable, Codable {
    public var fields: [HeaderField]

    public init(fields: [HeaderField] = []) { self.fields = fields }

    /// The decoded value of the first field called `name` (case-insensitive).
    public func value(_ name: String) -> String? {
        fields.first { $0.hasName(name) }?.value
    }

    /// The undecoded, unfolded value of the first field called `name`.
    public func rawValue(_ name: String) -> String? {
        fields.first { $0.hasName(name) }?.rawValue
    }

    /// Decoded values of every field called `name`, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.hasName(name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool { fields.contains { $0.hasName(name) } }

    public var isEmpty: Bool { fields.isEmpty }
}
