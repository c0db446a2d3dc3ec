import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock and process CPU time of one benchmark step. CPU time is the figure to compare on a shared machine,
/// where other processes stretch wall time.
struct BenchTiming {
    var wall: Double
    var cpu: Double

    static func measure(_ body: () throws -> Void) rethrows -> BenchTiming {
        let wallStart = now(CLOCK_MONOTONIC), cpuStart = now(CLOCK_PROCESS_CPUTIME_ID)
        try body()
        return BenchTiming(wall: now(CLOCK_MONOTONIC) - wallStart, cpu: now(CLOCK_PROCESS_CPUTIME_ID) - cpuStart)
    }

    private static func now(_ clock: clockid_t) -> Double {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
