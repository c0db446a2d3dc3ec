extension UInt8 {
    /// The byte with ASCII A–Z mapped to a–z and every other byte (UTF-8 sequences included) unchanged: lower-casing
    /// that is safe on UTF-8 bytes because no byte of a multi-byte sequence is below 0x80.
    var lowercasedASCII: UInt8 { self >= 0x41 && self <= 0x5A ? self | 0x20 : self }
}

extension String {
    /// UTF-8 `bytes` as text with only ASCII letters lower-cased (`lowercased()` would also map other scripts).
    init(asciiLowercasing bytes: some Sequence<UInt8>) {
        // Bytes stored contiguously are lowered straight into the string's storage: no array in between.
        let written: String? = bytes.withContiguousStorageIfAvailable { source in
            String(unsafeUninitializedCapacity: source.count) { out in
                for index in 0..<source.count { out[index] = source[index].lowercasedASCII }
                return source.count
            }
        }
        self = written ?? String(decoding: bytes.map { $0.lowercasedASCII }, as: UTF8.self)
    }
}

extension String {
    /// `lowercased()`, without the cost of Unicode case mapping when the text is ASCII, where both give the same
    /// (header values, addresses and MIME names almost always are).
    var lowercasedText: String {
        var copy = self
        let ascii: String? = copy.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            guard bytes.contains(where: { $0 &- 0x41 < 26 }) else { return self }
            return String(asciiLowercasing: bytes)
        }
        return ascii ?? lowercased()
    }
}
