import WasmFormat

/// A table: a resizable vector of references (slot-encoded, see `Reference`).
///
/// The elements live in manually managed memory so the interpreter reads them without
/// bounds-checked `Array` access or copy-on-write checks; `count` is the bound it checks.
final class TableInstance {
    /// The element type, with concrete heap types as canonical identities.
    let elementType: RefType
    /// Whether indices are `i64` (table64).
    let addressType: AddressType
    /// The declared maximum, if any.
    let maximum: UInt64?
    /// The elements (`count` of them; room for `capacity`).
    @exclusivity(unchecked) private(set) var elements: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private(set) var count: Int
    private var capacity: Int
    /// Objects the host stored references to in this table while it belonged to no engine
    /// (a host-made table): slots hold unretained addresses, so the table keeps them alive.
    var hostReferences: [ObjectIdentifier: AnyObject] = [:]

    /// The most elements any table may hold in this runtime (grows beyond fail, returning -1).
    static let engineLimit = 10_000_000

    /// A table of `minimum` elements, each `initial`.
    init(elementType: RefType, addressType: AddressType, minimum: UInt64, maximum: UInt64?, initial: UInt64) throws(TableCreationError) {
        guard minimum <= UInt64(Self.engineLimit) else { throw .tooLarge(minimum) }
        self.elementType = elementType
        self.addressType = addressType
        self.maximum = maximum
        count = Int(minimum)
        capacity = max(count, 1)
        elements = .allocate(capacity: capacity)
        elements.initialize(repeating: initial, count: capacity)
    }

    deinit { elements.deallocate() }

    /// The table type as it stands now (current size as the minimum), for import matching.
    var currentType: TableType {
        TableType(elementType: elementType, limits: Limits(min: UInt64(count), max: maximum), addressType: addressType)
    }

    /// `table.grow`: the old size, or -1 if the table cannot grow by `delta`.
    func grow(by delta: UInt64, initial: UInt64) -> Int64 {
        let old = count
        let limit = min(maximum ?? UInt64.max, UInt64(Self.engineLimit), addressType == .i32 ? UInt64(UInt32.max) : UInt64.max)
        guard delta <= limit, UInt64(old) <= limit - delta else { return -1 }
        let newCount = old + Int(delta)
        if newCount > capacity {
            let newCapacity = max(newCount, capacity * 2)
            let newElements = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity)
            newElements.moveInitialize(from: elements, count: old)
            elements.deallocate()
            elements = newElements
            capacity = newCapacity
        }
        (elements + old).initialize(repeating: initial, count: newCount - old)
        count = newCount
        return Int64(old)
    }
}

/// Why a table could not be created.
enum TableCreationError: Error, CustomStringConvertible {
    case tooLarge(UInt64)

    var description: String {
        switch self {
        case .tooLarge(let size): "table of \(size) elements exceeds this runtime's limit of \(TableInstance.engineLimit)"
        }
    }
}
