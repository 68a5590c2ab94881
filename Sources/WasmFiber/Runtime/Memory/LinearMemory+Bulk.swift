#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Bulk memory operations (bulk-memory proposal, now core): `memory.fill`, `memory.copy` and
// `memory.init`. The spec checks every range before writing a byte — a trapping operation
// leaves memory untouched — and the check is `start + count > size`, so with `count == 0` a
// start equal to the size is allowed and a start beyond it traps.
// https://webassembly.github.io/spec/core/exec/instructions.html#xref-syntax-instructions-syntax-instr-memory-mathsf-memory-fill

extension LinearMemory {
    /// The byte offset of the range `[start, start + count)` if it lies within the current size
    /// (a zero-length range at the very end included), else ``MemoryError/outOfBounds``.
    @inlinable @inline(__always)
    public func checkedRange(_ start: UInt64, count: UInt64) throws(MemoryError) -> Int {
        let (end, overflow) = start.addingReportingOverflow(count)
        guard !overflow, end <= UInt64(truncatingIfNeeded: byteCount) else { throw MemoryError.outOfBounds }
        return Int(truncatingIfNeeded: start)
    }

    /// `memory.fill`: sets `count` bytes from `destination` to `value` (the low byte of the
    /// operand).
    @inlinable
    public func fill(destination: UInt64, value: UInt8, count: UInt64) throws(MemoryError) {
        let start = try checkedRange(destination, count: count)
        if count > 0 { memset(base + start, Int32(value), Int(count)) }
    }

    /// `memory.copy` within this memory: copies `count` bytes from `source` to `destination`;
    /// the ranges may overlap (as by `memmove`). Both ranges are checked before any byte moves.
    @inlinable
    public func copy(destination: UInt64, source: UInt64, count: UInt64) throws(MemoryError) {
        let to = try checkedRange(destination, count: count)
        let from = try checkedRange(source, count: count)
        if count > 0 { memmove(base + to, base + from, Int(count)) }
    }

    /// `memory.copy` between two memories (multi-memory): copies `count` bytes from `source` in
    /// `sourceMemory` to `destination` in this memory. `sourceMemory` may be `self`.
    @inlinable
    public func copy(destination: UInt64, from sourceMemory: LinearMemory, source: UInt64,
                     count: UInt64) throws(MemoryError) {
        let to = try checkedRange(destination, count: count)
        let from = try sourceMemory.checkedRange(source, count: count)
        if count > 0 { memmove(base + to, sourceMemory.base + from, Int(count)) }
    }

    /// `memory.init`: copies `count` bytes of a data segment, starting at `sourceOffset`, to
    /// `destination`. A dropped segment is passed as an empty buffer (the spec treats it as
    /// having length 0). Traps if either range is out of bounds, before writing anything.
    @inlinable
    public func initialize(from segment: UnsafeRawBufferPointer, destination: UInt64,
                           sourceOffset: UInt64, count: UInt64) throws(MemoryError) {
        let (segmentEnd, overflow) = sourceOffset.addingReportingOverflow(count)
        guard !overflow, segmentEnd <= UInt64(segment.count) else { throw MemoryError.outOfBounds }
        let to = try checkedRange(destination, count: count)
        if count > 0, let bytes = segment.baseAddress {
            // Segments live outside linear memory (copy), except when a host passes a view of
            // this very memory; memmove is correct in both cases.
            memmove(base + to, bytes + Int(sourceOffset), Int(count))
        }
    }

    /// `memory.init` from a segment held as an array; the same rules as the buffer variant.
    public func initialize(from segment: [UInt8], destination: UInt64, sourceOffset: UInt64,
                           count: UInt64) throws(MemoryError) {
        let result: Result<Void, MemoryError> = segment.withUnsafeBytes { bytes in
            Result { () throws(MemoryError) in
                try initialize(from: bytes, destination: destination, sourceOffset: sourceOffset, count: count)
            }
        }
        try result.get()
    }
}
