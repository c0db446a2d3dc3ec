extension StringProtocol {
    /// Foundation's `contains(_:)`, by bytes when both texts are ASCII (there its canonical-equivalence search can
    /// only find the same bytes); other text takes Foundation's path, which converts it to UTF-16 first.
    func containsText(_ needle: String) -> Bool {
        let inPlace: Bool?? = utf8.withContiguousStorageIfAvailable { haystack in
            guard !haystack.contains(where: { $0 >= 0x80 }), !needle.utf8.contains(where: { $0 >= 0x80 }), !needle.isEmpty else {
                return nil
            }
            return HTMLText.find(in: haystack, needle, from: 0) != nil
        }
        if let inPlace, let inPlace { return inPlace }
        let haystack = utf8Bytes()
        let pattern = Array(needle.utf8)
        guard !haystack.contains(where: { $0 >= 0x80 }), !pattern.contains(where: { $0 >= 0x80 }), !pattern.isEmpty else {
            return contains(needle)
        }
        return HTMLText.find(haystack, needle, from: 0) != nil
    }
}
