// Bounds-checked little-endian loads and stores: the interpreter's hot path.
//
// Every accessor takes the operand address and the instruction's static offset as `UInt64` and
// adds them with overflow detection: an i32 address plus a u32 offset may exceed 2^32, and a
// memory64 address plus offset may overflow 64 bits; both trap instead of wrapping. The check
// is two overflowing additions and one comparison against the current size; no ARC traffic
// (``LinearMemory/base`` is a `let`, the size lives behind an unsafe pointer) and no existentials.
//
// Values are bit patterns: `i32` in a `UInt32`, `i64` in a `UInt64`, and `f32`/`f64` as their raw
// bits (`UInt32`/`UInt64`) so that NaN payloads pass through untouched, as the spec requires.

extension LinearMemory {
    /// The byte offset of an access of `width` bytes at `address + offset`, or
    /// ``MemoryError/outOfBounds`` if any byte of it lies outside the memory's current size or the
    /// addition overflows. For interpreters that address ``base`` themselves.
    @inlinable @inline(__always)
    public func checkedOffset(_ address: UInt64, offset: UInt64, width: UInt64) throws(MemoryError) -> Int {
        let (effective, overflow1) = address.addingReportingOverflow(offset)
        let (end, overflow2) = effective.addingReportingOverflow(width)
        guard !(overflow1 || overflow2), end <= UInt64(truncatingIfNeeded: byteCount) else {
            throw MemoryError.outOfBounds
        }
        return Int(truncatingIfNeeded: effective)
    }

    /// Loads a little-endian integer at `address + offset`.
    @inlinable @inline(__always)
    public func load<T: FixedWidthInteger & BitwiseCopyable>(
        _: T.Type, at address: UInt64, offset: UInt64 = 0
    ) throws(MemoryError) -> T {
        let index = try checkedOffset(address, offset: offset, width: UInt64(MemoryLayout<T>.size))
        return T(littleEndian: base.loadUnaligned(fromByteOffset: index, as: T.self))
    }

    /// Stores a little-endian integer at `address + offset`.
    @inlinable @inline(__always)
    public func store<T: FixedWidthInteger & BitwiseCopyable>(
        _ value: T, at address: UInt64, offset: UInt64 = 0
    ) throws(MemoryError) {
        let index = try checkedOffset(address, offset: offset, width: UInt64(MemoryLayout<T>.size))
        base.storeBytes(of: value.littleEndian, toByteOffset: index, as: T.self)
    }

    // MARK: i32 loads

    /// `i32.load`.
    @inlinable @inline(__always)
    public func i32Load(at address: UInt64, offset: UInt64 = 0) throws(MemoryError) -> UInt32 {
        try load(UInt32.self, at: address, offset: offset)
    }

    /// `i32.load8_s`: one byte, sign-extended.
    @inlinable @inline(__always)
    public func i32Load8S(at address: UInt64, offset: UInt64 = 0) throws(MemoryError) -> UInt32 {
        UInt32(bitPattern: Int32(try load(Int8.self, at: address, offset: offset)))
    }

    /// `i32.load8_u`: one byte, zero-extended.
    @inlinable @inline(__always)
    public func i32Load8U(at address: UInt64, offset: UInt64 = 0) throws(MemoryError) -> UInt32 {
        UInt32(try load(UInt8.self, at: address, offset: offset))
    }

    /// `i32.load16_s`: two bytes, sign-extended.
    @inlinable @inline(__always)
    public func i32Load16S(at address: UInt64, offset: UInt64 = 0) throws(MemoryError) -> UInt32 {
        UInt32(bitPattern: Int32(try load(Int16.self, at: address, offset: offset)))
    }

    /// `i32.load16_u`: two bytes, zero-extended.
    @inlinable @inline(__always)
    public func i32Load16U(at address: UInt64, offset: UInt64 = 0) throws(MemoryError) -> UInt32 {
        UInt32(try load(UInt16.self, at: address, offset: offset))
    }

    // MARK: i64 loads

    /// `i64.load`.
    @inlinable @inline(__always)
    public func i64Load(at address: UInt64, offset: UInt64 = 0) throws(MemoryError) -> UInt64 {
        try load(UInt64.self, at: address, offset: offset)
    }

    /// `i64.load8_s`: one byte, sign-extended.
    @inlinable @inline(__always)
    public func i64Load8S(at address: UInt64, offset: UInt64 = 0) throws(MemoryError) -> UInt64 {
        UInt64(bitPattern: Int64(try load(Int8.self, at: address, offset: offset)))
    }

    /// `i64.load8_u`: one byte, zero-extended.
    @inlinable @inline(__always)
    public func i64Load8U(at address: UInt64, offset: UInt64 = 0) throws(MemoryError) -> UInt64 {
        UInt64(try load(UInt8.self, at: address, offset: offset))
    }

    /// `i64.load16_s`: two bytes, sign-extended.
    @inlinable @inline(__always)
    public func i64Load16S(at address: UInt64, offset: UInt64 = 0) throws(MemoryError) -> UInt64 {
        UInt64(bitPattern: Int64(try load(Int16.self, at: address, offset: offset)))
    }

    /// `i64.load16_u`: two bytes, zero-extended.
    @inlinable @inline(__always)
    public func i64Load16U(at address: UInt64, offset: UInt64 = 0) throws(MemoryError) -> UInt64 {
        UInt64(try load(UInt16.self, at: address, offset: offset))
    }

    /// `i64.load32_s`: four bytes, sign-extended.
    @inlinable @inline(__always)
    public func i64Load32S(at address: UInt64, offset: UInt64 = 0) throws(MemoryError) -> UInt64 {
        UInt64(bitPattern: Int64(try load(Int32.self, at: address, offset: offset)))
    }

    /// `i64.load32_u`: four bytes, zero-extended.
    @inlinable @inline(__always)
    public func i64Load32U(at address: UInt64, offset: UInt64 = 0) throws(MemoryError) -> UInt64 {
        UInt64(try load(UInt32.self, at: address, offset: offset))
    }

    // MARK: float loads (bit patterns)

    /// `f32.load`, as the raw bits (NaN payloads preserved).
    @inlinable @inline(__always)
    public func f32LoadBits(at address: UInt64, offset: UInt64 = 0) throws(MemoryError) -> UInt32 {
        try load(UInt32.self, at: address, offset: offset)
    }

    /// `f64.load`, as the raw bits (NaN payloads preserved).
    @inlinable @inline(__always)
    public func f64LoadBits(at address: UInt64, offset: UInt64 = 0) throws(MemoryError) -> UInt64 {
        try load(UInt64.self, at: address, offset: offset)
    }

    // MARK: stores

    /// `i32.store`.
    @inlinable @inline(__always)
    public func i32Store(_ value: UInt32, at address: UInt64, offset: UInt64 = 0) throws(MemoryError) {
        try store(value, at: address, offset: offset)
    }

    /// `i32.store8`: the low byte.
    @inlinable @inline(__always)
    public func i32Store8(_ value: UInt32, at address: UInt64, offset: UInt64 = 0) throws(MemoryError) {
        try store(UInt8(truncatingIfNeeded: value), at: address, offset: offset)
    }

    /// `i32.store16`: the low two bytes.
    @inlinable @inline(__always)
    public func i32Store16(_ value: UInt32, at address: UInt64, offset: UInt64 = 0) throws(MemoryError) {
        try store(UInt16(truncatingIfNeeded: value), at: address, offset: offset)
    }

    /// `i64.store`.
    @inlinable @inline(__always)
    public func i64Store(_ value: UInt64, at address: UInt64, offset: UInt64 = 0) throws(MemoryError) {
        try store(value, at: address, offset: offset)
    }

    /// `i64.store8`: the low byte.
    @inlinable @inline(__always)
    public func i64Store8(_ value: UInt64, at address: UInt64, offset: UInt64 = 0) throws(MemoryError) {
        try store(UInt8(truncatingIfNeeded: value), at: address, offset: offset)
    }

    /// `i64.store16`: the low two bytes.
    @inlinable @inline(__always)
    public func i64Store16(_ value: UInt64, at address: UInt64, offset: UInt64 = 0) throws(MemoryError) {
        try store(UInt16(truncatingIfNeeded: value), at: address, offset: offset)
    }

    /// `i64.store32`: the low four bytes.
    @inlinable @inline(__always)
    public func i64Store32(_ value: UInt64, at address: UInt64, offset: UInt64 = 0) throws(MemoryError) {
        try store(UInt32(truncatingIfNeeded: value), at: address, offset: offset)
    }

    /// `f32.store` of raw bits (NaN payloads preserved).
    @inlinable @inline(__always)
    public func f32StoreBits(_ bits: UInt32, at address: UInt64, offset: UInt64 = 0) throws(MemoryError) {
        try store(bits, at: address, offset: offset)
    }

    /// `f64.store` of raw bits (NaN payloads preserved).
    @inlinable @inline(__always)
    public func f64StoreBits(_ bits: UInt64, at address: UInt64, offset: UInt64 = 0) throws(MemoryError) {
        try store(bits, at: address, offset: offset)
    }
}
