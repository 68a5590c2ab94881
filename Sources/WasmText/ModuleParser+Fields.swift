import WasmFormat

/// Imports, exports, functions, tables, memories, globals, tags and the start function,
/// including the inline `(import …)`/`(export …)` abbreviations.
extension ModuleParser {
    /// The binary export/import kind byte of a space.
    static func externalKind(_ space: ModuleContext.Space) -> UInt8 {
        switch space {
        case .function: return 0
        case .table: return 1
        case .memory: return 2
        case .global: return 3
        default: return 4
        }
    }

    /// Reads `(export "name")*` and `(import "m" "n")?` after a definition's identifier;
    /// the exports are recorded for `index`, the import is returned.
    mutating func inlineImportExport(_ space: ModuleContext.Space, index: UInt32) throws(TextError) -> (module: [UInt8], name: [UInt8])? {
        var imported: (module: [UInt8], name: [UInt8])?
        while true {
            if cursor.takeGroup("export") {
                var w = ByteWriter()
                w.name(try cursor.expectName())
                w.byte(ModuleParser.externalKind(space))
                w.u32(index)
                output.exports.append(w.bytes)
                try cursor.expectRight()
            } else if imported == nil, cursor.takeGroup("import") {
                let module = try cursor.expectName()
                let name = try cursor.expectName()
                try cursor.expectRight()
                imported = (module, name)
            } else {
                return imported
            }
        }
    }

    /// Appends an import entry.
    mutating func addImport(_ module: [UInt8], _ name: [UInt8], _ kind: UInt8, _ description: [UInt8]) {
        var w = ByteWriter()
        w.name(module)
        w.name(name)
        w.byte(kind)
        w.append(description)
        output.imports.append(w.bytes)
    }

    /// `(import "m" "n" (kind $id? description))`.
    mutating func compileImport() throws(TextError) {
        cursor.advance(); cursor.advance()
        let module = try cursor.expectName()
        let name = try cursor.expectName()
        guard cursor.current.kind == .leftParen, let keyword = cursor.peek(1).atom, let space = ModuleParser.importSpace(keyword) else {
            throw cursor.unexpected()
        }
        cursor.advance(); cursor.advance()
        let id = cursor.takeIdentifier()
        let nameAnnotation = takeNameAnnotation()
        let index = nextIndex(space)
        let description = try externalDescription(space, index: index, id: id, nameAnnotation: nameAnnotation)
        try cursor.expectRight()
        try cursor.expectRight()
        addImport(module, name, ModuleParser.externalKind(space), description)
    }

    /// Counters of the definitions compiled so far in each space (pass 2).
    func nextIndex(_ space: ModuleContext.Space) -> UInt32 { definedCounts[space, default: 0] }

    /// The type description of an imported entity; advances that space's counter.
    private mutating func externalDescription(_ space: ModuleContext.Space, index: UInt32, id: String?, nameAnnotation: String?) throws(TextError) -> [UInt8] {
        definedCounts[space, default: 0] += 1
        if let nameAnnotation, space != .function { output.annotatedNames[space, default: [:]][index] = nameAnnotation }
        var w = ByteWriter()
        switch space {
        case .function:
            let use = try typeUse()
            let typeIndex = try resolve(use)
            w.u32(typeIndex)
            recordFunctionNames(index, id: id, annotation: nameAnnotation, params: use.paramNames)
        case .table:
            w.append(try tableType())
        case .memory:
            w.append(try memoryType())
        case .global:
            w.append(try globalType())
        default:
            w.byte(0)
            w.u32(try resolve(try typeUse()))
        }
        return w.bytes
    }

    /// Records a function's name and its parameters' names for the name section.
    mutating func recordFunctionNames(_ index: UInt32, id: String?, annotation: String?, params: [String?]) {
        if let name = annotation ?? id { output.functionNames[index] = name }
        for (i, name) in params.enumerated() {
            if let name { output.localNames[index, default: [:]][UInt32(i)] = name }
        }
    }

    // MARK: - Limits and entity types

    /// `i64? min max? shared?` (and a custom page size), encoded with its flags byte.
    mutating func limits(allowShared: Bool, allowPageSize: Bool) throws(TextError) -> (bytes: [UInt8], is64: Bool) {
        let is64 = cursor.takeKeyword("i64")
        if !is64 { _ = cursor.takeKeyword("i32") }
        // With memory64 (Wasm 3.0), limits are read as u64 even for 32-bit memories and tables:
        // a too-large limit is a validation error ("memory size must be at most …"). Without it
        // they are u32, as in WebAssembly 2.0 and the proposals built on it (threads).
        let bits = is64 || features.contains(.memory64) ? 64 : 32
        let minimum = try cursor.expectUnsigned(bits: bits)
        var maximum: UInt64?
        if cursor.atUnsigned { maximum = try cursor.expectUnsigned(bits: bits) }
        var shared = false
        if allowShared {
            if cursor.takeKeyword("shared") { shared = true } else { _ = cursor.takeKeyword("unshared") }
        }
        var pageSizeLog2: UInt32?
        if allowPageSize, cursor.takeGroup("pagesize") {
            let location = cursor.location
            let size = try cursor.expectUnsigned(bits: 64)
            guard size != 0, size & (size - 1) == 0 else { throw TextError("invalid custom page size", at: location) }
            pageSizeLog2 = UInt32(size.trailingZeroBitCount)
            try cursor.expectRight()
        }
        var flags: UInt8 = maximum != nil ? 1 : 0
        if shared { flags |= 2 }
        if is64 { flags |= 4 }
        if pageSizeLog2 != nil { flags |= 8 }
        var w = ByteWriter()
        w.byte(flags)
        w.unsigned(minimum)
        if let maximum { w.unsigned(maximum) }
        if let pageSizeLog2 { w.u32(pageSizeLog2) }
        return (w.bytes, is64)
    }

    /// A memory type: limits, optionally `shared` and a custom page size.
    mutating func memoryType() throws(TextError) -> [UInt8] {
        try limits(allowShared: true, allowPageSize: true).bytes
    }

    /// A table type: limits then the element reference type (binary: type first).
    mutating func tableType() throws(TextError) -> [UInt8] {
        let (limitBytes, _) = try limits(allowShared: true, allowPageSize: false)
        let location = cursor.location
        guard let element = try referenceType() else { throw TextError("unexpected token", at: location) }
        return element + limitBytes
    }

    /// A global type: `t` or `(mut t)`, written as type then mutability.
    mutating func globalType() throws(TextError) -> [UInt8] {
        if cursor.takeGroup("mut") {
            let type = try valueType()
            try cursor.expectRight()
            return type + [1]
        }
        return try valueType() + [0]
    }

    // MARK: - Definitions

    /// `(func $id? (export …)* (import …)? typeuse (local …)* instr*)`.
    mutating func compileFunction() throws(TextError) {
        cursor.advance(); cursor.advance()
        let id = cursor.takeIdentifier()
        let nameAnnotation = takeNameAnnotation()
        let index = nextIndex(.function)
        if let (module, name) = try inlineImportExport(.function, index: index) {
            let description = try externalDescription(.function, index: index, id: id, nameAnnotation: nameAnnotation)
            try cursor.expectRight()
            addImport(module, name, 0, description)
            return
        }
        definedCounts[.function, default: 0] += 1
        let use = try typeUse()
        let typeIndex = try resolve(use)
        output.functionTypes.append(typeIndex)
        var scope = FunctionScope()
        let params = parameters(of: use, index: typeIndex)
        for (i, _) in params.enumerated() {
            let name = i < use.paramNames.count ? use.paramNames[i] : nil
            try scope.addLocal(name, at: use.location)
        }
        var locals: [[UInt8]] = []
        while cursor.takeGroup("local") {
            if case .identifier(let name) = cursor.current.kind {
                let location = cursor.location
                cursor.advance()
                _ = takeNameAnnotation()
                try scope.addLocal(name, at: location)
                locals.append(try valueType())
            } else {
                while !cursor.atRight {
                    try scope.addLocal(nil, at: cursor.location)
                    locals.append(try valueType())
                }
            }
            try cursor.expectRight()
        }
        var body = ByteWriter()
        var runs: [(count: Int, type: [UInt8])] = []
        for local in locals {
            if let last = runs.last, last.type == local { runs[runs.count - 1].count += 1 } else { runs.append((1, local)) }
        }
        body.u32(runs.count)
        for run in runs {
            body.u32(run.count)
            body.append(run.type)
        }
        var instructions = InstructionWriter(scope: scope)
        try instructionSequence(&instructions)
        try cursor.expectRight()
        instructions.code.byte(0x0B)
        if !instructions.branchHints.isEmpty {
            // Offsets count from the start of the body (its local declarations).
            output.branchHints[index] = instructions.branchHints.map { (body.bytes.count + $0.offset, $0.hint) }
        }
        body.append(instructions.code.bytes)
        output.codes.append(body.bytes)
        if let name = nameAnnotation ?? id { output.functionNames[index] = name }
        var names: [UInt32: String] = [:]
        for (name, local) in scope.localNames { names[local] = name }
        if !names.isEmpty { output.localNames[index] = names }
        if !instructions.labelNames.isEmpty { output.labelNames[index] = instructions.labelNames }
    }

    /// `(table $id? (export …)* (import …)? tabletype expr?)` or with inline `(elem …)`.
    mutating func compileTable() throws(TextError) {
        cursor.advance(); cursor.advance()
        let id = cursor.takeIdentifier()
        let nameAnnotation = takeNameAnnotation()
        let index = nextIndex(.table)
        if let (module, name) = try inlineImportExport(.table, index: index) {
            let description = try externalDescription(.table, index: index, id: id, nameAnnotation: nameAnnotation)
            try cursor.expectRight()
            addImport(module, name, 1, description)
            return
        }
        definedCounts[.table, default: 0] += 1
        if let nameAnnotation { output.annotatedNames[.table, default: [:]][index] = nameAnnotation }
        // Abbreviation: `i64? reftype (elem …)`.
        var probe = cursor
        let is64 = probe.takeKeyword("i64")
        if !is64 { _ = probe.takeKeyword("i32") }
        if !probe.atUnsigned {
            if is64 { cursor.advance() } else { _ = cursor.takeKeyword("i32") }
            let location = cursor.location
            guard let element = try referenceType() else { throw TextError("unexpected token", at: location) }
            guard cursor.takeGroup("elem") else { throw cursor.unexpected() }
            let (items, count) = try elementList(element, allowBareIndices: true)
            try cursor.expectRight()
            try cursor.expectRight()
            var table = ByteWriter()
            table.append(element)
            table.byte(is64 ? 5 : 1)
            table.unsigned(UInt64(count))
            table.unsigned(UInt64(count))
            output.tables.append(table.bytes)
            let offset: [UInt8] = is64 ? [0x42, 0x00, 0x0B] : [0x41, 0x00, 0x0B]
            addElementSegment(mode: .active(table: index, offset: offset, explicitTable: true), items: items)
            return
        }
        let type = try tableType()
        if cursor.atRight {
            output.tables.append(type)
        } else {
            var w = ByteWriter()
            w.byte(0x40)
            w.byte(0x00)
            w.append(type)
            w.append(try constantExpression())
            output.tables.append(w.bytes)
        }
        try cursor.expectRight()
    }

    /// `(memory $id? (export …)* (import …)? memtype)` or with inline `(data …)`.
    mutating func compileMemory() throws(TextError) {
        cursor.advance(); cursor.advance()
        let id = cursor.takeIdentifier()
        let nameAnnotation = takeNameAnnotation()
        let index = nextIndex(.memory)
        if let (module, name) = try inlineImportExport(.memory, index: index) {
            let description = try externalDescription(.memory, index: index, id: id, nameAnnotation: nameAnnotation)
            try cursor.expectRight()
            addImport(module, name, 2, description)
            return
        }
        definedCounts[.memory, default: 0] += 1
        if let nameAnnotation { output.annotatedNames[.memory, default: [:]][index] = nameAnnotation }
        var probe = cursor
        let is64 = probe.takeKeyword("i64")
        if !is64 { _ = probe.takeKeyword("i32") }
        var pageSizeLog2: UInt32?
        if probe.takeGroup("pagesize") {
            let location = probe.location
            let size = try probe.expectUnsigned(bits: 64)
            guard size != 0, size & (size - 1) == 0 else { throw TextError("invalid custom page size", at: location) }
            pageSizeLog2 = UInt32(size.trailingZeroBitCount)
            try probe.expectRight()
        }
        if probe.isGroup("data") {
            cursor = probe
            cursor.advance(); cursor.advance()
            var bytes: [UInt8] = []
            while let piece = cursor.takeString() { bytes += piece }
            try cursor.expectRight()
            try cursor.expectRight()
            let pageSize: UInt64 = 1 << UInt64(pageSizeLog2 ?? 16)
            let pages = (UInt64(bytes.count) + pageSize - 1) / pageSize
            var memory = ByteWriter()
            memory.byte((is64 ? 5 : 1) | (pageSizeLog2 != nil ? 8 : 0))
            memory.unsigned(pages)
            memory.unsigned(pages)
            if let pageSizeLog2 { memory.u32(pageSizeLog2) }
            output.memories.append(memory.bytes)
            var data = ByteWriter()
            if index == 0 {
                data.byte(0)
            } else {
                data.byte(2)
                data.u32(index)
            }
            data.append(is64 ? [0x42, 0x00, 0x0B] : [0x41, 0x00, 0x0B])
            data.name(bytes)
            output.datas.append(data.bytes)
            definedCounts[.data, default: 0] += 1
            return
        }
        output.memories.append(try memoryType())
        try cursor.expectRight()
    }

    /// `(global $id? (export …)* (import …)? globaltype expr)`.
    mutating func compileGlobal() throws(TextError) {
        cursor.advance(); cursor.advance()
        let id = cursor.takeIdentifier()
        let nameAnnotation = takeNameAnnotation()
        let index = nextIndex(.global)
        if let (module, name) = try inlineImportExport(.global, index: index) {
            let description = try externalDescription(.global, index: index, id: id, nameAnnotation: nameAnnotation)
            try cursor.expectRight()
            addImport(module, name, 3, description)
            return
        }
        definedCounts[.global, default: 0] += 1
        if let nameAnnotation { output.annotatedNames[.global, default: [:]][index] = nameAnnotation }
        var w = ByteWriter()
        w.append(try globalType())
        w.append(try constantExpression())
        try cursor.expectRight()
        output.globals.append(w.bytes)
    }

    /// `(tag $id? (export …)* (import …)? typeuse)`.
    mutating func compileTag() throws(TextError) {
        cursor.advance(); cursor.advance()
        let id = cursor.takeIdentifier()
        let nameAnnotation = takeNameAnnotation()
        let index = nextIndex(.tag)
        if let (module, name) = try inlineImportExport(.tag, index: index) {
            let description = try externalDescription(.tag, index: index, id: id, nameAnnotation: nameAnnotation)
            try cursor.expectRight()
            addImport(module, name, 4, description)
            return
        }
        definedCounts[.tag, default: 0] += 1
        if let nameAnnotation { output.annotatedNames[.tag, default: [:]][index] = nameAnnotation }
        var w = ByteWriter()
        w.byte(0)
        w.u32(try resolve(try typeUse()))
        try cursor.expectRight()
        output.tags.append(w.bytes)
    }

    /// `(export "name" (kind index))`.
    mutating func compileExport() throws(TextError) {
        cursor.advance(); cursor.advance()
        let name = try cursor.expectName()
        guard cursor.current.kind == .leftParen, let keyword = cursor.peek(1).atom, let space = ModuleParser.importSpace(keyword) else {
            throw cursor.unexpected()
        }
        cursor.advance(); cursor.advance()
        let index = try context.index(space, &cursor)
        try cursor.expectRight()
        try cursor.expectRight()
        var w = ByteWriter()
        w.name(name)
        w.byte(ModuleParser.externalKind(space))
        w.u32(index)
        output.exports.append(w.bytes)
    }

    /// `(start funcidx)`.
    mutating func compileStart() throws(TextError) {
        cursor.advance(); cursor.advance()
        output.start = try context.index(.function, &cursor)
        try cursor.expectRight()
    }
}
