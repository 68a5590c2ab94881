import WasmFormat

// Linking: every import of a module resolved to an external value of the right kind and a
// matching type, before anything of the instance is created.
// https://webassembly.github.io/spec/core/exec/modules.html#instantiation (steps 3–5)

extension ModuleInstance {
    /// The store objects `module`'s imports resolve to in `imports`, in import order.
    ///
    /// - Parameter typeIDs: the canonical identity of each of the module's type indices.
    /// - Throws: ``LinkError`` `unknown import` for a name `imports` lacks, `incompatible import
    ///   type` for a value of the wrong kind, type, or engine.
    static func resolveImports(
        of module: WasmFormat.Module, typeIDs: [Int], from imports: Imports, engine: Engine
    ) throws(LinkError) -> [ExternalInstance] {
        var resolved: [ExternalInstance] = []
        resolved.reserveCapacity(module.imports.count)
        for entry in module.imports {
            guard let value = imports[entry.module, entry.name] else {
                throw LinkError("unknown import \(Self.name(of: entry))", module: entry.module, name: entry.name)
            }
            if let mismatch = Self.mismatch(of: value, for: entry.descriptor, typeIDs: typeIDs, engine: engine) {
                throw LinkError("incompatible import type \(Self.name(of: entry)): \(mismatch)", module: entry.module, name: entry.name)
            }
            resolved.append(value.object)
        }
        return resolved
    }

    /// Why `value` cannot stand for an import described by `descriptor`, or `nil` if it can.
    private static func mismatch(
        of value: ExternalValue, for descriptor: ImportDescriptor, typeIDs: [Int], engine: Engine
    ) -> String? {
        switch (descriptor, value) {
        case (.function(let typeIndex), .function(let function)):
            if let owner = function.handle.instance?.engine, owner !== engine {
                return "the function belongs to another engine"
            }
            let expected = typeIDs[Int(typeIndex)]
            guard ImportMatching.function(function.handle.typeID, matches: expected) else {
                return "expected func \(TypeRegistry.shared.functionType(expected)), got func \(function.type)"
            }
        case (.table(let type), .table(let table)):
            if let owner = table.engine, owner !== engine { return "the table belongs to another engine" }
            let expected = TableType(elementType: TypeRegistry.canonical(type.elementType, typeIDs: typeIDs),
                                     limits: type.limits, addressType: type.addressType)
            let actual = table.handle.currentType
            guard ImportMatching.table(actual, matches: expected) else {
                return "expected \(describe(expected)), got \(describe(actual))"
            }
        case (.memory(let expected), .memory(let memory)):
            let actual = memory.handle.type
            guard ImportMatching.memory(actual, matches: expected) else {
                return "expected \(describe(expected)), got \(describe(actual))"
            }
        case (.global(let type), .global(let global)):
            if let owner = global.engine, owner !== engine { return "the global belongs to another engine" }
            let expected = GlobalType(TypeRegistry.canonical(type.valueType, typeIDs: typeIDs), mutable: type.isMutable)
            let actual = global.handle.type
            guard ImportMatching.global(actual, matches: expected) else {
                return "expected \(describe(expected)), got \(describe(actual))"
            }
        case (.tag(let type), .tag(let tag)):
            let expected = typeIDs[Int(type.typeIndex)]
            guard ImportMatching.tag(tag.handle.typeID, matches: expected) else {
                return "expected tag \(TypeRegistry.shared.functionType(expected)), got tag \(tag.handle.type)"
            }
        default:
            return "expected a \(descriptor.kind.textName), got a \(value.kind.textName)"
        }
        return nil
    }

    /// `"module" "name"`, as the text format writes an import.
    private static func name(of entry: Import) -> String {
        "\"\(entry.module)\" \"\(entry.name)\""
    }
}

// Types in the text format's notation, for link errors.

private func describe(_ limits: Limits) -> String {
    limits.max.map { "\(limits.min) \($0)" } ?? "\(limits.min)"
}

private func describe(_ type: TableType) -> String {
    "table \(type.addressType == .i64 ? "i64 " : "")\(describe(type.limits)) \(type.elementType)"
}

private func describe(_ type: MemoryType) -> String {
    "memory \(type.addressType == .i64 ? "i64 " : "")\(describe(type.limits))\(type.isShared ? " shared" : "")"
}

private func describe(_ type: GlobalType) -> String {
    type.isMutable ? "global (mut \(type.valueType))" : "global \(type.valueType)"
}
