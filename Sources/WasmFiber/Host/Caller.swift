/// What a host function knows about the WebAssembly code that called it: the calling
/// instance (for its memory and other exports) and the engine.
///
/// A `Caller` is valid only while the host function it was passed to runs (the call keeps
/// the instance and the engine alive); keep what it leads to (a ``Memory``, a ``Function``), not
/// the caller. Prefer reaching the instance through the caller over capturing it in the host
/// function's closure: the engine owns the host functions its instances import, so a closure
/// that holds the engine (through an ``Instance``) keeps it alive forever.
public struct Caller: @unchecked Sendable {
    // Unretained: every host call builds a caller, and retaining and releasing these two
    // objects each time was a large part of the cost of a cheap host function.
    @usableFromInline let instanceReference: Unmanaged<ModuleInstance>?
    private let engineReference: Unmanaged<Engine>?

    init(unretainedInstance instance: Unmanaged<ModuleInstance>?, engine: Unmanaged<Engine>) {
        instanceReference = instance
        engineReference = engine
    }

    init(moduleInstance: ModuleInstance?, engine: Engine?) {
        instanceReference = moduleInstance.map(Unmanaged.passUnretained)
        engineReference = engine.map(Unmanaged.passUnretained)
    }

    /// The instance of the calling function (`nil` when the host called the host function
    /// directly).
    var moduleInstance: ModuleInstance? { instanceReference?.takeUnretainedValue() }

    /// The engine running the call.
    public var engine: Engine? { engineReference?.takeUnretainedValue() }

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

    /// The calling instance's memory 0 as its base address and current size, without reference
    /// counting or an export lookup (for the package's host modules); `nil` without a memory.
    @inlinable package var firstMemoryBytes: UnsafeMutableRawBufferPointer? {
        guard let instanceReference else { return nil }
        return instanceReference._withUnsafeGuaranteedRef { instance in
            guard let memory = instance.firstMemoryReference else { return nil }
            return memory._withUnsafeGuaranteedRef { UnsafeMutableRawBufferPointer(start: $0.base, count: $0.byteCount) }
        }
    }
}
