import CContext
import WasmFormat

/// Runs internal code. One activation of `execute` is one WebAssembly function activation:
/// WebAssembly calls are native calls of `execute` on the current fiber's stack, and tail
/// calls replace the function inside the loop, so they use no native stack.
///
/// Registers of the loop: `pc` (the current record), `fp` (slot 0 of the frame), `code` (the
/// function's code, for branch targets). Nothing on the loop's path retains or releases an
/// object: functions, memories, tables and globals are operands by unretained address.
enum Executor {
    /// Runs `function` with its arguments in `fp[0..<parameterCount]`; leaves its results in
    /// `fp[0..<resultCount]`.
    static func execute(
        _ callee: Unmanaged<FunctionInstance>, _ fp: UnsafeMutablePointer<UInt64>, _ context: ExecutionContext
    ) throws(ExecutionError) {
        // Unmanaged references only: reading a class reference from memory would retain it.
        var function = callee
        var compiled = try Executor.compiled(function)
        guard wf_stack_pointer() > context.nativeLimit else { throw trap(.callStackExhausted) }
        try enter(compiled, fp, context)
        var code = compiled._withUnsafeGuaranteedRef { $0.code }
        var instance = function._withUnsafeGuaranteedRef { $0.instanceReference }
        var pc = code
        while true {
            do throws(ExecutionError) {
                while true {
                    switch pc.load(as: Op.self) {
                    case .unreachable:
                        throw trap(.unreachable)
                    case .unsupported:
                        let opcode = Opcode(rawValue: UInt16(pc.u32(8)))
                        throw .trap(Trap(.other("\(opcode?.info.name ?? "instruction") is not supported yet")))
                    case .copy:
                        fp[pc.slot(8)] = fp[pc.slot(12)]
                        pc += 16
                    case .const:
                        fp[pc.slot(8)] = pc.u64(16)
                        pc += 24
                    case .br:
                        pc = code + pc.slot(8)
                    case .brIf:
                        if fp[pc.slot(8)] & 0xFFFF_FFFF != 0 { pc = code + pc.slot(12) } else { pc += 16 }
                    case .brUnless:
                        if fp[pc.slot(8)] & 0xFFFF_FFFF == 0 { pc = code + pc.slot(12) } else { pc += 16 }
                    case .brOnNull:
                        if fp[pc.slot(8)] == 0 { pc = code + pc.slot(12) } else { pc += 16 }
                    case .brOnNonNull:
                        if fp[pc.slot(8)] != 0 { pc = code + pc.slot(12) } else { pc += 16 }
                    case .brTable:
                        let index = Int(fp[pc.slot(8)] & 0xFFFF_FFFF)
                        let last = pc.slot(12)
                        pc = code + pc.slot(16 + 4 * min(index, last))
                    case .ret:
                        let source = pc.slot(8)
                        let count = pc.slot(12)
                        if source != 0 { for i in 0..<count { fp[i] = fp[source + i] } }
                        return
                    case .select:
                        fp[pc.slot(8)] = fp[pc.slot(20)] & 0xFFFF_FFFF != 0 ? fp[pc.slot(12)] : fp[pc.slot(16)]
                        pc += 24

                    // MARK: Calls
                    case .call:
                        try execute(pc.object(16, as: FunctionInstance.self), fp + pc.slot(8), context)
                        pc += 24
                    case .callHost:
                        try callHost(pc.object(16, as: FunctionInstance.self), fp + pc.slot(8), instance, context)
                        pc += 24
                    case .callIndirect:
                        let callee = try indirectCallee(pc, fp)
                        try call(callee, fp + pc.slot(8), instance, context)
                        pc += 32
                    case .callRef:
                        let reference = fp[pc.slot(12)]
                        guard reference != 0 else { throw trap(.nullFunctionReference) }
                        try call(Reference.function(at: reference), fp + pc.slot(8), instance, context)
                        pc += 16
                    case .returnCall, .returnCallIndirect, .returnCallRef:
                        let callee = try tailCallee(pc, fp)
                        if try tailCall(callee, fp, pc.slot(8), instance, context) { return }
                        function = callee
                        compiled = try Executor.compiled(function)
                        try enter(compiled, fp, context)
                        code = compiled._withUnsafeGuaranteedRef { $0.code }
                        instance = function._withUnsafeGuaranteedRef { $0.instanceReference }
                        pc = code

                    // MARK: Variables
                    case .globalGet:
                        fp[pc.slot(8)] = UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc.u64(16)))!.pointee
                        pc += 24
                    case .globalSet:
                        UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc.u64(16)))!.pointee = fp[pc.slot(8)]
                        pc += 24

                    // MARK: References
                    case .refIsNull:
                        fp[pc.slot(8)] = fp[pc.slot(12)] == 0 ? 1 : 0
                        pc += 16
                    case .refEq:
                        fp[pc.slot(8)] = fp[pc.slot(12)] == fp[pc.slot(16)] ? 1 : 0
                        pc += 24
                    case .refAsNonNull:
                        guard fp[pc.slot(8)] != 0 else { throw trap(.nullReference) }
                        pc += 16

                    // MARK: Memory, tables, exceptions, atomics (Executor+….swift)
                    case .memorySize, .memoryGrow, .memoryInit, .dataDrop, .memoryCopy, .memoryFill:
                        pc = try memoryInstruction(pc, fp, instance)
                    case .tableGet, .tableSet, .tableSize, .tableGrow, .tableFill, .tableCopy, .tableInit, .elemDrop:
                        pc = try tableInstruction(pc, fp, instance)
                    case .throw, .throwRef, .rethrow:
                        try throwInstruction(pc, fp, instance, context)
                    case .contNew, .contBind, .resume, .resumeThrow, .resumeThrowRef, .switchContinuation:
                        pc = try stackSwitching(pc, fp, code, compiled, instance, context)
                    case .suspend:
                        // Directly: the frames below a suspension are what an idle continuation keeps.
                        pc = try suspendInstruction(pc, fp, code, compiled, instance, context)
                    case .atomicLoad, .atomicStore, .atomicRMW, .atomicCmpxchg, .atomicNotify, .atomicWait32, .atomicWait64, .atomicFence:
                        pc = try atomicInstruction(pc, fp)

                    // BEGIN GENERATED cases (scripts/generate-interpreter-ops.py)
                    #if DEBUG
                    // Unoptimised builds give every case its own stack slots: one out-of-line call keeps
                    // the activation frame (and so the recursion depth per stack) reasonable.
                    default: pc = try regularOperator(pc, fp)
                    #else
                    case .i32Eqz: pc = try i32Eqz(pc, fp)
                    case .i32Eq: pc = try i32Eq(pc, fp)
                    case .i32Ne: pc = try i32Ne(pc, fp)
                    case .i32LtS: pc = try i32LtS(pc, fp)
                    case .i32LtU: pc = try i32LtU(pc, fp)
                    case .i32GtS: pc = try i32GtS(pc, fp)
                    case .i32GtU: pc = try i32GtU(pc, fp)
                    case .i32LeS: pc = try i32LeS(pc, fp)
                    case .i32LeU: pc = try i32LeU(pc, fp)
                    case .i32GeS: pc = try i32GeS(pc, fp)
                    case .i32GeU: pc = try i32GeU(pc, fp)
                    case .i64Eqz: pc = try i64Eqz(pc, fp)
                    case .i64Eq: pc = try i64Eq(pc, fp)
                    case .i64Ne: pc = try i64Ne(pc, fp)
                    case .i64LtS: pc = try i64LtS(pc, fp)
                    case .i64LtU: pc = try i64LtU(pc, fp)
                    case .i64GtS: pc = try i64GtS(pc, fp)
                    case .i64GtU: pc = try i64GtU(pc, fp)
                    case .i64LeS: pc = try i64LeS(pc, fp)
                    case .i64LeU: pc = try i64LeU(pc, fp)
                    case .i64GeS: pc = try i64GeS(pc, fp)
                    case .i64GeU: pc = try i64GeU(pc, fp)
                    case .f32Eq: pc = try f32Eq(pc, fp)
                    case .f32Ne: pc = try f32Ne(pc, fp)
                    case .f32Lt: pc = try f32Lt(pc, fp)
                    case .f32Gt: pc = try f32Gt(pc, fp)
                    case .f32Le: pc = try f32Le(pc, fp)
                    case .f32Ge: pc = try f32Ge(pc, fp)
                    case .f64Eq: pc = try f64Eq(pc, fp)
                    case .f64Ne: pc = try f64Ne(pc, fp)
                    case .f64Lt: pc = try f64Lt(pc, fp)
                    case .f64Gt: pc = try f64Gt(pc, fp)
                    case .f64Le: pc = try f64Le(pc, fp)
                    case .f64Ge: pc = try f64Ge(pc, fp)
                    case .i32Clz: pc = try i32Clz(pc, fp)
                    case .i32Ctz: pc = try i32Ctz(pc, fp)
                    case .i32Popcnt: pc = try i32Popcnt(pc, fp)
                    case .i32Extend8S: pc = try i32Extend8S(pc, fp)
                    case .i32Extend16S: pc = try i32Extend16S(pc, fp)
                    case .i32Add: pc = try i32Add(pc, fp)
                    case .i32Sub: pc = try i32Sub(pc, fp)
                    case .i32Mul: pc = try i32Mul(pc, fp)
                    case .i32And: pc = try i32And(pc, fp)
                    case .i32Or: pc = try i32Or(pc, fp)
                    case .i32Xor: pc = try i32Xor(pc, fp)
                    case .i32Shl: pc = try i32Shl(pc, fp)
                    case .i32ShrS: pc = try i32ShrS(pc, fp)
                    case .i32ShrU: pc = try i32ShrU(pc, fp)
                    case .i32Rotl: pc = try i32Rotl(pc, fp)
                    case .i32Rotr: pc = try i32Rotr(pc, fp)
                    case .i32DivS: pc = try i32DivS(pc, fp)
                    case .i32DivU: pc = try i32DivU(pc, fp)
                    case .i32RemS: pc = try i32RemS(pc, fp)
                    case .i32RemU: pc = try i32RemU(pc, fp)
                    case .i64Clz: pc = try i64Clz(pc, fp)
                    case .i64Ctz: pc = try i64Ctz(pc, fp)
                    case .i64Popcnt: pc = try i64Popcnt(pc, fp)
                    case .i64Extend8S: pc = try i64Extend8S(pc, fp)
                    case .i64Extend16S: pc = try i64Extend16S(pc, fp)
                    case .i64Extend32S: pc = try i64Extend32S(pc, fp)
                    case .i64Add: pc = try i64Add(pc, fp)
                    case .i64Sub: pc = try i64Sub(pc, fp)
                    case .i64Mul: pc = try i64Mul(pc, fp)
                    case .i64And: pc = try i64And(pc, fp)
                    case .i64Or: pc = try i64Or(pc, fp)
                    case .i64Xor: pc = try i64Xor(pc, fp)
                    case .i64Shl: pc = try i64Shl(pc, fp)
                    case .i64ShrS: pc = try i64ShrS(pc, fp)
                    case .i64ShrU: pc = try i64ShrU(pc, fp)
                    case .i64Rotl: pc = try i64Rotl(pc, fp)
                    case .i64Rotr: pc = try i64Rotr(pc, fp)
                    case .i64DivS: pc = try i64DivS(pc, fp)
                    case .i64DivU: pc = try i64DivU(pc, fp)
                    case .i64RemS: pc = try i64RemS(pc, fp)
                    case .i64RemU: pc = try i64RemU(pc, fp)
                    case .f32Abs: pc = try f32Abs(pc, fp)
                    case .f32Neg: pc = try f32Neg(pc, fp)
                    case .f32Ceil: pc = try f32Ceil(pc, fp)
                    case .f32Floor: pc = try f32Floor(pc, fp)
                    case .f32Trunc: pc = try f32Trunc(pc, fp)
                    case .f32Nearest: pc = try f32Nearest(pc, fp)
                    case .f32Sqrt: pc = try f32Sqrt(pc, fp)
                    case .f32Add: pc = try f32Add(pc, fp)
                    case .f32Sub: pc = try f32Sub(pc, fp)
                    case .f32Mul: pc = try f32Mul(pc, fp)
                    case .f32Div: pc = try f32Div(pc, fp)
                    case .f32Min: pc = try f32Min(pc, fp)
                    case .f32Max: pc = try f32Max(pc, fp)
                    case .f32Copysign: pc = try f32Copysign(pc, fp)
                    case .f64Abs: pc = try f64Abs(pc, fp)
                    case .f64Neg: pc = try f64Neg(pc, fp)
                    case .f64Ceil: pc = try f64Ceil(pc, fp)
                    case .f64Floor: pc = try f64Floor(pc, fp)
                    case .f64Trunc: pc = try f64Trunc(pc, fp)
                    case .f64Nearest: pc = try f64Nearest(pc, fp)
                    case .f64Sqrt: pc = try f64Sqrt(pc, fp)
                    case .f64Add: pc = try f64Add(pc, fp)
                    case .f64Sub: pc = try f64Sub(pc, fp)
                    case .f64Mul: pc = try f64Mul(pc, fp)
                    case .f64Div: pc = try f64Div(pc, fp)
                    case .f64Min: pc = try f64Min(pc, fp)
                    case .f64Max: pc = try f64Max(pc, fp)
                    case .f64Copysign: pc = try f64Copysign(pc, fp)
                    case .i32WrapI64: pc = try i32WrapI64(pc, fp)
                    case .i32TruncF32S: pc = try i32TruncF32S(pc, fp)
                    case .i32TruncF32U: pc = try i32TruncF32U(pc, fp)
                    case .i32TruncF64S: pc = try i32TruncF64S(pc, fp)
                    case .i32TruncF64U: pc = try i32TruncF64U(pc, fp)
                    case .i64ExtendI32S: pc = try i64ExtendI32S(pc, fp)
                    case .i64ExtendI32U: pc = try i64ExtendI32U(pc, fp)
                    case .i64TruncF32S: pc = try i64TruncF32S(pc, fp)
                    case .i64TruncF32U: pc = try i64TruncF32U(pc, fp)
                    case .i64TruncF64S: pc = try i64TruncF64S(pc, fp)
                    case .i64TruncF64U: pc = try i64TruncF64U(pc, fp)
                    case .f32ConvertI32S: pc = try f32ConvertI32S(pc, fp)
                    case .f32ConvertI32U: pc = try f32ConvertI32U(pc, fp)
                    case .f32ConvertI64S: pc = try f32ConvertI64S(pc, fp)
                    case .f32ConvertI64U: pc = try f32ConvertI64U(pc, fp)
                    case .f32DemoteF64: pc = try f32DemoteF64(pc, fp)
                    case .f64ConvertI32S: pc = try f64ConvertI32S(pc, fp)
                    case .f64ConvertI32U: pc = try f64ConvertI32U(pc, fp)
                    case .f64ConvertI64S: pc = try f64ConvertI64S(pc, fp)
                    case .f64ConvertI64U: pc = try f64ConvertI64U(pc, fp)
                    case .f64PromoteF32: pc = try f64PromoteF32(pc, fp)
                    case .i32ReinterpretF32: pc = try i32ReinterpretF32(pc, fp)
                    case .i64ReinterpretF64: pc = try i64ReinterpretF64(pc, fp)
                    case .f32ReinterpretI32: pc = try f32ReinterpretI32(pc, fp)
                    case .f64ReinterpretI64: pc = try f64ReinterpretI64(pc, fp)
                    case .i32TruncSatF32S: pc = try i32TruncSatF32S(pc, fp)
                    case .i32TruncSatF32U: pc = try i32TruncSatF32U(pc, fp)
                    case .i32TruncSatF64S: pc = try i32TruncSatF64S(pc, fp)
                    case .i32TruncSatF64U: pc = try i32TruncSatF64U(pc, fp)
                    case .i64TruncSatF32S: pc = try i64TruncSatF32S(pc, fp)
                    case .i64TruncSatF32U: pc = try i64TruncSatF32U(pc, fp)
                    case .i64TruncSatF64S: pc = try i64TruncSatF64S(pc, fp)
                    case .i64TruncSatF64U: pc = try i64TruncSatF64U(pc, fp)
                    case .i32Load: pc = try i32Load(pc, fp)
                    case .i64Load: pc = try i64Load(pc, fp)
                    case .i32Load8S: pc = try i32Load8S(pc, fp)
                    case .i32Load8U: pc = try i32Load8U(pc, fp)
                    case .i32Load16S: pc = try i32Load16S(pc, fp)
                    case .i32Load16U: pc = try i32Load16U(pc, fp)
                    case .i64Load8S: pc = try i64Load8S(pc, fp)
                    case .i64Load8U: pc = try i64Load8U(pc, fp)
                    case .i64Load16S: pc = try i64Load16S(pc, fp)
                    case .i64Load16U: pc = try i64Load16U(pc, fp)
                    case .i64Load32S: pc = try i64Load32S(pc, fp)
                    case .i64Load32U: pc = try i64Load32U(pc, fp)
                    case .f32Load: pc = try f32Load(pc, fp)
                    case .f64Load: pc = try f64Load(pc, fp)
                    case .i32Store: pc = try i32Store(pc, fp)
                    case .i64Store: pc = try i64Store(pc, fp)
                    case .i32Store8: pc = try i32Store8(pc, fp)
                    case .i32Store16: pc = try i32Store16(pc, fp)
                    case .i64Store8: pc = try i64Store8(pc, fp)
                    case .i64Store16: pc = try i64Store16(pc, fp)
                    case .i64Store32: pc = try i64Store32(pc, fp)
                    case .f32Store: pc = try f32Store(pc, fp)
                    case .f64Store: pc = try f64Store(pc, fp)
                    #endif
                    // END GENERATED cases
                    }
                }
            } catch {
                pc = code + (try unwind(error, at: pc - code, function, compiled, instance, fp, context))
            }
        }
    }

    /// An error left the instruction at code offset `offset`: a WebAssembly exception with a
    /// handler here continues at the handler (its code offset is returned); anything else
    /// leaves this activation with its frame added to the backtrace.
    @inline(never)
    static func unwind(
        _ error: ExecutionError, at offset: Int, _ function: Unmanaged<FunctionInstance>, _ compiled: Unmanaged<CompiledFunction>,
        _ instance: Unmanaged<ModuleInstance>?, _ fp: UnsafeMutablePointer<UInt64>, _ context: ExecutionContext
    ) throws(ExecutionError) -> Int {
        if case .exception(let exception, _) = error,
           let handler = compiled.takeUnretainedValue().handler(for: exception, at: offset, in: instance?.takeUnretainedValue()) {
            return catchException(exception, handler, fp, context)
        }
        var propagated = error
        let function = function.takeUnretainedValue()
        propagated.append(Trap.Frame(
            functionIndex: function.index, name: function.name, offset: compiled.takeUnretainedValue().moduleOffset(ofCode: offset)))
        throw propagated
    }

    /// The callee of a tail call (`return_call` callee@16, `return_call_indirect` as
    /// `call_indirect`, `return_call_ref` reference@12).
    @inline(__always)
    static func tailCallee(_ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>) throws(ExecutionError) -> Unmanaged<FunctionInstance> {
        switch pc.load(as: Op.self) {
        case .returnCall:
            return pc.object(16, as: FunctionInstance.self)
        case .returnCallIndirect:
            return try indirectCallee(pc, fp)
        default:
            let reference = fp[pc.slot(12)]
            guard reference != 0 else { throw trap(.nullFunctionReference) }
            return Reference.function(at: reference)
        }
    }

    /// Moves a tail call's arguments from slot `base` to slot 0. A host callee is called right
    /// away (returns `true`: the activation is done); a WebAssembly callee replaces the
    /// current function in the caller's loop (returns `false`).
    @inline(__always)
    static func tailCall(
        _ callee: Unmanaged<FunctionInstance>, _ fp: UnsafeMutablePointer<UInt64>, _ base: Int, _ caller: Unmanaged<ModuleInstance>?,
        _ context: ExecutionContext
    ) throws(ExecutionError) -> Bool {
        let (isHost, parameterCount) = callee._withUnsafeGuaranteedRef { ($0.isHost, $0.parameterCount) }
        if base != 0 { fp.update(from: fp + base, count: parameterCount) }
        guard isHost else { return false }
        try callHost(callee, fp, caller, context)
        return true
    }

    /// Checks that the frame of `compiled` fits in the value stack, and zeroes its declared locals.
    @inline(__always)
    static func enter(_ compiled: Unmanaged<CompiledFunction>, _ fp: UnsafeMutablePointer<UInt64>, _ context: ExecutionContext) throws(ExecutionError) {
        let (frameSlots, localCount, parameterCount) = compiled._withUnsafeGuaranteedRef {
            ($0.frameSlots, $0.localCount, $0.parameterCount)
        }
        let end = fp + frameSlots
        guard end <= context.valueStackEnd else { throw trap(.callStackExhausted) }
        if end > context.highWater { context.highWater = end }
        let locals = localCount - parameterCount
        if locals > 0 { (fp + parameterCount).update(repeating: 0, count: locals) }
    }

    /// The function's code, translated now if this is its first call.
    @inline(__always)
    static func compiled(_ function: Unmanaged<FunctionInstance>) throws(ExecutionError) -> Unmanaged<CompiledFunction> {
        if let compiled = function._withUnsafeGuaranteedRef({ $0.compiledReference }) { return compiled }
        return Unmanaged.passUnretained(try compile(function.takeUnretainedValue()))
    }

    /// Translates a function on its first call.
    @inline(never)
    static func compile(_ function: FunctionInstance) throws(ExecutionError) -> CompiledFunction {
        if let compiled = function.compiled { return compiled }
        guard let instance = function.instance else { throw .trap(Trap(.other("host function has no code"))) }
        var translator = Translator(function: function, instance: instance)
        let compiled = try translator.translate()
        function.compiled = compiled
        return compiled
    }

    /// A call whose callee is known only at run time (WebAssembly or host).
    @inline(__always)
    static func call(
        _ callee: Unmanaged<FunctionInstance>, _ fp: UnsafeMutablePointer<UInt64>, _ caller: Unmanaged<ModuleInstance>?,
        _ context: ExecutionContext
    ) throws(ExecutionError) {
        if !callee._withUnsafeGuaranteedRef({ $0.isHost }) {
            try execute(callee, fp, context)
        } else {
            try callHost(callee, fp, caller, context)
        }
    }

    /// `call_indirect`'s callee: bounds, null and type checks (base@8 index@12 type@16 table@24).
    @inline(__always)
    static func indirectCallee(_ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>) throws(ExecutionError) -> Unmanaged<FunctionInstance> {
        let index = fp[pc.slot(12)]
        let (count, elements) = pc.object(24, as: TableInstance.self)._withUnsafeGuaranteedRef { ($0.count, $0.elements) }
        guard index < UInt64(count) else { throw trap(.undefinedElement) }
        let reference = elements[Int(index)]
        guard reference != 0 else { throw uninitializedElement(index) }
        let callee = Reference.function(at: reference)
        let expected = Int(pc.u32(16))
        let actual = callee._withUnsafeGuaranteedRef { $0.typeID }
        guard actual == expected || TypeRegistry.shared.isSubtype(actual, expected) else {
            throw trap(.indirectCallTypeMismatch)
        }
        return callee
    }

    /// `call_indirect` of a null element: the message names the index, as the spec's does.
    @inline(never)
    static func uninitializedElement(_ index: UInt64) -> ExecutionError {
        var trap = Trap(.uninitializedElement)
        trap.detail = "\(index)"
        return .trap(trap)
    }

    /// A trap of `kind`, made out of line (keeps the loop's frame small).
    @inline(never)
    static func trap(_ kind: TrapKind) -> ExecutionError { .trap(Trap(kind)) }

    /// Runs a numeric operator that may trap.
    @inline(__always)
    static func numeric<T>(_ body: () throws(NumericTrap) -> T) throws(ExecutionError) -> T {
        do { return try body() } catch {
            switch error {
            case .integerDivideByZero: throw trap(.integerDivideByZero)
            case .integerOverflow: throw trap(.integerOverflow)
            case .invalidConversionToInteger: throw trap(.invalidConversionToInteger)
            }
        }
    }
}

/// Runs a memory access that may be out of bounds.
@inline(__always)
func memoryAccess<T>(_ body: () throws(MemoryError) -> T) throws(ExecutionError) -> T {
    do { return try body() } catch {
        switch error {
        case .outOfBounds: throw Executor.trap(.outOfBoundsMemoryAccess)
        case .unalignedAtomic: throw Executor.trap(.unalignedAtomic)
        }
    }
}
