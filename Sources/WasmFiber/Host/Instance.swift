import WasmFormat

/// An instantiated module: its functions, tables, memories, globals and tags, reachable by
/// export name, in an ``Engine`` that owns them.
///
/// ```swift
/// let instance = try Instance(module, imports: imports, engine: engine)
/// let sum: Int32 = try instance.call("add", Int32(2), Int32(3))
/// ```
///
/// Instantiation links the imports (``LinkError`` if one is missing or does not fit; nothing
/// is created then), creates the module's objects, initialises tables and memories from the
/// active segments and runs the start function. A trap during segment initialisation or the
/// start function throws ``Trap``; writes already made to imported tables and memories stay,
/// as the specification says.
public final class Instance: @unchecked Sendable {
    /// The store's instance.
    let handle: ModuleInstance
    /// The engine that owns the instance and runs its code.
    public let engine: Engine
    /// The module it instantiates.
    public let module: Module

    /// Instantiates `module` in `engine`, resolving its imports from `imports`.
    ///
    /// - Throws: ``LinkError`` (unknown import, incompatible import type), ``Trap`` (segment
    ///   initialisation or the start function trapped), ``UncaughtException`` (the start
    ///   function threw), ``InstantiationError`` (a resource or constant expression this
    ///   runtime cannot provide).
    public convenience init(_ module: Module, imports: Imports = Imports(), engine: Engine) throws {
        self.init(handle: try ModuleInstance.instantiate(module, imports: imports, engine: engine), engine: engine, module: module)
    }

    /// Instantiates `module` from Swift concurrency; see ``init(_:imports:engine:)``.
    ///
    /// For now this instantiates on the current thread, as the synchronous form does; when
    /// `async` host imports exist (DESIGN §5) a start function may suspend while they wait.
    public convenience init(_ module: Module, imports: Imports = Imports(), engine: Engine) async throws {
        self.init(handle: try ModuleInstance.instantiate(module, imports: imports, engine: engine), engine: engine, module: module)
    }

    private init(handle: ModuleInstance, engine: Engine, module: Module) {
        self.handle = handle
        self.engine = engine
        self.module = module
    }

    // MARK: Exports

    /// The export `name`, if the module has one.
    public func export(_ name: String) -> ExternalValue? {
        handle.exports[ExactName(name)].map { ExternalValue($0, engine: engine) }
    }

    /// Every export, in the module's order.
    public var exports: [(name: String, value: ExternalValue)] {
        module.exports.compactMap { entry in export(entry.name).map { (entry.name, $0) } }
    }

    /// The exported function `name`, if there is one.
    public func function(_ name: String) -> Function? {
        if case .function(let function)? = export(name) { return function }
        return nil
    }

    /// The exported memory `name`, if there is one.
    public func memory(_ name: String) -> Memory? {
        if case .memory(let memory)? = export(name) { return memory }
        return nil
    }

    /// The exported table `name`, if there is one.
    public func table(_ name: String) -> Table? {
        if case .table(let table)? = export(name) { return table }
        return nil
    }

    /// The exported global `name`, if there is one.
    public func global(_ name: String) -> Global? {
        if case .global(let global)? = export(name) { return global }
        return nil
    }

    /// The exported tag `name`, if there is one.
    public func tag(_ name: String) -> Tag? {
        if case .tag(let tag)? = export(name) { return tag }
        return nil
    }

    // MARK: Calls

    /// Calls the exported function `name` with `arguments`; see ``Function/call(_:)-(_)``.
    ///
    /// - Throws: ``CallError`` (no such function, wrong arguments), ``Trap``,
    ///   ``UncaughtException``.
    @discardableResult
    public func call(_ name: String, _ arguments: [Value]) throws -> [Value] {
        try exportedFunction(name).call(arguments)
    }

    /// Calls the exported function `name` from Swift concurrency; see ``call(_:_:)-(_,[Value])``.
    @discardableResult
    public func call(_ name: String, _ arguments: [Value]) async throws -> [Value] {
        try await exportedFunction(name).call(arguments)
    }

    /// Calls the exported function `name` with typed arguments and converts its result to `R`:
    /// `let sum: Int32 = try instance.call("add", Int32(2), Int32(3))`.
    public func call<each P: WasmValueConvertible, R: WasmResultConvertible>(_ name: String, _ arguments: repeat each P) throws -> R {
        try exportedFunction(name).call(repeat each arguments)
    }

    /// Calls the exported function `name` with typed arguments from Swift concurrency; see
    /// ``call(_:_:)-(_,repeat each P)``.
    public func call<each P: WasmValueConvertible, R: WasmResultConvertible>(_ name: String, _ arguments: repeat each P) async throws -> R {
        try exportedFunction(name).call(repeat each arguments)
    }

    /// Calls the exported function `name` with typed arguments, ignoring any results:
    /// `try instance.call("run")`.
    public func call<each P: WasmValueConvertible>(_ name: String, _ arguments: repeat each P) throws {
        try exportedFunction(name).call(repeat each arguments) as Void
    }

    /// Calls the exported function `name` with typed arguments and converts its two or more
    /// results to a tuple: `let (q, r): (Int32, Int32) = try instance.call("divmod", a, b)`.
    public func call<each P: WasmValueConvertible, R1: WasmValueConvertible, R2: WasmValueConvertible, each R: WasmValueConvertible>(
        _ name: String, _ arguments: repeat each P
    ) throws -> (R1, R2, repeat each R) {
        try exportedFunction(name).call(repeat each arguments)
    }

    /// The exported function `name`, or a ``CallError`` saying why there is none.
    private func exportedFunction(_ name: String) throws(CallError) -> Function {
        switch export(name) {
        case .function(let function)?: return function
        case let other?: throw CallError("export \"\(name)\" is a \(other.kind.textName), not a function")
        case nil: throw CallError("no export named \"\(name)\"")
        }
    }
}
