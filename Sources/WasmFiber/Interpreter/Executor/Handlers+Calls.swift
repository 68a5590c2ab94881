/// The operators after which memory 0 may have grown (calls, `memory.grow` and the other
/// memory instructions, stack switching): they get the memory registers by address and
/// reload the size before continuing.
extension Handlers {
    typealias MemoryBase = UnsafeMutablePointer<UnsafeMutableRawPointer?>
    typealias MemorySize = UnsafeMutablePointer<UInt64>

    /// `call` of a WebAssembly function (base@8 callee@16).
    @inline(__always)
    static func call(_ pc: Record, _ fp: Slots, _ md: MemoryBase, _ ms: MemorySize, _ st: State) -> Record {
        do { try Executor.run(pc.object(16, as: FunctionInstance.self), fp + pc.slot(8), st.pointee.context) } catch {
            return Activation.fail(st, error, at: pc)
        }
        ms.pointee = st.pointee.memoryByteCount
        return pc + 24
    }

    /// `call` of a host function (base@8 callee@16).
    @inline(__always)
    static func callHost(_ pc: Record, _ fp: Slots, _ md: MemoryBase, _ ms: MemorySize, _ st: State) -> Record {
        do {
            let instance = st.pointee.instance
            try st.pointee.withContext { context throws(ExecutionError) in
                try Executor.callHost(pc.object(16, as: FunctionInstance.self), fp + pc.slot(8), instance, context)
            }
        } catch {
            return Activation.fail(st, error, at: pc)
        }
        ms.pointee = st.pointee.memoryByteCount
        return pc + 24
    }

    /// `call_indirect` (base@8 index@12 type@16 table@24).
    @inline(__always)
    static func callIndirect(_ pc: Record, _ fp: Slots, _ md: MemoryBase, _ ms: MemorySize, _ st: State) -> Record {
        do {
            let callee = try Executor.indirectCallee(pc, fp)
            try Executor.call(callee, fp + pc.slot(8), st.pointee.instance, st.pointee.context)
        } catch {
            return Activation.fail(st, error, at: pc)
        }
        ms.pointee = st.pointee.memoryByteCount
        return pc + 32
    }

    /// `call_ref` (base@8 reference@12).
    @inline(__always)
    static func callRef(_ pc: Record, _ fp: Slots, _ md: MemoryBase, _ ms: MemorySize, _ st: State) -> Record {
        let reference = fp[pc.slot(12)]
        guard reference != 0 else { return Activation.fail(st, Executor.trap(.nullFunctionReference), at: pc) }
        do { try Executor.call(Reference.function(at: reference), fp + pc.slot(8), st.pointee.instance, st.pointee.context) } catch {
            return Activation.fail(st, error, at: pc)
        }
        ms.pointee = st.pointee.memoryByteCount
        return pc + 16
    }

    /// `return_call`, `return_call_indirect`, `return_call_ref`: the callee replaces the running
    /// function in this activation (constant native stack), or, for a host callee, is called
    /// and the activation ends.
    @inline(__always)
    static func tailCall(_ pc: Record, _ fp: Slots, _ md: MemoryBase, _ ms: MemorySize, _ st: State) -> Record {
        do {
            let callee = try Executor.tailCallee(pc, fp)
            let instance = st.pointee.instance
            let hostCalled = try st.pointee.withContext { context throws(ExecutionError) in
                try Executor.tailCall(callee, fp, pc.slot(8), instance, context)
            }
            if hostCalled { return exitRecord }
            let compiled = try Executor.compiled(callee)
            try Executor.enter(compiled, fp, st.pointee.context)
            st.pointee.replace(with: callee, compiled)
        } catch {
            return Activation.fail(st, error, at: pc)
        }
        md.pointee = st.pointee.memoryBase
        ms.pointee = st.pointee.memoryByteCount
        return st.pointee.code
    }

    /// `memory.size`, `memory.grow`, `memory.init`, `data.drop`, `memory.copy`, `memory.fill`.
    @inline(__always)
    static func memory(_ pc: Record, _ fp: Slots, _ md: MemoryBase, _ ms: MemorySize, _ st: State) -> Record {
        let next: Record
        do { next = try Executor.memoryInstruction(pc, fp, st.pointee.instance) } catch {
            return Activation.fail(st, error, at: pc)
        }
        ms.pointee = st.pointee.memoryByteCount
        return next
    }

    /// The stack-switching instructions (Executor+StackSwitching.swift).
    @inline(__always)
    static func stackSwitching(_ pc: Record, _ fp: Slots, _ md: MemoryBase, _ ms: MemorySize, _ st: State) -> Record {
        let next: Record
        do {
            let (code, compiled, instance) = (st.pointee.code, st.pointee.compiled, st.pointee.instance)
            next = try st.pointee.withContext { context throws(ExecutionError) in
                try Executor.stackSwitching(pc, fp, code, compiled, instance, context)
            }
        } catch {
            return Activation.fail(st, error, at: pc)
        }
        ms.pointee = st.pointee.memoryByteCount
        return next
    }
}
