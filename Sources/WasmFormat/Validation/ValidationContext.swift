/// What validation knows about a module: the types of every index space (imports first), the
/// canonical identity of every defined type, and the subtype relation.
///
/// This is the specification's *context* `C` (types, functions, tables, memories, globals,
/// tags, element and data segments, and the set of declared function references), built once
/// per module so that every lookup is O(1). Building it validates the type section (see
/// `TypeValidator.swift`): the subtype relation on concrete types is only meaningful for valid
/// rec groups, and canonicalising the groups is what makes structurally equivalent types equal.
///
/// Lookups that take an index check it and throw the specification's message ("unknown type 3",
/// "unknown function 7", …); pass the offset of the instruction or entry that holds the index
/// so the error points at it.
///
/// Subtyping follows WebAssembly 3.0 (GC, function references, exceptions) and the stack
/// switching proposal. The abstract heap types form five hierarchies:
///
/// ```
/// any ⊇ eq ⊇ {i31, struct, array}     ⊇ concrete struct / array types ⊇ none
/// func ⊇ concrete function types       ⊇ nofunc
/// cont ⊇ concrete continuation types   ⊇ nocont
/// extern ⊇ noextern,   exn ⊇ noexn
/// ```
///
/// Concrete types are compared by canonical identity (iso-recursive equivalence: types at the
/// same position of structurally equal rec groups are the same type), and a concrete type is a
/// subtype of another when the latter's identity is on its declared supertype chain.
public struct ValidationContext: Sendable {
    /// The module being validated.
    public let module: Module
    /// The features validation accepts (by default the module's own).
    public let features: FeatureSet

    /// Every defined type, by type index (`module.types`).
    public let types: [SubType]
    /// The type index of every function, imported ones first.
    public let functionTypeIndices: [UInt32]
    /// Every table type, imported ones first.
    public let tables: [TableType]
    /// Every memory type, imported ones first.
    public let memories: [MemoryType]
    /// Every global type, imported ones first.
    public let globals: [GlobalType]
    /// Every tag type, imported ones first.
    public let tags: [TagType]
    /// The reference type of every element segment.
    public let elementTypes: [RefType]
    /// How many functions, tables, memories, globals and tags are imported.
    public let importedFunctionCount: Int, importedTableCount: Int, importedMemoryCount: Int
    public let importedGlobalCount: Int, importedTagCount: Int
    /// The number of data segments instructions may refer to: the data count section's value
    /// if present, else the number of data segments.
    public let dataCount: Int

    /// `declared[x]`: function `x` is referenced outside function bodies (element segments,
    /// exports, global/table initializers, segment offsets), so `ref.func x` is allowed in code.
    var declared: [Bool]
    /// The canonical identity of every type index (equal for equivalent types).
    var canonicalIDs: [Int] = []
    /// The declared supertype of every type index, or -1.
    var supertypeIndices: [Int] = []

    /// Builds the context of `module` and validates its type section.
    ///
    /// - Parameters:
    ///   - module: a decoded module.
    ///   - features: the features to validate with; `nil` means the module's own.
    /// - Throws: `ValidationError` if the type section is invalid (unknown or forward type
    ///   references, invalid subtype declarations, continuation types of non-function types).
    public init(_ module: Module, features: FeatureSet? = nil) throws(ValidationError) {
        self.module = module
        self.features = features ?? module.features
        self.types = module.types
        let spaces = IndexSpaces(module)
        functionTypeIndices = spaces.functions
        tables = spaces.tables
        memories = spaces.memories
        globals = spaces.globals
        tags = spaces.tags
        importedFunctionCount = spaces.importedFunctions
        importedTableCount = spaces.importedTables
        importedMemoryCount = spaces.importedMemories
        importedGlobalCount = spaces.importedGlobals
        importedTagCount = spaces.importedTags
        elementTypes = module.elements.map(\.type)
        dataCount = module.dataCount.map { Int($0) } ?? module.data.count
        declared = Array(repeating: false, count: spaces.functions.count)
        try validateTypeSection()
        collectDeclaredFunctions()
    }

    // MARK: Counts

    /// The number of types.
    public var typeCount: Int { types.count }
    /// The size of the function index space.
    public var functionCount: Int { functionTypeIndices.count }
    /// The number of element segments.
    public var elementCount: Int { elementTypes.count }

    // MARK: Types

    /// The type definition at `index`; "unknown type N" if there is none.
    @inline(__always)
    public func subType(_ index: UInt32, at offset: Int? = nil) throws(ValidationError) -> SubType {
        guard Int(index) < types.count else { throw ValidationError("unknown type \(index)", offset: offset) }
        return types[Int(index)]
    }

    /// The composite type at `index`; "unknown type N" if there is none.
    @inline(__always)
    public func compositeType(_ index: UInt32, at offset: Int? = nil) throws(ValidationError) -> CompositeType {
        try subType(index, at: offset).composite
    }

    /// The function type at type index `index`: "unknown type N", or "non-function type N" if
    /// it is a struct, array or continuation type.
    public func functionType(ofTypeIndex index: UInt32, at offset: Int? = nil) throws(ValidationError) -> FunctionType {
        guard case .function(let type) = try compositeType(index, at: offset) else {
            throw ValidationError("non-function type \(index)", offset: offset)
        }
        return type
    }

    /// The fields of the struct type at `index`: "unknown type N" or "non-struct type N".
    public func structType(ofTypeIndex index: UInt32, at offset: Int? = nil) throws(ValidationError) -> [FieldType] {
        guard case .struct(let fields) = try compositeType(index, at: offset) else {
            throw ValidationError("non-struct type \(index)", offset: offset)
        }
        return fields
    }

    /// The element field of the array type at `index`: "unknown type N" or "non-array type N".
    public func arrayType(ofTypeIndex index: UInt32, at offset: Int? = nil) throws(ValidationError) -> FieldType {
        guard case .array(let field) = try compositeType(index, at: offset) else {
            throw ValidationError("non-array type \(index)", offset: offset)
        }
        return field
    }

    /// The continuation type at `index` (`cont $ft`): the index of its function type and that
    /// function type. "unknown type N" or "non-continuation type N".
    public func contType(
        ofTypeIndex index: UInt32, at offset: Int? = nil
    ) throws(ValidationError) -> (functionTypeIndex: UInt32, functionType: FunctionType) {
        guard case .continuation(let heapType) = try compositeType(index, at: offset) else {
            throw ValidationError("non-continuation type \(index)", offset: offset)
        }
        // A valid type section guarantees a concrete function type here.
        guard case .concrete(let functionIndex) = heapType else {
            throw ValidationError("non-function type", offset: offset)
        }
        return (functionIndex, try functionType(ofTypeIndex: functionIndex, at: offset))
    }

    /// The canonical identity of type `index` (equal for iso-recursively equivalent types,
    /// distinct otherwise); `nil` for an unknown index. Runtime type checks can use it too.
    public func canonicalID(ofTypeIndex index: UInt32) -> Int? {
        Int(index) < canonicalIDs.count ? canonicalIDs[Int(index)] : nil
    }

    /// The declared supertype of type `index`, if any.
    public func supertype(ofTypeIndex index: UInt32) -> UInt32? {
        guard Int(index) < supertypeIndices.count, supertypeIndices[Int(index)] >= 0 else { return nil }
        return UInt32(supertypeIndices[Int(index)])
    }

    /// Checks that every type index in `type` exists ("unknown type N"): value types of
    /// locals, block types, `select t`, casts and `ref.null` must be checked before use.
    public func validate(_ type: ValueType, at offset: Int? = nil) throws(ValidationError) {
        if case .ref(let reference) = type { try validate(reference.heapType, at: offset) }
    }

    /// Checks that a heap type's index exists ("unknown type N").
    public func validate(_ heapType: HeapType, at offset: Int? = nil) throws(ValidationError) {
        if case .concrete(let index) = heapType, Int(index) >= types.count {
            throw ValidationError("unknown type \(index)", offset: offset)
        }
    }

    /// Whether a local of this type needs no initialization (numbers, vectors, nullable refs).
    public func isDefaultable(_ type: ValueType) -> Bool {
        if case .ref(let reference) = type { return reference.isNullable }
        return true
    }

    // MARK: Index spaces

    /// The type index of function `index`; "unknown function N".
    @inline(__always)
    public func typeIndex(ofFunction index: UInt32, at offset: Int? = nil) throws(ValidationError) -> UInt32 {
        guard Int(index) < functionTypeIndices.count else {
            throw ValidationError("unknown function \(index)", offset: offset)
        }
        return functionTypeIndices[Int(index)]
    }

    /// The function type of function `index`; "unknown function N".
    public func functionType(ofFunction index: UInt32, at offset: Int? = nil) throws(ValidationError) -> FunctionType {
        try functionType(ofTypeIndex: try typeIndex(ofFunction: index, at: offset), at: offset)
    }

    /// The type of table `index`; "unknown table N".
    @inline(__always)
    public func table(_ index: UInt32, at offset: Int? = nil) throws(ValidationError) -> TableType {
        guard Int(index) < tables.count else { throw ValidationError("unknown table \(index)", offset: offset) }
        return tables[Int(index)]
    }

    /// The type of memory `index`; "unknown memory N".
    @inline(__always)
    public func memory(_ index: UInt32, at offset: Int? = nil) throws(ValidationError) -> MemoryType {
        guard Int(index) < memories.count else { throw ValidationError("unknown memory \(index)", offset: offset) }
        return memories[Int(index)]
    }

    /// The type of global `index`; "unknown global N".
    @inline(__always)
    public func global(_ index: UInt32, at offset: Int? = nil) throws(ValidationError) -> GlobalType {
        guard Int(index) < globals.count else { throw ValidationError("unknown global \(index)", offset: offset) }
        return globals[Int(index)]
    }

    /// The type of tag `index`; "unknown tag N".
    @inline(__always)
    public func tag(_ index: UInt32, at offset: Int? = nil) throws(ValidationError) -> TagType {
        guard Int(index) < tags.count else { throw ValidationError("unknown tag \(index)", offset: offset) }
        return tags[Int(index)]
    }

    /// The function type of tag `index` (its parameters are the payload); "unknown tag N".
    public func tagFunctionType(_ index: UInt32, at offset: Int? = nil) throws(ValidationError) -> FunctionType {
        try functionType(ofTypeIndex: try tag(index, at: offset).typeIndex, at: offset)
    }

    /// The reference type of element segment `index`; "unknown elem segment N".
    @inline(__always)
    public func elementType(_ index: UInt32, at offset: Int? = nil) throws(ValidationError) -> RefType {
        guard Int(index) < elementTypes.count else {
            throw ValidationError("unknown elem segment \(index)", offset: offset)
        }
        return elementTypes[Int(index)]
    }

    /// Checks that data segment `index` exists; "unknown data segment N".
    @inline(__always)
    public func checkData(_ index: UInt32, at offset: Int? = nil) throws(ValidationError) {
        guard Int(index) < dataCount else { throw ValidationError("unknown data segment \(index)", offset: offset) }
    }

    /// Whether function `index` is declared (referenced outside function bodies), which
    /// `ref.func` in code requires ("undeclared function reference").
    @inline(__always)
    public func isDeclared(function index: UInt32) -> Bool {
        Int(index) < declared.count && declared[Int(index)]
    }

    // MARK: Subtyping

    /// Whether `a` is a subtype of `b` (`a` matches `b`): equal number types, or reference
    /// subtyping.
    @inline(__always)
    public func isSubtype(_ a: ValueType, _ b: ValueType) -> Bool {
        switch (a, b) {
        case (.ref(let x), .ref(let y)): isSubtype(x, y)
        case (.ref, _), (_, .ref): false
        default: a == b
        }
    }

    /// Whether `a <: b`: nullability may only be dropped (`(ref t) <: (ref null t)`) and the
    /// heap types must be subtypes.
    @inline(__always)
    public func isSubtype(_ a: RefType, _ b: RefType) -> Bool {
        (!a.isNullable || b.isNullable) && isSubtype(a.heapType, b.heapType)
    }

    /// Whether every type of `a` is a subtype of the type at the same position of `b` (same
    /// length).
    public func isSubtype(_ a: [ValueType], _ b: [ValueType]) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where !isSubtype(x, y) { return false }
        return true
    }

    /// Whether heap type `a` is a subtype of heap type `b` (see the type's documentation).
    public func isSubtype(_ a: HeapType, _ b: HeapType) -> Bool {
        switch (a, b) {
        case (.abstract(let x), .abstract(let y)):
            return Self.isSubtype(x, y)
        case (.concrete(let x), .concrete(let y)):
            return isConcreteSubtype(Int(x), Int(y))
        case (.concrete(let x), .abstract(let y)):
            guard Int(x) < types.count else { return false }
            return Self.isSubtype(Self.abstractKind(of: types[Int(x)].composite), y)
        case (.abstract(let x), .concrete(let y)):
            guard Int(y) < types.count else { return false }
            return x == Self.bottom(of: Self.abstractKind(of: types[Int(y)].composite))
        }
    }

    /// Whether `a` and `b` are the same type (equal numbers; references with equal nullability
    /// and equivalent heap types).
    public func isEquivalent(_ a: ValueType, _ b: ValueType) -> Bool {
        switch (a, b) {
        case (.ref(let x), .ref(let y)): isEquivalent(x, y)
        case (.ref, _), (_, .ref): false
        default: a == b
        }
    }

    /// Whether two reference types are the same type.
    public func isEquivalent(_ a: RefType, _ b: RefType) -> Bool {
        a.isNullable == b.isNullable && isEquivalent(a.heapType, b.heapType)
    }

    /// Whether two heap types are the same type (concrete ones by canonical identity).
    public func isEquivalent(_ a: HeapType, _ b: HeapType) -> Bool {
        switch (a, b) {
        case (.concrete(let x), .concrete(let y)):
            guard Int(x) < canonicalIDs.count, Int(y) < canonicalIDs.count else { return false }
            return canonicalIDs[Int(x)] == canonicalIDs[Int(y)]
        default:
            return a == b
        }
    }

    /// The top of `heapType`'s hierarchy: `any`, `func`, `extern`, `exn` or `cont`.
    public func topHeapType(of heapType: HeapType) -> AbstractHeapType {
        switch heapType {
        case .abstract(let type): Self.top(of: type)
        case .concrete(let index):
            Int(index) < types.count ? Self.top(of: Self.abstractKind(of: types[Int(index)].composite)) : .any
        }
    }

    /// The bottom of `heapType`'s hierarchy: `none`, `nofunc`, `noextern`, `noexn` or `nocont`.
    public func bottomHeapType(of heapType: HeapType) -> AbstractHeapType {
        Self.bottom(of: topHeapType(of: heapType))
    }

    /// Concrete `a <: b`: `b`'s canonical identity is on `a`'s declared supertype chain.
    /// O(length of the chain).
    func isConcreteSubtype(_ a: Int, _ b: Int) -> Bool {
        guard a < canonicalIDs.count, b < canonicalIDs.count else { return false }
        let target = canonicalIDs[b]
        var current = a
        while true {
            if canonicalIDs[current] == target { return true }
            let next = supertypeIndices[current]
            guard next >= 0 else { return false }
            current = next
        }
    }

    /// The abstract heap type just above a concrete type of this composite kind (public: the
    /// runtime's type registry orders canonical types by the same rules).
    public static func abstractKind(of composite: CompositeType) -> AbstractHeapType {
        switch composite {
        case .function: .func
        case .struct: .struct
        case .array: .array
        case .continuation: .cont
        }
    }

    /// Subtyping among abstract heap types.
    public static func isSubtype(_ a: AbstractHeapType, _ b: AbstractHeapType) -> Bool {
        if a == b { return true }
        switch a {
        case .none: return top(of: b) == .any
        case .nofunc: return b == .func
        case .noextern: return b == .extern
        case .noexn: return b == .exn
        case .nocont: return b == .cont
        case .i31, .struct, .array: return b == .eq || b == .any
        case .eq: return b == .any
        case .any, .func, .extern, .exn, .cont: return false
        }
    }

    /// The top of an abstract heap type's hierarchy.
    public static func top(of type: AbstractHeapType) -> AbstractHeapType {
        switch type {
        case .any, .eq, .i31, .struct, .array, .none: .any
        case .func, .nofunc: .func
        case .extern, .noextern: .extern
        case .exn, .noexn: .exn
        case .cont, .nocont: .cont
        }
    }

    /// The bottom of an abstract heap type's hierarchy.
    public static func bottom(of type: AbstractHeapType) -> AbstractHeapType {
        switch top(of: type) {
        case .func: .nofunc
        case .extern: .noextern
        case .exn: .noexn
        case .cont: .nocont
        default: .none
        }
    }
}

extension ValidationContext {
    /// Marks every function referenced outside function bodies and the start function
    /// (the specification's `C.refs`): element segments, exports, and `ref.func` in global
    /// and table initializers and segment offsets.
    mutating func collectDeclaredFunctions() {
        func mark(_ index: UInt32) {
            if Int(index) < declared.count { declared[Int(index)] = true }
        }
        func mark(_ expression: ConstantExpression) {
            for instruction in expression.instructions where instruction.opcode == .refFunc {
                if let index = instruction.immediates.index { mark(index) }
            }
        }
        for global in module.globals { mark(global.initializer) }
        for table in module.tables { if let initializer = table.initializer { mark(initializer) } }
        for segment in module.elements {
            if case .active(_, let offset) = segment.mode { mark(offset) }
            switch segment.items {
            case .functions(let indices): for index in indices { mark(index) }
            case .expressions(let expressions): for expression in expressions { mark(expression) }
            }
        }
        for segment in module.data {
            if case .active(_, let offset) = segment.mode { mark(offset) }
        }
        for export in module.exports where export.kind == .function { mark(export.index) }
    }
}
