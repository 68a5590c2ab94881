import WasmFormat

/// Atomic memory instructions (threads proposal): one internal operator per shape, with the
/// access width and the read-modify-write operation as operands.
///
/// Layout: a@8 b@12 c@16 (slots), width@20 (bits 0–7) and operation (bits 8–15), offset@24,
/// memory@32 (40 bytes).
extension Translator {
    /// Returns whether `opcode` was an atomic instruction.
    mutating func translateAtomic(_ opcode: Opcode, _ immediates: Immediates, before: Int) throws(ExecutionError) -> Bool {
        if opcode == .atomicFence {
            return true   // one thread per memory so far: program order is the order
        }
        guard let shape = Translator.atomicShape(opcode), case .memArg(let memArg) = immediates else { return false }
        switch shape.kind {
        case .load:
            code.emit(.atomicLoad)
            code.slot(slot(before - 1)); code.slot(slot(before - 1)); code.slot(0)
        case .store:
            code.emit(.atomicStore)
            code.slot(slot(before - 1)); code.slot(slot(before - 2)); code.slot(0)
        case .rmw:
            code.emit(.atomicRMW)
            code.slot(slot(before - 2)); code.slot(slot(before - 2)); code.slot(slot(before - 1))
        case .cmpxchg:
            code.emit(.atomicCmpxchg)
            code.slot(slot(before - 3)); code.slot(slot(before - 2)); code.slot(slot(before - 1))
        case .notify:
            code.emit(.atomicNotify)
            code.slot(slot(before - 2)); code.slot(slot(before - 2)); code.slot(slot(before - 1))
        case .wait32, .wait64:
            code.emit(shape.kind == .wait32 ? .atomicWait32 : .atomicWait64)
            code.slot(slot(before - 3)); code.slot(slot(before - 2)); code.slot(slot(before - 1))
        }
        code.u32(UInt32(shape.width.rawValue) | UInt32(shape.operation) << 8)
        code.u64(memArg.offset)
        code.object(instance.memories[Int(memArg.memory)])
        return true
    }

    enum AtomicKind { case load, store, rmw, cmpxchg, notify, wait32, wait64 }

    /// Operation codes in the operand (see `Executor.atomicOperation(_:)`).
    static let atomicOperations: [String: Int] = ["add": 0, "sub": 1, "and": 2, "or": 3, "xor": 4, "xchg": 5]

    /// The shape, width and operation of an atomic instruction, from its mnemonic.
    static func atomicShape(_ opcode: Opcode) -> (kind: AtomicKind, width: AtomicWidth, operation: Int)? {
        let name = opcode.info.name
        switch opcode {
        case .memoryAtomicNotify: return (.notify, .bits32, 0)
        case .memoryAtomicWait32: return (.wait32, .bits32, 0)
        case .memoryAtomicWait64: return (.wait64, .bits64, 0)
        default: break
        }
        guard name.contains(".atomic.") else { return nil }
        let is64 = name.hasPrefix("i64")
        var width: AtomicWidth = is64 ? .bits64 : .bits32
        for (digits, w) in [("8", AtomicWidth.bits8), ("16", .bits16), ("32", .bits32)] {
            if name.contains("load\(digits)_") || name.contains("store\(digits)") || name.contains("rmw\(digits).") { width = w }
        }
        if name.contains(".atomic.load") { return (.load, width, 0) }
        if name.contains(".atomic.store") { return (.store, width, 0) }
        guard let operation = name.split(separator: ".").last.map({ String($0.split(separator: "_").first ?? "") }) else { return nil }
        if operation == "cmpxchg" { return (.cmpxchg, width, 0) }
        guard let code = atomicOperations[operation] else { return nil }
        return (.rmw, width, code)
    }
}
