/// Validation of the type section and canonicalisation of its rec groups.
///
/// Rules (WebAssembly 3.0, GC; stack switching for `cont`):
/// - a type may refer to earlier types and to any type of its own rec group, never to a later
///   group ("unknown type N");
/// - a `sub` declaration names at most one supertype, which must come before the type, must
///   not be final, and must have a composite type of the same kind that the subtype matches
///   (function parameters contravariant and results covariant; struct fields a prefix; fields
///   covariant when immutable, invariant when mutable; `cont $f1 <: cont $f2` iff `$f1 <: $f2`)
///   ("sub type N does not match super type M");
/// - a continuation type must name a function type ("non-function type N").
///
/// Canonicalisation (iso-recursive type equivalence): each rec group is reduced to a
/// structural key (`recGroupKey`, shared with the runtime's type registry) in which
/// references into the group are relative positions and references to earlier groups are
/// those types' canonical identities. Groups with equal keys get the same identities
/// (hash-consing), so two type indices denote the same type exactly when their identities are
/// equal, and `isSubtype` on concrete types only walks declared supertype chains comparing
/// integers.
extension ValidationContext {
    /// Validates the type section group by group and fills `canonicalIDs` and
    /// `supertypeIndices`.
    mutating func validateTypeSection() throws(ValidationError) {
        let count = types.count
        supertypeIndices = types.indices.map { index in
            guard let first = types[index].supertypes.first, Int(first) < index else { return -1 }
            return Int(first)
        }
        canonicalIDs.reserveCapacity(count)
        var groups = module.recGroups
        if groups.reduce(0, { $0 + $1.count }) != count {  // a hand-made module: one group per type
            groups = types.indices.map { $0..<($0 + 1) }
        }
        var identities: [[Int]: Int] = [:]
        var nextID = 0
        for group in groups {
            for index in group {
                try located(at: module.offsets.types.offset(index)) { () throws(ValidationError) in
                    try checkReferences(of: index, before: group.upperBound)
                }
            }
            let key = recGroupKey(types[group], startingAt: group.lowerBound) { canonicalIDs[$0] }
            let base: Int
            if let existing = identities[key] {
                base = existing
            } else {
                base = nextID
                identities[key] = base
                nextID += group.count
            }
            for position in 0..<group.count { canonicalIDs.append(base + position) }
            for index in group {
                try located(at: module.offsets.types.offset(index)) { () throws(ValidationError) in
                    try checkSubtypeDeclaration(of: index)
                }
            }
        }
    }

    // MARK: References

    /// Every type index used by type `index` must be below `limit` (the end of its group).
    private func checkReferences(of index: Int, before limit: Int) throws(ValidationError) {
        let type = types[index]
        func check(_ heapType: HeapType) throws(ValidationError) {
            if case .concrete(let target) = heapType, Int(target) >= limit {
                throw ValidationError("unknown type \(target)")
            }
        }
        func check(_ value: ValueType) throws(ValidationError) {
            if case .ref(let reference) = value { try check(reference.heapType) }
        }
        func check(_ field: FieldType) throws(ValidationError) {
            if case .value(let value) = field.storage { try check(value) }
        }
        for supertype in type.supertypes where Int(supertype) >= limit {
            throw ValidationError("unknown type \(supertype)")
        }
        switch type.composite {
        case .function(let function):
            for value in function.parameters { try check(value) }
            for value in function.results { try check(value) }
        case .struct(let fields):
            for field in fields { try check(field) }
        case .array(let field):
            try check(field)
        case .continuation(let heapType):
            guard case .concrete(let target) = heapType else {
                throw ValidationError("non-function type \(heapType)")
            }
            try check(heapType)
            guard case .function = types[Int(target)].composite else {
                throw ValidationError("non-function type \(target)")
            }
        }
    }

    // MARK: Subtype declarations

    /// Checks type `index`'s declared supertype (at most one, earlier, not final, matching).
    private func checkSubtypeDeclaration(of index: Int) throws(ValidationError) {
        let type = types[index]
        guard !type.supertypes.isEmpty else { return }
        guard type.supertypes.count == 1 else {
            throw ValidationError("sub type \(index) has more than one supertype")
        }
        let superIndex = Int(type.supertypes[0])
        let mismatch = ValidationError("sub type \(index) does not match super type \(superIndex)")
        guard superIndex < index else { throw mismatch }
        let supertype = types[superIndex]
        guard !supertype.isFinal, compositeMatches(type.composite, supertype.composite) else { throw mismatch }
    }

    /// Whether composite type `a` matches (is a structural subtype of) `b`.
    func compositeMatches(_ a: CompositeType, _ b: CompositeType) -> Bool {
        switch (a, b) {
        case (.function(let x), .function(let y)):
            return isSubtype(y.parameters, x.parameters) && isSubtype(x.results, y.results)
        case (.struct(let x), .struct(let y)):
            guard x.count >= y.count else { return false }
            for (field, superField) in zip(x, y) where !fieldMatches(field, superField) { return false }
            return true
        case (.array(let x), .array(let y)):
            return fieldMatches(x, y)
        case (.continuation(let x), .continuation(let y)):
            return isSubtype(x, y)
        default:
            return false
        }
    }

    /// Field subtyping: same mutability; immutable fields covariant, mutable ones invariant.
    func fieldMatches(_ a: FieldType, _ b: FieldType) -> Bool {
        guard a.isMutable == b.isMutable else { return false }
        switch (a.storage, b.storage) {
        case (.i8, .i8), (.i16, .i16): return true
        case (.value(let x), .value(let y)): return a.isMutable ? isEquivalent(x, y) : isSubtype(x, y)
        default: return false
        }
    }
}
