// Access to linear memory for embedders: host functions, WASI, tests. Every entry point checks
// its range against the current size and throws ``MemoryError/outOfBounds`` for a bad one; none
// of them can crash the process on a bad offset or length coming from WebAssembly.
//
// On a shared memory other threads may write concurrently; the bytes a host reads are then a
// snapshot at no particular instant, as for any non-atomic access.

extension LinearMemory {
    /// Calls `body` with a view of `count` bytes at `offset`. The view is valid only during the
    /// call, and only while the memory is not grown from within `body` (growth never moves the
    /// memory, but the view's bounds reflect the size at the call).
    public func withUnsafeBytes<R>(offset: UInt64, count: UInt64,
                                   _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        let start = try checkedRange(offset, count: count)
        return try body(UnsafeRawBufferPointer(start: base + start, count: Int(count)))
    }

    /// Calls `body` with a mutable view of `count` bytes at `offset`; see
    /// ``withUnsafeBytes(offset:count:_:)``.
    public func withUnsafeMutableBytes<R>(offset: UInt64, count: UInt64,
                                          _ body: (UnsafeMutableRawBufferPointer) throws -> R) throws -> R {
        let start = try checkedRange(offset, count: count)
        return try body(UnsafeMutableRawBufferPointer(start: base + start, count: Int(count)))
    }

    /// A copy of `count` bytes at `offset`.
    public func read(offset: UInt64, count: Int) throws(MemoryError) -> [UInt8] {
        guard count >= 0 else { throw .outOfBounds }
        let start = try checkedRange(offset, count: UInt64(count))
        return [UInt8](UnsafeRawBufferPointer(start: base + start, count: count))
    }

    /// Copies `destination.count` bytes at `offset` into `destination`.
    public func read(offset: UInt64, into destination: UnsafeMutableRawBufferPointer) throws(MemoryError) {
        let start = try checkedRange(offset, count: UInt64(destination.count))
        if let target = destination.baseAddress, destination.count > 0 {
            target.copyMemory(from: base + start, byteCount: destination.count)
        }
    }

    /// Copies `bytes` into the memory at `offset` (all or nothing).
    public func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws(MemoryError) {
        let start = try checkedRange(offset, count: UInt64(bytes.count))
        if let source = bytes.baseAddress, bytes.count > 0 {
            (base + start).copyMemory(from: source, byteCount: bytes.count)
        }
    }

    /// Copies `bytes` into the memory at `offset` (all or nothing).
    public func write(_ bytes: [UInt8], at offset: UInt64) throws(MemoryError) {
        let result: Result<Void, MemoryError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(MemoryError) in try write(buffer, at: offset) }
        }
        try result.get()
    }

    /// The string in the `count` bytes at `offset`, decoded as UTF-8 (ill-formed sequences are
    /// replaced with U+FFFD).
    public func string(at offset: UInt64, count: Int) throws(MemoryError) -> String {
        guard count >= 0 else { throw .outOfBounds }
        let start = try checkedRange(offset, count: UInt64(count))
        return String(decoding: UnsafeRawBufferPointer(start: base + start, count: count), as: UTF8.self)
    }
}
