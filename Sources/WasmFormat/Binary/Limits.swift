/// Limits and the types built on them: memory types (shared, 64-bit) and table types
/// (64-bit), plus tag types.
///
/// The binary format reads minimum and maximum as `u64` for every address type; whether a
/// value fits (65536 pages for a 32-bit memory, 2^32 - 1 elements for a 32-bit table) is a
/// validation rule, so the decoder keeps full 64-bit values.

/// Whether a memory or table is indexed with `i32` or `i64` (memory64 / table64).
public enum AddressType: Hashable, Sendable {
    case i32
    case i64

    /// The value type of addresses (`.i32` or `.i64`).
    public var valueType: ValueType { self == .i32 ? .i32 : .i64 }
}

/// A size range: a minimum and an optional maximum, in pages (memories) or elements (tables).
public struct Limits: Hashable, Sendable {
    /// The initial size.
    public var min: UInt64
    /// The maximum size, if declared.
    public var max: UInt64?

    /// Limits from a minimum and an optional maximum.
    public init(min: UInt64, max: UInt64? = nil) {
        self.min = min
        self.max = max
    }
}

/// The type of a linear memory.
public struct MemoryType: Hashable, Sendable {
    /// The size range.
    public var limits: Limits
    /// Shared between threads (threads proposal); shared memories must have a maximum,
    /// which the validator checks.
    public var isShared: Bool
    /// Whether addresses are `i32` or `i64`.
    public var addressType: AddressType

    /// A memory type; by default unshared and 32-bit.
    public init(limits: Limits, shared: Bool = false, addressType: AddressType = .i32) {
        self.limits = limits
        self.isShared = shared
        self.addressType = addressType
    }
}

/// The type of a table: element reference type, limits and address type (table64).
public struct TableType: Hashable, Sendable {
    /// The reference type of the elements.
    public var elementType: RefType
    /// The size range.
    public var limits: Limits
    /// Whether addresses are `i32` or `i64`.
    public var addressType: AddressType

    /// A table type; by default 32-bit.
    public init(elementType: RefType, limits: Limits, addressType: AddressType = .i32) {
        self.elementType = elementType
        self.limits = limits
        self.addressType = addressType
    }
}

/// The type of an exception / control tag: a type index naming a function type. Exception
/// tags must have no results; under stack switching, tags used with `suspend` may have them.
public struct TagType: Hashable, Sendable {
    /// The index of the tag's function type.
    public var typeIndex: UInt32

    /// A tag type from its function type index.
    public init(typeIndex: UInt32) { self.typeIndex = typeIndex }
}

// MARK: - Decoding

extension BinaryReader {
    /// `limits` with its flags byte: bit 0 has-maximum, bit 1 shared (memories, threads),
    /// bit 2 64-bit addresses (memory64). Any other bit is "malformed limits flags".
    mutating func readLimits(
        _ features: FeatureSet, allowShared: Bool
    ) throws(DecodingError) -> (Limits, shared: Bool, AddressType) {
        let flagsOffset = position
        let flags = try readByte()
        let allowed: UInt8 = allowShared && features.contains(.threads) ? 0x07 : 0x05
        guard flags & ~allowed == 0 else { throw DecodingError(.malformedLimitsFlags, at: flagsOffset) }
        let is64 = flags & 0x04 != 0
        if is64 { try require(.memory64, features, at: flagsOffset) }
        let min = try readU64()
        let max = flags & 0x01 != 0 ? try readU64() : nil
        return (Limits(min: min, max: max), flags & 0x02 != 0, is64 ? .i64 : .i32)
    }

    mutating func readMemoryType(_ features: FeatureSet) throws(DecodingError) -> MemoryType {
        let (limits, shared, addressType) = try readLimits(features, allowShared: true)
        return MemoryType(limits: limits, shared: shared, addressType: addressType)
    }

    mutating func readTableType(_ features: FeatureSet) throws(DecodingError) -> TableType {
        let elementType = try readRefType(features)
        let (limits, _, addressType) = try readLimits(features, allowShared: false)
        return TableType(elementType: elementType, limits: limits, addressType: addressType)
    }

    /// `tagtype`: a zero attribute byte, then the type index.
    mutating func readTagType(_ features: FeatureSet) throws(DecodingError) -> TagType {
        try require(.exceptions, features, at: position)
        guard try readByte() == 0 else { throw DecodingError(.zeroByteExpected, at: position - 1) }
        return TagType(typeIndex: try readU32())
    }
}
