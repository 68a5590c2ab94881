import WasmFormat

/// A WebAssembly value as the host sees it.
///
/// Floats keep their exact bits (NaN payloads included) as long as they are only moved;
/// compare them with ``bitwiseEquals(_:)`` rather than `==` when NaNs matter.
public enum Value: Sendable, CustomStringConvertible {
    case i32(Int32)
    case i64(Int64)
    case f32(Float)
    case f64(Double)
    /// A function reference (`nil` is `ref.null func`).
    case funcRef(Function?)
    /// A host reference (`nil` is `ref.null extern`).
    case externRef(ExternRef?)
    /// An exception reference (`nil` is `ref.null exn`).
    case exnRef(ExceptionRef?)

    /// The same value with the bits of an `i32` given unsigned.
    public static func i32(bits: UInt32) -> Value { .i32(Int32(bitPattern: bits)) }
    /// The same value with the bits of an `i64` given unsigned.
    public static func i64(bits: UInt64) -> Value { .i64(Int64(bitPattern: bits)) }

    /// Whether both are the same value, comparing floats by bit pattern and references by
    /// identity.
    public func bitwiseEquals(_ other: Value) -> Bool {
        switch (self, other) {
        case (.i32(let a), .i32(let b)): a == b
        case (.i64(let a), .i64(let b)): a == b
        case (.f32(let a), .f32(let b)): a.bitPattern == b.bitPattern
        case (.f64(let a), .f64(let b)): a.bitPattern == b.bitPattern
        case (.funcRef(let a), .funcRef(let b)): a?.handle === b?.handle
        case (.externRef(let a), .externRef(let b)): a == b
        case (.exnRef(let a), .exnRef(let b)): a?.handle === b?.handle
        default: false
        }
    }

    /// The value in the text format's notation, e.g. `i32:42`, `f64:0x1p+0`, `ref.null func`.
    public var description: String {
        switch self {
        case .i32(let v): "i32:\(v)"
        case .i64(let v): "i64:\(v)"
        case .f32(let v): "f32:\(v)"
        case .f64(let v): "f64:\(v)"
        case .funcRef(let f): f == nil ? "ref.null func" : "ref.func"
        case .externRef(let r): r.map { "ref.extern \($0.id)" } ?? "ref.null extern"
        case .exnRef(let e): e == nil ? "ref.null exn" : "ref.exn"
        }
    }
}

/// A host reference (`externref`): an identity the host chooses; WebAssembly can only store,
/// pass and compare it.
public struct ExternRef: Hashable, Sendable {
    /// The identity (any value but `UInt64.max`).
    public let id: UInt64

    /// The reference with identity `id` (`UInt64.max` is reserved).
    public init(_ id: UInt64) {
        precondition(id != .max, "ExternRef identity UInt64.max is reserved")
        self.id = id
    }
}

/// An exception reference (`exnref`) handed to the host.
public struct ExceptionRef: @unchecked Sendable {
    let handle: ExceptionInstance
}

extension Value {
    /// The slot encoding of the value (see `Reference`).
    var slot: UInt64 {
        switch self {
        case .i32(let v): UInt64(UInt32(bitPattern: v))
        case .i64(let v): UInt64(bitPattern: v)
        case .f32(let v): UInt64(v.bitPattern)
        case .f64(let v): v.bitPattern
        case .funcRef(let f): f.map { Reference.function($0.handle) } ?? Reference.null
        case .externRef(let r): r.map { $0.id &+ 1 } ?? Reference.null
        case .exnRef(let e): e.map { Reference.exception($0.handle) } ?? Reference.null
        }
    }

    /// The value of type `type` stored in `slot` (`engine` owns referenced objects).
    init(slot: UInt64, type: ValueType, engine: Engine?) {
        switch type {
        case .i32: self = .i32(Int32(bitPattern: UInt32(truncatingIfNeeded: slot)))
        case .i64: self = .i64(Int64(bitPattern: slot))
        case .f32: self = .f32(Float(bitPattern: UInt32(truncatingIfNeeded: slot)))
        case .f64: self = .f64(Double(bitPattern: slot))
        case .v128: self = .i64(Int64(bitPattern: slot))  // not produced: SIMD is rejected at decoding
        case .ref(let reference):
            switch TypeRegistry.shared.topHeapType(of: reference.heapType) {
            case .func:
                self = .funcRef(slot == 0 ? nil : Function(handle: Reference.function(at: slot).takeUnretainedValue(), engine: engine))
            case .exn:
                self = .exnRef(slot == 0 ? nil : ExceptionRef(handle: Reference.exception(at: slot)))
            default:
                self = .externRef(slot == 0 ? nil : ExternRef(slot &- 1))
            }
        }
    }
}
