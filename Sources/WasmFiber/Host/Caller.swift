/// What a host function knows about the WebAssembly code that called it: the calling
/// instance (for its memory and other exports) and the engine.
///
/// Prefer reaching the instance through the caller over capturing it in the host function's
/// closure: the engine owns the host functions its instances import, so a closure that holds
/// the engine (through an ``Instance``) keeps it alive forever.
public struct Caller: @unchecked Sendable {
    /// The instance of the calling function (`nil` when the host called the host function
    /// directly).
    let moduleInstance: ModuleInstance?
    /// The engine running the call.
    public let engine: Engine?

    init(moduleInstance: ModuleInstance?, engine: Engine?) {
        self.moduleInstance = moduleInstance
        self.engine = engine
    }

    /// The calling instance's export `name`, if it has one (commonly its `"memory"`).
    public func export(_ name: String) -> ExternalValue? {
        guard let moduleInstance, let object = moduleInstance.exports[ExactName(name)] else { return nil }
        return ExternalValue(object, engine: moduleInstance.engine)
    }

    /// The calling instance's exported memory `name` (by default `"memory"`).
    public func memory(_ name: String = "memory") -> Memory? {
        if case .memory(let memory)? = export(name) { return memory }
        return nil
    }

    /// The calling instance's exported function `name`, to call back into WebAssembly (on a
    /// fresh fiber).
    public func function(_ name: String) -> Function? {
        if case .function(let function)? = export(name) { return function }
        return nil
    }
}
