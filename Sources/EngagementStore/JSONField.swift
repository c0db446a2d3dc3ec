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

    init() {
        let fields = Array(Field.allCases)
        precondition(fields.count <= 64, "a field set is tracked in 64 bits")
        names = fields.enumerated().map { (Array($0.element.rawValue.utf8), $0.element, UInt64(1) << UInt64($0.offset)) }
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
