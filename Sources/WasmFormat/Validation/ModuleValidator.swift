/// Module validation: the rules of the specification's "Modules" section (WebAssembly 3.0,
/// with threads' shared memories and stack switching's tags), and the entry point that runs
/// them together with the type section's rules and every function body's.

/// Validates a decoded module.
///
/// Checks, in this order (close to the reference interpreter's): the type section (rec groups, subtyping,
/// canonicalisation: see `ValidationContext`), imports, functions' types, tables, memories,
/// globals, tags, element and data segments, every function body (`FunctionValidator`),
/// the start function and the exports.
///
/// - Parameters:
///   - module: a module from `decodeModule`.
///   - features: the features to validate with; `nil` means those the module was decoded with.
/// - Returns: the module's validation context (the types of every index space, canonical type
///   identities), so that a runtime instantiating the module need not build it again.
/// - Throws: `ValidationError` with the specification's message and, where known, the byte
///   offset and function index.
@discardableResult
public func validateModule(_ module: Module, features: FeatureSet? = nil) throws(ValidationError) -> ValidationContext {
    let context = try ValidationContext(module, features: features)
    try context.validateModuleFields()
    let imported = context.importedFunctionCount
    // One validator for every body (`validateFunctionBody` with its stacks kept between calls).
    var bodies = FunctionValidator(context: context)
    for (position, body) in module.functionBodies.enumerated() {
        try bodies.validate(body, functionIndex: imported + position)
    }
    try context.validateStartAndExports()
    return context
}

extension Module {
    /// Validates the module; see `validateModule(_:features:)`.
    public func validate(features: FeatureSet? = nil) throws(ValidationError) {
        try validateModule(self, features: features)
    }
}

extension ValidationContext {
    /// The largest number of pages of a 32-bit memory (4 GiB).
    static let maximumPages32: UInt64 = 1 << 16
    /// The largest number of pages of a 64-bit memory (2^64 bytes).
    static let maximumPages64: UInt64 = 1 << 48
    /// The largest size of a 32-bit table.
    static let maximumTableSize32: UInt64 = (1 << 32) - 1

    /// Everything but the type section, the function bodies, the start function and exports.
    func validateModuleFields() throws(ValidationError) {
        let importedGlobals = importedGlobalCount
        let offsets = module.offsets
        for (position, entry) in module.imports.enumerated() {
            try located(at: offsets.imports.offset(position)) { () throws(ValidationError) in
                switch entry.descriptor {
                case .function(let typeIndex): _ = try functionType(ofTypeIndex: typeIndex)
                case .table(let type): try validateTableType(type)
                case .memory(let type): try validateMemoryType(type)
                case .global(let type): try validate(type.valueType)
                case .tag(let type): try validateTagType(type)
                }
            }
        }
        for (position, typeIndex) in module.functionTypeIndices.enumerated() {
            do { _ = try functionType(ofTypeIndex: typeIndex, at: offsets.functions.offset(position)) } catch {
                throw ValidationError(error.message, offset: error.offset, function: importedFunctionCount + position)
            }
        }

        if !features.contains(.referenceTypes) && tables.count > 1 {
            throw ValidationError("multiple tables", offset: offsets.tables.offset(1 - importedTableCount))
        }
        for (position, table) in module.tables.enumerated() {
            try located(at: offsets.tables.offset(position)) { () throws(ValidationError) in
                try validateTableType(table.type)
                let elementType = ValueType.ref(table.type.elementType)
                if let initializer = table.initializer {
                    try validateConstantExpression(initializer, type: elementType, visibleGlobals: importedGlobals)
                } else if !isDefaultable(elementType) {
                    throw ValidationError("type mismatch")
                }
            }
        }

        if !features.contains(.multiMemory) && memories.count > 1 {
            throw ValidationError("multiple memories", offset: offsets.memories.offset(1 - importedMemoryCount))
        }
        for (position, memory) in module.memories.enumerated() {
            try located(at: offsets.memories.offset(position)) { () throws(ValidationError) in
                try validateMemoryType(memory)
            }
        }

        for (position, global) in module.globals.enumerated() {
            try located(at: offsets.globals.offset(position)) { () throws(ValidationError) in
                try validate(global.type.valueType)
                // WebAssembly 3.0: an initializer may read any earlier global, imported or defined.
                let visible = importedGlobals + (features.contains(.gc) ? position : 0)
                try validateConstantExpression(global.initializer, type: global.type.valueType, visibleGlobals: visible)
            }
        }

        for (position, tag) in module.tags.enumerated() {
            try located(at: offsets.tags.offset(position)) { () throws(ValidationError) in try validateTagType(tag) }
        }

        for (position, segment) in module.elements.enumerated() {
            try located(at: offsets.elements.offset(position)) { () throws(ValidationError) in
                try validateElementSegment(segment)
            }
        }

        for (position, segment) in module.data.enumerated() {
            guard case .active(let index, let offset) = segment.mode else { continue }
            try located(at: offsets.data.offset(position)) { () throws(ValidationError) in
                let memory = try memory(index, at: offset.range.lowerBound)
                try validateConstantExpression(offset, type: memory.addressType.valueType, visibleGlobals: globals.count)
            }
        }
    }

    /// The start function has type `[] -> []`; export names are unique and their indices exist.
    func validateStartAndExports() throws(ValidationError) {
        if let start = module.start {
            let offset = module.offsets.start
            let type = try functionType(ofFunction: start, at: offset)
            guard type.parameters.isEmpty, type.results.isEmpty else {
                throw ValidationError("start function", offset: offset)
            }
        }
        // Names are compared as UTF-8 bytes: Swift's `String` equality would identify
        // canonically equivalent names, which the specification keeps distinct.
        var names: Set<[UInt8]> = []
        names.reserveCapacity(module.exports.count)
        for (position, export) in module.exports.enumerated() {
            let offset = module.offsets.exports.offset(position)
            switch export.kind {
            case .function: _ = try typeIndex(ofFunction: export.index, at: offset)
            case .table: _ = try table(export.index, at: offset)
            case .memory: _ = try memory(export.index, at: offset)
            case .global: _ = try global(export.index, at: offset)
            case .tag: _ = try tag(export.index, at: offset)
            }
            guard names.insert(Array(export.name.utf8)).inserted else {
                throw ValidationError("duplicate export name", offset: offset)
            }
        }
    }

    // MARK: Types of imports and definitions

    /// Limits within the address type's range, minimum ≤ maximum, element type known.
    func validateTableType(_ type: TableType) throws(ValidationError) {
        try validate(type.elementType.heapType)
        let range = type.addressType == .i32 ? Self.maximumTableSize32 : UInt64.max
        try validateLimits(type.limits, range: range, message: "table size must be at most 2^32-1")
    }

    /// Limits within 65536 pages (32-bit) or 2^48 pages (64-bit), minimum ≤ maximum, and a
    /// maximum if shared.
    func validateMemoryType(_ type: MemoryType) throws(ValidationError) {
        if type.addressType == .i32 {
            try validateLimits(
                type.limits, range: Self.maximumPages32, message: "memory size must be at most 65536 pages (4GiB)")
        } else {
            try validateLimits(
                type.limits, range: Self.maximumPages64, message: "memory size must be at most 2^48 pages (256TiB)")
        }
        if type.isShared && type.limits.max == nil { throw ValidationError("shared memory must have maximum") }
    }

    /// The reference interpreter's order: minimum in range, maximum in range, minimum ≤ maximum.
    private func validateLimits(_ limits: Limits, range: UInt64, message: String) throws(ValidationError) {
        guard limits.min <= range else { throw ValidationError(message) }
        if let max = limits.max {
            guard max <= range else { throw ValidationError(message) }
            guard limits.min <= max else { throw ValidationError("size minimum must not be greater than maximum") }
        }
    }

    /// A function type; without stack switching its results must be empty.
    func validateTagType(_ type: TagType) throws(ValidationError) {
        let function = try functionType(ofTypeIndex: type.typeIndex)
        if !features.contains(.stackSwitching) && !function.results.isEmpty {
            throw ValidationError("non-empty tag result type")
        }
    }

    // MARK: Segments

    /// Items of the segment's type; an active segment's table exists, its element type is a
    /// supertype of the segment's, and its offset has the table's address type.
    func validateElementSegment(_ segment: ElementSegment) throws(ValidationError) {
        try validate(segment.type.heapType)
        let itemType = ValueType.ref(segment.type)
        switch segment.items {
        case .functions(let indices):
            for index in indices { _ = try typeIndex(ofFunction: index) }
        case .expressions(let expressions):
            for expression in expressions {
                try validateConstantExpression(expression, type: itemType, visibleGlobals: globals.count)
            }
        }
        guard case .active(let index, let offset) = segment.mode else { return }
        let table = try table(index, at: offset.range.lowerBound)
        try validateConstantExpression(offset, type: table.addressType.valueType, visibleGlobals: globals.count)
        guard isSubtype(segment.type, table.elementType) else {
            throw ValidationError("type mismatch", offset: offset.range.lowerBound)
        }
    }
}
