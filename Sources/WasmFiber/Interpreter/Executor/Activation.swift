import CInterpreter

/// What the handlers of one running activation share, through their `st` register: the
/// function, its code and instance, the execution, memory 0 for the fast memory path, and the
/// error a handler failed with. It lives in `Executor.run`'s native frame.
struct Activation {
    var function: Unmanaged<FunctionInstance>
    var compiled: Unmanaged<CompiledFunction>
    /// The function's code (branch targets of exception handlers and `resume` are offsets into it).
    var code: UnsafeMutableRawPointer
    var instance: Unmanaged<ModuleInstance>?
    let context: Unmanaged<ExecutionContext>
    /// Memory 0's base address, if the fast memory path applies (see `CompiledFunction`).
    var memoryBase: UnsafeMutableRawPointer?
    /// Memory 0's byte size word (a word that stays 0 without a fast memory path).
    var memorySize: UnsafePointer<UInt>
    /// The error a handler failed with; the run then continued at `exitRecord`.
    var error: ExecutionError?
    /// The record that failed.
    var faultPC: UnsafeMutableRawPointer

    init(_ function: Unmanaged<FunctionInstance>, _ compiled: Unmanaged<CompiledFunction>, _ context: Unmanaged<ExecutionContext>) {
        self.function = function
        self.compiled = compiled
        self.context = context
        (code, memoryBase, memorySize) = compiled._withUnsafeGuaranteedRef { ($0.code, $0.memoryBase, $0.memorySize) }
        instance = function._withUnsafeGuaranteedRef { $0.instanceReference }
        faultPC = code
    }

    /// Makes `function` the running one (a tail call).
    @inline(__always)
    mutating func replace(with function: Unmanaged<FunctionInstance>, _ compiled: Unmanaged<CompiledFunction>) {
        self.function = function
        self.compiled = compiled
        (code, memoryBase, memorySize) = compiled._withUnsafeGuaranteedRef { ($0.code, $0.memoryBase, $0.memorySize) }
        instance = function._withUnsafeGuaranteedRef { $0.instanceReference }
    }

    /// Memory 0's size now (after anything that may have grown it).
    @inline(__always) var memoryByteCount: UInt64 { UInt64(memorySize.pointee) }

    /// Runs `body` with the execution, without retaining it.
    @inline(__always)
    func withContext<R>(_ body: (ExecutionContext) throws(ExecutionError) -> R) throws(ExecutionError) -> R {
        let result: Result<R, ExecutionError> = context._withUnsafeGuaranteedRef { context in
            Result { () throws(ExecutionError) in try body(context) }
        }
        return try result.get()
    }

    /// A handler failed at `pc`: keeps the error and returns the exit record, which ends the run.
    @inline(never)
    static func fail(_ state: UnsafeMutablePointer<Activation>, _ error: ExecutionError, at pc: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        state.pointee.error = error
        state.pointee.faultPC = pc
        return exitRecord
    }

    /// `fail` for the generated bodies, which see the state untyped.
    @inline(__always)
    static func fail(_ state: UnsafeMutableRawPointer, _ error: ExecutionError, at pc: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        fail(state.assumingMemoryBound(to: Activation.self), error, at: pc)
    }
}

/// A record of `Op.exit` alone: where a failed handler continues (its handler returns).
nonisolated(unsafe) let exitRecord: UnsafeMutableRawPointer = {
    let record = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
    record.storeBytes(of: Executor.handlerWord(.exit), as: UInt64.self)
    return record
}()

extension UnsafeMutableRawPointer {
    /// The record a branch operand at byte `offset` points to (a displacement from the
    /// operand's own address, as `wf_branch_target` reads it).
    @inline(__always) func target(_ offset: Int) -> UnsafeMutableRawPointer {
        self + offset + Int(Int32(bitPattern: load(fromByteOffset: offset, as: UInt32.self)))
    }
}
