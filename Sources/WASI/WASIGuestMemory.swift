import WasmFiber

/// The calling instance's linear memory as WASI functions see it: the raw base address and the
/// size at the time of the call, with one bounds check per access. Every guest pointer goes
/// through ``address(_:count:)``, so a bad pointer or length is `fault`, never a stray access.
///
/// Valid for one host call: nothing the WASI functions do grows the memory (the base of a
/// `LinearMemory` never moves anyway).
struct WASIGuestMemory {
    let base: UnsafeMutableRawPointer
    let size: Int

    @inline(__always)
    init(base: UnsafeMutableRawPointer, size: Int) {
        self.base = base
        self.size = size
    }

    /// The host address of `count` bytes at guest `pointer`, or `fault` if they do not all lie
    /// inside the memory.
    @inline(__always)
    func address(_ pointer: UInt32, count: Int) throws(WASIErrno) -> UnsafeMutableRawPointer {
        let start = Int(pointer)
        guard count >= 0, count <= size &- start else { throw .fault }
        return base + start
    }

    /// The `count` bytes at `pointer`.
    @inline(__always)
    func bytes(_ pointer: UInt32, count: Int) throws(WASIErrno) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: try address(pointer, count: count), count: count)
    }

    @inline(__always)
    func storeU8(_ value: UInt8, at pointer: UInt32) throws(WASIErrno) {
        try address(pointer, count: 1).storeBytes(of: value, as: UInt8.self)
    }

    @inline(__always)
    func storeU16(_ value: UInt16, at pointer: UInt32) throws(WASIErrno) {
        try address(pointer, count: 2).storeBytes(of: value.littleEndian, as: UInt16.self)
    }

    @inline(__always)
    func storeU32(_ value: UInt32, at pointer: UInt32) throws(WASIErrno) {
        try address(pointer, count: 4).storeBytes(of: value.littleEndian, as: UInt32.self)
    }

    @inline(__always)
    func storeU64(_ value: UInt64, at pointer: UInt32) throws(WASIErrno) {
        try address(pointer, count: 8).storeBytes(of: value.littleEndian, as: UInt64.self)
    }

    @inline(__always)
    func loadU8(at pointer: UInt32) throws(WASIErrno) -> UInt8 {
        try address(pointer, count: 1).load(as: UInt8.self)
    }

    @inline(__always)
    func loadU16(at pointer: UInt32) throws(WASIErrno) -> UInt16 {
        UInt16(littleEndian: try address(pointer, count: 2).loadUnaligned(as: UInt16.self))
    }

    @inline(__always)
    func loadU32(at pointer: UInt32) throws(WASIErrno) -> UInt32 {
        UInt32(littleEndian: try address(pointer, count: 4).loadUnaligned(as: UInt32.self))
    }

    @inline(__always)
    func loadU64(at pointer: UInt32) throws(WASIErrno) -> UInt64 {
        UInt64(littleEndian: try address(pointer, count: 8).loadUnaligned(as: UInt64.self))
    }

    /// The buffers of an `iovec` / `ciovec` array (`count` pairs of pointer and length at
    /// `pointer`), each checked. `fault` if the array or any buffer lies outside the memory.
    func ioVectors(_ pointer: UInt32, count: UInt32) throws(WASIErrno) -> [UnsafeMutableRawBufferPointer] {
        let array = try address(pointer, count: Int(count) * 8)
        var buffers: [UnsafeMutableRawBufferPointer] = []
        buffers.reserveCapacity(Int(count))
        for index in 0..<Int(count) {
            let start = UInt32(littleEndian: array.loadUnaligned(fromByteOffset: index * 8, as: UInt32.self))
            let length = UInt32(littleEndian: array.loadUnaligned(fromByteOffset: index * 8 + 4, as: UInt32.self))
            buffers.append(try bytes(start, count: Int(length)))
        }
        return buffers
    }
}
