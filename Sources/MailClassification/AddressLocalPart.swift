extension String {
    /// The text before the address's "@": exactly `split(separator: "@").first` (so the first non-empty run between
    /// "@" characters), read by bytes when the text is ASCII, where every character but CR LF is one byte.
    var localPart: Substring? {
        let ascii: Substring?? = utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            guard let start = bytes.firstIndex(where: { $0 != UInt8(ascii: "@") }) else { return .some(nil) }
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "@")) ?? bytes.endIndex
            return .some(self[utf8.index(startIndex, offsetBy: start)..<utf8.index(startIndex, offsetBy: end)])
        } ?? nil
        if let ascii { return ascii }
        return split(separator: "@").first
    }

    /// The lowercased text after the address's last "@", nil without one; by bytes when the text is ASCII.
    var lowercasedDomain: String? {
        let ascii: String?? = utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return .some(nil) }
            return .some(String(asciiLowercasing: bytes[(at + 1)...]))
        } ?? nil
        if let ascii { return ascii }
        return lastIndex(of: "@").map { self[index(after: $0)...].lowercased() }
    }
}
