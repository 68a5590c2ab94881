/// The decoded structure of a WebAssembly module: every section's contents, with function
/// bodies kept as byte ranges to be decoded lazily by `InstructionReader`.
///
/// Index spaces (functions, tables, memories, globals, tags) start with the imports of that
/// kind, followed by the module's own definitions, as in the specification; the `…Count`
/// helpers give the sizes of the index spaces.
public struct Module: Sendable {
    /// The module's bytes, shared (not copied) with every range and slice below.
    public let bytes: [UInt8]
    /// The features the module was decoded with.
    public let features: FeatureSet

    /// Every defined type, by type index (the rec groups flattened in order).
    public var types: [SubType] = []
    /// The rec groups, as ranges of type indices into `types` (a type outside any explicit
    /// `rec` forms a group of one).
    public var recGroups: [Range<Int>] = []
    /// The imports, in order (they come first in each index space).
    public var imports: [Import] = []
    /// The type index of each function defined by the module (the function section).
    public var functionTypeIndices: [UInt32] = []
    /// The tables the module defines.
    public var tables: [Table] = []
    /// The memories the module defines.
    public var memories: [MemoryType] = []
    /// The tags the module defines.
    public var tags: [TagType] = []
    /// The globals the module defines.
    public var globals: [Global] = []
    /// The exports, in order.
    public var exports: [Export] = []
    /// The start function's index, if there is a start section.
    public var start: UInt32?
    /// The element segments, by element index.
    public var elements: [ElementSegment] = []
    /// The data count section's value, if present.
    public var dataCount: UInt32?
    /// One body per defined function, in the order of `functionTypeIndices`.
    public var functionBodies: [FunctionBody] = []
    /// The data segments, by data index.
    public var data: [DataSegment] = []
    /// All custom sections, in order, including `name`.
    public var customSections: [CustomSection] = []
    /// The `name` section, decoded leniently (`nil` if absent; partial if malformed).
    public var names: NameSection?
    /// Where each section entry starts (for diagnostics; empty for hand-made modules).
    public var offsets = ModuleOffsets()

    /// An empty module over `bytes`; the decoder fills it in (tests and builders may too).
    public init(bytes: [UInt8], features: FeatureSet = .default) {
        self.bytes = bytes
        self.features = features
    }

    /// The number of imports of each kind, in one pass.
    public var importCounts: (functions: Int, tables: Int, memories: Int, globals: Int, tags: Int) {
        var counts = (functions: 0, tables: 0, memories: 0, globals: 0, tags: 0)
        for entry in imports {
            switch entry.descriptor {
            case .function: counts.functions += 1
            case .table: counts.tables += 1
            case .memory: counts.memories += 1
            case .global: counts.globals += 1
            case .tag: counts.tags += 1
            }
        }
        return counts
    }

    /// The size of the function index space (imported + defined).
    public var functionCount: Int { importCounts.functions + functionTypeIndices.count }

    /// A reader over a function body's instructions, configured with this module's features
    /// and whether it has a data count section.
    public func instructions(of body: FunctionBody) -> InstructionReader {
        InstructionReader(bytes: bytes, range: body.code, features: features, hasDataCount: dataCount != nil)
    }
}

/// An import: the two-level name and what is imported.
public struct Import: Hashable, Sendable {
    /// The first-level name (the module to import from).
    public var module: String
    /// The name.
    public var name: String
    /// What is imported, with its type.
    public var descriptor: ImportDescriptor

    /// An import from its names and descriptor.
    public init(module: String, name: String, descriptor: ImportDescriptor) {
        self.module = module
        self.name = name
        self.descriptor = descriptor
    }
}

/// What an import provides, with its type.
public enum ImportDescriptor: Hashable, Sendable {
    /// A function, by the index of its type.
    case function(typeIndex: UInt32)
    case table(TableType)
    case memory(MemoryType)
    case global(GlobalType)
    case tag(TagType)

    /// The kind of external value.
    public var kind: ExternalKind {
        switch self {
        case .function: .function
        case .table: .table
        case .memory: .memory
        case .global: .global
        case .tag: .tag
        }
    }
}

/// The kinds of external values, with their binary codes.
public enum ExternalKind: UInt8, Hashable, Sendable {
    case function = 0x00
    case table = 0x01
    case memory = 0x02
    case global = 0x03
    case tag = 0x04
}

/// An export: a name and an index in the index space of its kind.
public struct Export: Hashable, Sendable {
    /// The name.
    public var name: String
    /// The kind of the exported value.
    public var kind: ExternalKind
    /// The index in the index space of `kind`.
    public var index: UInt32

    /// An export from its name, kind and index.
    public init(name: String, kind: ExternalKind, index: UInt32) {
        self.name = name
        self.kind = kind
        self.index = index
    }
}

/// A table definition, with its initializer when given (function references: `0x40 0x00`
/// form); without one, elements start as `ref.null` of the element type.
public struct Table: Hashable, Sendable {
    /// The table's type.
    public var type: TableType
    /// The initial value of every element, if given.
    public var initializer: ConstantExpression?

    /// A table from its type and optional initializer.
    public init(type: TableType, initializer: ConstantExpression? = nil) {
        self.type = type
        self.initializer = initializer
    }
}

/// A global definition.
public struct Global: Hashable, Sendable {
    /// The global's type.
    public var type: GlobalType
    /// The initial value.
    public var initializer: ConstantExpression

    /// A global from its type and initializer.
    public init(type: GlobalType, initializer: ConstantExpression) {
        self.type = type
        self.initializer = initializer
    }
}

/// An element segment (any of the 8 binary encodings).
public struct ElementSegment: Hashable, Sendable {
    /// How the segment is used.
    public enum Mode: Hashable, Sendable {
        /// Available to `table.init`.
        case passive
        /// Copied into `table` at `offset` during instantiation.
        case active(table: UInt32, offset: ConstantExpression)
        /// Only declares references for `ref.func`; dropped at instantiation.
        case declarative
    }

    /// The items: function indices (encodings 0–3) or expressions (4–7).
    public enum Items: Hashable, Sendable {
        case functions([UInt32])
        case expressions([ConstantExpression])

        /// The number of items.
        public var count: Int {
            switch self {
            case .functions(let indices): indices.count
            case .expressions(let expressions): expressions.count
            }
        }
    }

    /// How the segment is used at instantiation.
    public var mode: Mode
    /// The element type: `(ref func)` for function-index encodings, else as declared
    /// (`(ref null func)` for encoding 4).
    public var type: RefType
    /// The segment's items.
    public var items: Items
    /// The segment's encoding flags (0–7), kept for printers and diagnostics.
    public var flags: UInt32

    /// A segment from its parts.
    public init(mode: Mode, type: RefType, items: Items, flags: UInt32) {
        self.mode = mode
        self.type = type
        self.items = items
        self.flags = flags
    }
}

/// A data segment.
public struct DataSegment: Hashable, Sendable {
    /// How a data segment is used.
    public enum Mode: Hashable, Sendable {
        /// Available to `memory.init`.
        case passive
        /// Copied into `memory` at `offset` during instantiation.
        case active(memory: UInt32, offset: ConstantExpression)
    }

    /// How the segment is used at instantiation.
    public var mode: Mode
    /// The segment's bytes (a slice of `Module.bytes`; indices are module offsets).
    public var bytes: ArraySlice<UInt8>

    /// A segment from its mode and bytes.
    public init(mode: Mode, bytes: ArraySlice<UInt8>) {
        self.mode = mode
        self.bytes = bytes
    }
}

/// A run of locals of one type in a function body.
public struct LocalDeclaration: Hashable, Sendable {
    /// How many locals this run declares.
    public var count: UInt32
    /// Their type.
    public var type: ValueType

    /// A run of `count` locals of `type`.
    public init(count: UInt32, type: ValueType) {
        self.count = count
        self.type = type
    }
}

/// A function body as decoded from the code section: its locals, and its instructions as a
/// byte range, decoded on demand with `Module.instructions(of:)` (lazy translation needs no
/// more at load time).
public struct FunctionBody: Hashable, Sendable {
    /// Offset of the body's size field in the module (where tools point for the function).
    public var offset: Int
    /// The local declarations, compressed as in the binary (parameters not included).
    public var locals: [LocalDeclaration]
    /// The total number of declared locals (< 2^32, checked).
    public var localCount: UInt64
    /// The instruction bytes, final `end` included.
    public var code: Range<Int>

    /// A body from its parts (the decoder makes these).
    public init(offset: Int, locals: [LocalDeclaration], localCount: UInt64, code: Range<Int>) {
        self.offset = offset
        self.locals = locals
        self.localCount = localCount
        self.code = code
    }
}

/// A custom section, kept as bytes.
public struct CustomSection: Hashable, Sendable {
    /// The name.
    public var name: String
    /// The payload after the name (a slice of `Module.bytes`; indices are module offsets).
    public var payload: ArraySlice<UInt8>
    /// The id of the last non-custom section before this one (0 if none), so that a
    /// re-encoder or printer can put it back in place.
    public var after: UInt8
    /// Offset of the section's id byte.
    public var offset: Int

    /// A custom section from its parts.
    public init(name: String, payload: ArraySlice<UInt8>, after: UInt8, offset: Int) {
        self.name = name
        self.payload = payload
        self.after = after
        self.offset = offset
    }
}
