#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Preview-1 `clockid`: the clocks `clock_time_get`, `clock_res_get` and `poll_oneoff` read.
public enum WASIClock: UInt32, Sendable, CaseIterable {
    /// Wall-clock time: nanoseconds since the Unix epoch; may jump.
    case realtime = 0
    /// Time since an unspecified start; never goes backwards.
    case monotonic = 1
    /// CPU time of the process.
    case processCPUTime = 2
    /// CPU time of the calling thread.
    case threadCPUTime = 3

    private var hostClock: clockid_t {
        switch self {
        case .realtime: CLOCK_REALTIME
        case .monotonic: CLOCK_MONOTONIC
        case .processCPUTime: CLOCK_PROCESS_CPUTIME_ID
        case .threadCPUTime: CLOCK_THREAD_CPUTIME_ID
        }
    }

    /// The clock's current value in nanoseconds.
    public func now() throws(WASIErrno) -> UInt64 {
        var spec = timespec()
        guard clock_gettime(hostClock, &spec) == 0 else { throw .current }
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    /// The clock's resolution in nanoseconds (at least 1).
    public func resolution() throws(WASIErrno) -> UInt64 {
        var spec = timespec()
        guard clock_getres(hostClock, &spec) == 0 else { throw .current }
        return max(1, UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec))
    }
}
