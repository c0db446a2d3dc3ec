extension StringProtocol {
    /// At most `count` UTF-8 bytes of the text (a scalar cut in half becomes U+FFFD). Cheaper than
    /// `prefix(_:)`, which walks grapheme clusters; used to bound how much text a heuristic reads.
    func leadingBytes(_ count: Int) -> String {
        utf8.count <= count ? String(self) : String(decoding: utf8.prefix(count), as: UTF8.self)
    }
}

extension StringProtocol {
    /// The first `count` UTF-8 bytes as an array, copied in one block (`Array(utf8.prefix(_:))` goes byte by byte
    /// through the generic sequence path).
    func utf8Bytes(prefix count: Int = .max) -> [UInt8] {
        utf8.withContiguousStorageIfAvailable { Array($0.prefix(count)) } ?? Array(utf8.prefix(count))
    }
}
