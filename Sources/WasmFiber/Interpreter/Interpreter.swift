import CContext

/// The entry points of execution.
enum Interpreter {
    /// Calls `function` with `arguments` (slot-encoded, as many as it has parameters) and
    /// returns its results (slot-encoded). WebAssembly runs on a fiber of the calling thread
    /// from `engine`'s pool, never on the caller's stack; a host function calling back in
    /// (re-entry) gets a fresh fiber too, up to `maxReentryDepth` nested ones.
    static func invoke(_ function: FunctionInstance, arguments: [UInt64], engine: Engine) throws(ExecutionError) -> [UInt64] {
        precondition(arguments.count == function.parameterCount, "argument count checked by the caller")
        if let host = function.host {
            // Nothing of WebAssembly is involved: run the host function here.
            var slots = arguments + Array(repeating: 0, count: max(0, function.resultCount - arguments.count))
            do {
                try slots.withUnsafeMutableBufferPointer { buffer in
                    try host.body(Caller(moduleInstance: nil, engine: engine), buffer.baseAddress!)
                }
            } catch {
                throw ExecutionError(hostFunctionError: error)
            }
            return Array(slots.prefix(function.resultCount))
        }
        let outer = ExecutionContext.current
        if let outer, outer.depth >= engine.configuration.maxReentryDepth {
            throw .trap(Trap(.callStackExhausted))
        }
        let pool: StackPool
        do { pool = try engine.stackPool() } catch {
            throw .trap(Trap(.other("no stack for WebAssembly: \(error)")))
        }
        let context = try ExecutionContext(engine: engine, outer: outer)
        let stackSize = pool.configuration.stackSize
        let resultCount = function.resultCount
        let fiber = Fiber<Void, [UInt64]>(pool: pool) { _, suspender in
            if wf_sanitizer_tracks_contexts() != 0 {
                suspender.fiber._withUnsafeGuaranteedRef { context.adoptSanitizerIdentity(of: $0) }
            }
            // WebAssembly sits at the bottom of this stack: the limit is measured from here.
            context.nativeLimit = wf_stack_pointer() - UInt(stackSize) + UInt(ExecutionContext.nativeMargin)
            for (i, argument) in arguments.enumerated() { context.valueStack[i] = argument }
            try Executor.execute(Unmanaged.passUnretained(function), context.valueStack, context)
            return Array(UnsafeBufferPointer(start: context.valueStack, count: resultCount))
        }
        ExecutionContext.setCurrent(context)
        defer { ExecutionContext.setCurrent(outer) }
        do {
            switch try fiber.resume(()) {
            case .finished(let results): return results
            case .suspended: throw ExecutionError.trap(Trap(.other("WebAssembly suspended to the host")))
            }
        } catch let error as ExecutionError {
            throw error
        } catch {
            throw .trap(Trap(.other("\(error)")))
        }
    }

    /// Translates `function` now if it has not been (eager translation).
    static func compile(_ function: FunctionInstance) throws(ExecutionError) {
        guard function.host == nil, function.compiled == nil else { return }
        _ = try Executor.compile(function)
    }
}
