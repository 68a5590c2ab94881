/// Value types, reference and heap types, type definitions (with `rec`, `sub`, `final`) and
/// type uses.
extension ModuleParser {
    /// Binary codes of the abstract heap types, by text name.
    static let abstractHeapTypes: [String: UInt8] = [
        "func": 0x70, "extern": 0x6F, "any": 0x6E, "eq": 0x6D, "i31": 0x6C, "struct": 0x6B,
        "array": 0x6A, "exn": 0x69, "noexn": 0x74, "none": 0x71, "nofunc": 0x73, "noextern": 0x72,
        "cont": 0x68, "nocont": 0x75,
    ]

    /// Binary codes of the reference type abbreviations (`funcref` = `(ref null func)`).
    static let referenceAbbreviations: [String: UInt8] = [
        "funcref": 0x70, "externref": 0x6F, "anyref": 0x6E, "eqref": 0x6D, "i31ref": 0x6C,
        "structref": 0x6B, "arrayref": 0x6A, "exnref": 0x69, "nullexnref": 0x74, "nullref": 0x71,
        "nullfuncref": 0x73, "nullexternref": 0x72, "contref": 0x68, "nullcontref": 0x75,
    ]

    static let numericTypes: [String: UInt8] = ["i32": 0x7F, "i64": 0x7E, "f32": 0x7D, "f64": 0x7C, "v128": 0x7B]

    /// Whether a value type starts at the cursor.
    var atValueType: Bool {
        if let atom = cursor.current.atom {
            return ModuleParser.numericTypes[atom] != nil || ModuleParser.referenceAbbreviations[atom] != nil
        }
        return cursor.isGroup("ref")
    }

    /// A heap type: an abstract name or a type index, encoded as s33.
    mutating func heapType() throws(TextError) -> [UInt8] {
        if let atom = cursor.current.atom, let code = ModuleParser.abstractHeapTypes[atom] {
            cursor.advance()
            return [code]
        }
        if cursor.isGroup("exact") {
            cursor.advance(); cursor.advance()
            var w = ByteWriter()
            w.byte(0x62)
            w.signed(Int64(try context.index(.type, &cursor)))
            try cursor.expectRight()
            return w.bytes
        }
        guard ModuleContext.atIndex(cursor) else { throw cursor.error("unknown type") }
        let index = try context.index(.type, &cursor)
        var w = ByteWriter()
        w.signed(Int64(index))
        return w.bytes
    }

    /// A reference type (`funcref`, `(ref null? ht)`), or `nil` if none is next.
    mutating func referenceType() throws(TextError) -> [UInt8]? {
        if let atom = cursor.current.atom, let code = ModuleParser.referenceAbbreviations[atom] {
            cursor.advance()
            return [code]
        }
        guard cursor.takeGroup("ref") else { return nil }
        let nullable = cursor.takeKeyword("null")
        let heap = try heapType()
        try cursor.expectRight()
        // `(ref null func)` is `funcref`: use the one-byte shorthand, as other encoders do.
        if nullable, heap.count == 1, ModuleParser.abstractHeapTypes.values.contains(heap[0]) { return heap }
        return [nullable ? 0x63 : 0x64] + heap
    }

    /// A reference type as `(nullable, heap type bytes)`, for casts.
    mutating func referenceTypeParts() throws(TextError) -> (nullable: Bool, heap: [UInt8]) {
        let location = cursor.location
        guard let bytes = try referenceType() else { throw TextError("unexpected token", at: location) }
        if bytes.count == 1 { return (true, bytes) }
        return (bytes[0] == 0x63, Array(bytes[1...]))
    }

    /// A value type.
    mutating func valueType() throws(TextError) -> [UInt8] {
        if let atom = cursor.current.atom, let code = ModuleParser.numericTypes[atom] {
            cursor.advance()
            return [code]
        }
        if let reference = try referenceType() { return reference }
        if let atom = cursor.current.atom { throw cursor.error("unknown operator \(atom)") }
        throw cursor.unexpected()
    }

    /// A storage type of a field: a value type or a packed `i8`/`i16`.
    mutating func storageType() throws(TextError) -> [UInt8] {
        if cursor.takeKeyword("i8") { return [0x78] }
        if cursor.takeKeyword("i16") { return [0x77] }
        return try valueType()
    }

    /// A field type: `(mut st)` or `st`, encoded as storage type then mutability.
    mutating func fieldType() throws(TextError) -> [UInt8] {
        if cursor.takeGroup("mut") {
            let type = try storageType()
            try cursor.expectRight()
            return type + [1]
        }
        return try storageType() + [0]
    }

    // MARK: - Type definitions

    /// Compiles every `type` and `rec` field (before any other field, so that type uses can
    /// find them).
    mutating func compileTypes() throws(TextError) {
        var typeIndex: UInt32 = 0
        while !atFieldsEnd {
            guard cursor.current.kind == .leftParen else { throw cursor.unexpected() }
            if cursor.isGroup("type") {
                var w = ByteWriter()
                let plain = try typeField(&typeIndex, into: &w)
                if plain { context.types[Int(typeIndex - 1)].isPlainFunction = isFunction(typeIndex - 1) }
                output.typeEntries.append(w.bytes)
            } else if cursor.takeGroup("rec") {
                var w = ByteWriter()
                var members = ByteWriter()
                var count = 0
                var plain = false
                while cursor.isGroup("type") {
                    plain = try typeField(&typeIndex, into: &members)
                    count += 1
                }
                try cursor.expectRight()
                // A recursion group of one is the same type as a lone definition, so it too
                // can serve inline type uses (as in the spec interpreter).
                if count == 1 && plain { context.types[Int(typeIndex - 1)].isPlainFunction = isFunction(typeIndex - 1) }
                w.byte(0x4E)
                w.u32(count)
                w.append(members.bytes)
                output.typeEntries.append(w.bytes)
            } else {
                try cursor.skipGroup()
            }
        }
    }

    private func isFunction(_ index: UInt32) -> Bool {
        if case .function = context.types[Int(index)].kind { return true }
        return false
    }

    /// One `(type $id? subtype)`; returns whether it is final without supertypes.
    private mutating func typeField(_ typeIndex: inout UInt32, into w: inout ByteWriter) throws(TextError) -> Bool {
        cursor.advance(); cursor.advance()
        _ = cursor.takeIdentifier()
        let index = Int(typeIndex)
        if let name = takeNameAnnotation() { output.annotatedNames[.type, default: [:]][typeIndex] = name }
        typeIndex += 1
        var plain = true
        if cursor.takeGroup("sub") {
            let final = cursor.takeKeyword("final")
            var supers: [UInt32] = []
            while ModuleContext.atIndex(cursor) { supers.append(try context.index(.type, &cursor)) }
            plain = final && supers.isEmpty
            // `(sub final (func …))` without supertypes is the plain form; write it so.
            if !plain {
                w.byte(final ? 0x4F : 0x50)
                w.u32(supers.count)
                for s in supers { w.u32(s) }
            }
            try compositeType(index, into: &w)
            try cursor.expectRight()
        } else {
            try compositeType(index, into: &w)
        }
        try cursor.expectRight()
        return plain
    }

    /// `(func …)`, `(struct …)`, `(array …)` or `(cont …)`, possibly with descriptor clauses.
    private mutating func compositeType(_ index: Int, into w: inout ByteWriter) throws(TextError) {
        if cursor.takeGroup("describes") {
            w.byte(0x4C)
            w.u32(try context.index(.type, &cursor))
            try cursor.expectRight()
        }
        if cursor.takeGroup("descriptor") {
            w.byte(0x4D)
            w.u32(try context.index(.type, &cursor))
            try cursor.expectRight()
        }
        guard cursor.current.kind == .leftParen, let keyword = cursor.peek(1).atom else { throw cursor.unexpected() }
        cursor.advance(); cursor.advance()
        switch keyword {
        case "func":
            var params: [[UInt8]] = []
            var results: [[UInt8]] = []
            while cursor.takeGroup("param") {
                if cursor.takeIdentifier() != nil {
                    params.append(try valueType())
                } else {
                    while !cursor.atRight { params.append(try valueType()) }
                }
                try cursor.expectRight()
            }
            while cursor.takeGroup("result") {
                while !cursor.atRight { results.append(try valueType()) }
                try cursor.expectRight()
            }
            w.byte(0x60)
            w.u32(params.count)
            for p in params { w.append(p) }
            w.u32(results.count)
            for r in results { w.append(r) }
            context.types[index].kind = .function(params: params, results: results)
        case "struct":
            var fields: [[UInt8]] = []
            while cursor.takeGroup("field") {
                if let name = cursor.takeIdentifier() {
                    let location = cursor.peek(-1).location
                    guard context.types[index].fieldNames[name] == nil else {
                        throw TextError("duplicate field $\(name)", at: location)
                    }
                    context.types[index].fieldNames[name] = UInt32(fields.count)
                    fields.append(try fieldType())
                } else {
                    while !cursor.atRight { fields.append(try fieldType()) }
                }
                try cursor.expectRight()
            }
            w.byte(0x5F)
            w.u32(fields.count)
            for f in fields { w.append(f) }
            context.types[index].kind = .structure
        case "array":
            w.byte(0x5E)
            w.append(try fieldType())
            context.types[index].kind = .array
        case "cont":
            w.byte(0x5D)
            w.signed(Int64(try context.index(.type, &cursor)))
            context.types[index].kind = .continuation
        default:
            cursor.index -= 1
            throw cursor.unexpected()
        }
        try cursor.expectRight()
    }

    // MARK: - Type uses

    /// A type use as written: `(type x)?` then `(param …)*` and `(result …)*`.
    struct TypeUse {
        var index: UInt32?
        var params: [[UInt8]] = []
        var paramNames: [String?] = []
        var results: [[UInt8]] = []
        var location: TextLocation
        var hasInline: Bool { !params.isEmpty || !results.isEmpty }
    }

    /// Reads a type use; `namedParams` allows `(param $x t)` (functions), otherwise a named
    /// parameter is an error (block types, `call_indirect`).
    mutating func typeUse(namedParams: Bool = true) throws(TextError) -> TypeUse {
        var use = TypeUse(location: cursor.location)
        if cursor.takeGroup("type") {
            use.index = try context.index(.type, &cursor)
            try cursor.expectRight()
        }
        while cursor.isGroup("param") {
            cursor.advance(); cursor.advance()
            if case .identifier(let name) = cursor.current.kind {
                guard namedParams else { throw cursor.unexpected() }
                cursor.advance()
                _ = takeNameAnnotation()
                use.params.append(try valueType())
                use.paramNames.append(name)
            } else {
                while !cursor.atRight {
                    use.params.append(try valueType())
                    use.paramNames.append(nil)
                }
            }
            try cursor.expectRight()
        }
        while cursor.takeGroup("result") {
            while !cursor.atRight { use.results.append(try valueType()) }
            try cursor.expectRight()
        }
        if cursor.isGroup("param") { throw cursor.unexpected() }
        return use
    }

    /// The type index a type use denotes, appending an implicit function type when no
    /// existing plain one matches (the spec's rule for inline type uses).
    mutating func resolve(_ use: TypeUse) throws(TextError) -> UInt32 {
        if let index = use.index {
            if use.hasInline {
                guard Int(index) < context.types.count else { throw TextError("unknown type", at: use.location) }
                guard let type = context.functionType(index), type.params == use.params, type.results == use.results else {
                    throw TextError("inline function type", at: use.location)
                }
            }
            return index
        }
        for (i, type) in context.types.enumerated() where type.isPlainFunction {
            if case .function(let params, let results) = type.kind, params == use.params, results == use.results {
                return UInt32(i)
            }
        }
        let index = try context.define(.type, name: nil, at: use.location)
        var definition = ModuleContext.TypeDefinition()
        definition.kind = .function(params: use.params, results: use.results)
        definition.isPlainFunction = true
        context.types.append(definition)
        var w = ByteWriter()
        w.byte(0x60)
        w.u32(use.params.count)
        for p in use.params { w.append(p) }
        w.u32(use.results.count)
        for r in use.results { w.append(r) }
        output.typeEntries.append(w.bytes)
        return index
    }

    /// The parameter types of a resolved type use (from the type when given by index).
    func parameters(of use: TypeUse, index: UInt32) -> [[UInt8]] {
        if use.index != nil, !use.hasInline { return context.functionType(index)?.params ?? [] }
        return use.params
    }
}
