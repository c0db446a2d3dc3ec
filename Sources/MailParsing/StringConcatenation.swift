extension String {
    /// The pieces one after another, written into one new string of exactly their size. Appending piece by piece
    /// goes through the generic append path (a capacity check and a copy, a few hundred instructions) for every piece,
    /// and interpolation guesses 16 bytes a piece and grows when a piece is longer. The classifier's evidence lines
    /// and the worker's idempotency keys, sources and reasons are built this way, several per message.
    ///
    /// Inlinable, so that the list of pieces a call passes can live on the caller's stack: made on the heap, it was an
    /// allocation and a free for every evidence line and key.
    @inlinable
    public init(concatenating pieces: String...) {
        self.init(concatenating: pieces)
    }

    /// The pieces one after another, written into one new string of exactly their size. They are put together in
    /// scratch memory (on the stack when short) and copied into the string from there: strings' bytes put together
    /// are valid UTF-8, and written into the string's own storage they were validated again, a pass that costs
    /// several instructions a byte once a piece is not ASCII (a subject, a diagnostic quoted in evidence).
    @inlinable
    public init(concatenating pieces: [String]) {
        var length = 0
        for piece in pieces { length += piece.utf8.count }
        self = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { out in
            guard let base = out.baseAddress else { return "" }
            var count = 0
            // Each piece is read where the list holds it: a copy of it (which `withUTF8`, a mutating method, needs)
            // retains and releases its storage. A native string's bytes are contiguous; only a bridged one is copied.
            pieces.withUnsafeBufferPointer { pieces in
                for index in pieces.indices {
                    let target = base + count, room = length - count
                    let copy = { (bytes: UnsafeBufferPointer<UInt8>) -> Int in
                        guard let source = bytes.baseAddress, bytes.count <= room else { return 0 }
                        target.update(from: source, count: bytes.count)
                        return bytes.count
                    }
                    if let copied = pieces[index].utf8.withContiguousStorageIfAvailable(copy) {
                        count += copied
                    } else {
                        var piece = pieces[index]
                        count += piece.withUTF8(copy)
                    }
                }
            }
            return String(knownValidUTF8: UnsafeBufferPointer(rebasing: out[..<count]))
        }
    }

    /// `prefix` followed by `bytes` read as UTF-8, in one allocation; invalid sequences are repaired as
    /// `String(decoding:as:)` repairs them.
    public init(concatenating prefix: StaticString, _ bytes: UnsafeBufferPointer<UInt8>) {
        let start = prefix.utf8CodeUnitCount
        self.init(unsafeUninitializedCapacity: start + bytes.count) { text in
            UnsafeMutableRawBufferPointer(text).copyMemory(
                from: UnsafeRawBufferPointer(start: prefix.utf8Start, count: start))
            UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: text[start...]))
                .copyMemory(from: UnsafeRawBufferPointer(bytes))
            return start + bytes.count
        }
    }
}
