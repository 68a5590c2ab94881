import WasmFormat

/// Plain (non-structured) instructions: the mnemonic is looked up in `InstructionTable`, and
/// the immediates are read in **text** order and written in binary order.
///
/// The text order differs from the binary order for `call_indirect` (table before type use),
/// `memory.init` and `table.init` (memory/table before segment); optional indices (table 0,
/// memory 0, both or neither of `memory.copy`/`table.copy`) are filled in here.
extension ModuleParser {
    /// Reads one plain instruction and returns its encoding (opcode and immediates).
    mutating func plainInstruction(_ w: inout InstructionWriter) throws(TextError) -> [UInt8] {
        guard let name = cursor.current.atom else {
            if case .reserved(let text) = cursor.current.kind { throw cursor.error("unknown operator \(text)") }
            throw cursor.unexpected()
        }
        let location = cursor.location
        if ModuleParser.sequenceTerminators.contains(name) { throw cursor.unexpected() }
        var tableName = name
        if name == "select" {
            var probe = cursor
            probe.advance()
            if probe.isGroup("result") { tableName = "select t" }
        }
        guard let info = InstructionTable.named(tableName) ?? localInstruction(tableName) else {
            if ModuleParser.structuralKeywords.contains(name) { throw cursor.unexpected() }
            if name.hasPrefix("v128.") || name.hasPrefix("i8x16.") || name.hasPrefix("i16x8.") || name.hasPrefix("i32x4.")
                || name.hasPrefix("i64x2.") || name.hasPrefix("f32x4.") || name.hasPrefix("f64x2."),
                !name.contains("/"), !name.contains(":")
            {
                throw cursor.error("SIMD is not supported yet (\(name))")
            }
            throw cursor.error("unknown operator \(name)")
        }
        cursor.advance()
        var out = ByteWriter()
        var finalInfo = info
        // ref.test / ref.cast: the nullability of the written type picks the opcode.
        if name == "ref.test" || name == "ref.cast" {
            let (nullable, heap) = try referenceTypeParts()
            if nullable, let nullInfo = InstructionTable.named(name + " null") { finalInfo = nullInfo }
            opcode(finalInfo.encoding, &out)
            out.append(heap)
            return out.bytes
        }
        opcode(info.encoding, &out)
        switch name {
        case "call_indirect", "return_call_indirect":
            var table: UInt32 = 0
            if ModuleContext.atIndex(cursor) { table = try context.index(.table, &cursor) }
            let use = try typeUse(namedParams: false)
            out.u32(try resolve(use))
            out.u32(table)
            return out.bytes
        case "memory.init", "table.init":
            let isMemory = name == "memory.init"
            var target: UInt32 = 0
            // Two indices: target then segment; one index: the segment.
            var lookahead = cursor
            if ModuleContext.atIndex(lookahead) {
                lookahead.advance()
                if ModuleContext.atIndex(lookahead) {
                    target = try context.index(isMemory ? .memory : .table, &cursor)
                }
            }
            let segment = try context.index(isMemory ? .data : .elem, &cursor)
            out.u32(segment)
            out.u32(target)
            if isMemory { output.needsDataCount = true }
            return out.bytes
        case "memory.copy", "table.copy":
            // Both indices (destination, source) or neither.
            let space: ModuleContext.Space = name == "memory.copy" ? .memory : .table
            if ModuleContext.atIndex(cursor) {
                out.u32(try context.index(space, &cursor))
                guard ModuleContext.atIndex(cursor) else { throw cursor.unexpected() }
                out.u32(try context.index(space, &cursor))
            } else {
                out.u32(0)
                out.u32(0)
            }
            return out.bytes
        case "select":
            if tableName == "select t" {
                var types: [[UInt8]] = []
                while cursor.takeGroup("result") {
                    while !cursor.atRight { types.append(try valueType()) }
                    try cursor.expectRight()
                }
                out.u32(types.count)
                for t in types { out.append(t) }
            }
            return out.bytes
        default:
            break
        }
        var lastType: UInt32 = 0
        for immediate in info.immediates {
            switch immediate {
            case .label:
                out.u32(try w.label(&cursor))
            case .labelTable:
                var labels: [UInt32] = []
                while InstructionWriter.atLabel(cursor) { labels.append(try w.label(&cursor)) }
                guard let last = labels.popLast() else { throw cursor.unexpected() }
                out.u32(labels.count)
                for l in labels { out.u32(l) }
                out.u32(last)
            case .function: out.u32(try context.index(.function, &cursor))
            case .type:
                lastType = try context.index(.type, &cursor)
                out.u32(lastType)
            case .global: out.u32(try context.index(.global, &cursor))
            case .tag: out.u32(try context.index(.tag, &cursor))
            case .elem: out.u32(try context.index(.elem, &cursor))
            case .data:
                // Code that names a data segment needs the data count section.
                out.u32(try context.index(.data, &cursor))
                output.needsDataCount = true
            case .local: out.u32(try w.scope.local(&cursor))
            case .table:
                out.u32(ModuleContext.atIndex(cursor) ? try context.index(.table, &cursor) : 0)
            case .memory:
                out.u32(ModuleContext.atIndex(cursor) ? try context.index(.memory, &cursor) : 0)
            case .field:
                out.u32(try fieldIndex(of: lastType))
            case .u32:
                out.u32(try cursor.expectU32())
            case .memArg, .memArgLane:
                try memoryArgument(name, &out)
            case .i32:
                out.signed(Int64(Int32(bitPattern: try constant { IntegerLiteral.i32($0) })))
            case .i64:
                out.signed(Int64(bitPattern: try constant { IntegerLiteral.i64($0) }))
            case .f32:
                out.fixed32(try constant { FloatLiteral.f32($0) })
            case .f64:
                out.fixed64(try constant { FloatLiteral.f64($0) })
            case .zeroByte:
                out.byte(0)
            case .valueTypes:
                break
            case .heapType:
                out.append(try heapType())
            case .castFlags:
                let label = try w.label(&cursor)
                let (nullable1, heap1) = try referenceTypeParts()
                let (nullable2, heap2) = try referenceTypeParts()
                out.byte((nullable1 ? 1 : 0) | (nullable2 ? 2 : 0))
                out.u32(label)
                out.append(heap1)
                out.append(heap2)
            case .handlers:
                var handlers = ByteWriter()
                var count = 0
                while cursor.takeGroup("on") {
                    let tag = try context.index(.tag, &cursor)
                    if cursor.takeKeyword("switch") {
                        handlers.byte(1)
                        handlers.u32(tag)
                    } else {
                        handlers.byte(0)
                        handlers.u32(tag)
                        handlers.u32(try w.label(&cursor))
                    }
                    try cursor.expectRight()
                    count += 1
                }
                out.u32(count)
                out.append(handlers.bytes)
            case .blockType, .catchClauses:
                throw TextError("internal: structured instruction \(name) in plain position", at: location)
            }
        }
        return out.bytes
    }

    /// Instructions the shared table does not list but the text must accept.
    private func localInstruction(_ name: String) -> InstructionInfo? {
        switch name {
        case "i64.add128": return InstructionInfo(name, Encoding(prefix: 0xFC, 19))
        case "i64.sub128": return InstructionInfo(name, Encoding(prefix: 0xFC, 20))
        case "i64.mul_wide_s": return InstructionInfo(name, Encoding(prefix: 0xFC, 21))
        case "i64.mul_wide_u": return InstructionInfo(name, Encoding(prefix: 0xFC, 22))
        default: return nil
        }
    }

    /// Writes an opcode: one byte, or a prefix byte and a LEB128 sub-opcode.
    private func opcode(_ encoding: Encoding, _ out: inout ByteWriter) {
        if let prefix = encoding.prefix {
            out.byte(prefix)
            out.u32(encoding.code)
        } else {
            out.byte(UInt8(encoding.code))
        }
    }

    /// Reads a numeric constant operand; malformed numbers are "unknown operator", numbers
    /// too large are "constant out of range".
    private mutating func constant<T>(_ parse: (String) -> Result<T, IntegerLiteral.Failure>) throws(TextError) -> T {
        guard let text = cursor.current.atom, text != "nan:canonical", text != "nan:arithmetic" else {
            throw cursor.unexpected()
        }
        switch parse(text) {
        case .success(let value):
            cursor.advance()
            return value
        case .failure(.outOfRange): throw cursor.error("constant out of range")
        case .failure(.notANumber): throw cursor.error("unknown operator \(text)")
        }
    }

    /// A struct field: index or `$name` within the struct type `type`.
    private mutating func fieldIndex(of type: UInt32) throws(TextError) -> UInt32 {
        if case .identifier(let name) = cursor.current.kind {
            guard Int(type) < context.types.count, let index = context.types[Int(type)].fieldNames[name] else {
                throw cursor.error("unknown field $\(name)")
            }
            cursor.advance()
            return index
        }
        return try cursor.expectU32()
    }

    /// `memidx? offset=n? align=n?`, written as flags (log2 alignment, bit 6 when a memory
    /// index follows), memory index, offset.
    private mutating func memoryArgument(_ name: String, _ out: inout ByteWriter) throws(TextError) {
        var memory: UInt32 = 0
        if ModuleContext.atIndex(cursor) { memory = try context.index(.memory, &cursor) }
        var offset: UInt64 = 0
        var alignment = UInt64(ModuleParser.naturalAlignment(name))
        if let text = cursor.current.atom, text.hasPrefix("offset=") {
            switch IntegerLiteral.unsigned(String(text.dropFirst(7)), max: .max) {
            case .success(let value): offset = value
            case .failure(.outOfRange): throw cursor.error("i64 constant out of range")
            case .failure(.notANumber): throw cursor.error("unknown operator \(text)")
            }
            cursor.advance()
        }
        if let text = cursor.current.atom, text.hasPrefix("align=") {
            switch IntegerLiteral.unsigned(String(text.dropFirst(6)), max: .max) {
            case .success(let value):
                guard value != 0, value & (value - 1) == 0 else {
                    throw cursor.error("alignment must be a power of two")
                }
                alignment = value
            case .failure(.outOfRange): throw cursor.error("i64 constant out of range")
            case .failure(.notANumber): throw cursor.error("unknown operator \(text)")
            }
            cursor.advance()
        }
        let log2 = UInt32(alignment.trailingZeroBitCount)
        if memory != 0 {
            out.u32(log2 | 0x40)
            out.u32(memory)
        } else {
            out.u32(log2)
        }
        out.unsigned(offset)
    }

    /// The natural alignment in bytes of a memory instruction, from its mnemonic
    /// (`i64.load32_u` → 4, `i32.atomic.rmw8.add_u` → 1, `f64.store` → 8).
    static func naturalAlignment(_ name: String) -> Int {
        if name == "memory.atomic.notify" || name == "memory.atomic.wait32" { return 4 }
        if name == "memory.atomic.wait64" { return 8 }
        // The access width follows "load", "store" or "rmw" when it is narrower than the type.
        let characters = Array(name.utf8)
        for marker in ["load", "store", "rmw"] {
            let m = Array(marker.utf8)
            guard characters.count > m.count else { continue }
            for start in 0...(characters.count - m.count) where Array(characters[start..<(start + m.count)]) == m {
                var bits = 0
                var i = start + m.count
                while i < characters.count, characters[i] >= UInt8(ascii: "0"), characters[i] <= UInt8(ascii: "9") {
                    bits = bits * 10 + Int(characters[i] - UInt8(ascii: "0"))
                    i += 1
                }
                if bits >= 8 { return bits / 8 }
            }
        }
        if name.hasPrefix("v128") { return 16 }
        if name.hasPrefix("i64") || name.hasPrefix("f64") { return 8 }
        return 4
    }
}
