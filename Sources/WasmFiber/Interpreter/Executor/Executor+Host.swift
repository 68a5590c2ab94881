import CContext

/// Calls from WebAssembly into host functions. The host function runs right here, on top of
/// the WebAssembly stack; if it calls WebAssembly again, that call starts a fiber of its own
/// (see `Interpreter.invoke`).
extension Executor {
    @inline(never)
    static func callHost(
        _ callee: Unmanaged<FunctionInstance>, _ slots: UnsafeMutablePointer<UInt64>, _ caller: Unmanaged<ModuleInstance>?,
        _ context: ExecutionContext
    ) throws(ExecutionError) {
        // The function, its body and the body's closure are used unretained: the engine keeps
        // them alive for the call, and retaining the three (plus the caller's instance and
        // engine) was most of the cost of a cheap host function.
        let failure: ExecutionError? = callee._withUnsafeGuaranteedRef { function in
            guard let host = function.hostReference else { return nil }
            // The host's frames must fit above the guard page as well.
            guard wf_stack_pointer() > context.nativeLimit else { return trap(.callStackExhausted) }
            let needed = max(function.parameterCount, function.resultCount)
            guard slots + needed <= context.valueStackEnd else { return trap(.callStackExhausted) }
            let caller = Caller(unretainedInstance: caller, engine: context.engineReference)
            return host._withUnsafeGuaranteedRef { host in
                do {
                    try host.body(caller, slots)
                    return nil
                } catch {
                    return ExecutionError(hostFunctionError: error)
                }
            }
        }
        if let failure { throw failure }
    }
}
