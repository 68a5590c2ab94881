import Synchronization
import WasmFormat

/// The process-wide canonical identities of defined types (iso-recursive equivalence across
/// modules), so that `call_indirect`, import matching and references compare types of
/// different modules by one integer.
///
/// In the *canonical form* of a type, every concrete heap type is a canonical identity instead
/// of a module's type index.
///
/// Rec groups are hash-consed by their structural key (`recGroupKey`, the one validation
/// uses): a group whose key is already known gets the identities it got the first time, a
/// new group gets the next free identities, one per member, in order. Registration takes a
/// mutex; the definitions live in an `AppendOnlyTable`, so lookups (`isSubtype`,
/// `topHeapType`, `subType`) take no lock.
final class TypeRegistry: @unchecked Sendable {
    /// What the registry knows about one identity.
    private struct Entry {
        /// The definition, in canonical form.
        let definition: SubType
        /// The identity of the declared supertype, or -1.
        let supertype: Int
        /// The abstract heap type just above this type (func, struct, array or cont).
        let kind: AbstractHeapType
    }

    /// The one registry of the process.
    static let shared = TypeRegistry()

    /// The first identity of every registered rec group, by structural key. Its mutex also
    /// serializes appends to `entries`.
    private let groups = Mutex<[[Int]: Int]>([:])
    /// Every identity's entry, by identity.
    private let entries = AppendOnlyTable<Entry>()

    /// The number of identities handed out so far.
    var count: Int { entries.count }

    /// The canonical identity of each of `module`'s type indices (registering its rec groups).
    ///
    /// `module`'s type section must be valid (as `validateModule` checks): references go only
    /// to earlier types or into their own group. Registering an equal module again returns
    /// the same identities.
    func register(_ module: WasmFormat.Module) -> [Int] {
        let types = module.types
        var recGroups = module.recGroups
        if recGroups.reduce(0, { $0 + $1.count }) != types.count {  // a hand-made module: one group per type
            recGroups = types.indices.map { $0..<($0 + 1) }
        }
        return groups.withLock { groups in
            var ids: [Int] = []
            ids.reserveCapacity(types.count)
            for group in recGroups {
                let key = recGroupKey(types[group], startingAt: group.lowerBound) { ids[$0] }
                if let base = groups[key] {
                    ids += base..<(base + group.count)
                    continue
                }
                let base = entries.count
                groups[key] = base
                ids += base..<(base + group.count)
                for index in group { append(Self.canonical(types[index], typeIDs: ids)) }
            }
            return ids
        }
    }

    /// The identity of a function type given in canonical form, as a rec group of its own
    /// (host functions, host tags).
    ///
    /// The type is final and has no supertypes, so it is the identity of any module's
    /// `(type (func ...))` of the same structure standing alone in its group.
    func register(_ type: FunctionType) -> Int {
        let definition = SubType(.function(type))
        return groups.withLock { groups in
            // Every reference is to an existing identity, hence before the would-be new one.
            let start = entries.count
            let key = recGroupKey(CollectionOfOne(definition), startingAt: start) { id in
                precondition(id < start, "TypeRegistry.register: unknown type identity \(id)")
                return id
            }
            if let base = groups[key] { return base }
            groups[key] = start
            append(definition)
            return start
        }
    }

    /// Appends the entry of `definition` (canonical); the caller holds the mutex.
    private func append(_ definition: SubType) {
        let supertype = definition.supertypes.first.map { Int($0) } ?? -1
        entries.append(Entry(definition: definition, supertype: supertype,
                             kind: ValidationContext.abstractKind(of: definition.composite)))
    }

    /// The definition of identity `id`, in canonical form.
    func subType(_ id: Int) -> SubType { entries[id].definition }

    /// The function type of identity `id` (which must be a function type), in canonical form.
    func functionType(_ id: Int) -> FunctionType {
        guard case .function(let type) = entries[id].definition.composite else {
            preconditionFailure("TypeRegistry.functionType: type \(id) is not a function type")
        }
        return type
    }

    /// Whether type `a` is `b` or has it on its declared supertype chain.
    func isSubtype(_ a: Int, _ b: Int) -> Bool {
        var current = a
        while current != b {
            current = entries[current].supertype
            if current < 0 { return false }
        }
        return true
    }

    /// Subtyping of value types in canonical form.
    func isSubtype(_ a: ValueType, _ b: ValueType) -> Bool {
        switch (a, b) {
        case (.ref(let x), .ref(let y)): isSubtype(x, y)
        case (.ref, _), (_, .ref): false
        default: a == b
        }
    }

    /// Subtyping of reference types in canonical form.
    func isSubtype(_ a: RefType, _ b: RefType) -> Bool {
        (!a.isNullable || b.isNullable) && isSubtype(a.heapType, b.heapType)
    }

    /// Subtyping of heap types in canonical form: the abstract hierarchies of
    /// `ValidationContext`, a concrete type below the abstract kind of its composite type and
    /// above its hierarchy's bottom, concrete types by declared supertype chains.
    func isSubtype(_ a: HeapType, _ b: HeapType) -> Bool {
        switch (a, b) {
        case (.abstract(let x), .abstract(let y)):
            ValidationContext.isSubtype(x, y)
        case (.concrete(let x), .concrete(let y)):
            isSubtype(Int(x), Int(y))
        case (.concrete(let x), .abstract(let y)):
            ValidationContext.isSubtype(entries[Int(x)].kind, y)
        case (.abstract(let x), .concrete(let y)):
            x == ValidationContext.bottom(of: entries[Int(y)].kind)
        }
    }

    /// The top of the hierarchy `heapType` (canonical form) belongs to: func, extern, any, exn or cont.
    func topHeapType(of heapType: HeapType) -> AbstractHeapType {
        switch heapType {
        case .abstract(let type): ValidationContext.top(of: type)
        case .concrete(let id): ValidationContext.top(of: entries[Int(id)].kind)
        }
    }

    /// `type` of a module whose type indices have identities `typeIDs`, in canonical form.
    static func canonical(_ type: ValueType, typeIDs: [Int]) -> ValueType {
        guard case .ref(let reference) = type else { return type }
        return .ref(canonical(reference, typeIDs: typeIDs))
    }

    /// A reference type in canonical form (see `canonical(_: ValueType, typeIDs:)`).
    static func canonical(_ type: RefType, typeIDs: [Int]) -> RefType {
        RefType(nullable: type.isNullable, canonical(type.heapType, typeIDs: typeIDs))
    }

    /// A function type in canonical form (parameters and results).
    static func canonical(_ type: FunctionType, typeIDs: [Int]) -> FunctionType {
        FunctionType(parameters: type.parameters.map { canonical($0, typeIDs: typeIDs) },
                     results: type.results.map { canonical($0, typeIDs: typeIDs) })
    }
}
