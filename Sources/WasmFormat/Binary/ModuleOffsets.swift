/// Where each entry of a module's sections starts, for diagnostics: the validator reports a
/// module-level error (an unknown type in an import, a duplicate export name, …) at the
/// offending entry.
///
/// Each array holds the byte offset of the first byte of every entry, in the order of the
/// corresponding `Module` array (types: one offset per type, that of its group for types
/// inside `rec`; imports, defined functions (their type index in the function section),
/// tables, memories, globals, exports, tags, element and data segments). `start` is the
/// offset of the start section's function index.
public struct ModuleOffsets: Hashable, Sendable {
    /// One per type index (a type inside `rec` gets its group's offset).
    public var types: [Int] = []
    /// One per import.
    public var imports: [Int] = []
    /// One per defined function: its type index in the function section.
    public var functions: [Int] = []
    /// One per defined table.
    public var tables: [Int] = []
    /// One per defined memory.
    public var memories: [Int] = []
    /// One per defined global.
    public var globals: [Int] = []
    /// One per export.
    public var exports: [Int] = []
    /// One per defined tag.
    public var tags: [Int] = []
    /// One per element segment.
    public var elements: [Int] = []
    /// One per data segment.
    public var data: [Int] = []
    /// The start section's function index.
    public var start: Int?

    /// No offsets (a module built by hand).
    public init() {}
}

extension Array where Element == Int {
    /// The offset at `index`, or `nil` when not recorded.
    @inline(__always)
    func offset(_ index: Int) -> Int? { index >= 0 && index < count ? self[index] : nil }
}
