import Foundation

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)` without Foundation's round trip for ASCII text, where the only
    /// such characters are space and tab. Report fields are nearly always ASCII; other text takes Foundation's path.
    var trimmingWhitespace: String {
        // Read in place when the text's UTF-8 is at hand (a native string's always is): no copy of its bytes.
        let ascii = utf8.withContiguousStorageIfAvailable(asciiWhitespaceTrimmed)
            ?? utf8Bytes().withUnsafeBufferPointer(asciiWhitespaceTrimmed)
        return ascii ?? trimmingCharacters(in: .whitespaces)
    }
}

/// ASCII text without leading and trailing spaces and tabs; nil for other text.
private func asciiWhitespaceTrimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
    var start = 0, end = bytes.count
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
}

/// A set of characters to trim, with its ASCII members in a table so that trimming needs no Foundation round trip
/// (which converts the whole text to UTF-16 and back).
struct TrimmedCharacters: Sendable {
    private let set: CharacterSet
    private let ascii: [Bool]

    init(_ set: CharacterSet) {
        self.set = set
        self.ascii = (0..<128).map { set.contains(Unicode.Scalar(UInt8($0))) }
    }

    static let whitespacesAndNewlines = TrimmedCharacters(.whitespacesAndNewlines)

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? ascii[Int(scalar.value)] : set.contains(scalar)
    }
}

extension StringProtocol {
    /// `trimmingCharacters(in:)` on Unicode scalars: the same result for sets of BMP characters (Foundation's
    /// UTF-16 scan stops at a surrogate as this one stops at a scalar outside the set).
    func trimming(_ characters: TrimmedCharacters) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !characters.contains($0) }),
              let last = scalars.lastIndex(where: { !characters.contains($0) }) else { return "" }
        return String(decoding: utf8[first..<scalars.index(after: last)], as: UTF8.self)
    }

    /// Whether trimming `characters` would leave nothing, without building the trimmed text.
    func consists(only characters: TrimmedCharacters) -> Bool {
        !unicodeScalars.contains { !characters.contains($0) }
    }
}
