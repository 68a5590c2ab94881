import WasmFormat

/// A global: one slot-encoded value in a cell whose address never changes, so translated code
/// and importing instances share it directly.
final class GlobalInstance {
    /// The global's type, with concrete heap types as canonical identities.
    let type: GlobalType
    /// The value's cell.
    let cell: UnsafeMutablePointer<UInt64>
    /// Objects the host stored references to in this global while it belonged to no engine
    /// (a host-made global): the cell holds an unretained address, so the global keeps them
    /// alive.
    var hostReferences: [ObjectIdentifier: AnyObject] = [:]

    init(type: GlobalType, value: UInt64) {
        self.type = type
        cell = .allocate(capacity: 1)
        cell.initialize(to: value)
    }

    deinit { cell.deallocate() }

    /// The current value.
    var value: UInt64 {
        get { cell.pointee }
        set { cell.pointee = newValue }
    }
}
