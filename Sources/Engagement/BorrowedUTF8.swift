extension String {
    /// The string's UTF-8 bytes, read in place when the string is native. `var copy = string; copy.withUTF8 { … }`
    /// reads in place too, but the copy costs a retain and a release, which showed in every per-message look-up that
    /// scans an address or a key; a bridged string is made contiguous first, as `withUTF8` does.
    @inlinable
    public func withBorrowedUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var contiguous = self
        return try contiguous.withUTF8(body)
    }
}
