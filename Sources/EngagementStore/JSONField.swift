#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The keys of one kind of JSON object in the store's files; the raw value is the key as written.
protocol JSONField: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    static var lookup: JSONFieldLookup<Self> { get }
}

/// Finds a field by the UTF-8 bytes of a key without making a `String` of it. Each field also gets a bit, so a reader
/// can notice a key it has seen before in the same object.
struct JSONFieldLookup<Field: JSONField>: Sendable {
    private let names: [(utf8: [UInt8], field: Field, bit: UInt64)]
    /// `"name":` of each field, as the writer puts it before a value, by the field's position in `allCases`.
    private let quotedKeys: [[UInt8]]
    /// Whether a field's one-byte representation is its position in `allCases` (so `quotedKeys` can be indexed by it
    /// without a search); checked for every case, not assumed.
    private let representationIsPosition: Bool

    init() {
        let fields = Array(Field.allCases)
        precondition(fields.count <= 64, "a field set is tracked in 64 bits")
        names = fields.enumerated().map { (Array($0.element.rawValue.utf8), $0.element, UInt64(1) << UInt64($0.offset)) }
        quotedKeys = fields.map { Array("\"\($0.rawValue)\":".utf8) }
        representationIsPosition = fields.enumerated().allSatisfy { Self.representation(of: $0.element) == $0.offset }
    }

    /// `"name":` for `field`, or nil where the fields' layout does not allow finding it directly.
    func quotedKey(_ field: Field) -> [UInt8]? {
        guard representationIsPosition, let position = Self.representation(of: field) else { return nil }
        return quotedKeys[position]
    }

    /// The byte a field-less enum case is stored as (its case number), or nil for other layouts.
    private static func representation(of field: Field) -> Int? {
        withUnsafeBytes(of: field) { $0.count == 1 ? Int($0[0]) : nil }
    }

    func field(_ key: UnsafeRawBufferPointer) -> (field: Field, bit: UInt64)? {
        for name in names where name.utf8.count == key.count {
            let same = name.utf8.withUnsafeBytes { name in
                guard let a = name.baseAddress, let b = key.baseAddress else { return false }
                return memcmp(a, b, key.count) == 0
            }
            if same { return (name.field, name.bit) }
        }
        return nil
    }
}
