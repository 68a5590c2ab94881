/// What a host function knows about the WebAssembly code that called it: the calling
/// instance (for its memory and other exports) and the engine.
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
        moduleInstance?.exports[name]
    }

    /// The calling instance's exported memory `name` (by default `"memory"`).
    public func memory(_ name: String = "memory") -> Memory? {
        if case .memory(let memory)? = export(name) { return memory }
        return nil
    }
}
