import WasmFormat

/// A WebAssembly value as the host sees it.
///
/// Floats keep their exact bits (NaN payloads included) as long as they are only moved;
/// compare them with ``bitwiseEquals(_:)`` rather than `==` when NaNs matter.
public enum Value: Sendable, CustomStringConvertible {
    /// An `i32` (signed view of its bits; see ``i32(bits:)``).
    case i32(Int32)
    /// An `i64` (signed view of its bits; see ``i64(bits:)``).
    case i64(Int64)
    /// An `f32`, bits exact.
    case f32(Float)
    /// An `f64`, bits exact.
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

/// An exception reference (`exnref`) handed to the host: a thrown WebAssembly exception,
/// which the host can inspect or pass back to WebAssembly (to rethrow it with `throw_ref`).
public struct ExceptionRef: @unchecked Sendable {
    let handle: ExceptionInstance
    /// The engine the exception was thrown in (it owns objects the payload refers to).
    let engine: Engine?

    /// The exception's tag.
    public var tag: Tag { Tag(handle: handle.tag) }

    /// The exception's payload: one value per parameter of the tag's type.
    public var payload: [Value] {
        zip(handle.payload, handle.tag.type.parameters).map { Value(slot: $0, type: $1, engine: engine) }
    }

    /// Whether both refer to the same exception (`exnref`s are compared by identity).
    public func isSame(as other: ExceptionRef) -> Bool { handle === other.handle }
}

extension Value {
    /// The slot encoding of the value (see `Reference`). A reference's slot is an unretained
    /// address: use ``slot(retainingIn:)`` when the slot may outlive this value.
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
                guard slot != Reference.null else { self = .funcRef(nil); return }
                let function = Reference.function(at: slot).takeUnretainedValue()
                // A WebAssembly function runs in its instance's engine; a host function in
                // the engine it was reached through.
                self = .funcRef(Function(handle: function, engine: function.instance?.engine ?? engine))
            case .exn:
                self = .exnRef(slot == 0 ? nil : ExceptionRef(handle: Reference.exception(at: slot), engine: engine))
            default:
                self = .externRef(slot == 0 ? nil : ExternRef(slot &- 1))
            }
        }
    }
}

extension Value {
    /// The slot encoding of the value, with any object it refers to kept alive by `engine`
    /// (slots hold unretained addresses; a host function made on the fly, or an exception
    /// the host holds, must outlive the slot it is stored in).
    func slot(retainingIn engine: Engine?) -> UInt64 {
        if let engine, let object = referencedObject { engine.retain(object) }
        return slot
    }

    /// The slot encoding of the value, with any object it refers to kept alive by `engine`
    /// if there is one, else by `holder` (a host-made table or global).
    func slot(retainingIn engine: Engine?, orIn holder: inout [ObjectIdentifier: AnyObject]) -> UInt64 {
        if engine == nil, let object = referencedObject { holder[ObjectIdentifier(object)] = object }
        return slot(retainingIn: engine)
    }

    /// The object a non-null function or exception reference refers to.
    private var referencedObject: AnyObject? {
        switch self {
        case .funcRef(let function?): function.handle
        case .exnRef(let exception?): exception.handle
        default: nil
        }
    }

    /// Whether this is a null reference (of any hierarchy).
    var isNull: Bool {
        switch self {
        case .funcRef(nil), .externRef(nil), .exnRef(nil): true
        default: false
        }
    }

    /// Whether the value is of type `type` (canonical form): the same number type, or a
    /// reference whose dynamic type is a subtype of it (null only for nullable types of its
    /// hierarchy).
    func matches(_ type: ValueType) -> Bool {
        switch (self, type) {
        case (.i32, .i32), (.i64, .i64), (.f32, .f32), (.f64, .f64): return true
        case (.funcRef(let function), .ref(let reference)):
            guard let function else { return reference.isNullable && Self.top(reference) == .func }
            switch reference.heapType {
            case .abstract(let heap): return heap == .func
            case .concrete(let id): return TypeRegistry.shared.isSubtype(function.handle.typeID, Int(id))
            }
        case (.externRef(let host), .ref(let reference)):
            guard host != nil else { return reference.isNullable && Self.top(reference) == .extern }
            return reference.heapType == .abstract(.extern)
        case (.exnRef(let exception), .ref(let reference)):
            guard exception != nil else { return reference.isNullable && Self.top(reference) == .exn }
            return reference.heapType == .abstract(.exn)
        default: return false
        }
    }

    /// The top of `reference`'s hierarchy (abstract heap types need no registry).
    private static func top(_ reference: RefType) -> AbstractHeapType {
        switch reference.heapType {
        case .abstract(.func), .abstract(.nofunc): .func
        case .abstract(.extern), .abstract(.noextern): .extern
        case .abstract(.exn), .abstract(.noexn): .exn
        case .abstract(.cont), .abstract(.nocont): .cont
        case .abstract: .any
        case .concrete: TypeRegistry.shared.topHeapType(of: reference.heapType)
        }
    }
}
