/// The folds of a text's lines (`NormalizedText(line).bytes`) kept one after another in one buffer: a line folded
/// to find its role is not folded again for the attribution search, nor is the reply folded again for the opt-out
/// search, and folding many lines costs no allocation per line.
struct FoldedLines {
    private var storage: [UInt8] = []
    /// Bytes of `storage` in use.
    private(set) var count = 0

    init() {}

    /// Folds `piece` (valid UTF-8) after the folds kept so far; returns where its fold is.
    mutating func append(foldOf piece: UnsafeBufferPointer<UInt8>, counter: StepCounter?) -> Range<Int> {
        let needed = count + NormalizedText.foldedCapacity(piece.count)
        if storage.count < needed { grow(toHold: needed) }
        let start = count
        let written = storage.withUnsafeMutableBufferPointer { storage in
            storage.baseAddress.map { NormalizedText.fold(utf8: piece, into: $0 + start) } ?? 0
        }
        counter?.add(written)
        count = start + written
        return start..<count
    }

    /// Moves the folds kept so far to storage of at least `needed` bytes. The bytes past them are left
    /// uninitialised (bytes, so never read before folding writes them): filling them would cost as much again.
    private mutating func grow(toHold needed: Int) {
        let kept = count
        storage = storage.withUnsafeBufferPointer { old in
            [UInt8](unsafeUninitializedCapacity: Swift.max(needed, 2 * old.count, 512)) { buffer, initialized in
                if let target = buffer.baseAddress, let source = old.baseAddress, kept > 0 {
                    target.update(from: source, count: kept)
                }
                initialized = buffer.count
            }
        }
    }

    /// Calls `body` with the fold of `piece`, which is not kept: a short fold that is not a whole line's (an
    /// attribution's lead, a header name) uses the same storage.
    mutating func withScratchFold<Result>(of piece: UnsafeBufferPointer<UInt8>, counter: StepCounter?,
                                          _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let range = append(foldOf: piece, counter: counter)
        defer { count = range.lowerBound }
        return withFold(range, body)
    }

    /// Calls `body` with the fold kept at `range`.
    func withFold<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The fold of the lines at `ranges` joined by line breaks: the first fold whole, the others without their
    /// leading space (folding is a left-to-right pass whose state after a separator is the starting one).
    func joined(_ ranges: some Collection<Range<Int>>) -> [UInt8] {
        // Reserved before the first byte goes in: a literal's buffer would be allocated, then replaced.
        var joined: [UInt8] = []
        joined.reserveCapacity(ranges.reduce(1) { $0 + $1.count })
        joined.append(0x20)
        storage.withUnsafeBufferPointer { storage in
            for range in ranges where range.count > 1 {
                joined.append(contentsOf: UnsafeBufferPointer(rebasing: storage[(range.lowerBound + 1)..<range.upperBound]))
            }
        }
        return joined
    }
}
