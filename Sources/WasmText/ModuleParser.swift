import WasmFormat

/// Compiles one text-format module to the binary format.
///
/// Two passes over the fields: `scan()` assigns every definition its index and collects the
/// identifiers (so that any field can name any other, forwards or backwards), then the types
/// are compiled (type uses need them to find or append function types), then every other field
/// in text order. The field-specific parts live in `ModuleParser+Types.swift`,
/// `ModuleParser+Fields.swift`, `ModuleParser+Segments.swift` and `InstructionParser.swift`.
struct ModuleParser {
    var cursor: TokenCursor
    var context = ModuleContext()
    var output = ModuleOutput()
    /// Index of the first field token.
    let fieldsStart: Int
    /// Whether the fields are wrapped in `(module …)` (then they end at its `)`).
    let wrapped: Bool
    /// Index of the first field token after a module-level `@name` annotation.
    private var fieldsStartAfterName = 0
    /// Indices of the `@name` annotations that were used.
    var usedNames: Set<Int> = []
    /// Indices of the branch hint annotations that were used.
    var usedBranchHints: Set<Int> = []
    /// How many definitions of each space pass 2 has compiled (the next index).
    var definedCounts: [ModuleContext.Space: UInt32] = [:]
    /// The proposals the text may use. Without memory64, limits are `u32` as in
    /// WebAssembly 2.0 (a larger one is malformed text, not an invalid module).
    let features: FeatureSet

    /// Prepares to compile the module starting at the cursor: `(module $id? field*)` or,
    /// when `allowBare`, a bare sequence of fields up to the end of the input;
    /// `skipDefinitionKeyword` accepts the script form `(module definition $id? …)`.
    init(_ cursor: TokenCursor, allowBare: Bool, skipDefinitionKeyword: Bool = false,
         features: FeatureSet = .default) throws(TextError) {
        self.features = features
        var cursor = cursor
        if cursor.takeGroup("module") {
            wrapped = true
            if skipDefinitionKeyword { _ = cursor.takeKeyword("definition") }
            if let id = cursor.takeIdentifier() { output.moduleName = id }
        } else if allowBare {
            wrapped = false
        } else {
            throw cursor.unexpected()
        }
        self.cursor = cursor
        fieldsStart = cursor.index
        if wrapped, let name = takeNameAnnotation() {
            if cursor.stream.repeatedNames.contains(self.cursor.index) {
                throw TextError("@name annotation: multiple module", at: self.cursor.location)
            }
            output.moduleName = name
        }
        fieldsStartAfterName = self.cursor.index
    }

    /// Compiles the module; the cursor ends after its closing parenthesis.
    mutating func compile() throws(TextError) -> [UInt8] {
        try scan()
        cursor.index = fieldsStartAfterName
        try compileTypes()
        cursor.index = fieldsStartAfterName
        while !atFieldsEnd {
            takeCustoms()
            if atFieldsEnd { break }
            guard cursor.current.kind == .leftParen, let keyword = cursor.peek(1).atom else { throw cursor.unexpected() }
            switch keyword {
            case "type", "rec": try cursor.skipGroup()
            case "import": try compileImport()
            case "func": try compileFunction()
            case "table": try compileTable()
            case "memory": try compileMemory()
            case "global": try compileGlobal()
            case "tag": try compileTag()
            case "export": try compileExport()
            case "start": try compileStart()
            case "elem": try compileElem()
            case "data": try compileData()
            default: throw cursor.unexpected()
            }
        }
        takeCustoms()
        if wrapped { try cursor.expectRight() }
        try checkUnusedAnnotations()
        collectNames()
        return output.encode()
    }

    /// Copies the identifiers of the other index spaces and of struct fields into the name
    /// section (`@name` annotations win over identifiers).
    private mutating func collectNames() {
        let subsections: [(UInt8, ModuleContext.Space)] = [(4, .type), (5, .table), (6, .memory), (7, .global), (8, .elem), (9, .data), (11, .tag)]
        for (id, space) in subsections {
            var names: [UInt32: String] = [:]
            for (name, index) in context.names(space) { names[index] = name }
            for (index, name) in output.annotatedNames[space] ?? [:] { names[index] = name }
            output.spaceNames[id] = names
        }
        for (index, type) in context.types.enumerated() where !type.fieldNames.isEmpty {
            var names: [UInt32: String] = [:]
            for (name, field) in type.fieldNames { names[field] = name }
            output.fieldNames[UInt32(index)] = names
        }
    }

    /// Whether the cursor is at the end of the module's fields.
    var atFieldsEnd: Bool {
        wrapped ? cursor.current.kind == .rightParen || cursor.current.kind == .end : cursor.current.kind == .end
    }

    /// Moves `@custom` annotations found before the current token into the output.
    mutating func takeCustoms() {
        if let customs = cursor.stream.customs[cursor.index], !customsTaken.contains(cursor.index) {
            customsTaken.insert(cursor.index)
            output.customs += customs
        }
    }

    /// Token indices whose `@custom` annotations were already taken.
    var customsTaken: Set<Int> = []

    /// Takes an `@name` annotation found just before the current token.
    mutating func takeNameAnnotation() -> String? {
        guard let entry = cursor.stream.names[cursor.index] else { return nil }
        usedNames.insert(cursor.index)
        return entry.name
    }

    /// Rejects annotations inside the module that no field accepted.
    func checkUnusedAnnotations() throws(TextError) {
        // Report the first one in the text (dictionaries have no order).
        let range = fieldsStart..<cursor.index
        let stream = cursor.stream
        if let index = stream.customs.keys.filter({ range.contains($0) && !customsTaken.contains($0) }).min() {
            throw TextError("misplaced @custom annotation", at: stream.customs[index]![0].location)
        }
        if let index = stream.branchHints.keys.filter({ range.contains($0) && !usedBranchHints.contains($0) }).min() {
            throw TextError("@metadata.code.branch_hint annotation: not in a function", at: stream.branchHints[index]!.location)
        }
        let unusedNames = stream.names.keys.filter { range.contains($0) && !usedNames.contains($0) && !(wrapped && $0 == fieldsStart) }
        if let index = unusedNames.min() {
            throw TextError("misplaced @name annotation", at: stream.names[index]!.location)
        }
    }

    // MARK: - Pass 1: identifiers and index spaces

    /// Which kinds of definitions have been seen, for the rule that imports come first.
    private struct Seen { var function = false, table = false, memory = false, global = false, tag = false }

    /// Walks the fields once, defining every index (imports first, as the text requires) and
    /// its identifier.
    mutating func scan() throws(TextError) {
        var c = cursor
        c.index = fieldsStartAfterName
        var seen = Seen()
        var sawStart = false
        func checkImportOrder(_ seen: Seen, _ at: TextLocation) throws(TextError) {
            if seen.function { throw TextError("import after function", at: at) }
            if seen.table { throw TextError("import after table", at: at) }
            if seen.memory { throw TextError("import after memory", at: at) }
            if seen.global { throw TextError("import after global", at: at) }
            if seen.tag { throw TextError("import after tag", at: at) }
        }
        while true {
            let atEnd = wrapped ? c.current.kind == .rightParen || c.current.kind == .end : c.current.kind == .end
            if atEnd { break }
            guard c.current.kind == .leftParen else { throw c.unexpected() }
            guard let keyword = c.peek(1).atom else {
                c.advance()
                throw c.unexpected()
            }
            let fieldStart = c.index
            let location = c.peek(1).location
            switch keyword {
            case "type":
                try scanType(&c)
                continue
            case "rec":
                c.advance(); c.advance()
                while c.isGroup("type") { try scanType(&c) }
                try c.expectRight()
                continue
            case "import":
                try checkImportOrder(seen, location)
                c.advance(); c.advance()
                _ = try c.expectName()
                _ = try c.expectName()
                guard c.current.kind == .leftParen, let kind = c.peek(1).atom, let space = ModuleParser.importSpace(kind) else {
                    if c.current.kind == .leftParen { c.advance() }
                    throw c.unexpected()
                }
                c.advance(); c.advance()
                try context.define(space, name: c.takeIdentifier(), at: location)
            case "func", "table", "memory", "global", "tag":
                let space = ModuleParser.importSpace(keyword)!
                c.advance(); c.advance()
                let id = c.takeIdentifier()
                // Look at the direct children for an inline import and inline segments.
                var inner = c
                var imported = false
                var inlineSegment = false
                while inner.current.kind != .rightParen && inner.current.kind != .end {
                    if inner.current.kind == .leftParen {
                        let child = inner.peek(1).atom
                        if child == "import" { imported = true }
                        if (child == "elem" && space == .table) || (child == "data" && space == .memory) { inlineSegment = true }
                        try inner.skipGroup()
                    } else {
                        inner.advance()
                    }
                }
                if imported {
                    try checkImportOrder(seen, location)
                } else {
                    switch space {
                    case .function: seen.function = true
                    case .table: seen.table = true
                    case .memory: seen.memory = true
                    case .global: seen.global = true
                    default: seen.tag = true
                    }
                }
                try context.define(space, name: id, at: location)
                if inlineSegment { try context.define(space == .table ? .elem : .data, name: nil, at: location) }
            case "elem", "data":
                c.advance(); c.advance()
                try context.define(keyword == "elem" ? .elem : .data, name: c.takeIdentifier(), at: location)
            case "start":
                if sawStart { throw TextError("multiple start sections", at: location) }
                sawStart = true
            case "export":
                break
            default:
                c.advance()
                if keyword.utf8.first.map({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) ?? false {
                    throw c.unexpected()
                }
                throw c.error("unknown operator \(keyword)")
            }
            c.index = fieldStart
            try c.skipGroup()
        }
    }

    /// Defines the type of one `(type $id? …)` field, leaving the cursor after it.
    private mutating func scanType(_ c: inout TokenCursor) throws(TextError) {
        let location = c.peek(1).location
        c.advance(); c.advance()
        let id = c.takeIdentifier()
        try context.define(.type, name: id, at: location)
        context.types.append(ModuleContext.TypeDefinition())
        c.index -= (id == nil ? 2 : 3)
        try c.skipGroup()
    }

    /// The index space of an import or definition keyword.
    static func importSpace(_ keyword: String) -> ModuleContext.Space? {
        switch keyword {
        case "func": return .function
        case "table": return .table
        case "memory": return .memory
        case "global": return .global
        case "tag": return .tag
        default: return nil
        }
    }
}
