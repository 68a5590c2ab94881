/// Accumulates the records of a function's internal code (see `Op`), then hands over the
/// finished code in memory the executor owns.
struct CodeBuilder {
    private(set) var bytes: [UInt8] = []

    /// The byte offset the next record starts at.
    var position: Int { bytes.count }

    /// Starts a record with `op`.
    mutating func emit(_ op: Op) {
        align()
        append(op.rawValue)
    }

    /// Appends a 32-bit operand.
    mutating func u32(_ value: UInt32) { append(value) }

    /// Appends a slot or index operand (checked to fit 32 bits).
    mutating func slot(_ value: Int) {
        precondition(value >= 0 && value <= Int(UInt32.max), "operand \(value) out of range")
        append(UInt32(value))
    }

    /// Appends a 64-bit operand at the next 8-byte boundary.
    mutating func u64(_ value: UInt64) {
        align()
        append(value)
    }

    /// Appends the unretained address of `object` (as a 64-bit operand).
    mutating func object(_ object: AnyObject) {
        u64(UInt64(UInt(bitPattern: Unmanaged.passUnretained(object).toOpaque())))
    }

    /// Pads the record to a multiple of 8 bytes.
    mutating func align() {
        while bytes.count % 8 != 0 { bytes.append(0) }
    }

    /// Overwrites the 32-bit operand at byte `offset` (branch targets found later).
    mutating func patch(_ offset: Int, with value: Int) {
        let v = UInt32(value)
        for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(i))) }
    }

    /// The finished code, 8-byte aligned (the caller owns and frees it).
    mutating func finish() -> (UnsafeMutableRawPointer, Int) {
        align()
        let code = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 8), alignment: 8)
        bytes.withUnsafeBytes { code.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        return (code, bytes.count)
    }

    private mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
