/// Element and data segments, and constant expressions.
extension ModuleParser {
    /// Where a segment's contents go.
    enum SegmentMode {
        case passive
        case declarative
        /// Into a table or memory at an offset (a constant expression ending in `end`).
        /// `explicitTable`: the text named the table, which selects the binary forms that
        /// carry a table index (as other encoders do) even for table 0.
        case active(table: UInt32, offset: [UInt8], explicitTable: Bool)
    }

    /// The items of an element segment.
    enum ElementItems {
        /// Function indices (`func $f …`): element type `(ref func)`.
        case functions([UInt32])
        /// Expressions (each ending in `end`) of the given reference type.
        case expressions(type: [UInt8], [[UInt8]])
    }

    /// A constant expression: instructions up to the closing parenthesis, then `end`.
    mutating func constantExpression() throws(TextError) -> [UInt8] {
        var writer = InstructionWriter(scope: FunctionScope())
        try instructionSequence(&writer)
        writer.code.byte(0x0B)
        return writer.code.bytes
    }

    /// `(offset instr*)` or a single folded instruction.
    private mutating func offsetExpression() throws(TextError) -> [UInt8] {
        if cursor.takeGroup("offset") {
            let expression = try constantExpression()
            try cursor.expectRight()
            return expression
        }
        var writer = InstructionWriter(scope: FunctionScope())
        guard cursor.current.kind == .leftParen else { throw cursor.unexpected() }
        try foldedInstruction(&writer)
        writer.code.byte(0x0B)
        return writer.code.bytes
    }

    /// An element list: `reftype expr*` / `reftype (item expr)*`, `func idx*`, or (in the
    /// old abbreviation) bare function indices. Returns the items and their number.
    mutating func elementList(_ knownType: [UInt8]?, allowBareIndices: Bool) throws(TextError) -> (ElementItems, Int) {
        var type = knownType
        if knownType == nil {
            if cursor.takeKeyword("func") {
                var indices: [UInt32] = []
                while ModuleContext.atIndex(cursor) { indices.append(try context.index(.function, &cursor)) }
                return (.functions(indices), indices.count)
            }
            type = try referenceType()
        }
        guard let type else {
            guard allowBareIndices else { throw cursor.unexpected() }
            var indices: [UInt32] = []
            while ModuleContext.atIndex(cursor) { indices.append(try context.index(.function, &cursor)) }
            return (.functions(indices), indices.count)
        }
        // In a table abbreviation, bare indices may follow the element type.
        if knownType != nil, ModuleContext.atIndex(cursor) {
            var indices: [UInt32] = []
            while ModuleContext.atIndex(cursor) { indices.append(try context.index(.function, &cursor)) }
            if type != [0x70] && type != [0x64, 0x70] {
                return (.expressions(type: type, indices.map { i in var w = ByteWriter(); w.byte(0xD2); w.u32(i); w.byte(0x0B); return w.bytes }), indices.count)
            }
            return (.functions(indices), indices.count)
        }
        var expressions: [[UInt8]] = []
        while cursor.current.kind == .leftParen {
            if cursor.takeGroup("item") {
                expressions.append(try constantExpression())
                try cursor.expectRight()
            } else {
                var writer = InstructionWriter(scope: FunctionScope())
                try foldedInstruction(&writer)
                writer.code.byte(0x0B)
                expressions.append(writer.code.bytes)
            }
        }
        guard cursor.atRight else { throw cursor.unexpected() }
        return (.expressions(type: type, expressions), expressions.count)
    }

    /// Appends an element segment, choosing the most compact of the eight binary forms.
    mutating func addElementSegment(mode: SegmentMode, items: ElementItems) {
        definedCounts[.elem, default: 0] += 1
        var w = ByteWriter()
        switch items {
        case .functions(let indices):
            switch mode {
            case .active(let table, let offset, let explicitTable):
                if table == 0 && !explicitTable {
                    w.byte(0); w.append(offset)
                } else {
                    w.byte(2); w.u32(table); w.append(offset); w.byte(0)
                }
            case .passive: w.byte(1); w.byte(0)
            case .declarative: w.byte(3); w.byte(0)
            }
            w.u32(indices.count)
            for i in indices { w.u32(i) }
        case .expressions(let type, let expressions):
            switch mode {
            case .active(let table, let offset, let explicitTable):
                if table == 0 && !explicitTable && type == [0x70] {
                    w.byte(4); w.append(offset)
                } else {
                    w.byte(6); w.u32(table); w.append(offset); w.append(type)
                }
            case .passive: w.byte(5); w.append(type)
            case .declarative: w.byte(7); w.append(type)
            }
            w.u32(expressions.count)
            for e in expressions { w.append(e) }
        }
        output.elems.append(w.bytes)
    }

    /// `(elem $id? mode elemlist)`.
    mutating func compileElem() throws(TextError) {
        cursor.advance(); cursor.advance()
        _ = cursor.takeIdentifier()
        if let name = takeNameAnnotation() { output.annotatedNames[.elem, default: [:]][nextIndex(.elem)] = name }
        let mode: SegmentMode
        if cursor.takeKeyword("declare") {
            mode = .declarative
        } else if cursor.current.kind == .leftParen && !cursor.isGroup("item") && !cursor.isGroup("ref") {
            // A group that is neither an item nor a `(ref …)` element type starts the mode.
            var table: UInt32 = 0
            var explicit = false
            if cursor.takeGroup("table") {
                table = try context.index(.table, &cursor)
                explicit = true
                try cursor.expectRight()
            }
            mode = .active(table: table, offset: try offsetExpression(), explicitTable: explicit)
        } else if ModuleContext.atIndex(cursor) {
            // `(elem 0 (offset …) …)`: a table index without `(table …)` (old syntax).
            let table = try context.index(.table, &cursor)
            mode = .active(table: table, offset: try offsetExpression(), explicitTable: true)
        } else {
            mode = .passive
        }
        let bare: Bool
        if case .active = mode { bare = true } else { bare = false }
        let (items, _) = try elementList(nil, allowBareIndices: bare)
        try cursor.expectRight()
        addElementSegment(mode: mode, items: items)
    }

    /// `(data $id? ((memory x)? offset)? "bytes"*)`.
    mutating func compileData() throws(TextError) {
        cursor.advance(); cursor.advance()
        _ = cursor.takeIdentifier()
        if let name = takeNameAnnotation() { output.annotatedNames[.data, default: [:]][nextIndex(.data)] = name }
        definedCounts[.data, default: 0] += 1
        var w = ByteWriter()
        if cursor.current.kind == .leftParen || ModuleContext.atIndex(cursor) {
            var memory: UInt32 = 0
            if cursor.takeGroup("memory") {
                memory = try context.index(.memory, &cursor)
                try cursor.expectRight()
            } else if ModuleContext.atIndex(cursor) {
                memory = try context.index(.memory, &cursor)
            }
            let offset = try offsetExpression()
            if memory == 0 {
                w.byte(0)
            } else {
                w.byte(2)
                w.u32(memory)
            }
            w.append(offset)
        } else {
            w.byte(1)
        }
        var bytes: [UInt8] = []
        while let piece = cursor.takeString() { bytes += piece }
        try cursor.expectRight()
        w.name(bytes)
        output.datas.append(w.bytes)
    }
}
