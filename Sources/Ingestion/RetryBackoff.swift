/// Exponential backoff with jitter for a failing mailbox: 2 s, 4 s, 8 s … up to `maximum`, each multiplied by a random
/// factor in [0.5, 1.5) so many workers failing together do not retry in lockstep.
public struct RetryBackoff: Sendable {
    public var initial: Duration
    public var maximum: Duration

    public init(initial: Duration = .seconds(2), maximum: Duration = .seconds(300)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The wait before attempt `failures + 1`, after `failures` (≥ 1) failures in a row.
    public func delay(afterFailures failures: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let exponent = min(max(failures - 1, 0), 30)
        let base = min(initial * (1 << exponent), maximum)
        return base * Double.random(in: 0.5..<1.5, using: &generator)
    }

    public func delay(afterFailures failures: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(afterFailures: failures, using: &generator)
    }
}
