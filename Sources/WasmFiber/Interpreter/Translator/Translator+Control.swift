import WasmFormat

/// Blocks, branches and the structure of exception handling.
extension Translator {
    mutating func openBlock(_ opcode: Opcode, _ immediates: Immediates, before: Int, reader: inout InstructionReader) {
        let frame = validator.frame(depth: 0)
        var entry = ControlEntry(kind: .block, height: frame.height, labelArity: frame.results.count)
        switch opcode {
        case .loop:
            entry.kind = .loop
            entry.labelArity = frame.params.count
            code.align()
            entry.loopStart = code.position
        case .if:
            entry.kind = .if
            entry.elsePatch = compareAndBranch(on: slot(before - 1), negated: true, to: nil)
        case .tryTable:
            entry.kind = .tryTable
            if case .tryTable(_, let clauses) = immediates {
                for clause in reader.catchClauses(clauses) {
                    let (kind, label): (ExceptionHandler.Kind, UInt32) = switch clause {
                    case .catch(let tag, let label): (.tag(tagIndex: tag, ref: false), label)
                    case .catchRef(let tag, let label): (.tag(tagIndex: tag, ref: true), label)
                    case .catchAll(let label): (.all(ref: false), label)
                    case .catchAllRef(let label): (.all(ref: true), label)
                    }
                    entry.catches.append((kind, control.count - 1 - Int(label)))
                }
            }
            code.align()
            entry.tryStart = code.position
        case .try:
            entry.kind = .legacyTry
            entry.exceptionSlot = localCount + hiddenSlotsInUse
            hiddenSlotsInUse += 1
            code.align()
            entry.tryStart = code.position
        default:
            break
        }
        control.append(entry)
    }

    mutating func elseBranch() {
        var entry = control.removeLast()
        defer { control.append(entry) }
        guard !entry.isDead else { return }
        if reachable {
            code.emit(.br)
            entry.patches.append(code.position)
            code.target()
        }
        code.align()
        if let patch = entry.elsePatch { code.patch(patch, with: code.position) }
        entry.elsePatch = nil
        reachable = true
    }

    mutating func closeBlock() {
        let entry = control.removeLast()
        if entry.kind == .legacyTry { hiddenSlotsInUse -= 1 }
        if entry.isDead { return }
        code.align()
        let end = code.position
        if entry.kind == .tryTable {
            for (kind, target) in entry.catches {
                addHandler(kind, range: entry.tryStart..<end, depth: control.count, target: target, exceptionSlot: -1)
            }
        }
        var reachesEnd = reachable || !entry.patches.isEmpty || !entry.handlerPatches.isEmpty || !entry.resumePatches.isEmpty
        if let patch = entry.elsePatch {
            code.patch(patch, with: end)
            reachesEnd = true
        }
        for patch in entry.patches { code.patch(patch, with: end) }
        for index in entry.handlerPatches { handlers[index].target = end }
        for (table, clause) in entry.resumePatches {
            if case .label(let slot, _) = resumeTables[table][clause].kind { resumeTables[table][clause].kind = .label(slot: slot, target: end) }
        }
        reachable = reachesEnd
        if entry.kind == .function {
            emitReturn(from: slot(0))
            reachable = false
        }
    }

    /// Legacy `catch $tag` / `catch_all`: ends the protected code (at the first clause) and
    /// starts a handler body.
    mutating func legacyCatch(_ opcode: Opcode, _ immediates: Immediates) {
        var entry = control.removeLast()
        defer { control.append(entry) }
        guard !entry.isDead else { return }
        if reachable {
            code.emit(.br)
            entry.patches.append(code.position)
            code.target()
        }
        code.align()
        if entry.tryEnd == nil { entry.tryEnd = code.position }
        let kind: ExceptionHandler.Kind = opcode == .catch
            ? .tag(tagIndex: immediates.index ?? 0, ref: false) : .all(ref: false)
        handlers.append(ExceptionHandler(
            range: entry.tryStart..<entry.tryEnd!, kind: kind, depth: control.count, slot: slot(entry.height),
            exceptionSlot: entry.exceptionSlot, target: code.position))
        reachable = true
    }

    /// Legacy `delegate $label`: exceptions from the protected code go to the handlers of the
    /// block `$label` names (counted from outside the `try`) and further out.
    mutating func legacyDelegate(label: Int) {
        let entry = control.removeLast()
        hiddenSlotsInUse -= 1
        if entry.isDead { return }
        code.align()
        let end = code.position
        handlers.append(ExceptionHandler(
            range: entry.tryStart..<end, kind: .delegate(depth: control.count - 1 - label), depth: control.count,
            slot: 0, exceptionSlot: -1, target: 0))
        for patch in entry.patches { code.patch(patch, with: end) }
        reachable = reachable || !entry.patches.isEmpty
    }

    /// Records a handler whose target is the label of control entry `target`.
    mutating func addHandler(_ kind: ExceptionHandler.Kind, range: Range<Int>, depth: Int, target: Int, exceptionSlot: Int) {
        let entry = control[target]
        var handler = ExceptionHandler(
            range: range, kind: kind, depth: depth, slot: slot(entry.height), exceptionSlot: exceptionSlot, target: 0)
        if entry.kind == .loop {
            handler.target = entry.loopStart
            handlers.append(handler)
        } else {
            handlers.append(handler)
            control[target].handlerPatches.append(handlers.count - 1)
        }
    }

    /// In unreachable code only the block structure is followed.
    mutating func translateDead(_ opcode: Opcode, _ immediates: Immediates) throws(ExecutionError) {
        switch opcode {
        case .block, .loop, .if, .tryTable, .try:
            var entry = ControlEntry(kind: .block, height: 0, labelArity: 0)
            entry.isDead = true
            if opcode == .try { entry.kind = .legacyTry; hiddenSlotsInUse += 1 }
            control.append(entry)
        case .else:
            elseBranch()
        case .catch, .catchAll:
            legacyCatch(opcode, immediates)
        case .end:
            closeBlock()
        case .delegate:
            legacyDelegate(label: Int(immediates.index ?? 0))
        default:
            break
        }
    }

    // MARK: Branches

    /// The branch target operand for the label `depth` (patched later unless it is a loop).
    mutating func emitTarget(depth: Int) {
        let index = control.count - 1 - depth
        if control[index].kind == .loop {
            code.target(control[index].loopStart)
        } else {
            control[index].patches.append(code.position)
            code.target()
        }
    }

    /// Whether a branch to `depth` with values ending at height `valuesTop` must move them.
    func needsMove(depth: Int, valuesTop: Int) -> Bool {
        let target = control[control.count - 1 - depth]
        return target.labelArity > 0 && valuesTop - target.labelArity != target.height
    }

    /// `br`: moves the label's values into place, then jumps.
    mutating func branch(to depth: Int, valuesTop: Int) {
        let target = control[control.count - 1 - depth]
        move(from: slot(valuesTop - target.labelArity), to: slot(target.height), count: target.labelArity)
        code.emit(.br)
        emitTarget(depth: depth)
    }

    /// A conditional branch (`br_if`, `br_on_null`, `br_on_non_null`): one instruction when
    /// the values are already in place, else the inverse test around a move and a `br`.
    mutating func conditionalBranch(_ op: Op, inverse: Op, condition: Int, to depth: Int, valuesTop: Int) {
        if !needsMove(depth: depth, valuesTop: valuesTop) {
            code.emit(op)
            code.slot(condition)
            emitTarget(depth: depth)
            return
        }
        code.emit(inverse)
        code.slot(condition)
        let skip = code.position
        code.target()
        branch(to: depth, valuesTop: valuesTop)
        code.align()
        code.patch(skip, with: code.position)
    }

    /// `br_table`: targets that need their values moved go through a stub each.
    mutating func branchTable(_ depths: [UInt32], index: Int, valuesTop: Int) {
        code.emit(.brTable)
        code.slot(index)
        code.slot(depths.count - 1)
        let first = code.position
        var stubs: [(entry: Int, depth: Int)] = []
        for (i, depth) in depths.enumerated() {
            if needsMove(depth: Int(depth), valuesTop: valuesTop) {
                stubs.append((first + 4 * i, Int(depth)))
                code.target()
            } else {
                emitTarget(depth: Int(depth))
            }
        }
        for stub in stubs {
            code.align()
            code.patch(stub.entry, with: code.position)
            branch(to: stub.depth, valuesTop: valuesTop)
        }
    }
}
