/// Eight bytes read as one 64-bit word, so that runs of ordinary text are skipped eight bytes at a step.
enum EightBytes {
    static let lowBits: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether one of the eight bytes of `word` is `byte` (the classic test for a zero byte in `word ^ byte…`).
    @inline(__always)
    static func holds(_ byte: UInt8, in word: UInt64) -> Bool {
        let difference = word ^ (lowBits &* UInt64(byte))
        return (difference &- lowBits) & ~difference & highBits != 0
    }
}
