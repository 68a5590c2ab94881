/// Peepholes over the records just emitted, so that the values of `local.get` and constants
/// are not copied to the operand stack first, results go straight to the local a `local.set`
/// names, and a comparison feeding `br_if` / `if` becomes one compare-and-branch record.
///
/// A peephole only rewrites records emitted at or after `fusionFloor`, which rises past every
/// instruction other than the ones these rewrites understand (locals, constants, numeric
/// operators, loads, `global.get`): so no branch can land between a producer and its consumer,
/// and nothing between them can write the local a fused operand reads.
extension Translator {
    /// What the record before code offset `limit` left in `slot`, if it is a copy of a local
    /// or a constant at or above the floor.
    enum Producer {
        case local(Int)
        case constant(UInt64)
    }

    /// The start of the record that ends at `limit`, if it is at or above the floor.
    func record(before limit: Int) -> Int? {
        guard let last = code.records.last(where: { $0 < limit }), last >= fusionFloor else { return nil }
        return last
    }

    func producer(of slot: Int, before limit: Int) -> (start: Int, value: Producer)? {
        guard let start = record(before: limit), Int(code.u32(at: start + 8)) == slot else { return nil }
        switch code.op(at: start) {
        case .copy:
            let source = Int(code.u32(at: start + 12))
            return source < localCount ? (start, .local(source)) : nil
        case .const:
            return (start, .constant(code.u64(at: start + 16)))
        default:
            return nil
        }
    }

    /// Drops the records from `position` on; the instruction being translated (the last
    /// source-map entry) then starts there.
    mutating func rewind(to position: Int) {
        guard position < code.position else { return }
        code.truncate(to: position)
        let current = sourceMap.removeLast()
        while let last = sourceMap.last, Int(last.code) >= position { sourceMap.removeLast() }
        sourceMap.append((UInt32(position), current.module))
    }

    /// The operands at `slots` (in stack order), each read from the local it was just copied
    /// from where that copy is among the last records (the copies are dropped).
    mutating func forward(_ slots: [Int]) -> [Int] {
        var operands = slots
        var cut = code.position
        for i in stride(from: slots.count - 1, through: 0, by: -1) {
            guard let (start, value) = producer(of: slots[i], before: cut), case .local(let local) = value else { break }
            operands[i] = local
            cut = start
        }
        rewind(to: cut)
        return operands
    }

    /// A numeric operator whose operands are at `first` (and `first + 1`): reads locals and
    /// immediates where the operands were just copied from them.
    mutating func numeric(_ op: Op, operands: Int, first: Int) {
        var cut = code.position
        var a = first, b = first + 1
        var immediate: UInt64?
        if operands == 2, let (start, value) = producer(of: b, before: cut) {
            switch value {
            case .local(let local):
                b = local
                cut = start
            case .constant(let constant):
                if Translator.immediateVariant(op) != nil {
                    immediate = constant
                    cut = start
                }
            }
        }
        if let (start, value) = producer(of: a, before: cut), case .local(let local) = value {
            a = local
            cut = start
        }
        rewind(to: cut)
        if let immediate, let variant = Translator.immediateVariant(op) {
            code.emit(variant)
            code.slot(first)
            code.slot(a)
            code.u64(immediate)
        } else {
            code.emit(op)
            code.slot(first)
            code.slot(a)
            if operands == 2 { code.slot(b) }
        }
    }

    /// `local.set` / `local.tee` of the value at `top`: the record that computed it writes the
    /// local instead, when it is the last one; a tee then copies the local back to `top`.
    mutating func setLocal(_ local: Int, from top: Int, tee: Bool) {
        if let start = record(before: code.position), Int(code.u32(at: start + 8)) == top,
           Translator.writesResultOnly(code.op(at: start)) {
            code.patch(start + 8, with: local)
            if code.op(at: start) == .copy, Int(code.u32(at: start + 12)) == local { code.truncate(to: start) }
            if tee { copy(from: local, to: top) }
            return
        }
        copy(from: top, to: local)
    }

    /// A branch on the condition at `condition` to the label `depth` (values in place): one
    /// compare-and-branch record when the condition was just computed by an integer comparison.
    /// With `negated`, branches when the condition is false (`if`); returns the target
    /// operand's offset for those.
    @discardableResult
    mutating func compareAndBranch(on condition: Int, negated: Bool, to depth: Int?) -> Int {
        if let start = record(before: code.position), Int(code.u32(at: start + 8)) == condition {
            let op = code.op(at: start)
            let a = Int(code.u32(at: start + 12))
            if op == .copy, a < localCount {
                rewind(to: start)
                code.emit(negated ? .brUnless : .brIf)
                code.slot(a)
                return emitBranchTarget(depth)
            }
            if op == .i32Eqz {
                rewind(to: start)
                code.emit(negated ? .brIf : .brUnless)
                code.slot(a)
                return emitBranchTarget(depth)
            }
            if let (_, inverse, isImmediate) = Translator.branchVariant(op),
               let (branch, _, _) = Translator.branchVariant(negated ? inverse : op) {
                let (b, immediate) = (Int(code.u32(at: start + 16)), isImmediate ? code.u64(at: start + 16) : 0)
                rewind(to: start)
                code.emit(branch)
                code.slot(a)
                if isImmediate {
                    let target = emitBranchTarget(depth)
                    code.u64(immediate)
                    return target
                }
                code.slot(b)
                return emitBranchTarget(depth)
            }
        }
        code.emit(negated ? .brUnless : .brIf)
        code.slot(condition)
        return emitBranchTarget(depth)
    }

    /// A target operand for label `depth`, or a placeholder to patch (`nil`: the `if`'s else).
    private mutating func emitBranchTarget(_ depth: Int?) -> Int {
        let position = code.position
        if let depth { emitTarget(depth: depth) } else { code.target() }
        return position
    }
}
