/// The index spaces of a module (imports first, then definitions), resolved once so that the
/// validator and instantiation can look an index up in O(1).
///
/// `Module` keeps imports and definitions apart, as the binary does; most consumers want
/// "the type of function 7" instead, which this answers without rescanning the imports.
public struct IndexSpaces: Hashable, Sendable {
    /// The type index of every function, imported ones first.
    public var functions: [UInt32] = []
    /// Every table type, imported ones first.
    public var tables: [TableType] = []
    /// Every memory type, imported ones first.
    public var memories: [MemoryType] = []
    /// Every global type, imported ones first.
    public var globals: [GlobalType] = []
    /// Every tag type, imported ones first.
    public var tags: [TagType] = []
    /// How many of each are imported (the first `imported…` entries of each space).
    public var importedFunctions = 0, importedTables = 0, importedMemories = 0, importedGlobals = 0, importedTags = 0

    /// Builds the index spaces of `module`.
    public init(_ module: Module) {
        for entry in module.imports {
            switch entry.descriptor {
            case .function(let typeIndex): functions.append(typeIndex)
            case .table(let type): tables.append(type)
            case .memory(let type): memories.append(type)
            case .global(let type): globals.append(type)
            case .tag(let type): tags.append(type)
            }
        }
        importedFunctions = functions.count
        importedTables = tables.count
        importedMemories = memories.count
        importedGlobals = globals.count
        importedTags = tags.count
        functions += module.functionTypeIndices
        tables += module.tables.map(\.type)
        memories += module.memories
        globals += module.globals.map(\.type)
        tags += module.tags
    }
}

extension Module {
    /// The module's index spaces (computed on each call: keep the result).
    public var indexSpaces: IndexSpaces { IndexSpaces(self) }
}
