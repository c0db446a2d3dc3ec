/// Bounds that keep hostile or broken mail from costing unbounded time or memory.
/// Past a limit the parser stops descending, records a `ParseWarning`, and returns what it read.
public struct ParseLimits: Sendable, Equatable {
    /// Largest message (in bytes) that is parsed; the rest is cut off.
    public var maxMessageBytes: Int
    /// Deepest MIME nesting (multipart or embedded message) that is descended into.
    public var maxDepth: Int
    /// Most header fields kept per header section.
    public var maxHeaders: Int
    /// Most MIME parts kept per message (all levels together).
    public var maxParts: Int

    public init(maxMessageBytes: Int = 100 << 20, maxDepth: Int = 32, maxHeaders: Int = 2_000, maxParts: Int = 2_000) {
        self.maxMessageBytes = maxMessageBytes
        self.maxDepth = maxDepth
        self.maxHeaders = maxHeaders
        self.maxParts = maxParts
    }

    public static let `default` = ParseLimits()
}
