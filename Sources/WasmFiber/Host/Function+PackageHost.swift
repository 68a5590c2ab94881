import WasmFormat

// Hooks for the package's own host modules (WASI): host functions that work on the raw slot
// buffer and reach the caller's memory directly, so that a host call costs no value conversion,
// no array and no export lookup. Not public: the slot encoding is the runtime's own.

extension Function {
    /// A host function of `type` whose `body` reads its arguments from `slots` (one 64-bit slot
    /// each, integers zero-extended) and writes its results there from slot 0. The buffer has
    /// room for `max(parameters, results)` slots. Throwing traps the caller, as for every host
    /// function.
    package init(slotType type: FunctionType, _ body: @escaping (Caller, UnsafeMutablePointer<UInt64>) throws -> Void) {
        self.init(hostType: type, body)
    }
}

extension Caller {
    /// The calling instance's first memory (index 0, the one WASI command modules export as
    /// `"memory"`), without an export lookup; `nil` when the caller has no memory.
    package var firstMemory: LinearMemory? {
        guard let moduleInstance, !moduleInstance.memories.isEmpty else { return nil }
        return moduleInstance.memories[0]
    }
}
