/// Value types, reference types and heap types: the types of operands, locals, globals,
/// fields and table elements.
///
/// Concrete heap types are type indices into the module's type section; the validator
/// resolves them (and canonicalizes rec groups) — the decoder only checks the encoding.

/// A value type: a number, a vector (SIMD, decoded only when enabled) or a reference.
public enum ValueType: Hashable, Sendable, BitwiseCopyable, CustomStringConvertible {
    case i32
    case i64
    case f32
    case f64
    case v128
    case ref(RefType)

    /// `funcref`, i.e. `(ref null func)`.
    public static let funcRef = ValueType.ref(.funcRef)
    /// `externref`, i.e. `(ref null extern)`.
    public static let externRef = ValueType.ref(.externRef)

    /// Whether this is a number type (`i32`, `i64`, `f32`, `f64`).
    public var isNumber: Bool {
        switch self {
        case .i32, .i64, .f32, .f64: true
        case .v128, .ref: false
        }
    }

    /// A readable form, for diagnostics and test failures.
    public var description: String {
        switch self {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .v128: "v128"
        case .ref(let type): type.description
        }
    }
}

/// A reference type: a heap type and whether `null` is a value of it.
public struct RefType: Hashable, Sendable, BitwiseCopyable, CustomStringConvertible {
    /// Whether `null` is a value of this type.
    public var isNullable: Bool
    /// The type of the referenced object.
    public var heapType: HeapType

    /// A reference type from its nullability and heap type.
    public init(nullable: Bool, _ heapType: HeapType) {
        self.isNullable = nullable
        self.heapType = heapType
    }

    /// `funcref`.
    public static let funcRef = RefType(nullable: true, .abstract(.func))
    /// `externref`.
    public static let externRef = RefType(nullable: true, .abstract(.extern))

    /// A readable form, for diagnostics and test failures.
    public var description: String {
        "(ref \(isNullable ? "null " : "")\(heapType))"
    }
}

/// A heap type: one of the abstract heap types or a type index.
public enum HeapType: Hashable, Sendable, BitwiseCopyable, CustomStringConvertible {
    case abstract(AbstractHeapType)
    /// A defined type, by its index in the module's type index space.
    case concrete(UInt32)

    /// A readable form, for diagnostics and test failures.
    public var description: String {
        switch self {
        case .abstract(let type): "\(type)"
        case .concrete(let index): "\(index)"
        }
    }
}

/// The abstract heap types, with their one-byte binary codes as raw values.
public enum AbstractHeapType: UInt8, Hashable, Sendable, BitwiseCopyable, CaseIterable {
    case nocont = 0x75
    case noexn = 0x74
    case nofunc = 0x73
    case noextern = 0x72
    case none = 0x71
    case `func` = 0x70
    case extern = 0x6F
    case any = 0x6E
    case eq = 0x6D
    case i31 = 0x6C
    case `struct` = 0x6B
    case array = 0x6A
    case exn = 0x69
    case cont = 0x68

    /// The feature that introduced this heap type.
    public var feature: Feature {
        switch self {
        case .func: .mvp
        case .extern: .referenceTypes
        case .exn, .noexn: .exceptions
        case .cont, .nocont: .stackSwitching
        case .nofunc, .noextern, .none, .any, .eq, .i31, .struct, .array: .gc
        }
    }
}

/// A storage type of a struct field or array element: a value type or a packed integer.
public enum StorageType: Hashable, Sendable, BitwiseCopyable {
    case value(ValueType)
    case i8
    case i16
}

/// The type of a struct field or array element: storage type and mutability.
public struct FieldType: Hashable, Sendable, BitwiseCopyable {
    /// How the field is stored.
    public var storage: StorageType
    /// Whether it can be written after initialization.
    public var isMutable: Bool

    /// A field type from its storage type and mutability.
    public init(_ storage: StorageType, mutable: Bool) {
        self.storage = storage
        self.isMutable = mutable
    }
}

/// The type of a global: value type and mutability.
public struct GlobalType: Hashable, Sendable, BitwiseCopyable {
    /// The type of the value.
    public var valueType: ValueType
    /// Whether it can be written after initialization.
    public var isMutable: Bool

    /// A global type from its value type and mutability.
    public init(_ valueType: ValueType, mutable: Bool) {
        self.valueType = valueType
        self.isMutable = mutable
    }
}

// MARK: - Decoding

extension BinaryReader {
    /// Fails with `.featureDisabled` unless `feature` is on.
    @inline(__always)
    func require(_ feature: Feature, _ features: FeatureSet, at offset: Int) throws(DecodingError) {
        if !features.contains(feature) { throw DecodingError(.featureDisabled(feature), at: offset) }
    }

    /// `valtype`: a number type, `v128`, or a reference type (long form or shorthand).
    mutating func readValueType(_ features: FeatureSet) throws(DecodingError) -> ValueType {
        let start = position
        let code = try readTypeCode()
        switch code {
        case 0x7F: return .i32
        case 0x7E: return .i64
        case 0x7D: return .f32
        case 0x7C: return .f64
        case 0x7B:
            guard features.contains(.simd) else { throw DecodingError(.simdNotSupported, at: start) }
            return .v128
        default:
            position = start
            return .ref(try readRefType(features, error: .malformedValueType))
        }
    }

    /// `reftype`: `0x63 ht` (nullable), `0x64 ht` (non-null) or a one-byte shorthand.
    mutating func readRefType(
        _ features: FeatureSet, error: DecodingError.Kind = .malformedReferenceType
    ) throws(DecodingError) -> RefType {
        let start = position
        let code = try readTypeCode()
        switch code {
        case 0x63, 0x64:
            try require(.functionReferences, features, at: start)
            return RefType(nullable: code == 0x63, try readHeapType(features))
        default:
            guard let abstract = AbstractHeapType(rawValue: code) else { throw DecodingError(error, at: start) }
            try require(abstract.feature, features, at: start)
            return RefType(nullable: true, .abstract(abstract))
        }
    }

    /// `heaptype`: a non-negative s33 type index or a negative one-byte abstract heap type.
    mutating func readHeapType(_ features: FeatureSet) throws(DecodingError) -> HeapType {
        let start = position
        let value = try readS33()
        if value >= 0 {
            try require(.functionReferences, features, at: start)
            return .concrete(UInt32(value))
        }
        guard value >= -0x40, let abstract = AbstractHeapType(rawValue: UInt8(value & 0x7F)) else {
            throw DecodingError(.malformedHeapType, at: start)
        }
        try require(abstract.feature, features, at: start)
        return .abstract(abstract)
    }

    /// `storagetype`: a value type or the packed `i8` (`0x78`) / `i16` (`0x77`).
    mutating func readStorageType(_ features: FeatureSet) throws(DecodingError) -> StorageType {
        let start = position
        switch try readTypeCode() {
        case 0x78: return .i8
        case 0x77: return .i16
        default:
            position = start
            return .value(try readValueType(features))
        }
    }

    /// `mut`: `0x00` const, `0x01` var.
    mutating func readMutability() throws(DecodingError) -> Bool {
        switch try readByte() {
        case 0x00: return false
        case 0x01: return true
        default: throw DecodingError(.malformedMutability, at: position - 1)
        }
    }

    mutating func readFieldType(_ features: FeatureSet) throws(DecodingError) -> FieldType {
        let storage = try readStorageType(features)
        return FieldType(storage, mutable: try readMutability())
    }

    mutating func readGlobalType(_ features: FeatureSet) throws(DecodingError) -> GlobalType {
        let type = try readValueType(features)
        return GlobalType(type, mutable: try readMutability())
    }
}
