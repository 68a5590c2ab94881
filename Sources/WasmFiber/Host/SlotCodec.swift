/// Direct conversions between slots and the standard Swift types that stand for number values
/// (`Int32`, `UInt32`, `Int64`, `UInt64`, `Float`, `Double`, `Bool`).
///
/// Typed host functions are generic over parameter packs, which the compiler does not
/// specialise across modules; converting through ``Value`` and arrays would then cost more
/// than the call itself. These checks compare type metadata (a few pointer comparisons) and
/// move the bits; other types go through ``WasmValueConvertible``.
enum SlotCodec {
    /// The `T` in `slot` (whose type is `T.valueType`). Not optional: in unspecialised code
    /// an `Optional<T>` costs a metadata lookup per call.
    @inline(__always)
    static func value<T: WasmValueConvertible>(_ slot: UInt64, as _: T.Type, engine: Engine?) throws(HostFunctionError) -> T {
        if T.self == Int32.self { return unsafeBitCast(Int32(truncatingIfNeeded: slot), to: T.self) }
        if T.self == Int64.self { return unsafeBitCast(Int64(bitPattern: slot), to: T.self) }
        if T.self == UInt32.self { return unsafeBitCast(UInt32(truncatingIfNeeded: slot), to: T.self) }
        if T.self == UInt64.self { return unsafeBitCast(slot, to: T.self) }
        if T.self == Float.self { return unsafeBitCast(Float(bitPattern: UInt32(truncatingIfNeeded: slot)), to: T.self) }
        if T.self == Double.self { return unsafeBitCast(Double(bitPattern: slot), to: T.self) }
        if T.self == Bool.self { return unsafeBitCast(UInt32(truncatingIfNeeded: slot) != 0, to: T.self) }
        return try converted(Value(slot: slot, type: T.valueType, engine: engine))
    }

    /// `value` as a `T`, through ``WasmValueConvertible/init(wasmValue:)``.
    @inline(never)
    private static func converted<T: WasmValueConvertible>(_ value: Value) throws(HostFunctionError) -> T {
        guard let converted = T(wasmValue: value) else {
            throw HostFunctionError("argument \(value) does not convert to \(T.self)")
        }
        return converted
    }

    /// The slot of `value` if `T` is one of the standard number types, else `nil`.
    @inline(__always)
    static func numberSlot<T>(_ value: T) -> UInt64? {
        if T.self == Int32.self { return UInt64(UInt32(bitPattern: unsafeBitCast(value, to: Int32.self))) }
        if T.self == Int64.self { return UInt64(bitPattern: unsafeBitCast(value, to: Int64.self)) }
        if T.self == UInt32.self { return UInt64(unsafeBitCast(value, to: UInt32.self)) }
        if T.self == UInt64.self { return unsafeBitCast(value, to: UInt64.self) }
        if T.self == Float.self { return UInt64(unsafeBitCast(value, to: Float.self).bitPattern) }
        if T.self == Double.self { return unsafeBitCast(value, to: Double.self).bitPattern }
        if T.self == Bool.self { return unsafeBitCast(value, to: Bool.self) ? 1 : 0 }
        return nil
    }
}
