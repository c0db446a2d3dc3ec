/// Storage reused to fold one short text after another (the pieces of a report's start, a line in a test):
/// each fold is read once, so it need not be kept, and folding many pieces costs no allocation per piece.
struct FoldingBuffer {
    private var storage: [UInt8] = []

    init() {}

    /// Calls `body` with the fold of `piece` (valid UTF-8): the bytes of `NormalizedText(piece).bytes`, readable
    /// only inside `body`.
    mutating func withFold<Result>(of piece: UnsafeBufferPointer<UInt8>, counter: StepCounter?,
                                   _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let needed = NormalizedText.foldedCapacity(piece.count)
        if storage.count < needed { storage = [UInt8](repeating: 0, count: Swift.max(needed, 512)) }
        return storage.withUnsafeMutableBufferPointer { storage in
            let count = storage.baseAddress.map { NormalizedText.fold(utf8: piece, into: $0) } ?? 0
            counter?.add(count)
            return body(UnsafeBufferPointer(rebasing: storage[..<count]))
        }
    }
}
