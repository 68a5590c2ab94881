/// Instruction sequences in both text forms: flat (`block … end`) and folded
/// (`(i32.add (local.get 0) (i32.const 1))`, `(if (then …) (else …))`).
///
/// Structured instructions (blocks, `if`, `try_table`, legacy `try`) are handled here; every
/// other instruction is looked up in `InstructionTable` and its immediates are read by
/// `InstructionImmediates.swift`.
extension ModuleParser {
    /// Keywords that end a flat instruction sequence (they belong to the enclosing block).
    static let sequenceTerminators: Set<String> = ["end", "else", "catch", "catch_all", "delegate"]

    /// Keywords that are structure, not instructions: met in instruction position they are
    /// "unexpected token" rather than "unknown operator".
    static let structuralKeywords: Set<String> = [
        "param", "result", "local", "type", "export", "import", "then", "do", "item", "offset",
        "mut", "ref", "field", "on", "table", "memory", "global", "func", "elem", "data", "tag", "start",
    ]

    /// Instructions up to a `)`, the end of input or a terminator keyword.
    mutating func instructionSequence(_ w: inout InstructionWriter) throws(TextError) {
        while true {
            switch cursor.current.kind {
            case .leftParen:
                try foldedInstruction(&w)
            case .atom(let name):
                if ModuleParser.sequenceTerminators.contains(name) { return }
                try flatInstruction(&w)
            case .rightParen, .end:
                return
            case .reserved(let text):
                throw cursor.error("unknown operator \(text)")
            default:
                throw cursor.unexpected()
            }
        }
    }

    /// Takes a branch hint annotation written just before the current token.
    mutating func takeBranchHint() -> [UInt8]? {
        guard let entry = cursor.stream.branchHints[cursor.index] else { return nil }
        usedBranchHints.insert(cursor.index)
        return entry.hint
    }

    /// A label after `block`/`loop`/`if`/`try`/`try_table`, pushed for the block's body.
    private mutating func blockLabel(_ w: inout InstructionWriter) -> String? {
        let label = cursor.takeIdentifier()
        if let label { w.labelNames[w.blockCount] = label }
        w.blockCount += 1
        return label
    }

    /// A block type: empty, one result type, or a type index (inline types are resolved).
    mutating func blockType(_ w: inout InstructionWriter) throws(TextError) {
        let use = try typeUse(namedParams: false)
        if use.index == nil && use.params.isEmpty && use.results.count <= 1 {
            if let result = use.results.first { w.code.append(result) } else { w.code.byte(0x40) }
            return
        }
        w.code.signed(Int64(try resolve(use)))
    }

    /// `end $l?` / `else $l?`: a repeated label must match the block's.
    private mutating func closingLabel(_ label: String?) throws(TextError) {
        let location = cursor.location
        if let name = cursor.takeIdentifier(), name != label {
            throw TextError("mismatching label", at: location)
        }
    }

    /// One flat instruction (a structured one takes its whole body up to `end`).
    mutating func flatInstruction(_ w: inout InstructionWriter) throws(TextError) {
        guard let name = cursor.current.atom else { throw cursor.unexpected() }
        defer { w.depth -= 1 }
        try w.enterLevel(cursor)
        // A flat instruction's opcode is its first byte.
        if let hint = takeBranchHint() { w.branchHints.append((w.code.bytes.count, hint)) }
        switch name {
        case "block", "loop":
            let label = try openFlatBlock(name == "block" ? 0x02 : 0x03, &w)
            try instructionSequence(&w)
            try closeFlatBlock(label, &w)
        case "if":
            let label = try openFlatBlock(0x04, &w)
            try instructionSequence(&w)
            if cursor.takeKeyword("else") {
                try closingLabel(label)
                w.code.byte(0x05)
                try instructionSequence(&w)
            }
            try closeFlatBlock(label, &w)
        case "try_table":
            let label = try openFlatBlock(0x1F, &w) { (parser, w) throws(TextError) in try parser.catchClauses(&w) }
            try instructionSequence(&w)
            try closeFlatBlock(label, &w)
        case "try":
            let label = try openFlatBlock(0x06, &w)
            try instructionSequence(&w)
            while cursor.current.atom == "catch" {
                cursor.advance()
                w.code.byte(0x07)
                w.code.u32(try context.index(.tag, &cursor))
                try instructionSequence(&w)
            }
            if cursor.takeKeyword("catch_all") {
                w.code.byte(0x19)
                try instructionSequence(&w)
            }
            w.labels.removeLast()
            if cursor.takeKeyword("delegate") {
                w.code.byte(0x18)
                w.code.u32(try w.label(&cursor))
                return
            }
            try cursor.expectKeyword("end")
            try closingLabel(label)
            w.code.byte(0x0B)
        default:
            let encoded = try plainInstruction(&w)
            w.code.append(encoded)
        }
    }

    /// The head of a flat structured instruction: `keyword $label? blocktype`, emitted as the
    /// opcode and block type; `immediates` reads what follows the block type (try_table's
    /// catch clauses, resolved outside the block). Opens the label's scope.
    private mutating func openFlatBlock(
        _ opcode: UInt8, _ w: inout InstructionWriter,
        immediates: (inout ModuleParser, inout InstructionWriter) throws(TextError) -> Void = { _, _ in }
    ) throws(TextError) -> String? {
        cursor.advance()
        let label = blockLabel(&w)
        w.code.byte(opcode)
        try blockType(&w)
        try immediates(&self, &w)
        w.labels.append(label)
        return label
    }

    /// `end $label?` of a flat structured instruction; closes the label's scope.
    private mutating func closeFlatBlock(_ label: String?, _ w: inout InstructionWriter) throws(TextError) {
        w.labels.removeLast()
        try cursor.expectKeyword("end")
        try closingLabel(label)
        w.code.byte(0x0B)
    }

    /// `(catch $tag $l)`, `(catch_ref $tag $l)`, `(catch_all $l)`, `(catch_all_ref $l)`:
    /// their labels are resolved outside the `try_table`.
    private mutating func catchClauses(_ w: inout InstructionWriter) throws(TextError) {
        var clauses = ByteWriter()
        var count = 0
        while cursor.current.kind == .leftParen, let keyword = cursor.peek(1).atom,
            ["catch", "catch_ref", "catch_all", "catch_all_ref"].contains(keyword)
        {
            cursor.advance(); cursor.advance()
            switch keyword {
            case "catch", "catch_ref":
                clauses.byte(keyword == "catch" ? 0 : 1)
                clauses.u32(try context.index(.tag, &cursor))
            default:
                clauses.byte(keyword == "catch_all" ? 2 : 3)
            }
            clauses.u32(try w.label(&cursor))
            try cursor.expectRight()
            count += 1
        }
        w.code.u32(count)
        w.code.append(clauses.bytes)
    }

    /// One folded instruction `( … )`: its operands first, then the instruction.
    mutating func foldedInstruction(_ w: inout InstructionWriter) throws(TextError) {
        defer { w.depth -= 1 }
        try w.enterLevel(cursor)
        let hint = takeBranchHint()
        try cursor.expectLeft()
        guard let name = cursor.current.atom else {
            if case .reserved(let text) = cursor.current.kind { throw cursor.error("unknown operator \(text)") }
            throw cursor.unexpected()
        }
        // Blocks write their opcode first; `if` and plain instructions after their operands.
        if let hint, name != "if", ["block", "loop", "try", "try_table"].contains(name) {
            w.branchHints.append((w.code.bytes.count, hint))
        }
        switch name {
        case "block", "loop":
            cursor.advance()
            let label = blockLabel(&w)
            w.code.byte(name == "block" ? 0x02 : 0x03)
            try blockType(&w)
            w.labels.append(label)
            try instructionSequence(&w)
            w.labels.removeLast()
            w.code.byte(0x0B)
        case "if":
            cursor.advance()
            let label = blockLabel(&w)
            var header = InstructionWriter(scope: w.scope)
            try blockType(&header)
            while cursor.current.kind == .leftParen && !cursor.isGroup("then") {
                try foldedInstruction(&w)
            }
            if let hint { w.branchHints.append((w.code.bytes.count, hint)) }
            w.code.byte(0x04)
            w.code.append(header.code.bytes)
            w.labels.append(label)
            guard cursor.takeGroup("then") else { throw cursor.unexpected() }
            try instructionSequence(&w)
            try cursor.expectRight()
            if cursor.takeGroup("else") {
                w.code.byte(0x05)
                try instructionSequence(&w)
                try cursor.expectRight()
            }
            w.labels.removeLast()
            w.code.byte(0x0B)
        case "try_table":
            cursor.advance()
            let label = blockLabel(&w)
            w.code.byte(0x1F)
            try blockType(&w)
            try catchClauses(&w)
            w.labels.append(label)
            try instructionSequence(&w)
            w.labels.removeLast()
            w.code.byte(0x0B)
        case "try":
            cursor.advance()
            let label = blockLabel(&w)
            w.code.byte(0x06)
            try blockType(&w)
            w.labels.append(label)
            guard cursor.takeGroup("do") else { throw cursor.unexpected() }
            try instructionSequence(&w)
            try cursor.expectRight()
            var handled = false
            while cursor.takeGroup("catch") {
                handled = true
                w.code.byte(0x07)
                w.code.u32(try context.index(.tag, &cursor))
                try instructionSequence(&w)
                try cursor.expectRight()
            }
            if cursor.takeGroup("catch_all") {
                handled = true
                w.code.byte(0x19)
                try instructionSequence(&w)
                try cursor.expectRight()
            }
            w.labels.removeLast()
            if !handled, cursor.takeGroup("delegate") {
                w.code.byte(0x18)
                w.code.u32(try w.label(&cursor))
                try cursor.expectRight()
            } else {
                w.code.byte(0x0B)
            }
        default:
            let encoded = try plainInstruction(&w)
            while cursor.current.kind == .leftParen { try foldedInstruction(&w) }
            if let hint { w.branchHints.append((w.code.bytes.count, hint)) }
            w.code.append(encoded)
        }
        try cursor.expectRight()
    }
}
