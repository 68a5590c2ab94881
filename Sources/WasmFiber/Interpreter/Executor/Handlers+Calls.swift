/// The operators after which memory 0 may have grown (calls, `memory.grow` and the other
/// memory instructions, stack switching): they get the memory registers by address and
/// reload the size before continuing.
extension Handlers {
    typealias MemoryBase = UnsafeMutablePointer<UnsafeMutableRawPointer?>
    typealias MemorySize = UnsafeMutablePointer<UInt64>
    /// The running function's register (a tail call replaces it).
    typealias CompiledRegister = UnsafeMutablePointer<UnsafeMutableRawPointer>

    /// Memory 0's size now (after anything that may have grown it).
    @inline(__always)
    static func memoryByteCount(_ cf: CompiledRegister) -> UInt64 {
        UInt64(Compiled.fromOpaque(cf.pointee)._withUnsafeGuaranteedRef { $0.memorySize }.pointee)
    }

    /// The running function's instance.
    @inline(__always)
    static func instance(_ cf: CompiledRegister) -> Unmanaged<ModuleInstance>? {
        Compiled.fromOpaque(cf.pointee)._withUnsafeGuaranteedRef { $0.instanceReference }
    }

    /// `call` of a WebAssembly function (base@8 callee@16).
    @inline(__always)
    static func call(_ pc: Record, _ fp: Slots, _ md: MemoryBase, _ ms: MemorySize, _ cf: CompiledRegister, _ cx: Context) -> Record? {
        do { try Executor.runInline(pc.object(16, as: FunctionInstance.self), fp + pc.slot(8), cx) } catch {
            return Executor.fail(error, at: pc, cf.pointee, cx.toOpaque())
        }
        ms.pointee = memoryByteCount(cf)
        return pc + 24
    }

    /// `call` of a host function (base@8 callee@16).
    @inline(__always)
    static func callHost(_ pc: Record, _ fp: Slots, _ md: MemoryBase, _ ms: MemorySize, _ cf: CompiledRegister, _ cx: Context) -> Record? {
        do {
            let instance = instance(cf)
            try Executor.withContext(cx) { context throws(ExecutionError) in
                try Executor.callHost(pc.object(16, as: FunctionInstance.self), fp + pc.slot(8), instance, context)
            }
        } catch {
            return Executor.fail(error, at: pc, cf.pointee, cx.toOpaque())
        }
        ms.pointee = memoryByteCount(cf)
        return pc + 24
    }

    /// `call_indirect` (base@8 index@12 type@16 table@24).
    @inline(__always)
    static func callIndirect(_ pc: Record, _ fp: Slots, _ md: MemoryBase, _ ms: MemorySize, _ cf: CompiledRegister, _ cx: Context) -> Record? {
        do {
            let callee = try Executor.indirectCallee(pc, fp)
            try Executor.call(callee, fp + pc.slot(8), instance(cf), cx)
        } catch {
            return Executor.fail(error, at: pc, cf.pointee, cx.toOpaque())
        }
        ms.pointee = memoryByteCount(cf)
        return pc + 32
    }

    /// `call_ref` (base@8 reference@12).
    @inline(__always)
    static func callRef(_ pc: Record, _ fp: Slots, _ md: MemoryBase, _ ms: MemorySize, _ cf: CompiledRegister, _ cx: Context) -> Record? {
        let reference = fp[pc.slot(12)]
        guard reference != 0 else { return Executor.fail(.nullFunctionReference, at: pc, cf.pointee, cx.toOpaque()) }
        do { try Executor.call(Reference.function(at: reference), fp + pc.slot(8), instance(cf), cx) } catch {
            return Executor.fail(error, at: pc, cf.pointee, cx.toOpaque())
        }
        ms.pointee = memoryByteCount(cf)
        return pc + 16
    }

    /// `return_call`, `return_call_indirect`, `return_call_ref`: the callee replaces the running
    /// function in this activation (constant native stack), or, for a host callee, is called
    /// and the activation ends.
    @inline(__always)
    static func tailCall(_ pc: Record, _ fp: Slots, _ md: MemoryBase, _ ms: MemorySize, _ cf: CompiledRegister, _ cx: Context) -> Record? {
        do {
            let callee = try Executor.tailCallee(pc, fp)
            let instance = instance(cf)
            let hostCalled = try Executor.withContext(cx) { context throws(ExecutionError) in
                try Executor.tailCall(callee, fp, pc.slot(8), instance, context)
            }
            if hostCalled { return exitRecord }
            let compiled = try Executor.compiled(callee)
            try Executor.enter(compiled, fp, cx)
            cf.pointee = compiled.toOpaque()
        } catch {
            return Executor.fail(error, at: pc, cf.pointee, cx.toOpaque())
        }
        let (code, base) = Compiled.fromOpaque(cf.pointee)._withUnsafeGuaranteedRef { ($0.code, $0.memoryBase) }
        md.pointee = base
        ms.pointee = memoryByteCount(cf)
        return code
    }

    /// `memory.size`, `memory.grow`, `memory.init`, `data.drop`, `memory.copy`, `memory.fill`.
    @inline(__always)
    static func memory(_ pc: Record, _ fp: Slots, _ md: MemoryBase, _ ms: MemorySize, _ cf: CompiledRegister, _ cx: Context) -> Record? {
        let next: Record
        do { next = try Executor.memoryInstruction(pc, fp, instance(cf)) } catch {
            return Executor.fail(error, at: pc, cf.pointee, cx.toOpaque())
        }
        ms.pointee = memoryByteCount(cf)
        return next
    }

    /// The stack-switching instructions (Executor+StackSwitching.swift).
    @inline(__always)
    static func stackSwitching(_ pc: Record, _ fp: Slots, _ md: MemoryBase, _ ms: MemorySize, _ cf: CompiledRegister, _ cx: Context) -> Record? {
        let next: Record
        do {
            let compiled = Compiled.fromOpaque(cf.pointee)
            let (code, instance) = compiled._withUnsafeGuaranteedRef { ($0.code, $0.instanceReference) }
            next = try Executor.withContext(cx) { context throws(ExecutionError) in
                try Executor.stackSwitching(pc, fp, code, compiled, instance, context)
            }
        } catch {
            return Executor.fail(error, at: pc, cf.pointee, cx.toOpaque())
        }
        ms.pointee = memoryByteCount(cf)
        return next
    }
}
