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
        let function = callee.takeUnretainedValue()
        guard let host = function.host else { return }
        // The host's frames must fit above the guard page as well.
        guard wf_stack_pointer() > context.nativeLimit else { throw trap(.callStackExhausted) }
        let needed = max(function.parameterCount, function.resultCount)
        guard slots + needed <= context.valueStackEnd else { throw trap(.callStackExhausted) }
        do {
            try host.body(Caller(moduleInstance: caller?.takeUnretainedValue(), engine: context.engine), slots)
        } catch {
            throw ExecutionError(hostFunctionError: error)
        }
    }
}
