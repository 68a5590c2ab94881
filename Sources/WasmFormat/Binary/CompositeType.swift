/// The type section's structure (GC type system): recursion groups of sub types, each with a
/// final flag, declared supertypes and a composite type (function, struct, array or
/// continuation).
///
/// The validator needs both views the decoder provides: the flat type index space
/// (`Module.types`) and the groups (`Module.recGroups`), because type equivalence is defined
/// per rec group.

/// A function type: parameter and result types.
public struct FunctionType: Hashable, Sendable, CustomStringConvertible {
    /// The parameter types, in order.
    public var parameters: [ValueType]
    /// The result types, in order (more than one needs multi-value).
    public var results: [ValueType]

    /// A function type from its parameter and result types.
    public init(parameters: [ValueType] = [], results: [ValueType] = []) {
        self.parameters = parameters
        self.results = results
    }

    /// A readable form, for diagnostics and test failures.
    public var description: String {
        "[\(parameters.map(\.description).joined(separator: " "))] -> [\(results.map(\.description).joined(separator: " "))]"
    }
}

/// The structural part of a type definition.
public enum CompositeType: Hashable, Sendable {
    case function(FunctionType)
    case `struct`([FieldType])
    case array(FieldType)
    /// A continuation type `cont $ft` (stack switching). The heap type must be a function
    /// type index; the decoder keeps what the binary says and the validator checks it.
    case continuation(HeapType)
}

/// A type definition: a composite type with its place in the subtype hierarchy.
public struct SubType: Hashable, Sendable {
    /// `true` unless declared with `sub` (without `final`): final types have no subtypes.
    public var isFinal: Bool
    /// Declared supertypes, as type indices (at most one is valid; the validator checks).
    public var supertypes: [UInt32]
    /// The structure this type defines.
    public var composite: CompositeType

    /// A type definition; the defaults are those of a bare composite type (final, no supertypes).
    public init(isFinal: Bool = true, supertypes: [UInt32] = [], _ composite: CompositeType) {
        self.isFinal = isFinal
        self.supertypes = supertypes
        self.composite = composite
    }

    /// The function type, if this defines one.
    public var functionType: FunctionType? {
        if case .function(let type) = composite { return type }
        return nil
    }
}

// MARK: - Decoding

extension BinaryReader {
    /// `rectype`: `0x4E vec(subtype)`, or a single `subtype` forming a group of one.
    mutating func readRecGroup(_ features: FeatureSet) throws(DecodingError) -> [SubType] {
        if peek() == 0x4E {
            try require(.gc, features, at: position)
            position += 1
            return try readVector { (reader: inout BinaryReader) throws(DecodingError) in try reader.readSubType(features) }
        }
        return [try readSubType(features)]
    }

    /// `subtype`: `0x50 vec(typeidx) comptype` (open), `0x4F vec(typeidx) comptype` (final),
    /// or a bare `comptype` (final, no supertypes).
    mutating func readSubType(_ features: FeatureSet) throws(DecodingError) -> SubType {
        let start = position
        if let code = peek(), code == 0x50 || code == 0x4F {
            try require(.gc, features, at: start)
            position += 1
            let supertypes = try readVector { (reader: inout BinaryReader) throws(DecodingError) in try reader.readU32() }
            return SubType(isFinal: code == 0x4F, supertypes: supertypes, try readCompositeType(features))
        }
        return SubType(try readCompositeType(features))
    }

    /// `comptype`: `0x60` func, `0x5F` struct, `0x5E` array, `0x5D` cont.
    mutating func readCompositeType(_ features: FeatureSet) throws(DecodingError) -> CompositeType {
        let start = position
        switch try readTypeCode() {
        case 0x60:
            let parameters = try readVector { (reader: inout BinaryReader) throws(DecodingError) in try reader.readValueType(features) }
            let resultsStart = position
            let results = try readVector { (reader: inout BinaryReader) throws(DecodingError) in try reader.readValueType(features) }
            if results.count > 1 { try require(.multiValue, features, at: resultsStart) }
            return .function(FunctionType(parameters: parameters, results: results))
        case 0x5F:
            try require(.gc, features, at: start)
            return .struct(try readVector(minimumSize: 2) { (reader: inout BinaryReader) throws(DecodingError) in
                try reader.readFieldType(features)
            })
        case 0x5E:
            try require(.gc, features, at: start)
            return .array(try readFieldType(features))
        case 0x5D:
            try require(.stackSwitching, features, at: start)
            return .continuation(try readHeapType(features))
        default:
            throw DecodingError(.malformedDefinitionType, at: start)
        }
    }
}
