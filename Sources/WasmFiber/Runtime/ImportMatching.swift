import WasmFormat

/// Import subtyping (WebAssembly 3.0, "Matching" of external types): whether the external
/// value provided for an import (`actual`) may stand for the type the import declares
/// (`expected`). Instantiation fails with "incompatible import type" when it may not.
///
/// Every type is in canonical form (`TypeRegistry.canonical`), so types of the providing and
/// the importing module compare directly; subtyping is `TypeRegistry.shared`'s.
enum ImportMatching {
    /// Limits match when the actual size range lies within the expected one: the minimum is at
    /// least the expected minimum, and if a maximum is expected, the actual one exists and is
    /// at most that.
    static func limits(_ actual: Limits, matches expected: Limits) -> Bool {
        guard actual.min >= expected.min else { return false }
        guard let expectedMax = expected.max else { return true }
        guard let actualMax = actual.max else { return false }
        return actualMax <= expectedMax
    }

    /// Tables match with the same address type, matching limits and equivalent element types
    /// (mutually subtypes: tables are read and written, so the element type is invariant).
    static func table(_ actual: TableType, matches expected: TableType) -> Bool {
        let registry = TypeRegistry.shared
        return actual.addressType == expected.addressType
            && limits(actual.limits, matches: expected.limits)
            && registry.isSubtype(actual.elementType, expected.elementType)
            && registry.isSubtype(expected.elementType, actual.elementType)
    }

    /// Memories match with the same address type, the same sharedness and matching limits.
    static func memory(_ actual: MemoryType, matches expected: MemoryType) -> Bool {
        actual.addressType == expected.addressType
            && actual.isShared == expected.isShared
            && limits(actual.limits, matches: expected.limits)
    }

    /// Globals match with the same mutability and, for immutable ones, an actual value type
    /// that is a subtype of the expected one (they are only read); mutable globals are also
    /// written, so their value types must be equivalent.
    static func global(_ actual: GlobalType, matches expected: GlobalType) -> Bool {
        guard actual.isMutable == expected.isMutable else { return false }
        let registry = TypeRegistry.shared
        let covariant = registry.isSubtype(actual.valueType, expected.valueType)
        return actual.isMutable ? covariant && registry.isSubtype(expected.valueType, actual.valueType) : covariant
    }

    /// Functions match when the actual function's type is the expected one or declares it on
    /// its supertype chain.
    static func function(_ actualTypeID: Int, matches expectedTypeID: Int) -> Bool {
        TypeRegistry.shared.isSubtype(actualTypeID, expectedTypeID)
    }

    /// Tags match only with the same type identity: a tag's type is both the payload thrown
    /// and the payload caught, so it is invariant.
    static func tag(_ actualTypeID: Int, matches expectedTypeID: Int) -> Bool {
        actualTypeID == expectedTypeID
    }
}
