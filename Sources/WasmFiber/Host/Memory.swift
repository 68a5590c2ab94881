import WasmFormat

/// A linear memory, as the host holds it: an instance's exported memory, or one the host made
/// (``init(type:)``) to give to instances as an import.
///
/// Every access is bounds-checked against the current size and throws ``AccessError`` when it
/// does not fit; none can crash the process, whatever offset WebAssembly hands the host.
/// Multi-byte values are little-endian, as WebAssembly stores them.
public struct Memory: @unchecked Sendable {
    let handle: LinearMemory

    init(handle: LinearMemory) { self.handle = handle }

    /// A new memory of `type`: `type.limits.min` zeroed pages, growable to `type.limits.max`.
    ///
    /// - Throws: `MemoryCreationError` for limits the type forbids (minimum above maximum,
    ///   beyond the address type's page limit, a shared memory without maximum) or a size this
    ///   runtime cannot reserve.
    public init(type: MemoryType) throws {
        handle = try LinearMemory(type)
    }

    /// The memory's type now: its current size as the minimum, and its declared maximum.
    public var type: MemoryType { handle.type }

    /// The current size in 64 KiB pages.
    public var sizeInPages: UInt64 { handle.sizeInPages }

    /// The current size in bytes.
    public var byteCount: Int { handle.byteCount }

    /// The memory itself, for code that addresses it directly (WASI, fast paths); its base
    /// address never moves.
    public var linearMemory: LinearMemory { handle }

    /// Adds `pages` zeroed pages (`memory.grow`); the old size in pages, or `nil` if the memory
    /// cannot grow that far (beyond its maximum or what the runtime reserved).
    @discardableResult
    public func grow(by pages: UInt64) -> Int64? {
        let old = handle.grow(by: pages)
        return old < 0 ? nil : old
    }

    /// A copy of the `count` bytes at `offset`.
    public func read(at offset: Int, count: Int) throws -> [UInt8] {
        let start = try checkedRange(offset, count)
        return [UInt8](UnsafeRawBufferPointer(start: handle.base + start, count: count))
    }

    /// Copies `bytes` to `offset` (all or nothing).
    public func write(_ bytes: [UInt8], at offset: Int) throws {
        let start = try checkedRange(offset, bytes.count)
        bytes.withUnsafeBytes { source in
            if let from = source.baseAddress { (handle.base + start).copyMemory(from: from, byteCount: source.count) }
        }
    }

    /// The `count` bytes at `offset`, decoded as UTF-8 (ill-formed sequences become U+FFFD).
    public func string(at offset: Int, count: Int) throws -> String {
        let start = try checkedRange(offset, count)
        return String(decoding: UnsafeRawBufferPointer(start: handle.base + start, count: count), as: UTF8.self)
    }

    /// The little-endian integer of type `T` at `offset`.
    public func load<T: FixedWidthInteger>(_: T.Type, at offset: Int) throws -> T {
        let start = try checkedRange(offset, T.bitWidth / 8)
        var value: T = 0
        for index in 0..<(T.bitWidth / 8) {
            value |= T(truncatingIfNeeded: handle.base.load(fromByteOffset: start + index, as: UInt8.self)) << (8 * index)
        }
        return value
    }

    /// Stores `value` at `offset`, little-endian.
    public func store<T: FixedWidthInteger>(_ value: T, at offset: Int) throws {
        let start = try checkedRange(offset, T.bitWidth / 8)
        for index in 0..<(T.bitWidth / 8) {
            handle.base.storeBytes(of: UInt8(truncatingIfNeeded: value >> (8 * index)), toByteOffset: start + index, as: UInt8.self)
        }
    }

    /// Calls `body` with a mutable view of the whole memory (its current size). The view is
    /// valid only during the call; growing the memory inside `body` does not extend it.
    public func withUnsafeBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeMutableRawBufferPointer(start: handle.base, count: handle.byteCount))
    }

    /// The offset of `[offset, offset + count)` if it lies within the memory.
    private func checkedRange(_ offset: Int, _ count: Int) throws(AccessError) -> Int {
        let size = handle.byteCount
        guard offset >= 0, count >= 0, count <= size, offset <= size - count else {
            throw AccessError("memory access of \(count) byte\(count == 1 ? "" : "s") at offset \(offset) is out of bounds (memory size \(size) bytes)")
        }
        return offset
    }
}
