import WasmFormat

/// A table of references, as the host holds it: an instance's exported table, or one the host
/// made (``init(type:initial:)``) to give to instances as an import.
///
/// Indices are checked against the current size and values against the element type; a
/// refused operation throws ``AccessError`` and changes nothing.
///
/// Elements refer to functions without owning them: a function stays valid as long as its
/// engine (host functions: as long as the table or an engine holds them). A host-made table
/// shared with instances must therefore not outlive the engines whose functions it holds.
public struct Table: @unchecked Sendable {
    let handle: TableInstance
    /// The engine of the instance that exported the table (`nil` for a table the host made);
    /// kept alive with the handle, since the elements refer to its objects.
    let engine: Engine?

    init(handle: TableInstance, engine: Engine?) {
        self.handle = handle
        self.engine = engine
    }

    /// A new table of `type` (concrete heap types are canonical type identities) whose
    /// `type.limits.min` elements are all `initial`.
    ///
    /// - Throws: ``AccessError`` if the limits are inconsistent, `initial` is not of the
    ///   element type, or the size exceeds this runtime's limit.
    public init(type: TableType, initial: Value) throws {
        if let maximum = type.limits.max, maximum < type.limits.min {
            throw AccessError("table minimum \(type.limits.min) exceeds its maximum \(maximum)")
        }
        if type.addressType == .i32, max(type.limits.min, type.limits.max ?? 0) > UInt64(UInt32.max) {
            throw AccessError("a 32-bit table's limits must fit in 32 bits")
        }
        guard initial.matches(.ref(type.elementType)) else {
            throw AccessError("initial value \(initial) is not of the element type \(type.elementType)")
        }
        do {
            handle = try TableInstance(elementType: type.elementType, addressType: type.addressType,
                                       minimum: type.limits.min, maximum: type.limits.max, initial: Reference.null)
        } catch {
            throw AccessError(error.description)
        }
        engine = nil
        let slot = initial.slot(retainingIn: nil, orIn: &handle.hostReferences)
        handle.elements.update(repeating: slot, count: handle.count)
    }

    /// The table's type now: its current size as the minimum, and its declared maximum.
    public var type: TableType { handle.currentType }

    /// The current number of elements.
    public var size: Int { handle.count }

    /// The element at `index`.
    public func get(_ index: Int) throws -> Value {
        try checkIndex(index)
        return Value(slot: handle.elements[index], type: .ref(handle.elementType), engine: engine)
    }

    /// Replaces the element at `index` with `value`.
    public func set(_ index: Int, _ value: Value) throws {
        try checkIndex(index)
        try checkType(value)
        handle.elements[index] = slot(of: value)
    }

    /// Adds `delta` elements, each `initial` (`table.grow`); the old size, or `nil` if the
    /// table cannot grow that far (beyond its maximum or this runtime's limit), `delta` is
    /// negative, or `initial` is not of the element type.
    @discardableResult
    public func grow(by delta: Int, initial: Value) -> Int? {
        guard delta >= 0, initial.matches(.ref(handle.elementType)) else { return nil }
        let old = handle.grow(by: UInt64(delta), initial: slot(of: initial))
        return old < 0 ? nil : Int(old)
    }

    /// The slot of `value`, its object kept alive by the engine or, for a host-made table, by
    /// the table.
    private func slot(of value: Value) -> UInt64 {
        value.slot(retainingIn: engine, orIn: &handle.hostReferences)
    }

    private func checkIndex(_ index: Int) throws(AccessError) {
        guard index >= 0, index < handle.count else {
            throw AccessError("table index \(index) is out of bounds (table size \(handle.count))")
        }
    }

    private func checkType(_ value: Value) throws(AccessError) {
        guard value.matches(.ref(handle.elementType)) else {
            throw AccessError("\(value) is not of the table's element type \(handle.elementType)")
        }
    }
}
