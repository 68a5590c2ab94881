import Testing
import WasmFormat
@testable import WasmFiber

/// Memories, tables, globals and tags made and used by the host: accessors, and the errors
/// of every bad index, offset or type (which change nothing).
@Suite struct HostObjectTests {
    // MARK: Memory

    @Test func memoryReadWriteLoadStore() throws {
        let memory = try Memory(type: MemoryType(limits: Limits(min: 1, max: 2)))
        #expect(memory.sizeInPages == 1 && memory.byteCount == 65536)
        try memory.write([1, 2, 3], at: 10)
        #expect(try memory.read(at: 9, count: 5) == [0, 1, 2, 3, 0])
        try memory.store(UInt32(0xdead_beef), at: 100)
        #expect(try memory.read(at: 100, count: 4) == [0xef, 0xbe, 0xad, 0xde], "little-endian")
        #expect(try memory.load(UInt32.self, at: 100) == 0xdead_beef)
        #expect(try memory.load(Int16.self, at: 102) == Int16(bitPattern: 0xdead))
        try memory.store(Int64(-2), at: 65528)
        #expect(try memory.load(Int64.self, at: 65528) == -2)
        try memory.write(Array("héllo".utf8), at: 200)
        #expect(try memory.string(at: 200, count: 6) == "héllo")
        let sum = memory.withUnsafeBytes { bytes in bytes[10...12].reduce(0, +) }
        #expect(sum == 6 && memory.withUnsafeBytes { $0.count } == 65536)
    }

    @Test func memoryBoundsErrors() throws {
        let memory = try Memory(type: MemoryType(limits: Limits(min: 1)))
        for (offset, count) in [(65535, 2), (65537, 0), (-1, 1), (0, -1), (Int.max, 2), (0, 65537)] {
            #expect(throws: AccessError.self) { try memory.read(at: offset, count: count) }
        }
        #expect(try memory.read(at: 65536, count: 0) == [], "an empty range at the end is fine")
        #expect(throws: AccessError.self) { try memory.write([1, 2], at: 65535) }
        #expect(try memory.read(at: 65535, count: 1) == [0], "a refused write changes nothing")
        #expect(throws: AccessError.self) { try memory.load(UInt64.self, at: 65529) }
        #expect(throws: AccessError.self) { try memory.store(UInt16(1), at: 65535) }
        do {
            _ = try memory.read(at: 65535, count: 4)
        } catch let error as AccessError {
            #expect(error.message == "memory access of 4 bytes at offset 65535 is out of bounds (memory size 65536 bytes)")
        }
    }

    @Test func memoryGrowth() throws {
        let memory = try Memory(type: MemoryType(limits: Limits(min: 1, max: 3)))
        #expect(memory.grow(by: 1) == 1)
        #expect(memory.grow(by: 2) == nil, "beyond the maximum")
        #expect(memory.grow(by: 0) == 2)
        #expect(memory.type == MemoryType(limits: Limits(min: 2, max: 3)))
        try memory.store(UInt8(7), at: 2 * 65536 - 1)
    }

    @Test func memoryCreationErrors() throws {
        #expect(throws: MemoryCreationError.self) { try Memory(type: MemoryType(limits: Limits(min: 2, max: 1))) }
        #expect(throws: MemoryCreationError.self) { try Memory(type: MemoryType(limits: Limits(min: 1), shared: true)) }
        #expect(throws: MemoryCreationError.self) { try Memory(type: MemoryType(limits: Limits(min: 70_000))) }
    }

    // MARK: Table

    @Test func tableGetSetGrow() throws {
        let function = Function { (x: Int32) -> Int32 in x }
        let table = try Table(type: TableType(elementType: .funcRef, limits: Limits(min: 2, max: 4)), initial: .funcRef(nil))
        #expect(table.size == 2)
        #expect(try table.get(0).bitwiseEquals(.funcRef(nil)))
        try table.set(1, .funcRef(function))
        guard case .funcRef(let stored?) = try table.get(1) else { Issue.record("not set"); return }
        #expect(stored.isSame(as: function))
        #expect(table.grow(by: 1, initial: .funcRef(function)) == 2)
        #expect(try table.get(2).bitwiseEquals(.funcRef(function)))
        #expect(table.grow(by: 2, initial: .funcRef(nil)) == nil, "beyond the maximum")
        #expect(table.grow(by: -1, initial: .funcRef(nil)) == nil)
        #expect(table.grow(by: 1, initial: .externRef(nil)) == nil, "wrong element type")
        #expect(table.type == TableType(elementType: .funcRef, limits: Limits(min: 3, max: 4)))
    }

    @Test func tableErrors() throws {
        let table = try Table(type: TableType(elementType: .externRef, limits: Limits(min: 3)), initial: .externRef(ExternRef(5)))
        #expect(try table.get(2).bitwiseEquals(.externRef(ExternRef(5))))
        for index in [3, -1, Int.max] {
            #expect(throws: AccessError.self) { try table.get(index) }
            #expect(throws: AccessError.self) { try table.set(index, .externRef(nil)) }
        }
        #expect(throws: AccessError.self) { try table.set(0, .funcRef(nil)) }
        #expect(throws: AccessError.self) { try table.set(0, .i32(1)) }
        #expect(try table.get(0).bitwiseEquals(.externRef(ExternRef(5))), "refused writes change nothing")
        do {
            _ = try table.get(3)
        } catch let error as AccessError {
            #expect(error.message == "table index 3 is out of bounds (table size 3)")
        }
        let nonNull = RefType(nullable: false, .abstract(.func))
        #expect(throws: AccessError.self) { try Table(type: TableType(elementType: nonNull, limits: Limits(min: 1)), initial: .funcRef(nil)) }
        #expect(throws: AccessError.self) { try Table(type: TableType(elementType: .funcRef, limits: Limits(min: 2, max: 1)), initial: .funcRef(nil)) }
        #expect(throws: AccessError.self) {
            try Table(type: TableType(elementType: .funcRef, limits: Limits(min: 100_000_000)), initial: .funcRef(nil))
        }
    }

    // MARK: Global

    @Test func globalValueAndSet() throws {
        let global = try Global(type: GlobalType(.f32, mutable: true), value: .f32(Float(bitPattern: 0x7fc0_0123)))
        guard case .f32(let value) = global.value else { Issue.record("not an f32"); return }
        #expect(value.bitPattern == 0x7fc0_0123, "NaN payload kept")
        try global.set(.f32(1.5))
        #expect(global.value.bitwiseEquals(.f32(1.5)))
        #expect(throws: AccessError.self) { try global.set(.f64(1.5)) }
        #expect(global.value.bitwiseEquals(.f32(1.5)))
        #expect(global.type == GlobalType(.f32, mutable: true))
    }

    @Test func globalErrors() throws {
        #expect(throws: AccessError.self) { try Global(type: GlobalType(.i32, mutable: false), value: .i64(1)) }
        let constant = try Global(type: GlobalType(.i64, mutable: false), value: .i64(3))
        do {
            try constant.set(.i64(4))
            Issue.record("set an immutable global")
        } catch let error as AccessError {
            #expect(error.message == "the global is immutable")
        }
        #expect(constant.value.bitwiseEquals(.i64(3)))
        let reference = try Global(type: GlobalType(.funcRef, mutable: true), value: .funcRef(nil))
        #expect(throws: AccessError.self) { try reference.set(.externRef(nil)) }
        let host = Function { () in }
        try reference.set(.funcRef(host))
        #expect(reference.value.bitwiseEquals(.funcRef(host)))
    }

    // MARK: Tag

    @Test func tagsHaveIdentity() {
        let type = FunctionType(parameters: [.i32, .f64])
        let a = Tag(type: type), b = Tag(type: type)
        #expect(a.type == type)
        #expect(a.isSame(as: a) && !a.isSame(as: b))
    }
}
