/// A trap raised by an access to a linear memory.
///
/// The cases carry no payload so that a typed `throws(MemoryError)` on the hot path returns the
/// error in a register; the interpreter attaches the WebAssembly backtrace when it turns the
/// error into a trap. The descriptions are the spec's trap messages, which the
/// spec tests match by prefix (`assert_trap ... "out of bounds memory access"`).
public enum MemoryError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// An access, or a bulk operation's range, reaches past the memory's current size (or its
    /// address plus offset overflowed).
    case outOfBounds
    /// An atomic access whose effective address is not a multiple of its width.
    case unalignedAtomic

    public var description: String {
        switch self {
        case .outOfBounds: "out of bounds memory access"
        case .unalignedAtomic: "unaligned atomic"
        }
    }
}

/// Why a linear memory could not be created.
public enum MemoryCreationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Limits the memory type does not allow (minimum above maximum, above the address type's
    /// page limit, or a shared memory without a maximum).
    case invalidLimits(String)
    /// The initial size exceeds what this engine reserves for one memory
    /// (``LinearMemory/Configuration/reservationLimit``).
    case exceedsEngineLimit(minimumBytes: UInt64, limit: UInt64)
    /// The kernel refused the address space or the initial pages (`errno` as reported).
    case mappingFailed(errno: Int32)

    public var description: String {
        switch self {
        case .invalidLimits(let why): "invalid memory limits: \(why)"
        case .exceedsEngineLimit(let minimum, let limit):
            "a memory of \(minimum) bytes exceeds the engine limit of \(limit) bytes"
        case .mappingFailed(let errno): "the memory could not be mapped (errno \(errno))"
        }
    }
}
