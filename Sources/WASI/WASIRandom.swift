#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fills `buffer` with bytes from the host's cryptographically secure generator (`random_get`).
func wasiFillRandom(_ buffer: UnsafeMutableRawBufferPointer) throws(WASIErrno) {
    var offset = 0
    while offset < buffer.count {
        let chunk = min(256, buffer.count - offset) // getentropy's limit per call
        guard getentropy(buffer.baseAddress! + offset, chunk) == 0 else { throw .current }
        offset += chunk
    }
}

/// `sched_yield(2)`.
@inline(__always) func hostSchedYield() -> Int32 {
    #if canImport(Glibc)
    Glibc.sched_yield()
    #else
    Darwin.sched_yield()
    #endif
}
