import WasmFormat

/// Canonical forms of the remaining kinds of types: what a module's definitions, imports and
/// exports look like once its type indices are replaced by canonical identities (see
/// `TypeRegistry`), so that types of different modules compare with `==` and the registry's
/// subtyping.
extension TypeRegistry {
    /// A heap type in canonical form: a concrete type index becomes its identity.
    static func canonical(_ type: HeapType, typeIDs: [Int]) -> HeapType {
        guard case .concrete(let index) = type else { return type }
        return .concrete(UInt32(typeIDs[Int(index)]))
    }

    /// A struct field or array element type in canonical form.
    static func canonical(_ type: FieldType, typeIDs: [Int]) -> FieldType {
        guard case .value(let value) = type.storage else { return type }
        return FieldType(.value(canonical(value, typeIDs: typeIDs)), mutable: type.isMutable)
    }

    /// A composite type in canonical form.
    static func canonical(_ type: CompositeType, typeIDs: [Int]) -> CompositeType {
        switch type {
        case .function(let function): .function(canonical(function, typeIDs: typeIDs))
        case .struct(let fields): .struct(fields.map { canonical($0, typeIDs: typeIDs) })
        case .array(let field): .array(canonical(field, typeIDs: typeIDs))
        case .continuation(let heapType): .continuation(canonical(heapType, typeIDs: typeIDs))
        }
    }

    /// A type definition in canonical form, supertypes included.
    static func canonical(_ type: SubType, typeIDs: [Int]) -> SubType {
        SubType(isFinal: type.isFinal, supertypes: type.supertypes.map { UInt32(typeIDs[Int($0)]) },
                canonical(type.composite, typeIDs: typeIDs))
    }

    /// A global type in canonical form (its value type).
    static func canonical(_ type: GlobalType, typeIDs: [Int]) -> GlobalType {
        GlobalType(canonical(type.valueType, typeIDs: typeIDs), mutable: type.isMutable)
    }

    /// A table type in canonical form (its element type).
    static func canonical(_ type: TableType, typeIDs: [Int]) -> TableType {
        TableType(elementType: canonical(type.elementType, typeIDs: typeIDs), limits: type.limits,
                  addressType: type.addressType)
    }

    /// A tag type in canonical form: the identity of its function type, which is all that
    /// tag import matching and `catch` compare.
    static func canonical(_ type: TagType, typeIDs: [Int]) -> Int {
        typeIDs[Int(type.typeIndex)]
    }
}
