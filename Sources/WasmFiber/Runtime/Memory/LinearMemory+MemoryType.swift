// Creating a memory from its type in a decoded module. Compiled where the format target is
// available (in the WasmFiber library; not in a stand-alone build of the memory sources).
#if canImport(WasmFormat)
import WasmFormat

extension LinearMemory {
    /// A memory of the given type: `type.limits.min` zeroed pages, growable to
    /// `type.limits.max`; see ``init(minimum:maximum:isMemory64:isShared:configuration:)``.
    public convenience init(_ type: MemoryType, configuration: Configuration = .default)
        throws(MemoryCreationError)
    {
        try self.init(minimum: type.limits.min, maximum: type.limits.max,
                      isMemory64: type.addressType == .i64, isShared: type.isShared,
                      configuration: configuration)
    }

    /// The memory's current type, for import matching: its current size as the minimum (the
    /// spec's external type of a memory instance) and its declared maximum.
    public var type: MemoryType {
        MemoryType(limits: Limits(min: sizeInPages, max: maximum), shared: isShared,
                   addressType: isMemory64 ? .i64 : .i32)
    }
}
#endif
