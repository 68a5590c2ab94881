import WasmFormat

/// A Swift type that stands for zero or more WebAssembly values: what typed host functions
/// return and typed calls (``Instance/call(_:_:)-(_,repeat each P)``) produce.
///
/// Every ``WasmValueConvertible`` type is one (a single value). `Void` cannot conform to a
/// protocol; functions without results have overloads of their own, and so do tuples of two
/// or more values.
public protocol WasmResultConvertible {
    /// The WebAssembly types of the values, in order.
    static var resultTypes: [ValueType] { get }
    /// The values, in order (one per element of ``resultTypes``).
    var wasmResults: [Value] { get }
    /// The Swift value of `values`, or `nil` if they do not have ``resultTypes``.
    init?(wasmResults values: ArraySlice<Value>)
}

/// A Swift type that stands for one WebAssembly value: what typed host functions take and
/// return, and what typed calls accept as arguments.
///
/// Conforming: `Int32` and `UInt32` (`i32`, the same bits), `Int64` and `UInt64` (`i64`),
/// `Float` (`f32`), `Double` (`f64`), `Bool` (`i32`: 1 or 0; any non-zero reads as `true`),
/// `Function` (`(ref func)`), `ExternRef` (`(ref extern)`), `ExceptionRef` (`(ref exn)`),
/// and the optional of each reference (`funcref`, `externref`, `exnref`: `nil` is null).
public protocol WasmValueConvertible: WasmResultConvertible {
    /// The WebAssembly type of the values.
    static var valueType: ValueType { get }
    /// The value as WebAssembly sees it.
    var wasmValue: Value { get }
    /// The Swift value of `value`, or `nil` if `value` is not of ``valueType``.
    init?(wasmValue value: Value)
}

extension WasmValueConvertible {
    /// One type: ``valueType``.
    public static var resultTypes: [ValueType] { [valueType] }
    /// One value: ``wasmValue``.
    public var wasmResults: [Value] { [wasmValue] }
    /// The value of the one element of `values`.
    public init?(wasmResults values: ArraySlice<Value>) {
        guard values.count == 1, let value = Self(wasmValue: values[values.startIndex]) else { return nil }
        self = value
    }
}

/// A reference type of the host API whose optional is the nullable reference type
/// (`Function?` is `funcref`).
public protocol WasmReferenceConvertible: WasmValueConvertible {
    /// The null reference of the type's hierarchy (`.funcRef(nil)` for functions).
    static var nullValue: Value { get }
}

extension Int32: WasmValueConvertible {
    /// `i32`.
    public static var valueType: ValueType { .i32 }
    /// `.i32(self)`.
    public var wasmValue: Value { .i32(self) }
    /// The payload of an `.i32`.
    public init?(wasmValue value: Value) {
        guard case .i32(let v) = value else { return nil }
        self = v
    }
}

extension UInt32: WasmValueConvertible {
    /// `i32` (the same bits, read unsigned).
    public static var valueType: ValueType { .i32 }
    /// `.i32` with the same bits.
    public var wasmValue: Value { .i32(bits: self) }
    /// The bits of an `.i32`, unsigned.
    public init?(wasmValue value: Value) {
        guard case .i32(let v) = value else { return nil }
        self = UInt32(bitPattern: v)
    }
}

extension Int64: WasmValueConvertible {
    /// `i64`.
    public static var valueType: ValueType { .i64 }
    /// `.i64(self)`.
    public var wasmValue: Value { .i64(self) }
    /// The payload of an `.i64`.
    public init?(wasmValue value: Value) {
        guard case .i64(let v) = value else { return nil }
        self = v
    }
}

extension UInt64: WasmValueConvertible {
    /// `i64` (the same bits, read unsigned).
    public static var valueType: ValueType { .i64 }
    /// `.i64` with the same bits.
    public var wasmValue: Value { .i64(bits: self) }
    /// The bits of an `.i64`, unsigned.
    public init?(wasmValue value: Value) {
        guard case .i64(let v) = value else { return nil }
        self = UInt64(bitPattern: v)
    }
}

extension Float: WasmValueConvertible {
    /// `f32`.
    public static var valueType: ValueType { .f32 }
    /// `.f32(self)` (NaN payloads kept).
    public var wasmValue: Value { .f32(self) }
    /// The payload of an `.f32`.
    public init?(wasmValue value: Value) {
        guard case .f32(let v) = value else { return nil }
        self = v
    }
}

extension Double: WasmValueConvertible {
    /// `f64`.
    public static var valueType: ValueType { .f64 }
    /// `.f64(self)` (NaN payloads kept).
    public var wasmValue: Value { .f64(self) }
    /// The payload of an `.f64`.
    public init?(wasmValue value: Value) {
        guard case .f64(let v) = value else { return nil }
        self = v
    }
}

extension Bool: WasmValueConvertible {
    /// `i32`, as WebAssembly's comparisons produce it.
    public static var valueType: ValueType { .i32 }
    /// `.i32(1)` or `.i32(0)`.
    public var wasmValue: Value { .i32(self ? 1 : 0) }
    /// Whether an `.i32` is non-zero.
    public init?(wasmValue value: Value) {
        guard case .i32(let v) = value else { return nil }
        self = v != 0
    }
}

extension Function: WasmReferenceConvertible {
    /// `(ref func)`: a function, never null (`Function?` is `funcref`).
    public static var valueType: ValueType { .ref(RefType(nullable: false, .abstract(.func))) }
    /// `.funcRef(nil)`.
    public static var nullValue: Value { .funcRef(nil) }
    /// `.funcRef(self)`.
    public var wasmValue: Value { .funcRef(self) }
    /// The function of a non-null `.funcRef`.
    public init?(wasmValue value: Value) {
        guard case .funcRef(let function?) = value else { return nil }
        self = function
    }
}

extension ExternRef: WasmReferenceConvertible {
    /// `(ref extern)`: a host reference, never null (`ExternRef?` is `externref`).
    public static var valueType: ValueType { .ref(RefType(nullable: false, .abstract(.extern))) }
    /// `.externRef(nil)`.
    public static var nullValue: Value { .externRef(nil) }
    /// `.externRef(self)`.
    public var wasmValue: Value { .externRef(self) }
    /// The reference of a non-null `.externRef`.
    public init?(wasmValue value: Value) {
        guard case .externRef(let reference?) = value else { return nil }
        self = reference
    }
}

extension ExceptionRef: WasmReferenceConvertible {
    /// `(ref exn)`: an exception, never null (`ExceptionRef?` is `exnref`).
    public static var valueType: ValueType { .ref(RefType(nullable: false, .abstract(.exn))) }
    /// `.exnRef(nil)`.
    public static var nullValue: Value { .exnRef(nil) }
    /// `.exnRef(self)`.
    public var wasmValue: Value { .exnRef(self) }
    /// The exception of a non-null `.exnRef`.
    public init?(wasmValue value: Value) {
        guard case .exnRef(let exception?) = value else { return nil }
        self = exception
    }
}

extension Optional: WasmResultConvertible where Wrapped: WasmReferenceConvertible {}

extension Optional: WasmValueConvertible where Wrapped: WasmReferenceConvertible {
    /// The nullable reference type of `Wrapped` (`Function?` is `funcref`).
    public static var valueType: ValueType {
        guard case .ref(let reference) = Wrapped.valueType else { return Wrapped.valueType }
        return .ref(RefType(nullable: true, reference.heapType))
    }
    /// The wrapped reference, or null.
    public var wasmValue: Value { self?.wasmValue ?? Wrapped.nullValue }
    /// `nil` for the null of `Wrapped`'s hierarchy, else the wrapped reference.
    public init?(wasmValue value: Value) {
        if let wrapped = Wrapped(wasmValue: value) {
            self = .some(wrapped)
        } else if value.isNull, value.matches(Self.valueType) {
            self = .none
        } else {
            return nil
        }
    }
}
