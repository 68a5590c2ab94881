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
