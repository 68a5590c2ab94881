import WasmFormat

/// A function of an engine — a WebAssembly function of an instance, or a host function — as
/// the host holds it.
///
/// Get one from ``Instance/function(_:)`` (an export), from a `funcref` value, or make a host
/// function with ``init(type:_:)`` or one of the typed initialisers; call it with
/// ``call(_:)-(_)`` (every call runs WebAssembly on a fiber, never on the caller's stack).
/// Holding a `Function` keeps its engine alive.
public struct Function: @unchecked Sendable, CustomStringConvertible {
    let handle: FunctionInstance
    /// The engine that runs calls of this function (`nil` for a host function not obtained
    /// through an engine; such a function is called directly).
    let engine: Engine?

    /// The function's type (concrete heap types are canonical type identities, so types of
    /// functions from different modules compare directly).
    public var type: FunctionType { handle.type }

    /// The function's name from its module's `name` section, if it has one (always `nil` for
    /// host functions).
    public var name: String? { handle.name }

    /// Whether this is a host function (Swift code) rather than a WebAssembly function.
    public var isHostFunction: Bool { handle.host != nil }

    /// `func $name [params] -> [results]`, for diagnostics.
    public var description: String {
        "func" + (name.map { " $\($0)" } ?? "") + " " + type.description
    }

    /// Whether both handles refer to the same function (function references are compared by
    /// identity, as `ref.eq` does).
    public func isSame(as other: Function) -> Bool { handle === other.handle }
}
