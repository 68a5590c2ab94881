/// Numeric instructions (spec "Numeric Instructions"): constants, tests, comparisons,
/// arithmetic and conversions. Their typing follows from their names (`t.op`, `t.cvt_t'`), so
/// the signatures are derived once from `InstructionTable`, and so is the family table that
/// routes each opcode to its `FunctionValidator+….swift` file.

/// The type of a numeric instruction: `[first second?] -> [result]` (no operands for `const`).
struct NumericSignature: Sendable {
    var first: ValueType?
    var second: ValueType?
    var result: ValueType
}

/// Which file validates an instruction.
enum InstructionFamily: UInt8, Sendable {
    case numeric, memory, control, variable, reference, gc, stackSwitching
    /// An instruction added to the table without typing rules here (rejected, not a crash).
    case unsupported
}

extension FunctionValidator {
    /// The family of every opcode, by raw value (from the two tables below, so that no name
    /// is parsed twice when the tables are built, once per process).
    static let familyTable: [InstructionFamily] = Opcode.allCases.map { opcode in
        family(of: opcode, isMemoryAccess: memoryAccessTable[Int(opcode.rawValue)] != nil,
               isNumeric: numericSignatureTable[Int(opcode.rawValue)] != nil)
    }

    /// The numeric signature of every opcode, by raw value (`nil` for the others).
    static let numericSignatureTable: [NumericSignature?] = Opcode.allCases.map { numericSignature(of: $0.name) }

    /// The family of `opcode`, given whether its name is a memory access's (`memoryAccess(of:)`)
    /// and whether it is a numeric instruction's (`numericSignature(of:)`).
    static func family(of opcode: Opcode, isMemoryAccess: Bool, isNumeric: Bool) -> InstructionFamily {
        switch opcode {
        case .unreachable, .nop, .block, .loop, .if, .else, .try, .catch, .throw, .rethrow, .throwRef, .end,
             .br, .brIf, .brTable, .return, .call, .callIndirect, .returnCall, .returnCallIndirect, .callRef,
             .returnCallRef, .delegate, .catchAll, .tryTable, .brOnNull, .brOnNonNull, .brOnCast, .brOnCastFail:
            return .control
        case .drop, .select, .selectT, .localGet, .localSet, .localTee, .globalGet, .globalSet:
            return .variable
        case .refNull, .refIsNull, .refFunc, .refEq, .refAsNonNull, .refTest, .refTestNull, .refCast, .refCastNull,
             .tableGet, .tableSet, .tableInit, .elemDrop, .tableCopy, .tableGrow, .tableSize, .tableFill:
            return .reference
        case .contNew, .contBind, .suspend, .resume, .resumeThrow, .resumeThrowRef, .switch:
            return .stackSwitching
        case .memorySize, .memoryGrow, .memoryInit, .dataDrop, .memoryCopy, .memoryFill, .atomicFence:
            return .memory
        default:
            let name = opcode.name
            if name.hasPrefix("struct.") || name.hasPrefix("array.") || name.hasPrefix("i31.")
                || name == "ref.i31" || name == "any.convert_extern" || name == "extern.convert_any" {
                return .gc
            }
            if isMemoryAccess { return .memory }
            return isNumeric ? .numeric : .unsupported
        }
    }

    /// The signature implied by a numeric instruction's name, or `nil` if it is not one.
    static func numericSignature(of name: String) -> NumericSignature? {
        guard let (prefix, operation) = splitName(name), let type = numberType(prefix) else { return nil }
        if nameContains(operation, "load") || nameContains(operation, "store") || operation.hasPrefix("atomic") {
            return nil
        }
        switch operation {
        case "const":
            return NumericSignature(result: type)
        case "eqz":
            return NumericSignature(first: type, result: .i32)
        case "eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u", "lt", "gt", "le", "ge":
            return NumericSignature(first: type, second: type, result: .i32)
        case "clz", "ctz", "popcnt", "abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt",
             "extend8_s", "extend16_s", "extend32_s":
            return NumericSignature(first: type, result: type)
        case "add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s", "shr_u",
             "rotl", "rotr", "div", "min", "max", "copysign":
            return NumericSignature(first: type, second: type, result: type)
        default:
            // Conversions: `t.op_t'` or `t.op_t'_sx` (wrap, extend, trunc, trunc_sat, convert,
            // demote, promote, reinterpret).
            for piece in operation.split(separator: "_") {
                if let source = numberType(String(piece)) { return NumericSignature(first: source, result: type) }
            }
            return nil
        }
    }

    /// An instruction name split at its first `.` (`"i32.add"` → `("i32", "add")`), `nil`
    /// without one or with an empty part; a byte search rather than `split`, which was a
    /// good part of building the tables (see `nameContains`).
    static func splitName(_ name: String) -> (String, String)? {
        let utf8 = name.utf8
        guard let dot = utf8.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        let after = utf8.index(after: dot)
        guard dot != utf8.startIndex, after != utf8.endIndex else { return nil }
        return (String(name[..<dot]), String(name[after...]))
    }

    /// Whether the instruction name part `text` contains `part`, as a byte search: the
    /// tables above are built at the first validation of every process, and
    /// `String.contains(_:)` (from _StringProcessing) made that cost ~19 M instructions
    /// (callgrind, `wasmfiber validate`), about 4 ms.
    static func nameContains(_ text: String, _ part: String) -> Bool {
        let haystack = Array(text.utf8), needle = Array(part.utf8)
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }

    static func numberType(_ name: String) -> ValueType? {
        switch name {
        case "i32": .i32
        case "i64": .i64
        case "f32": .f32
        case "f64": .f64
        default: nil
        }
    }

    /// `[t1 t2?] -> [t]` from the signature table.
    @inline(__always)
    mutating func numeric(_ opcode: Opcode) throws(ValidationError) {
        guard let signature = shared.numericSignatures[Int(opcode.rawValue)] else { throw mismatch() }
        if let second = signature.second { try pop(second) }
        if let first = signature.first { try pop(first) }
        push(signature.result)
    }
}
