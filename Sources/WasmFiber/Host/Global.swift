import WasmFormat

/// A global, as the host holds it: an instance's exported global, or one the host made
/// (``init(type:value:)``) to give to instances as an import.
///
/// An instance that imports a global shares it: a mutable global's new value is seen by
/// every instance that imports it, and by the host. As with ``Table``, a reference stored in
/// a host-made global stays valid as long as the engine of the function it refers to.
public struct Global: @unchecked Sendable {
    let handle: GlobalInstance
    /// The engine of the instance that exported the global (`nil` for a global the host
    /// made); kept alive with the handle, since the value may refer to its objects.
    let engine: Engine?

    init(handle: GlobalInstance, engine: Engine?) {
        self.handle = handle
        self.engine = engine
    }

    /// A new global of `type` (concrete heap types are canonical type identities) holding
    /// `value`.
    ///
    /// - Throws: ``AccessError`` if `value` is not of `type.valueType`.
    public init(type: GlobalType, value: Value) throws {
        guard value.matches(type.valueType) else {
            throw AccessError("initial value \(value) is not of the global's type \(type.valueType)")
        }
        handle = GlobalInstance(type: type, value: Reference.null)
        engine = nil
        handle.value = value.slot(retainingIn: nil, orIn: &handle.hostReferences)
    }

    /// The global's type.
    public var type: GlobalType { handle.type }

    /// The current value.
    public var value: Value { Value(slot: handle.value, type: handle.type.valueType, engine: engine) }

    /// Replaces the value (`global.set`).
    ///
    /// - Throws: ``AccessError`` if the global is immutable or `value` is not of its type.
    public func set(_ value: Value) throws {
        guard handle.type.isMutable else { throw AccessError("the global is immutable") }
        guard value.matches(handle.type.valueType) else {
            throw AccessError("\(value) is not of the global's type \(handle.type.valueType)")
        }
        handle.value = value.slot(retainingIn: engine, orIn: &handle.hostReferences)
    }
}
