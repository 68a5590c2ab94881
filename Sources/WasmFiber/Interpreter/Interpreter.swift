/// The entry points of execution.
enum Interpreter {
    /// Calls `function` with `arguments` (slot-encoded, as many as it has parameters) and
    /// returns its results (slot-encoded). WebAssembly runs on a fiber of the calling thread
    /// from `engine`'s pool, never on the caller's stack; a host function calling back in
    /// (re-entry) gets a fresh fiber too.
    static func invoke(_ function: FunctionInstance, arguments: [UInt64], engine: Engine) throws(ExecutionError) -> [UInt64] {
        fatalError("Interpreter.invoke: not implemented yet")
    }

    /// Translates `function` now if it has not been (eager translation).
    static func compile(_ function: FunctionInstance) throws(ExecutionError) {
        fatalError("Interpreter.compile: not implemented yet")
    }
}
