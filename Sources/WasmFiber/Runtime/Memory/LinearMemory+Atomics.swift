import CContext

// Atomic accesses (threads proposal): loads, stores, read-modify-writes and compare-exchange
// of 8, 16, 32 and 64 bits, all sequentially consistent. The effective address must be a
// multiple of the access width ("unaligned atomic" trap, checked first) and the access must lie
// within the memory ("out of bounds memory access").
// https://github.com/WebAssembly/threads/blob/main/proposals/threads/Overview.md
//
// The operations go through `wf_atomics.h` (inline C): Swift's `Synchronization` atomics work
// only on storage they own, not on an address inside linear memory. On an unshared memory the
// same instructions are used; with a single thread they behave as plain sequential accesses.
//
// Operands and results are the full-width bit patterns of the WebAssembly value: narrow
// operations (`i32.atomic.rmw8.add_u`, ...) take the low bits of the operand and return the old
// value zero-extended, which the caller then widens to i32 or i64. The host is little-endian
// (LinearMemory.swift refuses to build otherwise), so a word in memory is the host's integer.

/// A read-modify-write operation of the threads proposal.
public enum AtomicOperation: Sendable, Equatable, Hashable {
    /// `*.atomic.rmw*.add`: wrapping addition.
    case add
    /// `*.atomic.rmw*.sub`: wrapping subtraction.
    case sub
    /// `*.atomic.rmw*.and`.
    case and
    /// `*.atomic.rmw*.or`.
    case or
    /// `*.atomic.rmw*.xor`.
    case xor
    /// `*.atomic.rmw*.xchg`: stores the operand.
    case xchg
}

/// The width of an atomic access, in bytes.
public enum AtomicWidth: Int, Sendable, Equatable, Hashable {
    /// 8 bits.
    case bits8 = 1
    /// 16 bits.
    case bits16 = 2
    /// 32 bits.
    case bits32 = 4
    /// 64 bits.
    case bits64 = 8

    /// The largest value of this width.
    @inlinable public var mask: UInt64 { self == .bits64 ? .max : (1 << UInt64(rawValue * 8)) - 1 }
}

extension LinearMemory {
    /// The byte offset of a naturally aligned atomic access of `width` at `address + offset`.
    /// Throws ``MemoryError/unalignedAtomic`` for a misaligned effective address (checked first)
    /// and ``MemoryError/outOfBounds`` for an access outside the memory or an overflowing sum.
    @inlinable @inline(__always)
    public func checkedAtomicOffset(_ address: UInt64, offset: UInt64, width: AtomicWidth)
        throws(MemoryError) -> Int
    {
        let (effective, overflow) = address.addingReportingOverflow(offset)
        guard !overflow else { throw MemoryError.outOfBounds }
        guard effective & UInt64(width.rawValue - 1) == 0 else { throw MemoryError.unalignedAtomic }
        return try checkedOffset(effective, offset: 0, width: UInt64(width.rawValue))
    }

    /// `*.atomic.load*`: the value, zero-extended to 64 bits.
    @inlinable @inline(__always)
    public func atomicLoad(_ width: AtomicWidth, at address: UInt64, offset: UInt64 = 0)
        throws(MemoryError) -> UInt64
    {
        let p = base + (try checkedAtomicOffset(address, offset: offset, width: width))
        switch width {
        case .bits8: return UInt64(wf_atomic_load8(p))
        case .bits16: return UInt64(wf_atomic_load16(p))
        case .bits32: return UInt64(wf_atomic_load32(p))
        case .bits64: return wf_atomic_load64(p)
        }
    }

    /// `*.atomic.store*`: stores the low `width` bytes of `value`.
    @inlinable @inline(__always)
    public func atomicStore(_ width: AtomicWidth, _ value: UInt64, at address: UInt64,
                            offset: UInt64 = 0) throws(MemoryError) {
        let p = base + (try checkedAtomicOffset(address, offset: offset, width: width))
        switch width {
        case .bits8: wf_atomic_store8(p, UInt8(truncatingIfNeeded: value))
        case .bits16: wf_atomic_store16(p, UInt16(truncatingIfNeeded: value))
        case .bits32: wf_atomic_store32(p, UInt32(truncatingIfNeeded: value))
        case .bits64: wf_atomic_store64(p, value)
        }
    }

    /// `*.atomic.rmw*.<operation>`: applies `operation` with the low `width` bytes of `operand`
    /// and returns the previous value, zero-extended.
    @inlinable @inline(__always)
    public func atomicRMW(_ operation: AtomicOperation, _ width: AtomicWidth, _ operand: UInt64,
                          at address: UInt64, offset: UInt64 = 0) throws(MemoryError) -> UInt64 {
        let p = base + (try checkedAtomicOffset(address, offset: offset, width: width))
        switch width {
        case .bits8: return UInt64(Self.rmw8(operation, p, UInt8(truncatingIfNeeded: operand)))
        case .bits16: return UInt64(Self.rmw16(operation, p, UInt16(truncatingIfNeeded: operand)))
        case .bits32: return UInt64(Self.rmw32(operation, p, UInt32(truncatingIfNeeded: operand)))
        case .bits64: return Self.rmw64(operation, p, operand)
        }
    }

    /// `*.atomic.rmw*.cmpxchg`: if the `width`-byte value equals `expected`, stores the low bytes
    /// of `replacement`; returns the value found, zero-extended.
    ///
    /// As in the spec, the loaded value is zero-extended and compared with the whole `expected`
    /// operand: an `expected` with bits above `width` never matches (the operation is then an
    /// atomic load).
    @inlinable @inline(__always)
    public func atomicCompareExchange(_ width: AtomicWidth, expected: UInt64, replacement: UInt64,
                                      at address: UInt64, offset: UInt64 = 0) throws(MemoryError) -> UInt64 {
        let p = base + (try checkedAtomicOffset(address, offset: offset, width: width))
        if expected & ~width.mask != 0 {
            switch width {
            case .bits8: return UInt64(wf_atomic_load8(p))
            case .bits16: return UInt64(wf_atomic_load16(p))
            case .bits32: return UInt64(wf_atomic_load32(p))
            case .bits64: return wf_atomic_load64(p)  // unreachable: the mask is all ones
            }
        }
        switch width {
        case .bits8:
            return UInt64(wf_atomic_cmpxchg8(p, UInt8(expected), UInt8(truncatingIfNeeded: replacement)))
        case .bits16:
            return UInt64(wf_atomic_cmpxchg16(p, UInt16(expected), UInt16(truncatingIfNeeded: replacement)))
        case .bits32:
            return UInt64(wf_atomic_cmpxchg32(p, UInt32(expected), UInt32(truncatingIfNeeded: replacement)))
        case .bits64:
            return wf_atomic_cmpxchg64(p, expected, replacement)
        }
    }

    /// `atomic.fence`.
    @inlinable @inline(__always)
    public static func atomicFence() { wf_atomic_fence() }

    @inlinable @inline(__always)
    static func rmw8(_ operation: AtomicOperation, _ p: UnsafeMutableRawPointer, _ v: UInt8) -> UInt8 {
        switch operation {
        case .add: wf_atomic_add8(p, v)
        case .sub: wf_atomic_sub8(p, v)
        case .and: wf_atomic_and8(p, v)
        case .or: wf_atomic_or8(p, v)
        case .xor: wf_atomic_xor8(p, v)
        case .xchg: wf_atomic_xchg8(p, v)
        }
    }

    @inlinable @inline(__always)
    static func rmw16(_ operation: AtomicOperation, _ p: UnsafeMutableRawPointer, _ v: UInt16) -> UInt16 {
        switch operation {
        case .add: wf_atomic_add16(p, v)
        case .sub: wf_atomic_sub16(p, v)
        case .and: wf_atomic_and16(p, v)
        case .or: wf_atomic_or16(p, v)
        case .xor: wf_atomic_xor16(p, v)
        case .xchg: wf_atomic_xchg16(p, v)
        }
    }

    @inlinable @inline(__always)
    static func rmw32(_ operation: AtomicOperation, _ p: UnsafeMutableRawPointer, _ v: UInt32) -> UInt32 {
        switch operation {
        case .add: wf_atomic_add32(p, v)
        case .sub: wf_atomic_sub32(p, v)
        case .and: wf_atomic_and32(p, v)
        case .or: wf_atomic_or32(p, v)
        case .xor: wf_atomic_xor32(p, v)
        case .xchg: wf_atomic_xchg32(p, v)
        }
    }

    @inlinable @inline(__always)
    static func rmw64(_ operation: AtomicOperation, _ p: UnsafeMutableRawPointer, _ v: UInt64) -> UInt64 {
        switch operation {
        case .add: wf_atomic_add64(p, v)
        case .sub: wf_atomic_sub64(p, v)
        case .and: wf_atomic_and64(p, v)
        case .or: wf_atomic_or64(p, v)
        case .xor: wf_atomic_xor64(p, v)
        case .xchg: wf_atomic_xchg64(p, v)
        }
    }
}
