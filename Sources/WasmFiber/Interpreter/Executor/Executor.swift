import CContext
import CInterpreter
import WasmFormat

/// Runs internal code. One activation of `run` is one WebAssembly function activation:
/// WebAssembly calls are native calls of `run` on the current fiber's stack, and tail calls
/// replace the function inside the activation, so they use no native stack.
///
/// Within an activation the code runs by direct threading (`CInterpreter.h`): each record's
/// handler tail-calls the next one's, with `pc`, `fp`, memory 0's base and size, the running
/// `CompiledFunction` and the `ExecutionContext` in registers. Nothing on that path retains or releases an object: functions,
/// memories, tables and globals are operands by unretained address.
enum Executor {
    /// Runs `function` with its arguments in `fp[0..<parameterCount]`; leaves its results in
    /// `fp[0..<resultCount]`.
    static func execute(
        _ callee: Unmanaged<FunctionInstance>, _ fp: UnsafeMutablePointer<UInt64>, _ context: ExecutionContext
    ) throws(ExecutionError) {
        try run(callee, fp, Unmanaged.passUnretained(context))
    }

    /// `execute` with the execution unretained (what the call handlers use).
    static func run(
        _ callee: Unmanaged<FunctionInstance>, _ fp: UnsafeMutablePointer<UInt64>, _ context: Unmanaged<ExecutionContext>
    ) throws(ExecutionError) {
        try runInline(callee, fp, context)
    }

    /// `run`, inlined into the `call` handler: one native frame per WebAssembly call.
    @inline(__always)
    static func runInline(
        _ callee: Unmanaged<FunctionInstance>, _ fp: UnsafeMutablePointer<UInt64>, _ context: Unmanaged<ExecutionContext>
    ) throws(ExecutionError) {
        // Unmanaged references only: reading a class reference from memory would retain it.
        let compiled = try Executor.compiled(callee)
        guard wf_stack_pointer() > context._withUnsafeGuaranteedRef({ $0.nativeLimit }) else { throw trap(.callStackExhausted) }
        try enter(compiled, fp, context)
        let (code, base, size) = compiled._withUnsafeGuaranteedRef { ($0.code, $0.memoryBase, $0.memorySize) }
        wf_run(code, fp, base, UInt64(size.pointee), compiled.toOpaque(), context.toOpaque())
        if context._withUnsafeGuaranteedRef({ $0.failure != nil }) { try recover(fp, context.takeUnretainedValue()) }
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
    static func enter(
        _ compiled: Unmanaged<CompiledFunction>, _ fp: UnsafeMutablePointer<UInt64>, _ context: Unmanaged<ExecutionContext>
    ) throws(ExecutionError) {
        let (frameSlots, localCount, parameterCount) = compiled._withUnsafeGuaranteedRef {
            ($0.frameSlots, $0.localCount, $0.parameterCount)
        }
        let end = fp + frameSlots
        let fits = context._withUnsafeGuaranteedRef { context in
            guard end <= context.valueStackEnd else { return false }
            if end > context.highWater { context.highWater = end }
            return true
        }
        guard fits else { throw trap(.callStackExhausted) }
        let locals = localCount &- parameterCount
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
        _ context: Unmanaged<ExecutionContext>
    ) throws(ExecutionError) {
        if !callee._withUnsafeGuaranteedRef({ $0.isHost }) {
            try run(callee, fp, context)
        } else {
            try context._withUnsafeGuaranteedRef { context in
                Result { () throws(ExecutionError) in try callHost(callee, fp, caller, context) }
            }.get()
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

    /// A trap of `kind`, made out of line (keeps the handlers small).
    @inline(never)
    static func trap(_ kind: TrapKind) -> ExecutionError { .trap(Trap(kind)) }
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
