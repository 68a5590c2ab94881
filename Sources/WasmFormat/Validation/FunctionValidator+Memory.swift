/// Memory instructions (spec "Memory Instructions", memory64, multi-memory, bulk memory and
/// the threads proposal's atomics).
///
/// Every access names a memory (`memarg`'s index, 0 without multi-memory) whose address type
/// (`i32`, or `i64` with memory64) types the address and, for the bulk instructions, the
/// length operands. Plain accesses may have any alignment up to the natural one; atomic
/// accesses must have exactly the natural alignment (threads Overview, "Alignment"). Atomics
/// are valid on unshared memories too.

/// What a load, store or atomic instruction does, derived from its name.
struct MemoryAccess: Sendable {
    enum Kind: UInt8, Sendable { case load, store, rmw, cmpxchg, notify, wait }
    var kind: Kind
    /// The value loaded, stored or exchanged (`wait`: the expected value).
    var type: ValueType
    /// log2 of the natural alignment (the access width in bytes).
    var naturalAlignment: UInt32
    var isAtomic: Bool
}

extension FunctionValidator {
    /// The access of every opcode, by raw value (`nil` for the others).
    static let memoryAccessTable: [MemoryAccess?] = Opcode.allCases.map { memoryAccess(of: $0.name) }

    /// The access implied by a load/store/atomic instruction's name, or `nil`.
    static func memoryAccess(of name: String) -> MemoryAccess? {
        switch name {
        case "memory.atomic.notify": return MemoryAccess(kind: .notify, type: .i32, naturalAlignment: 2, isAtomic: true)
        case "memory.atomic.wait32": return MemoryAccess(kind: .wait, type: .i32, naturalAlignment: 2, isAtomic: true)
        case "memory.atomic.wait64": return MemoryAccess(kind: .wait, type: .i64, naturalAlignment: 3, isAtomic: true)
        default: break
        }
        guard let (prefix, rest) = splitName(name), let type = numberType(prefix) else { return nil }
        var operation = Substring(rest)
        let isAtomic = operation.hasPrefix("atomic.")
        if isAtomic { operation = operation.dropFirst("atomic.".count) }
        let kind: MemoryAccess.Kind
        var widthText: Substring
        if operation.hasPrefix("load") {
            kind = .load
            widthText = operation.dropFirst(4)
        } else if operation.hasPrefix("store") {
            kind = .store
            widthText = operation.dropFirst(5)
        } else if operation.hasPrefix("rmw") {
            kind = nameContains(String(operation), "cmpxchg") ? .cmpxchg : .rmw
            widthText = operation.dropFirst(3)
        } else {
            return nil
        }
        let digits = widthText.utf8.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let bits = Int(String(decoding: digits, as: UTF8.self)) ?? (type == .i32 || type == .f32 ? 32 : 64)
        let alignment: UInt32 = bits == 8 ? 0 : bits == 16 ? 1 : bits == 32 ? 2 : 3
        return MemoryAccess(kind: kind, type: type, naturalAlignment: alignment, isAtomic: isAtomic)
    }

    /// The memory named by an instruction, checked.
    @inline(__always)
    func memory(_ index: UInt32) throws(ValidationError) -> MemoryType {
        try shared.context.memory(index, at: offset)
    }

    mutating func memoryAccess(_ opcode: Opcode, _ immediates: Immediates) throws(ValidationError) {
        guard let access = shared.memoryAccesses[Int(opcode.rawValue)] else {
            return try memoryManagement(opcode, immediates)
        }
        guard case .memArg(let memArg) = immediates else { throw mismatch() }
        let memory = try memory(memArg.memory)
        if access.isAtomic {
            if memArg.align != access.naturalAlignment { throw error("alignment must be exactly natural") }
        } else if memArg.align > access.naturalAlignment {
            throw error("alignment must not be larger than natural")
        }
        if memory.addressType == .i32 && memArg.offset > UInt64(UInt32.max) { throw error("offset out of range") }
        let address = memory.addressType.valueType
        switch access.kind {
        case .load:
            try pop(address)
            push(access.type)
        case .store:
            try pop(access.type)
            try pop(address)
        case .rmw:
            try pop(access.type)
            try pop(address)
            push(access.type)
        case .cmpxchg:
            try pop(access.type)
            try pop(access.type)
            try pop(address)
            push(access.type)
        case .notify:
            try pop(.i32)
            try pop(address)
            push(.i32)
        case .wait:
            try pop(.i64)
            try pop(access.type)
            try pop(address)
            push(.i32)
        }
    }

    /// `memory.size`, `memory.grow`, bulk memory, `data.drop`, `atomic.fence`.
    mutating func memoryManagement(_ opcode: Opcode, _ immediates: Immediates) throws(ValidationError) {
        switch opcode {
        case .memorySize:
            push(try memory(immediates.index ?? 0).addressType.valueType)
        case .memoryGrow:
            let address = try memory(immediates.index ?? 0).addressType.valueType
            try pop(address)
            push(address)
        case .memoryFill:
            let address = try memory(immediates.index ?? 0).addressType.valueType
            try pop(address)
            try pop(.i32)
            try pop(address)
        case .memoryCopy:
            let (destination, source) = immediates.indices ?? (0, 0)
            let destinationType = try memory(destination).addressType
            let sourceType = try memory(source).addressType
            let length: ValueType = destinationType == .i64 && sourceType == .i64 ? .i64 : .i32
            try pop(length)
            try pop(sourceType.valueType)
            try pop(destinationType.valueType)
        case .memoryInit:
            let (data, index) = immediates.indices ?? (0, 0)
            let address = try memory(index).addressType.valueType
            try shared.context.checkData(data, at: offset)
            try pop(.i32)
            try pop(.i32)
            try pop(address)
        case .dataDrop:
            try shared.context.checkData(immediates.index ?? 0, at: offset)
        case .atomicFence:
            break
        default:
            throw mismatch()
        }
    }
}
