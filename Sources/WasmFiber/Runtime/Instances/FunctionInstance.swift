import WasmFormat

/// A function of the store: a WebAssembly function of a module instance, or a host function.
///
/// Function references are the unretained address of a `FunctionInstance` (see `Reference`);
/// the engine that created the function keeps it alive, so references stay valid as long as
/// the engine does.
final class FunctionInstance {
    /// The canonical identity of the function's type (``TypeRegistry``), compared by
    /// `call_indirect` and import matching.
    let typeID: Int
    /// The function's type, with concrete heap types as canonical identities.
    let type: FunctionType
    /// `type.parameters.count` and `type.results.count`, read by every call.
    let parameterCount: Int
    let resultCount: Int

    /// The instance whose function this is (`nil` for host functions). Unowned: the engine
    /// keeps instances alive, and an instance holds its functions.
    unowned(unsafe) let instance: ModuleInstance?
    /// The function's index in its module's function index space (for backtraces).
    let index: UInt32
    /// The translated body, made on the first call (or eagerly at instantiation).
    @exclusivity(unchecked) var compiled: CompiledFunction? {
        didSet { compiledReference = compiled.map { Unmanaged.passUnretained($0) } }
    }
    /// `compiled` without reference counting, for the executor (`compiled` keeps it alive).
    @exclusivity(unchecked) private(set) var compiledReference: Unmanaged<CompiledFunction>?
    /// Whether this is a host function (`host != nil`), read on every indirect call.
    let isHost: Bool
    /// `instance` without reference counting, for the executor.
    let instanceReference: Unmanaged<ModuleInstance>?

    /// The host function's body (`nil` for WebAssembly functions).
    let host: HostFunctionBody?
    /// `host` without reference counting, for the executor's host calls (`host` keeps it alive).
    let hostReference: Unmanaged<HostFunctionBody>?

    /// A WebAssembly function of `instance`.
    init(typeID: Int, type: FunctionType, instance: ModuleInstance, index: UInt32) {
        self.typeID = typeID
        self.type = type
        self.parameterCount = type.parameters.count
        self.resultCount = type.results.count
        self.instance = instance
        self.instanceReference = Unmanaged.passUnretained(instance)
        self.index = index
        self.compiled = nil
        self.compiledReference = nil
        self.isHost = false
        self.host = nil
        self.hostReference = nil
    }

    /// A host function.
    init(typeID: Int, type: FunctionType, host: HostFunctionBody) {
        self.typeID = typeID
        self.type = type
        self.parameterCount = type.parameters.count
        self.resultCount = type.results.count
        self.instance = nil
        self.instanceReference = nil
        self.index = 0
        self.compiled = nil
        self.compiledReference = nil
        self.isHost = true
        self.host = host
        self.hostReference = Unmanaged.passUnretained(host)
    }

    /// The function's name from its module's `name` section, else the name it is exported
    /// under, if any (for backtraces).
    var name: String? {
        guard let instance else { return nil }
        if let name = instance.module.names?.functionNames[index] { return name }
        return instance.module.exports.first { $0.kind == .function && $0.index == index }?.name
    }
}

/// What a host function does: reads its arguments from `arguments` (one 64-bit slot each, in
/// `Reference`/`Value` slot encoding), writes its results into the same buffer from slot 0
/// (the buffer has room for `max(parameters, results)` slots), and may throw.
///
/// The body runs on top of the WebAssembly stack that called it.
final class HostFunctionBody {
    typealias Body = (_ caller: Caller, _ slots: UnsafeMutablePointer<UInt64>) throws -> Void
    let body: Body

    init(_ body: @escaping Body) { self.body = body }
}
