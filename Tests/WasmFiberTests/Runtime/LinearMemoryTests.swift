#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
#if canImport(WasmFiber)
@testable import WasmFiber
#else
@testable import Memory
#endif

private let page = UInt64(LinearMemory.pageSize)

// Serialized: some tests reserve large parts of the address space (the fallback test briefly
// holds ~64 TiB), which would push a concurrently running test over the reservation budget.
@Suite("LinearMemory", .serialized)
struct LinearMemoryTests {
    // MARK: growth

    @Test func growReturnsOldSizeAndCommitsZeroedPages() throws {
        let memory = try LinearMemory(minimum: 1, maximum: 4)
        #expect(memory.sizeInPages == 1)
        #expect(memory.byteCount == Int(page))
        try memory.i32Store(0xdead_beef, at: page - 4)
        #expect(memory.grow(by: 2) == 1)
        #expect(memory.sizeInPages == 3)
        #expect(memory.byteCount == 3 * Int(page))
        #expect(try memory.i32Load(at: page - 4) == 0xdead_beef, "old contents stay")
        let fresh = try memory.read(offset: page, count: 2 * Int(page))
        #expect(fresh.allSatisfy { $0 == 0 }, "new pages are zeroed")
        try memory.i64Store(.max, at: 3 * page - 8)  // the new pages are writable
        #expect(memory.grow(by: 0) == 3)
    }

    @Test func growBeyondMaximumFails() throws {
        let memory = try LinearMemory(minimum: 1, maximum: 2)
        #expect(memory.grow(by: 2) == -1)
        #expect(memory.grow(by: .max) == -1, "a huge delta cannot overflow the page count")
        #expect(memory.grow(by: 1) == 1)
        #expect(memory.grow(by: 1) == -1)
        #expect(memory.sizeInPages == 2)

        // core/memory_grow.wast, first module: (memory 0), no maximum, 65,536-page limit.
        let unbounded32 = try LinearMemory(minimum: 0)
        #expect(unbounded32.pageLimit == LinearMemory.memory32PageLimit)
        let spec: [(UInt64, Int64)] = [(0, 0), (1, 0), (0, 1), (2, 1), (800, 3), (0x10000, -1), (64736, -1), (1, 803)]
        for (delta, result) in spec { #expect(unbounded32.grow(by: delta) == result, "grow \(delta)") }
        #expect(unbounded32.grow(by: 65536 - 804) == 804, "exactly 4 GiB is reachable")
        #expect(unbounded32.grow(by: 1) == -1)
        #expect(unbounded32.byteCount == 1 << 32)
        try unbounded32.i32Store(1, at: (1 << 32) - 4)

        let capped = try LinearMemory(minimum: 1, maximum: 100,
                                      configuration: .init(reservationLimit: 4 * page))
        #expect(capped.reservedByteCount == 4 * Int(page))
        #expect(capped.grow(by: 3) == 1)
        #expect(capped.grow(by: 1) == -1, "growth beyond the reservation fails instead of moving")

        let zero = try LinearMemory(minimum: 0, maximum: 0)
        #expect(zero.byteCount == 0 && zero.pageLimit == 0)
        #expect(zero.grow(by: 0) == 0)
        #expect(zero.grow(by: 1) == -1)
    }

    @Test func overBudgetMemoriesReserveOnlyHeadroom() throws {
        let tight = LinearMemory.Configuration(addressSpaceBudget: 0, fallbackHeadroom: 2 * page + 100)
        let memory = try LinearMemory(minimum: 1, configuration: tight)
        #expect(memory.reservedByteCount == 3 * Int(page), "initial size + whole pages of headroom")
        #expect(memory.pageLimit == 3)
        #expect(memory.grow(by: 2) == 1)
        #expect(memory.grow(by: 1) == -1)
        #expect(LinearMemory.totalReservedBytes >= memory.reservedByteCount)
        let bounded = try LinearMemory(minimum: 0, maximum: 1, configuration: tight)
        #expect(bounded.reservedByteCount == Int(page), "never more than the maximum needs")
    }

    @Test func reservationFallsBackWhenAddressSpaceIsShort() throws {
        // No machine has 2^64 bytes of address space: the reservation is halved until the
        // kernel accepts it, and growth stops at what was reserved.
        let memory = try LinearMemory(minimum: 1, maximum: LinearMemory.memory64PageLimit, isMemory64: true,
                                      configuration: .init(reservationLimit: .max, addressSpaceBudget: .max))
        let reserved = UInt64(memory.reservedByteCount)
        #expect(reserved >= page && reserved < 1 << 63)
        #expect(memory.pageLimit == reserved / page)
        #expect(memory.grow(by: memory.pageLimit) == -1)
        #expect(memory.grow(by: 1) == 1)
        try memory.i64Store(1, at: 2 * page - 8)
    }

    @Test func baseAddressNeverMoves() throws {
        let memory = try LinearMemory(minimum: 0, maximum: 1024)
        let base = memory.base
        for step in 0..<64 {
            #expect(memory.grow(by: 16) == Int64(step * 16))
            #expect(memory.base == base)
        }
        #expect(memory.grow(by: 1) == -1)
        #expect(memory.base == base)
    }

    @Test func invalidLimitsAreRefused() {
        #expect(throws: MemoryCreationError.self) { try LinearMemory(minimum: 2, maximum: 1) }
        #expect(throws: MemoryCreationError.self) { try LinearMemory(minimum: 65_537) }
        #expect(throws: MemoryCreationError.self) { try LinearMemory(minimum: 1, isShared: true) }
        #expect(throws: MemoryCreationError.self) {
            try LinearMemory(minimum: 8, isMemory64: true, configuration: .init(reservationLimit: page))
        }
    }

    // MARK: bounds

    @Test func accessStraddlingTheEndTraps() throws {
        let memory = try LinearMemory(minimum: 1)
        let end = page
        #expect(try memory.i32Load(at: end - 4) == 0)
        #expect(throws: MemoryError.outOfBounds) { try memory.i32Load(at: end - 3) }
        #expect(throws: MemoryError.outOfBounds) { try memory.i64Load(at: end - 7) }
        #expect(throws: MemoryError.outOfBounds) { try memory.i32Load16U(at: end - 1) }
        #expect(throws: MemoryError.outOfBounds) { try memory.i32Load8U(at: end) }
        #expect(throws: MemoryError.outOfBounds) { try memory.i64Store(1, at: end - 4) }
        #expect(try memory.i64Load(at: end - 8) == 0, "a trapping store writes nothing")
        #expect(try memory.i32Load8U(at: end - 1) == 0)

        let empty = try LinearMemory(minimum: 0)
        #expect(throws: MemoryError.outOfBounds) { try empty.i32Load8U(at: 0) }
    }

    @Test func addressPlusOffsetOverflowTraps() throws {
        let memory = try LinearMemory(minimum: 1)
        // memory32: an i32 address plus a u32 offset exceeds 2^32; it must not wrap to 0.
        let address = UInt64(UInt32.max), offset = UInt64(1)
        #expect(throws: MemoryError.outOfBounds) { try memory.i32Load8U(at: address, offset: offset) }
        // memory64: the 64-bit sum overflows; wrapping would land on address 3.
        let memory64 = try LinearMemory(minimum: 1, isMemory64: true)
        #expect(throws: MemoryError.outOfBounds) { try memory64.i32Load(at: .max, offset: 4) }
        #expect(throws: MemoryError.outOfBounds) { try memory64.i32Load(at: .max - 1, offset: 0) }
        #expect(throws: MemoryError.outOfBounds) {
            try memory64.atomicLoad(.bits64, at: .max - 7, offset: 8)
        }
        #expect(throws: MemoryError.outOfBounds) { try memory64.fill(destination: 2, value: 0, count: .max) }
        #expect(try memory64.i32Load(at: 0, offset: page - 4) == 0)
    }

    @Test func memory64AddressesBeyond4GiBWorkWhenCommitted() throws {
        let memory = try LinearMemory(minimum: 1, maximum: 1 << 20, isMemory64: true)
        let beyond4GiB = (UInt64(1) << 32) / page + 2  // 65,538 pages: 4 GiB + 128 KiB
        guard UInt64(memory.reservedByteCount) >= beyond4GiB * page else {
            // The fallback gave a smaller reservation: test near its end instead.
            let end = UInt64(memory.byteCount)
            try memory.i64Store(42, at: end - 8)
            #expect(try memory.i64Load(at: end - 8) == 42)
            return
        }
        #expect(memory.reservedByteCount == 16 << 30, "capped at the default reservation limit")
        #expect(memory.grow(by: beyond4GiB - 1) == 1)
        let high = UInt64(1) << 32 + 4096
        try memory.i64Store(0x0123_4567_89ab_cdef, at: high, offset: 8)
        #expect(try memory.i64Load(at: high + 8) == 0x0123_4567_89ab_cdef)
        #expect(try memory.i64Load(at: 4096, offset: 8) == 0, "no aliasing modulo 2^32")
        let end = beyond4GiB * page
        try memory.i32Store(7, at: end - 4)
        #expect(throws: MemoryError.outOfBounds) { try memory.i32Load(at: end - 2) }
    }

    // MARK: bulk operations

    @Test func fillCopyInitBoundsAreCheckedBeforeWriting() throws {
        let memory = try LinearMemory(minimum: 1)
        let size = page
        // fill: a range that starts inside but ends past the end writes nothing.
        #expect(throws: MemoryError.outOfBounds) { try memory.fill(destination: size - 2, value: 0xaa, count: 3) }
        #expect(try memory.read(offset: size - 2, count: 2) == [0, 0])
        try memory.fill(destination: 10, value: 0xaa, count: 4)
        #expect(try memory.read(offset: 9, count: 6) == [0, 0xaa, 0xaa, 0xaa, 0xaa, 0])

        // copy: either range out of bounds traps before any byte moves.
        #expect(throws: MemoryError.outOfBounds) { try memory.copy(destination: size - 2, source: 10, count: 4) }
        #expect(throws: MemoryError.outOfBounds) { try memory.copy(destination: 0, source: size - 2, count: 4) }
        #expect(try memory.read(offset: size - 2, count: 2) == [0, 0])
        #expect(try memory.read(offset: 0, count: 4) == [0, 0, 0, 0])

        // copy: overlapping ranges behave as memmove, both directions.
        try memory.write([1, 2, 3, 4, 5], at: 100)
        try memory.copy(destination: 102, source: 100, count: 5)
        #expect(try memory.read(offset: 100, count: 7) == [1, 2, 1, 2, 3, 4, 5])
        try memory.copy(destination: 100, source: 102, count: 5)
        #expect(try memory.read(offset: 100, count: 7) == [1, 2, 3, 4, 5, 4, 5])

        // init: source range beyond the segment, or destination beyond memory, traps.
        let segment: [UInt8] = [9, 8, 7, 6]
        #expect(throws: MemoryError.outOfBounds) {
            try memory.initialize(from: segment, destination: 200, sourceOffset: 1, count: 4)
        }
        #expect(throws: MemoryError.outOfBounds) {
            try memory.initialize(from: segment, destination: size - 1, sourceOffset: 0, count: 2)
        }
        #expect(try memory.read(offset: 200, count: 4) == [0, 0, 0, 0])
        #expect(try memory.read(offset: size - 1, count: 1) == [0])
        try memory.initialize(from: segment, destination: 200, sourceOffset: 1, count: 3)
        #expect(try memory.read(offset: 200, count: 4) == [8, 7, 6, 0])

        // copy between two memories.
        let other = try LinearMemory(minimum: 1)
        try other.copy(destination: 0, from: memory, source: 200, count: 3)
        #expect(try other.read(offset: 0, count: 3) == [8, 7, 6])
        #expect(throws: MemoryError.outOfBounds) {
            try other.copy(destination: 0, from: memory, source: size, count: 1)
        }
    }

    @Test func zeroLengthAtEndIsAllowed() throws {
        let memory = try LinearMemory(minimum: 1)
        let size = page
        try memory.fill(destination: size, value: 1, count: 0)
        try memory.copy(destination: size, source: size, count: 0)
        try memory.initialize(from: [1, 2], destination: size, sourceOffset: 2, count: 0)
        #expect(try memory.read(offset: size, count: 0) == [])
        // One beyond the end traps even with a count of 0.
        #expect(throws: MemoryError.outOfBounds) { try memory.fill(destination: size + 1, value: 1, count: 0) }
        #expect(throws: MemoryError.outOfBounds) { try memory.copy(destination: size + 1, source: 0, count: 0) }
        #expect(throws: MemoryError.outOfBounds) { try memory.copy(destination: 0, source: size + 1, count: 0) }
        #expect(throws: MemoryError.outOfBounds) {
            try memory.initialize(from: [1, 2], destination: size + 1, sourceOffset: 0, count: 0)
        }
        #expect(throws: MemoryError.outOfBounds) {
            try memory.initialize(from: [1, 2], destination: 0, sourceOffset: 3, count: 0)
        }
        // A dropped segment has length 0: offset 0, count 0 is fine; anything else traps.
        try memory.initialize(from: [], destination: 0, sourceOffset: 0, count: 0)
        #expect(throws: MemoryError.outOfBounds) {
            try memory.initialize(from: [], destination: 0, sourceOffset: 1, count: 0)
        }
        let empty = try LinearMemory(minimum: 0)
        try empty.fill(destination: 0, value: 0, count: 0)
    }

    // MARK: atomics

    @Test func atomicsRequireNaturalAlignment() throws {
        let memory = try LinearMemory(minimum: 1, maximum: 1, isShared: true)
        for width in [AtomicWidth.bits16, .bits32, .bits64] {
            for misalignment in 1..<UInt64(width.rawValue) {
                #expect(throws: MemoryError.unalignedAtomic) { try memory.atomicLoad(width, at: 8 + misalignment) }
                #expect(throws: MemoryError.unalignedAtomic) { try memory.atomicStore(width, 1, at: 8, offset: misalignment) }
                #expect(throws: MemoryError.unalignedAtomic) { try memory.atomicRMW(.add, width, 1, at: 8 + misalignment) }
                #expect(throws: MemoryError.unalignedAtomic) {
                    try memory.atomicCompareExchange(width, expected: 0, replacement: 1, at: 8 + misalignment)
                }
            }
        }
        _ = try memory.atomicLoad(.bits8, at: 7)  // bytes are always aligned
        #expect(throws: MemoryError.outOfBounds) { try memory.atomicLoad(.bits32, at: page) }
        #expect(throws: MemoryError.outOfBounds) { try memory.atomicLoad(.bits8, at: page) }
        #expect(try memory.read(offset: 0, count: 16).allSatisfy { $0 == 0 }, "no trapping access wrote")
    }

    @Test func atomicOperationsFollowTheThreadsProposal() throws {
        let memory = try LinearMemory(minimum: 1, maximum: 1, isShared: true)
        try memory.i64Store(0x1111_1111_1111_1111, at: 0)
        #expect(try memory.atomicRMW(.add, .bits8, 0x1_01, at: 0) == 0x11, "operand wrapped to 8 bits")
        #expect(try memory.i64Load(at: 0) == 0x1111_1111_1111_1112)
        #expect(try memory.atomicRMW(.sub, .bits16, 0x13, at: 0) == 0x1112)
        #expect(try memory.atomicLoad(.bits16, at: 0) == 0x10ff)
        #expect(try memory.atomicRMW(.and, .bits32, 0xffff_0000, at: 0) == 0x1111_10ff)
        #expect(try memory.atomicRMW(.or, .bits32, 0x0f, at: 0) == 0x1111_0000)
        #expect(try memory.atomicRMW(.xor, .bits64, 0xffff_ffff_0000_0000, at: 0) == 0x1111_1111_1111_000f)
        #expect(try memory.atomicRMW(.xchg, .bits64, 42, at: 0) == 0xeeee_eeee_1111_000f)
        #expect(try memory.atomicLoad(.bits64, at: 0) == 42)
        // cmpxchg: the loaded value (zero-extended) is compared with the whole expected operand.
        try memory.atomicStore(.bits8, 0x11, at: 8)
        #expect(try memory.atomicCompareExchange(.bits8, expected: 0x111, replacement: 0xcd, at: 8) == 0x11)
        #expect(try memory.atomicLoad(.bits8, at: 8) == 0x11, "expected with high bits never matches")
        #expect(try memory.atomicCompareExchange(.bits8, expected: 0x11, replacement: 0xcdcd, at: 8) == 0x11)
        #expect(try memory.atomicLoad(.bits8, at: 8) == 0xcd, "replacement wrapped to 8 bits")
        #expect(try memory.atomicCompareExchange(.bits32, expected: 1, replacement: 2, at: 12) == 0)
        #expect(try memory.atomicLoad(.bits32, at: 12) == 0, "a failed compare stores nothing")
        #expect(try memory.atomicCompareExchange(.bits64, expected: 42, replacement: 7, at: 0) == 42)
        #expect(try memory.i64Load(at: 0) == 7)
        LinearMemory.atomicFence()

        // Unshared memories take atomics too (as plain sequential accesses), still alignment-checked.
        let unshared = try LinearMemory(minimum: 1)
        #expect(try unshared.atomicRMW(.add, .bits32, 5, at: 4) == 0)
        #expect(try unshared.i32Load(at: 4) == 5)
        #expect(throws: MemoryError.unalignedAtomic) { try unshared.atomicLoad(.bits32, at: 2) }
    }

    @Test func sharedMemoryCountsAtomicallyAcrossThreads() async throws {
        let memory = try LinearMemory(minimum: 1, maximum: 8, isShared: true)
        let tasks = 4, increments = 10_000
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<tasks {
                group.addTask {
                    for _ in 0..<increments { _ = try? memory.atomicRMW(.add, .bits64, 1, at: 64) }
                    _ = memory.grow(by: 1)
                }
            }
        }
        #expect(try memory.atomicLoad(.bits64, at: 64) == UInt64(tasks * increments))
        #expect(memory.sizeInPages == 1 + UInt64(tasks))
    }

    // MARK: many memories

    @Test func thousandsOfMemoriesCanExist() throws {
        // 2,000 unbounded memory32s reserve 4 GiB each (8 TiB of address space) and cost two
        // mappings each (committed page + reserved rest): far below vm.max_map_count (65,530).
        var memories: [LinearMemory] = []
        memories.reserveCapacity(2_000)
        for index in 0..<2_000 {
            let memory = try LinearMemory(minimum: 1)
            try memory.i32Store(UInt32(index), at: 0)
            memories.append(memory)
        }
        for (index, memory) in memories.enumerated() {
            #expect(try memory.i32Load(at: 0) == UInt32(index))
        }
        if let mappings = processMappings() {
            // Count the kernel's mappings inside each reservation (robust against other tests
            // mapping concurrently): a committed prefix and the reserved rest, no more.
            for memory in memories.prefix(100) {
                let low = UInt(bitPattern: memory.base), high = low + UInt(memory.reservedByteCount)
                let inside = mappings.filter { $0.lowerBound < high && $0.upperBound > low }.count
                #expect((1...2).contains(inside), "a memory costs at most two mappings")
            }
        }
        let full = memories.filter { $0.reservedByteCount == 4 << 30 }.count
        #expect(full == memories.count, "no reservation needed the fallback")
        #expect(memories[1_999].grow(by: 1) == 1)
    }

    // MARK: values

    @Test func littleEndianRoundTripsOfEveryWidth() throws {
        let memory = try LinearMemory(minimum: 1)
        try memory.i64Store(0x0807_0605_0403_0201, at: 1)  // unaligned on purpose
        #expect(try memory.read(offset: 1, count: 8) == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(try memory.i32Load(at: 1) == 0x0403_0201)
        #expect(try memory.i32Load16U(at: 1) == 0x0201)
        #expect(try memory.i32Load8U(at: 8) == 0x08)

        try memory.write([0x80, 0xff, 0x7f, 0x00, 0x00, 0x00, 0x00, 0x80], at: 32)
        #expect(try memory.i32Load8S(at: 32) == 0xffff_ff80)
        #expect(try memory.i32Load8U(at: 32) == 0x80)
        #expect(try memory.i32Load16S(at: 32) == 0xffff_ff80)
        #expect(try memory.i32Load16U(at: 32) == 0xff80)
        #expect(try memory.i32Load16S(at: 33) == 0x7fff)
        #expect(try memory.i64Load8S(at: 32) == 0xffff_ffff_ffff_ff80)
        #expect(try memory.i64Load8U(at: 32) == 0x80)
        #expect(try memory.i64Load16S(at: 32) == 0xffff_ffff_ffff_ff80)
        #expect(try memory.i64Load16U(at: 32) == 0xff80)
        #expect(try memory.i64Load32S(at: 36) == 0xffff_ffff_8000_0000)
        #expect(try memory.i64Load32U(at: 36) == 0x8000_0000)
        #expect(try memory.i64Load32S(at: 32) == 0x007f_ff80)
        #expect(try memory.i64Load(at: 32) == 0x8000_0000_007f_ff80)

        try memory.i32Store8(0x1234_56ab, at: 64)
        try memory.i32Store16(0x1234_cdef, at: 65)
        try memory.i64Store8(0xff, at: 67)
        try memory.i64Store16(0xaaaa_bbbb_cccc_1122, at: 68)
        try memory.i64Store32(0xdddd_dddd_3344_5566, at: 70)
        #expect(try memory.read(offset: 64, count: 10) == [0xab, 0xef, 0xcd, 0xff, 0x22, 0x11, 0x66, 0x55, 0x44, 0x33])
        try memory.i32Store(0xa1b2_c3d4, at: 80)
        #expect(try memory.read(offset: 80, count: 4) == [0xd4, 0xc3, 0xb2, 0xa1])
        // Typed host access uses the same little-endian layout.
        #expect(try memory.load(UInt16.self, at: 80) == 0xc3d4)
        try memory.store(Int16(-2), at: 84)
        #expect(try memory.read(offset: 84, count: 2) == [0xfe, 0xff])
    }

    @Test func floatNaNPayloadsArePreserved() throws {
        let memory = try LinearMemory(minimum: 1)
        let signalling32: UInt32 = 0x7fa0_0001, negativeQuiet32: UInt32 = 0xffc0_1234
        let signalling64: UInt64 = 0x7ff4_0000_0000_0001, payload64: UInt64 = 0xfff8_dead_beef_0001
        for (index, bits) in [signalling32, negativeQuiet32].enumerated() {
            try memory.f32StoreBits(bits, at: UInt64(index * 4))
            #expect(try memory.f32LoadBits(at: UInt64(index * 4)) == bits)
        }
        for (index, bits) in [signalling64, payload64].enumerated() {
            try memory.f64StoreBits(bits, at: 16 + UInt64(index * 8))
            #expect(try memory.f64LoadBits(at: 16 + UInt64(index * 8)) == bits)
        }
        #expect(try memory.read(offset: 0, count: 4) == [0x01, 0x00, 0xa0, 0x7f])
    }

    // MARK: host access

    @Test func hostAccessIsBoundsCheckedAndNeverCrashes() throws {
        let memory = try LinearMemory(minimum: 1)
        try memory.write(Array("héllo".utf8), at: 10)
        #expect(try memory.string(at: 10, count: 6) == "héllo")
        #expect(throws: MemoryError.outOfBounds) { try memory.read(offset: page - 1, count: 2) }
        #expect(throws: MemoryError.outOfBounds) { try memory.read(offset: 0, count: -1) }
        #expect(throws: MemoryError.outOfBounds) { try memory.read(offset: .max, count: 1) }
        #expect(throws: MemoryError.outOfBounds) { try memory.write([1, 2], at: page - 1) }
        #expect(throws: MemoryError.outOfBounds) { try memory.string(at: page, count: 1) }
        #expect(throws: MemoryError.outOfBounds) { try memory.load(UInt64.self, at: page - 4) }
        #expect(throws: MemoryError.self) { try memory.withUnsafeBytes(offset: .max - 1, count: 2) { _ in } }
        let sum = try memory.withUnsafeBytes(offset: 10, count: 2) { bytes in bytes.reduce(0) { $0 + Int($1) } }
        #expect(sum == Int(UInt8(ascii: "h")) + 0xc3)
        try memory.withUnsafeMutableBytes(offset: page - 2, count: 2) { bytes in bytes[1] = 9 }
        #expect(try memory.i32Load8U(at: page - 1) == 9)
        var buffer = [UInt8](repeating: 0xee, count: 3)
        try buffer.withUnsafeMutableBytes { try memory.read(offset: 10, into: $0) }
        #expect(buffer == [UInt8(ascii: "h"), 0xc3, 0xa9])
    }
}

/// The address ranges mapped in this process (from /proc/self/maps), where the kernel has it.
private func processMappings() -> [Range<UInt>]? {
    guard let file = fopen("/proc/self/maps", "r") else { return nil }
    defer { fclose(file) }
    var ranges: [Range<UInt>] = []
    var line: UnsafeMutablePointer<CChar>? = nil
    var capacity = 0
    defer { free(line) }
    while getline(&line, &capacity, file) > 0, let text = line {
        var end: UnsafeMutablePointer<CChar>? = nil
        let low = UInt(strtoul(text, &end, 16))
        guard let dash = end, dash.pointee == 0x2d else { continue }  // "low-high ..."
        let high = UInt(strtoul(dash + 1, nil, 16))
        if high > low { ranges.append(low..<high) }
    }
    return ranges
}
