/// The validator's fast path: the common one-byte instructions (numeric operators and
/// constants, locals, globals, loads and stores, calls, branches, blocks) are decoded straight
/// from the reader's bytes and checked here, without building an `Instruction` through the
/// general `InstructionReader.read()` (which spent about 120 instructions per instruction on
/// table lookups, checks for prefixes, features and nesting, and the result value). Everything
/// else, and every case the fast path does not cover exactly (the body's final `end`, the last
/// bytes of the body, a disabled feature), goes through `read()` and `validate(_:reader:)`.
///
/// The fast path must accept and reject exactly what the general path does, with the same
/// errors: it is only taken for opcodes whose feature is enabled in the reader (otherwise
/// `read()` reports it), it decodes every immediate with the same `BinaryReader`
/// methods (same limits, same errors at the same offsets) before checking the instruction,
/// and the checks themselves are the family handlers' (`numeric`, `variable`, `control`,
/// `memoryAccess`) or the same rules written out for the locals.

/// What the fast path does with an opcode byte.
struct FastOpcode: Sendable {
    /// How the byte's immediates are decoded, and so which check follows.
    enum Kind: UInt8, Sendable {
        /// Not on the fast path: `read()` and `validate(_:reader:)`.
        case slow
        /// A numeric operator without immediates (`numeric`).
        case numeric
        /// `i32.const`, `i64.const`, `f32.const`, `f64.const`: the value is skipped.
        case constI32, constI64, constF32, constF64
        case localGet, localSet, localTee
        /// Another variable instruction with one index (`global.get`, `global.set`).
        case variableIndex
        /// A variable instruction without immediates (`drop`, `select`).
        case variableNone
        /// A control instruction without immediates (`nop`, `unreachable`, `return`, `else`).
        case controlNone
        /// A control instruction with one index (`br`, `br_if`, `call`).
        case controlIndex
        /// `block`, `loop`, `if`: a block type; opens a block.
        case opensBlock
        /// `end`: closes a block (not the body's final `end`, which `read()` checks).
        case end
        /// A load or store (`memarg`).
        case memory
    }

    var kind: Kind
    var opcode: Opcode
    /// The feature the opcode needs (`FeatureSet` bit), checked per instruction so that one
    /// table serves every feature set.
    var featureBit: UInt32
    /// For the numeric kinds, the signature `[first second] -> [result]` with `operandCount`
    /// (0, 1 or 2) operands, held here so that the check is two compares and a store.
    var operandCount: UInt8 = 0
    var first = ValueType.i32
    var second = ValueType.i32
    var result = ValueType.i32

    /// The fast path of every opcode byte, built once per process (a validator is made for
    /// every function the interpreter translates, so it must not build tables).
    static let table: [FastOpcode] = {
        let decode = DecodeTables.shared.single
        return (0..<256).map { byte in
            let entry = decode[byte]
            let slow = FastOpcode(kind: .slow, opcode: entry.opcode, featureBit: entry.featureBit)
            guard entry.isLegal, !entry.usesData else { return slow }
            let opcode = entry.opcode
            let kind: Kind
            switch (FunctionValidator.familyTable[Int(opcode.rawValue)], entry.shape) {
            case (.numeric, .none): kind = .numeric
            case (.numeric, .i32): kind = .constI32
            case (.numeric, .i64): kind = .constI64
            case (.numeric, .f32): kind = .constF32
            case (.numeric, .f64): kind = .constF64
            case (.variable, .index) where opcode == .localGet: kind = .localGet
            case (.variable, .index) where opcode == .localSet: kind = .localSet
            case (.variable, .index) where opcode == .localTee: kind = .localTee
            case (.variable, .index) where entry.first == .global: kind = .variableIndex
            case (.variable, .none): kind = .variableNone
            case (.control, .none) where entry.nesting == .none: kind = .controlNone
            case (.control, .none) where opcode == .end: kind = .end
            case (.control, .index) where entry.nesting == .none && (entry.first == .label || entry.first == .function):
                kind = .controlIndex
            case (.control, .blockType) where opcode == .block || opcode == .loop || opcode == .if: kind = .opensBlock
            case (.memory, .memArg): kind = .memory
            default: return slow
            }
            var fast = FastOpcode(kind: kind, opcode: opcode, featureBit: entry.featureBit)
            if let signature = FunctionValidator.numericSignatureTable[Int(opcode.rawValue)] {
                fast.result = signature.result
                if let first = signature.first {
                    fast.first = first
                    fast.operandCount = 1
                    if let second = signature.second {
                        fast.second = second
                        fast.operandCount = 2
                    }
                }
            }
            return fast
        }
    }()
}

extension FunctionValidator {
    /// Decodes and checks the next instruction if the fast path covers it; returns `false`,
    /// having read nothing, if `read()` must take it.
    @inline(__always)
    mutating func validateSimple(_ reader: inout InstructionReader) throws(ValidationError) -> Bool {
        let start = reader.reader.position
        guard start < reader.end, reader.depth > 0, !frames.isEmpty else { return false }
        let fast = shared.fastOpcodes[Int(reader.reader.bytes[start])]
        let opcode = fast.opcode
        // The final `end` checks the body's size: `read()` does that.
        if fast.kind == .slow || reader.features.rawValue & fast.featureBit == 0
            || (fast.kind == .end && reader.depth <= 1) {
            return false
        }
        offset = start
        reader.reader.position = start + 1
        // Immediates first (decoding errors come before typing errors, as in `read()`).
        var index: UInt32 = 0
        var blockType = BlockType.empty
        var memArg = MemArg(align: 0, offset: 0)
        do throws(DecodingError) {
            switch fast.kind {
            case .localGet, .localSet, .localTee, .variableIndex, .controlIndex: index = try reader.reader.readU32()
            case .constI32: _ = try reader.reader.readS32()
            case .constI64: _ = try reader.reader.readS64()
            case .constF32: _ = try reader.reader.readF32Bits()
            case .constF64: _ = try reader.reader.readF64Bits()
            case .opensBlock:
                blockType = try reader.readBlockType()
                reader.depth += 1
            case .end: reader.depth -= 1
            case .memory: memArg = try reader.readMemArg()
            case .slow, .numeric, .variableNone, .controlNone: break
            }
        } catch {
            throw ValidationError(error.message, offset: error.offset, function: functionIndex)
        }
        do throws(ValidationError) {
            switch fast.kind {
            case .numeric, .constI32, .constI64, .constF32, .constF64:
                // `numeric(_:)` with the signature at hand: pop the second operand, then the
                // first (a number type matches only itself or Unknown), push the result.
                if fast.operandCount == 2 { try popNumber(fast.second) }
                if fast.operandCount >= 1 { try popNumber(fast.first) }
                push(fast.result)
            case .localGet:
                let type = try localType(index)
                guard isSet(index, type) else { throw error("uninitialized local \(index)") }
                push(type)
            case .localSet:
                let type = try localType(index)
                try pop(type)
                setLocal(index, type)
            case .localTee:
                let type = try localType(index)
                try pop(type)
                setLocal(index, type)
                push(type)
            case .variableIndex: try variable(opcode, .index(index), &reader)
            case .variableNone: try variable(opcode, .none, &reader)
            case .controlNone, .end: try control(opcode, .none, &reader)
            case .controlIndex: try control(opcode, .index(index), &reader)
            case .opensBlock: try control(opcode, .blockType(blockType), &reader)
            case .memory: try memoryAccess(opcode, .memArg(memArg))
            case .slow: break
            }
        } catch {
            // As in `validate(_:reader:)`.
            var located = error
            located.function = functionIndex
            if located.offset == nil { located.offset = offset }
            throw located
        }
        return true
    }

    /// `pop(_:)` for an expected number type, whose only subtype is itself.
    @inline(__always)
    mutating func popNumber(_ expected: ValueType) throws(ValidationError) {
        if height == frameHeight {
            if frameUnreachable { return }
            throw mismatch()
        }
        height -= 1
        if let actual = operands[height], !Self.same(actual, expected) { throw mismatch() }
    }
}
