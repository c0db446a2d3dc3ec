extension String {
    /// The pieces one after another, written into one new string at once. Appending piece by piece goes through
    /// the generic append path (a capacity check and a copy, a few hundred instructions) for every piece, and an
    /// evidence line has up to a dozen of them.
    init(concatenating pieces: String...) {
        var length = 0
        for piece in pieces { length += piece.utf8.count }
        self.init(unsafeUninitializedCapacity: length) { out in
            guard let base = out.baseAddress else { return 0 }
            var count = 0
            for var piece in pieces {
                // `withUTF8` reads a native string in place (making a bridged one contiguous first).
                piece.withUTF8 { bytes in
                    if let source = bytes.baseAddress, count + bytes.count <= length {
                        (base + count).update(from: source, count: bytes.count)
                        count += bytes.count
                    }
                }
            }
            return count
        }
    }
}
