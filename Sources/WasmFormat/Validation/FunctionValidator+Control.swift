/// Control instructions (spec "Control Instructions"): blocks, branches, calls and tail calls,
/// the typed-reference branches (`br_on_null`, `br_on_non_null`, `br_on_cast`,
/// `br_on_cast_fail`), exceptions (`throw`, `throw_ref`, `try_table`) and the legacy
/// exception instructions (`try`, `catch`, `catch_all`, `delegate`, `rethrow`).

extension FunctionValidator {
    mutating func control(
        _ opcode: Opcode, _ immediates: Immediates, _ reader: inout InstructionReader
    ) throws(ValidationError) {
        switch opcode {
        case .unreachable:
            markUnreachable()
        case .nop:
            break
        case .block, .loop, .try:
            guard case .blockType(let blockType) = immediates else { throw mismatch() }
            let (params, results) = try reserveSignature(blockSignature(blockType))
            try pop(params)
            pushFrame(opcode == .block ? .block : opcode == .loop ? .loop : .legacyTry, params: params, results: results)
        case .if:
            guard case .blockType(let blockType) = immediates else { throw mismatch() }
            let signature = try blockSignature(blockType)
            try pop(.i32)
            let (params, results) = reserveSignature(signature)
            try pop(params)
            pushFrame(.if, params: params, results: results)
        case .else:
            guard frames[frames.count - 1].kind == .if else { throw error("else without if") }
            try reopenFrame(as: .else, pushingParams: true)
        case .end:
            if frames[frames.count - 1].kind == .if {
                // An `if` without `else`: the parameters must make up the results.
                try reopenFrame(as: .else, pushingParams: true)
            }
            let frame = try popFrame()
            if !frames.isEmpty { push(frame.results) }
        case .br:
            let target = try label(immediates.index ?? 0)
            try pop(labelTypes(target))
            markUnreachable()
        case .brIf:
            let types = labelTypes(try label(immediates.index ?? 0))
            try pop(.i32)
            try pop(types)
            push(types)
        case .brTable:
            guard case .branchTable(let table) = immediates else { throw mismatch() }
            try pop(.i32)
            let defaultTypes = labelTypes(try label(table.defaultTarget))
            let arity = defaultTypes.count
            for target in reader.branchTargets(table) {
                let types = labelTypes(try label(target))
                guard types.count == arity else { throw mismatch() }
                try peek(matching: types)
            }
            try pop(defaultTypes)
            markUnreachable()
        case .return:
            try pop(returnTypes)
            markUnreachable()
        case .call, .returnCall:
            let type = try functionType(ofFunction: immediates.index ?? 0)
            try call(type, tail: opcode == .returnCall)
        case .callIndirect, .returnCallIndirect:
            let (typeIndex, tableIndex) = immediates.indices ?? (0, 0)
            let table = try shared.context.table(tableIndex, at: offset)
            guard isSubtype(table.elementType, .funcRef) else { throw mismatch() }
            let type = try functionType(ofTypeIndex: typeIndex)
            try pop(table.addressType.valueType)
            try call(type, tail: opcode == .returnCallIndirect)
        case .callRef, .returnCallRef:
            let typeIndex = immediates.index ?? 0
            let type = try functionType(ofTypeIndex: typeIndex)
            try pop(.ref(RefType(nullable: true, .concrete(typeIndex))))
            try call(type, tail: opcode == .returnCallRef)
        case .brOnNull:
            let reference = try popReference()
            let types = labelTypes(try label(immediates.index ?? 0))
            try pop(types)
            push(types)
            push(.ref(RefType(nullable: false, reference.heapType)))
        case .brOnNonNull:
            let reference = try popReference()
            let types = labelTypes(try label(immediates.index ?? 0))
            guard types.count >= 1 else { throw mismatch() }
            push(.ref(RefType(nullable: false, reference.heapType)))
            try pop(types)
            push(types, droppingLast: 1)
        case .brOnCast, .brOnCastFail:
            guard case .cast(let cast) = immediates else { throw mismatch() }
            try checkCastable(cast.source.heapType)
            try checkCastable(cast.target.heapType)
            guard isSubtype(cast.target, cast.source) else { throw error("type mismatch") }
            let types = labelTypes(try label(cast.label))
            guard types.count >= 1 else { throw mismatch() }
            try pop(.ref(cast.source))
            let difference = RefType(nullable: cast.source.isNullable && !cast.target.isNullable, cast.source.heapType)
            let (branched, kept) = opcode == .brOnCast ? (cast.target, difference) : (difference, cast.target)
            push(.ref(branched))
            try pop(types)
            push(types, droppingLast: 1)
            push(.ref(kept))
        case .throw:
            let type = try shared.context.tagFunctionType(immediates.index ?? 0, at: offset)
            try pop(type.parameters)
            markUnreachable()
        case .throwRef:
            try pop(.ref(RefType(nullable: true, .abstract(.exn))))
            markUnreachable()
        case .tryTable:
            guard case .tryTable(let blockType, let clauses) = immediates else { throw mismatch() }
            let (params, results) = try reserveSignature(blockSignature(blockType))
            try pop(params)
            for clause in reader.catchClauses(clauses) { try checkCatch(clause) }
            pushFrame(.tryTable, params: params, results: results)
        case .catch, .catchAll:
            let kind = frames[frames.count - 1].kind
            guard kind == .legacyTry || kind == .legacyCatch else {
                throw error(opcode == .catch ? "catch without try" : "catch_all without try")
            }
            if opcode == .catch {
                let type = try shared.context.tagFunctionType(immediates.index ?? 0, at: offset)
                try reopenFrame(as: .legacyCatch, pushingParams: false)
                push(type.parameters)
            } else {
                try reopenFrame(as: .legacyCatchAll, pushingParams: false)
            }
        case .delegate:
            guard frames[frames.count - 1].kind == .legacyTry else { throw error("delegate without try") }
            let frame = try popFrame()
            _ = try label(immediates.index ?? 0)
            push(frame.results)
        case .rethrow:
            let target = try label(immediates.index ?? 0)
            let kind = frames[target].kind
            guard kind == .legacyCatch || kind == .legacyCatchAll else { throw error("invalid rethrow label") }
            markUnreachable()
        default:
            throw mismatch()
        }
    }

    /// The function type at a type index, without copying the whole type definition (the
    /// context's lookup reports the errors).
    @inline(__always)
    func functionType(ofTypeIndex index: UInt32) throws(ValidationError) -> FunctionType {
        if Int(index) < shared.context.types.count, case .function(let type) = shared.context.types[Int(index)].composite {
            return type
        }
        return try shared.context.functionType(ofTypeIndex: index, at: offset)
    }

    /// The function type of a function (by function index).
    @inline(__always)
    func functionType(ofFunction index: UInt32) throws(ValidationError) -> FunctionType {
        guard Int(index) < shared.context.functionTypeIndices.count else {
            return try shared.context.functionType(ofFunction: index, at: offset)
        }
        return try functionType(ofTypeIndex: shared.context.functionTypeIndices[Int(index)])
    }

    /// The parameter and result types of a block type ("unknown type" for a bad index).
    func blockSignature(_ blockType: BlockType) throws(ValidationError) -> (TypeList, TypeList) {
        switch blockType {
        case .empty:
            return (.empty, .empty)
        case .value(let type):
            try shared.context.validate(type, at: offset)
            return (.empty, .one(type))
        case .typeIndex(let index):
            let type = try functionType(ofTypeIndex: index)
            return (TypeList(type.parameters), TypeList(type.results))
        }
    }

    /// A call (or tail call) of a function of `type`, its callee operand already popped.
    /// A tail call's results must match the caller's.
    mutating func call(_ type: FunctionType, tail: Bool) throws(ValidationError) {
        try pop(type.parameters)
        if tail {
            guard type.results.count == returnTypes.count else { throw mismatch() }
            for index in 0..<type.results.count where !isSubtype(type.results[index], self.type(returnTypes, index)) {
                throw mismatch()
            }
            markUnreachable()
        } else {
            push(type.results)
        }
    }

    /// A `try_table` clause: the label, in the context outside the `try_table`, must accept
    /// the tag's payload (plus the `exnref` for the `_ref` forms).
    func checkCatch(_ clause: CatchClause) throws(ValidationError) {
        let exnRef = ValueType.ref(RefType(nullable: false, .abstract(.exn)))
        switch clause {
        case .catch(let tag, let depth), .catchRef(let tag, let depth):
            let payload = try shared.context.tagFunctionType(tag, at: offset).parameters
            let types = labelTypes(try label(depth))
            var withReference = false
            if case .catchRef = clause { withReference = true }
            guard types.count == payload.count + (withReference ? 1 : 0) else { throw mismatch() }
            for index in 0..<payload.count where !isSubtype(payload[index], type(types, index)) { throw mismatch() }
            if withReference && !isSubtype(exnRef, type(types, payload.count)) { throw mismatch() }
        case .catchAll(let depth):
            guard labelTypes(try label(depth)).count == 0 else { throw mismatch() }
        case .catchAllRef(let depth):
            let types = labelTypes(try label(depth))
            guard types.count == 1, isSubtype(exnRef, type(types, 0)) else { throw mismatch() }
        }
    }
}
