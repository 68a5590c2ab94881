import WasmFormat

/// What a module's imports are resolved against: external values by module name and name.
///
/// ```swift
/// var imports = Imports()
/// imports.define("env", "log") { (x: Int32) in print(x) }   // a typed host function
/// imports.define("env", "memory", .memory(try Memory(type: MemoryType(limits: Limits(min: 1)))))
/// imports.define("lib", instance: library)                   // every export of another instance
/// let instance = try Instance(module, imports: imports, engine: engine)
/// ```
///
/// Defining a name again replaces the earlier definition. Host functions run on top of the
/// WebAssembly stack that calls them (no stack switch); throwing from one traps the caller
/// (``TrapKind/hostError``).
public struct Imports: Sendable {
    /// The definitions: module name → name → value (names compared by their bytes, as
    /// WebAssembly compares them; see `ExactName`).
    private var definitions: [ExactName: [ExactName: ExternalValue]] = [:]

    /// No definitions.
    public init() {}

    /// The value defined as `module` `name`, if any.
    public subscript(module: String, name: String) -> ExternalValue? {
        get { definitions[ExactName(module)]?[ExactName(name)] }
        set { definitions[ExactName(module), default: [:]][ExactName(name)] = newValue }
    }

    /// Defines `module` `name` as `value`.
    public mutating func define(_ module: String, _ name: String, _ value: ExternalValue) {
        self[module, name] = value
    }

    /// Defines every export of `instance` under the module name `module` (what spec scripts'
    /// `register` does), so that other modules can import from it.
    public mutating func define(_ module: String, instance: Instance) {
        for (name, value) in instance.exports { self[module, name] = value }
    }

    /// Defines `module` `name` as a host function of `type` whose body receives and returns
    /// ``Value``s; see ``Function/init(type:_:)``.
    public mutating func define(
        _ module: String, _ name: String, type: FunctionType,
        _ body: @escaping @Sendable (Caller, [Value]) throws -> [Value]
    ) {
        self[module, name] = .function(Function(type: type, body))
    }

    // MARK: Typed host functions (types from the closure's signature)

    /// Defines `module` `name` as a host function with one result, typed by the closure:
    /// `imports.define("env", "add") { (a: Int32, b: Int32) -> Int32 in a + b }`.
    public mutating func define<each P: WasmValueConvertible, R: WasmResultConvertible>(
        _ module: String, _ name: String, _ body: @escaping @Sendable (repeat each P) throws -> R
    ) {
        self[module, name] = .function(Function(body))
    }

    /// Defines `module` `name` as a host function without results, typed by the closure:
    /// `imports.define("env", "log") { (x: Int32) in print(x) }`.
    public mutating func define<each P: WasmValueConvertible>(
        _ module: String, _ name: String, _ body: @escaping @Sendable (repeat each P) throws -> Void
    ) {
        self[module, name] = .function(Function(body))
    }

    /// Defines `module` `name` as a host function with two or more results (a tuple), typed by
    /// the closure: `imports.define("env", "divmod") { (a: Int32, b: Int32) in (a / b, a % b) }`.
    public mutating func define<each P: WasmValueConvertible, R1: WasmValueConvertible, R2: WasmValueConvertible, each R: WasmValueConvertible>(
        _ module: String, _ name: String, _ body: @escaping @Sendable (repeat each P) throws -> (R1, R2, repeat each R)
    ) {
        self[module, name] = .function(Function(body))
    }

    /// Defines `module` `name` as a typed host function with one result that also receives the
    /// ``Caller`` (for the calling instance's memory and exports).
    public mutating func define<each P: WasmValueConvertible, R: WasmResultConvertible>(
        _ module: String, _ name: String, _ body: @escaping @Sendable (Caller, repeat each P) throws -> R
    ) {
        self[module, name] = .function(Function(body))
    }

    /// Defines `module` `name` as a typed host function without results that also receives
    /// the ``Caller``.
    public mutating func define<each P: WasmValueConvertible>(
        _ module: String, _ name: String, _ body: @escaping @Sendable (Caller, repeat each P) throws -> Void
    ) {
        self[module, name] = .function(Function(body))
    }

    /// Defines `module` `name` as a typed host function with two or more results that also
    /// receives the ``Caller``.
    public mutating func define<each P: WasmValueConvertible, R1: WasmValueConvertible, R2: WasmValueConvertible, each R: WasmValueConvertible>(
        _ module: String, _ name: String, _ body: @escaping @Sendable (Caller, repeat each P) throws -> (R1, R2, repeat each R)
    ) {
        self[module, name] = .function(Function(body))
    }
}
