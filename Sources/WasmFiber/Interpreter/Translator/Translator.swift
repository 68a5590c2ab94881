import WasmFormat

/// Translates one function body into internal code (see `Op`), driving the validator one
/// instruction at a time so that every operand's stack height — hence its slot — is known
/// without re-implementing the typing rules.
///
/// Slots: parameters and locals are `0..<localCount`; legacy `try` blocks get hidden slots
/// next (their caught exception, for `rethrow`); operand height `h` is slot `operandBase + h`.
/// Values therefore never move unless a branch carries them to a label whose slots differ, and
/// a block's fall-through results are already where its label expects them.
struct Translator {
    let function: FunctionInstance
    let instance: ModuleInstance
    let body: FunctionBody
    var validator: FunctionValidator
    var code = CodeBuilder()
    var control: [ControlEntry] = []
    /// Whether the next instruction can execute (false after `br`, `return`, `unreachable`…).
    var reachable = true
    let localCount: Int
    let operandBase: Int
    var hiddenSlotsInUse = 0
    var maxHeight = 0
    var handlers: [ExceptionHandler] = []
    /// The handler clauses of each `resume` instruction, resolved.
    var resumeTables: [[ResumeHandler]] = []
    var sourceMap: [(code: UInt32, module: UInt32)] = []
    /// The peepholes of `Translator+Fusion.swift` rewrite no record before this code offset.
    var fusionFloor = 0
    /// Memory 0 if loads and stores of it can use the memory registers (memory32, unshared).
    let fastMemory: LinearMemory?

    init(function: FunctionInstance, instance: ModuleInstance) {
        self.function = function
        self.instance = instance
        let definedIndex = Int(function.index) - instance.context.importedFunctionCount
        body = instance.module.functionBodies[definedIndex]
        validator = FunctionValidator(context: instance.context)
        localCount = function.parameterCount + Int(body.localCount)
        operandBase = localCount + Translator.legacyTryCount(in: body, of: instance.module)
        fastMemory = instance.memories.first.flatMap { !$0.isShared && !$0.isMemory64 ? $0 : nil }
    }

    /// The slot of operand-stack height `height`.
    @inline(__always) func slot(_ height: Int) -> Int { operandBase + height }

    /// Translates the body.
    mutating func translate() throws(ExecutionError) -> CompiledFunction {
        var reader = instance.module.instructions(of: body)
        do {
            try validator.begin(body, functionIndex: Int(function.index))
            control.append(ControlEntry(kind: .function, height: 0, labelArity: function.resultCount))
            while let instruction = try reader.read() {
                let before = validator.operandCount
                try validator.validate(instruction, reader: &reader)
                let after = validator.operandCount
                maxHeight = max(maxHeight, before, after)
                if reachable || instruction.opcode.isStructural {
                    sourceMap.append((UInt32(code.position), UInt32(instruction.offset)))
                    try translate(instruction, before: before, after: after, reader: &reader)
                    if !instruction.opcode.isFusable { fusionFloor = code.position }
                }
            }
        } catch let error as DecodingError {
            throw .trap(Trap(.other("function \(function.index) cannot be translated: \(error)")))
        } catch let error as ValidationError {
            throw .trap(Trap(.other("function \(function.index) cannot be translated: \(error)")))
        } catch let error as ExecutionError {
            throw error
        } catch {
            throw .trap(Trap(.other("function \(function.index) cannot be translated: \(error)")))
        }
        var landings = Set(handlers.map(\.target))
        for table in resumeTables {
            for clause in table { if case .label(_, let target) = clause.kind { landings.insert(target) } }
        }
        let (pointer, size) = code.finish(landings: landings)
        return CompiledFunction(
            code: pointer, codeSize: size, frameSlots: operandBase + maxHeight + 1, localCount: localCount,
            parameterCount: function.parameterCount, handlers: handlers, resumeTables: resumeTables, sourceMap: sourceMap,
            fastMemory: fastMemory, function: function)
    }

    /// `ret` of the function's results from slot `first` on (`CodeBuilder.finish` lets a single
    /// result's producer write it to slot 0 where no branch lands on the `ret`).
    mutating func emitReturn(from first: Int) {
        code.emit(.ret)
        code.slot(first)
        code.slot(function.resultCount)
    }

    /// One instruction, reachable or structural (block boundaries are followed in dead code
    /// too, to keep the control stack in step with the validator's).
    mutating func translate(
        _ instruction: Instruction, before: Int, after: Int, reader: inout InstructionReader
    ) throws(ExecutionError) {
        let opcode = instruction.opcode
        let immediates = instruction.immediates
        if !reachable {
            try translateDead(opcode, immediates)
            return
        }
        if let (op, operands) = Translator.numericOp(opcode) {
            numeric(op, operands: operands, first: slot(before - operands))
            return
        }
        if let (fastOp, anyMemoryOp, isStore) = Translator.memoryOp(opcode) {
            guard case .memArg(let memArg) = immediates else { return }
            let fast = memArg.memory == 0 && fastMemory != nil
            if isStore {
                if fast, let variant = Translator.constantAddressVariant(fastOp),
                   let (start, producer) = producer(of: slot(before - 2)), case .constant(let address) = producer {
                    drop(recordAt: start)
                    let value = forward([slot(before - 1)])[0]
                    code.emit(variant)
                    code.slot(value)
                    code.u64(UInt64(UInt32(truncatingIfNeeded: address)) + memArg.offset)
                    return
                }
                let operands = forward([slot(before - 2), slot(before - 1)])
                if fast, operands[1] == slot(before - 1),
                   storeUpdate(fastOp, value: operands[1], address: operands[0], offset: memArg.offset) { return }
                if fast, operands[1] == slot(before - 1),
                   storeComputed(fastOp, value: operands[1], address: operands[0], offset: memArg.offset) { return }
                if fast, operands[1] == slot(before - 1),
                   storeConstant(fastOp, value: operands[1], address: operands[0], addressSlot: slot(before - 2), offset: memArg.offset) { return }
                if fast, operands[0] == slot(before - 2),
                   storeAtComputedAddress(fastOp, value: operands[1], constant: nil, address: operands[0], offset: memArg.offset) { return }
                code.emit(fast ? fastOp : anyMemoryOp)
                code.slot(operands[1])
                code.slot(operands[0])
            } else {
                let variants = fast ? Translator.addressVariant(fastOp) : nil
                switch loadAddress(at: slot(before - 1), fusing: variants != nil) {
                case .slot(let address):
                    code.emit(fast ? fastOp : anyMemoryOp)
                    code.slot(slot(before - 1))
                    code.slot(address)
                case .plusImmediate(let base, let addend):
                    code.emit(variants!.addImmediate)
                    code.slot(slot(before - 1))
                    code.slot(base)
                    code.u64(memArg.offset)
                    code.u64(UInt64(addend))
                    return
                case .constant(let address):
                    code.emit(Translator.constantAddressVariant(fastOp)!)
                    code.slot(slot(before - 1))
                    code.u64(UInt64(address) + memArg.offset)
                    return
                case .sum(let a, let b):
                    code.emit(variants!.indexed)
                    code.slot(slot(before - 1))
                    code.slot(a)
                    code.slot(b)
                    code.u64(memArg.offset)
                    return
                }
            }
            code.u64(memArg.offset)
            if !fast { code.object(instance.memories[Int(memArg.memory)]) }
            return
        }
        switch opcode {
        case .nop, .drop:
            break
        case .unreachable:
            code.emit(.unreachable)
            reachable = false
        case .block, .loop, .if, .tryTable, .try:
            openBlock(opcode, immediates, before: before, reader: &reader)
        case .else:
            elseBranch()
        case .end:
            closeBlock()
        case .catch, .catchAll:
            legacyCatch(opcode, immediates)
        case .delegate:
            legacyDelegate(label: Int(immediates.index ?? 0))
        case .br:
            branch(to: Int(immediates.index ?? 0), valuesTop: before)
            reachable = false
        case .brIf:
            let depth = Int(immediates.index ?? 0)
            if needsMove(depth: depth, valuesTop: before - 1) {
                conditionalBranch(.brIf, inverse: .brUnless, condition: slot(before - 1), to: depth, valuesTop: before - 1)
            } else {
                compareAndBranch(on: slot(before - 1), negated: false, to: depth)
            }
        case .brOnNull:
            conditionalBranch(.brOnNull, inverse: .brOnNonNull, condition: slot(before - 1), to: Int(immediates.index ?? 0), valuesTop: before - 1)
        case .brOnNonNull:
            conditionalBranch(.brOnNonNull, inverse: .brOnNull, condition: slot(before - 1), to: Int(immediates.index ?? 0), valuesTop: before)
        case .brTable:
            guard case .branchTable(let table) = immediates else { return }
            branchTable(Array(reader.branchTargets(table)) + [table.defaultTarget], index: slot(before - 1), valuesTop: before - 1)
            reachable = false
        case .return:
            emitReturn(from: slot(before - function.resultCount))
            reachable = false
        case .call, .returnCall, .callIndirect, .returnCallIndirect, .callRef, .returnCallRef:
            call(opcode, immediates, before: before)
        case .select, .selectT:
            select(slot(before - 3))
        case .localGet:
            copy(from: Int(immediates.index ?? 0), to: slot(before))
        case .localSet, .localTee:
            setLocal(Int(immediates.index ?? 0), from: slot(before - 1), tee: opcode == .localTee)
        case .globalGet:
            code.emit(.globalGet)
            code.slot(slot(before))
            code.u64(UInt64(UInt(bitPattern: instance.globals[Int(immediates.index ?? 0)].cell)))
        case .globalSet:
            code.emit(.globalSet)
            code.slot(slot(before - 1))
            code.u64(UInt64(UInt(bitPattern: instance.globals[Int(immediates.index ?? 0)].cell)))
        case .i32Const:
            if case .i32(let value) = immediates { constant(UInt64(UInt32(bitPattern: value)), at: slot(before)) }
        case .i64Const:
            if case .i64(let value) = immediates { constant(UInt64(bitPattern: value), at: slot(before)) }
        case .f32Const:
            if case .f32(let bits) = immediates { constant(UInt64(bits), at: slot(before)) }
        case .f64Const:
            if case .f64(let bits) = immediates { constant(bits, at: slot(before)) }
        case .refNull:
            constant(Reference.null, at: slot(before))
        case .refFunc:
            constant(Reference.function(instance.functions[Int(immediates.index ?? 0)]), at: slot(before))
        case .refIsNull:
            code.emit(.refIsNull)
            code.slot(slot(before - 1))
            code.slot(slot(before - 1))
        case .refAsNonNull:
            code.emit(.refAsNonNull)
            code.slot(slot(before - 1))
        case .refEq:
            code.emit(.refEq)
            code.slot(slot(before - 2))
            code.slot(slot(before - 2))
            code.slot(slot(before - 1))
        case .throw, .throwRef, .rethrow:
            throwInstruction(opcode, immediates, before: before)
            reachable = false
        case .contNew, .contBind, .resume, .resumeThrow, .resumeThrowRef, .suspend, .switch:
            stackSwitching(opcode, immediates, before: before, reader: &reader)
        default:
            if try translateMemoryOrTable(opcode, immediates, before: before) { return }
            if try translateAtomic(opcode, immediates, before: before) { return }
            // GC heap instructions and stack switching: not executable yet; the function
            // still runs up to this point.
            code.emit(.unsupported)
            code.u32(UInt32(opcode.rawValue))
            reachable = false
        }
    }

    // MARK: Helpers

    /// `dst = src` (nothing when they are the same slot).
    mutating func copy(from source: Int, to destination: Int) {
        guard source != destination else { return }
        code.emit(.copy)
        code.slot(destination)
        code.slot(source)
    }

    /// Moves `count` slots from `source` to `destination` (ranges may overlap).
    mutating func move(from source: Int, to destination: Int, count: Int) {
        guard source != destination, count > 0 else { return }
        if destination < source {
            for i in 0..<count { copy(from: source + i, to: destination + i) }
        } else {
            for i in (0..<count).reversed() { copy(from: source + i, to: destination + i) }
        }
    }

    mutating func constant(_ value: UInt64, at destination: Int) {
        code.emit(.const)
        code.slot(destination)
        code.u64(value)
    }

    /// How many legacy `try` blocks a body has (each needs a hidden slot). Only modules that
    /// can contain them are scanned.
    static func legacyTryCount(in body: FunctionBody, of module: WasmFormat.Module) -> Int {
        guard module.features.contains(.legacyExceptions),
              module.bytes[body.code].contains(0x06) else { return 0 }
        var reader = module.instructions(of: body)
        var count = 0
        while let instruction = try? reader.read() {
            if instruction.opcode == .try { count += 1 }
        }
        return count
    }
}

extension Opcode {
    /// Instructions whose records the peepholes understand (`Translator+Fusion.swift`): every
    /// other instruction raises the fusion floor.
    var isFusable: Bool {
        switch self {
        case .localGet, .localSet, .localTee, .i32Const, .i64Const, .f32Const, .f64Const, .globalGet, .select, .selectT: true
        default: Translator.numericOp(self) != nil || Translator.memoryOp(self).map { !$0.isStore } == true
        }
    }

    /// Instructions that open, divide or close blocks: followed in unreachable code too.
    var isStructural: Bool {
        switch self {
        case .block, .loop, .if, .else, .end, .tryTable, .try, .catch, .catchAll, .delegate: true
        default: false
        }
    }
}
