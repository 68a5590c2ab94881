import WasmFormat

/// An instantiated module: its index spaces filled with the store's objects (imports first),
/// its segments, and its exports.
@usableFromInline final class ModuleInstance {
    /// The module it instantiates.
    let module: WasmFormat.Module
    /// Validation facts (types of every index space), reused by the translator.
    let context: ValidationContext
    /// The canonical identity of each of the module's type indices.
    let typeIDs: [Int]
    /// The engine that owns this instance (and keeps it alive).
    unowned let engine: Engine

    /// The function index space (imports first).
    var functions: [FunctionInstance] = []
    var tables: [TableInstance] = []
    var memories: [LinearMemory] = [] {
        didSet { firstMemoryReference = memories.first.map(Unmanaged.passUnretained) }
    }
    /// `memories[0]` without reference counting or exclusivity checks, for host functions
    /// (WASI) that reach the caller's memory on every call; `memories` keeps it alive.
    @usableFromInline @exclusivity(unchecked) private(set) var firstMemoryReference: Unmanaged<LinearMemory>?
    var globals: [GlobalInstance] = []
    var tags: [TagInstance] = []
    /// Element segments as slot-encoded references; a dropped segment is empty.
    var elements: [[UInt64]] = []
    /// Data segments; a dropped segment is empty.
    var dataSegments: [ArraySlice<UInt8>] = []
    /// The exports by name (compared by bytes, see `ExactName`).
    var exports: [ExactName: ExternalInstance] = [:]

    init(module: WasmFormat.Module, context: ValidationContext, typeIDs: [Int], engine: Engine) {
        self.module = module
        self.context = context
        self.typeIDs = typeIDs
        self.engine = engine
    }
}
