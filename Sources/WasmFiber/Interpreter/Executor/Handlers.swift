import WasmFormat

/// The bodies of the hand-written operators (control, variables, references, and the groups
/// implemented in `Executor+….swift`), called from the generated `wfBody_…` functions. Each
/// returns the next record; a failure keeps its error in the execution context
/// (`Executor.fail`) and continues at the exit record.
enum Handlers {
    typealias Record = UnsafeMutableRawPointer
    typealias Slots = UnsafeMutablePointer<UInt64>
    typealias Compiled = Unmanaged<CompiledFunction>
    typealias Context = Unmanaged<ExecutionContext>

    // MARK: Control

    @inline(__always)
    static func unreachable(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Record? {
        Executor.fail(.unreachable, at: pc, cf, cx)
    }

    @inline(never)
    static func unsupported(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Record? {
        let opcode = Opcode(rawValue: UInt16(pc.u32(8)))
        return Executor.fail(.trap(Trap(.other("\(opcode?.info.name ?? "instruction") is not supported yet"))), at: pc, cf, cx)
    }

    @inline(__always)
    static func exit(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) {}

    @inline(__always)
    static func copy(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Record {
        fp[pc.slot(8)] = fp[pc.slot(12)]
        return pc + 16
    }

    @inline(__always)
    static func const(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Record {
        fp[pc.slot(8)] = pc.u64(16)
        return pc + 24
    }

    @inline(__always)
    static func br(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Record {
        pc.target(8)
    }

    @inline(__always)
    static func brIf(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Bool {
        fp[pc.slot(8)] & 0xFFFF_FFFF != 0
    }

    @inline(__always)
    static func brUnless(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Bool {
        fp[pc.slot(8)] & 0xFFFF_FFFF == 0
    }

    @inline(__always)
    static func brIfBits(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Bool {
        fp[pc.slot(8)] & pc.u64(16) != 0
    }

    @inline(__always)
    static func brUnlessBits(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Bool {
        fp[pc.slot(8)] & pc.u64(16) == 0
    }

    @inline(__always)
    static func brOnNull(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Bool {
        fp[pc.slot(8)] == 0
    }

    @inline(__always)
    static func brOnNonNull(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Bool {
        fp[pc.slot(8)] != 0
    }

    @inline(__always)
    static func brTable(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Record {
        let index = Int(fp[pc.slot(8)] & 0xFFFF_FFFF)
        let last = pc.slot(12)
        return pc.target(16 + 4 * min(index, last))
    }

    /// Moves the results to slot 0; the shell then returns from the run.
    @inline(__always)
    static func ret(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) {
        let source = pc.slot(8)
        let count = pc.slot(12)
        if source != 0 { for i in 0..<count { fp[i] = fp[source + i] } }
    }

    @inline(__always)
    static func select(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Record {
        fp[pc.slot(8)] = fp[pc.slot(20)] & 0xFFFF_FFFF != 0 ? fp[pc.slot(12)] : fp[pc.slot(16)]
        return pc + 24
    }

    @inline(__always)
    static func selectWide(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Record {
        fp[pc.slot(8)] = fp[pc.slot(20)] != 0 ? fp[pc.slot(12)] : fp[pc.slot(16)]
        return pc + 24
    }

    @inline(__always)
    static func selectBits(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Record {
        fp[pc.slot(8)] = fp[pc.slot(20)] & pc.u64(24) != 0 ? fp[pc.slot(12)] : fp[pc.slot(16)]
        return pc + 32
    }

    // MARK: Variables and references

    @inline(__always)
    static func globalGet(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Record {
        fp[pc.slot(8)] = UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc.u64(16))).unsafelyUnwrapped.pointee
        return pc + 24
    }

    @inline(__always)
    static func globalSet(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Record {
        UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc.u64(16))).unsafelyUnwrapped.pointee = fp[pc.slot(8)]
        return pc + 24
    }

    @inline(__always)
    static func refIsNull(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Record {
        fp[pc.slot(8)] = fp[pc.slot(12)] == 0 ? 1 : 0
        return pc + 16
    }

    @inline(__always)
    static func refEq(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Record {
        fp[pc.slot(8)] = fp[pc.slot(12)] == fp[pc.slot(16)] ? 1 : 0
        return pc + 24
    }

    @inline(__always)
    static func refAsNonNull(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Record? {
        guard fp[pc.slot(8)] != 0 else { return Executor.fail(.nullReference, at: pc, cf, cx) }
        return pc + 16
    }

    // MARK: Groups implemented out of line (Executor+Memory/Exceptions/Atomics.swift)

    @inline(__always)
    static func table(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Record? {
        do { return try Executor.tableInstruction(pc, fp, cf._withUnsafeGuaranteedRef { $0.instanceReference }) } catch {
            return Executor.fail(error, at: pc, cf, cx)
        }
    }

    @inline(__always)
    static func throwing(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Record? {
        do {
            let instance = cf._withUnsafeGuaranteedRef { $0.instanceReference }
            try Executor.withContext(cx) { context throws(ExecutionError) in try Executor.throwInstruction(pc, fp, instance, context) }
        } catch {
            return Executor.fail(error, at: pc, cf, cx)
        }
    }

    @inline(__always)
    static func atomic(_ pc: Record, _ fp: Slots, _ md: Record?, _ ms: UInt64, _ cf: Compiled, _ cx: Context) -> Record? {
        do { return try Executor.atomicInstruction(pc, fp) } catch {
            return Executor.fail(error, at: pc, cf, cx)
        }
    }
}
