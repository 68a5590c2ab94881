import WasmFormat

// Module instantiation (WebAssembly 3.0, "Modules" › "Instantiation"):
// https://webassembly.github.io/spec/core/exec/modules.html#instantiation
//
// 1. Link: resolve and check every import (nothing exists yet if this fails).
// 2. Allocate, in index-space order: functions, tables (initial value from the table's
//    initializer or null), memories, globals (initializers evaluated in order, each seeing the
//    globals before it), tags; then the element segments as slot-encoded references, the data
//    segments, and the exports.
// 3. Initialise: active element segments (`table.init`, then `elem.drop`; declarative ones are
//    dropped), then active data segments (`memory.init`, then `data.drop`), in order.
// 4. Run the start function.
//
// A trap in step 3 or 4 fails instantiation, but what steps 3 and 4 wrote to imported tables
// and memories stays — and tables may now refer to this instance's functions, so the engine
// keeps the instance alive from step 2 on, whether or not instantiation succeeds.

extension ModuleInstance {
    /// Instantiates `module` in `engine` with `imports`.
    ///
    /// - Throws: ``LinkError``, ``InstantiationError``, ``Trap`` or ``UncaughtException``.
    static func instantiate(_ module: Module, imports: Imports, engine: Engine) throws -> ModuleInstance {
        let decoded = module.decoded
        let typeIDs = TypeRegistry.shared.register(decoded)
        let resolved = try resolveImports(of: decoded, typeIDs: typeIDs, from: imports, engine: engine)

        let instance = ModuleInstance(module: decoded, context: module.context, typeIDs: typeIDs, engine: engine)
        // The instance owns everything it creates (and the host functions it imports); the
        // engine keeping the instance keeps them all.
        engine.retain(instance)
        try instance.allocate(imports: resolved, configuration: engine.configuration)
        if engine.configuration.translatesEagerly { try instance.translateFunctions() }
        try instance.initializeElementSegments()
        try instance.initializeDataSegments()
        try instance.runStartFunction()
        return instance
    }

    // MARK: Allocation

    /// Fills the index spaces (imports first), the segments and the exports.
    private func allocate(imports: [ExternalInstance], configuration: EngineConfiguration) throws(InstantiationError) {
        for object in imports {
            switch object {
            case .function(let function): functions.append(function)
            case .table(let table): tables.append(table)
            case .memory(let memory): memories.append(memory)
            case .global(let global): globals.append(global)
            case .tag(let tag): tags.append(tag)
            }
        }

        let registry = TypeRegistry.shared
        // Functions of one type share its canonical form (looked up once per type index).
        var functionTypes: [Int: FunctionType] = [:]
        functions.reserveCapacity(functions.count + module.functionTypeIndices.count)
        for typeIndex in module.functionTypeIndices {
            let id = typeIDs[Int(typeIndex)]
            let type = functionTypes[id] ?? registry.functionType(id)
            functionTypes[id] = type
            functions.append(FunctionInstance(typeID: id, type: type, instance: self, index: UInt32(functions.count)))
        }

        for table in module.tables {
            let initial = try table.initializer.map { expression throws(InstantiationError) in try evaluate(expression) } ?? Reference.null
            do {
                tables.append(try TableInstance(
                    elementType: TypeRegistry.canonical(table.type.elementType, typeIDs: typeIDs),
                    addressType: table.type.addressType, minimum: table.type.limits.min,
                    maximum: table.type.limits.max, initial: initial))
            } catch {
                throw InstantiationError(error.description)
            }
        }

        for memory in module.memories {
            do {
                memories.append(try LinearMemory(
                    minimum: memory.limits.min, maximum: memory.limits.max, isMemory64: memory.addressType == .i64,
                    isShared: memory.isShared, configuration: configuration.memory))
            } catch {
                throw InstantiationError(error.description)
            }
        }

        for global in module.globals {
            let type = GlobalType(TypeRegistry.canonical(global.type.valueType, typeIDs: typeIDs), mutable: global.type.isMutable)
            globals.append(GlobalInstance(type: type, value: try evaluate(global.initializer)))
        }

        for tag in module.tags {
            let id = typeIDs[Int(tag.typeIndex)]
            tags.append(TagInstance(typeID: id, type: functionTypes[id] ?? registry.functionType(id)))
        }

        elements.reserveCapacity(module.elements.count)
        for segment in module.elements {
            switch segment.items {
            case .functions(let indices):
                elements.append(indices.map { Reference.function(functions[Int($0)]) })
            case .expressions(let expressions):
                var items: [UInt64] = []
                items.reserveCapacity(expressions.count)
                for expression in expressions { items.append(try evaluate(expression)) }
                elements.append(items)
            }
        }

        dataSegments = module.data.map(\.bytes)

        exports.reserveCapacity(module.exports.count)
        for export in module.exports {
            let index = Int(export.index)
            exports[ExactName(export.name)] = switch export.kind {
            case .function: .function(functions[index])
            case .table: .table(tables[index])
            case .memory: .memory(memories[index])
            case .global: .global(globals[index])
            case .tag: .tag(tags[index])
            }
        }
    }

    /// Translates every function the module defines now (eager translation).
    private func translateFunctions() throws {
        for function in functions[context.importedFunctionCount...] {
            do {
                try Interpreter.compile(function)
            } catch {
                throw error.publicError(in: engine)
            }
        }
    }

    // MARK: Initialisation

    /// `table.init` of every active element segment, then `elem.drop` (declarative segments
    /// are dropped too). Each segment's range is checked before any of it is written.
    private func initializeElementSegments() throws {
        for (index, segment) in module.elements.enumerated() {
            switch segment.mode {
            case .passive:
                continue
            case .declarative:
                break
            case .active(let tableIndex, let offsetExpression):
                let table = tables[Int(tableIndex)]
                let items = elements[index]
                let offset = Self.address(try evaluate(offsetExpression), of: table.addressType)
                guard offset <= UInt64(table.count), UInt64(items.count) <= UInt64(table.count) - offset else {
                    throw Trap(.outOfBoundsTableAccess)
                }
                items.withUnsafeBufferPointer { source in
                    if let base = source.baseAddress { (table.elements + Int(offset)).update(from: base, count: source.count) }
                }
            }
            elements[index] = []
        }
    }

    /// `memory.init` of every active data segment, then `data.drop`. Each segment's range is
    /// checked before any of it is written.
    private func initializeDataSegments() throws {
        for (index, segment) in module.data.enumerated() {
            guard case .active(let memoryIndex, let offsetExpression) = segment.mode else { continue }
            let memory = memories[Int(memoryIndex)]
            let offset = Self.address(try evaluate(offsetExpression), of: memory.isMemory64 ? .i64 : .i32)
            let result: Result<Void, MemoryError> = segment.bytes.withUnsafeBytes { bytes in
                Result { () throws(MemoryError) in
                    try memory.initialize(from: bytes, destination: offset, sourceOffset: 0, count: UInt64(bytes.count))
                }
            }
            guard case .success = result else { throw Trap(.outOfBoundsMemoryAccess) }
            dataSegments[index] = []
        }
    }

    /// An offset slot read as an address of `addressType` (an `i32` is the low 32 bits,
    /// unsigned).
    private static func address(_ slot: UInt64, of addressType: AddressType) -> UInt64 {
        addressType == .i32 ? UInt64(UInt32(truncatingIfNeeded: slot)) : slot
    }

    /// Calls the start function, if the module has one.
    private func runStartFunction() throws {
        guard let start = module.start else { return }
        do {
            _ = try Interpreter.invoke(functions[Int(start)], arguments: [], engine: engine)
        } catch {
            throw error.publicError(in: engine)
        }
    }
}
