/// Peepholes over the records just emitted, so that the values of `local.get` and constants
/// are not copied to the operand stack first, results go straight to the local a `local.set`
/// names, and a comparison feeding `br_if` / `if` becomes one compare-and-branch record.
///
/// A peephole only rewrites records emitted at or after `fusionFloor`, which rises past every
/// instruction other than the ones these rewrites understand (locals, constants, numeric
/// operators, loads, `global.get`, `select`): so no branch lands between a producer and its
/// consumer, and every record in between writes just the slot at its byte 8, which lets
/// `producer(of:)` check that nothing in between writes the local a fused operand reads.
extension Translator {
    /// How many records back `producer(of:)` looks (keeps translation linear in long blocks).
    static let fusionWindow = 24

    /// A value a consumer can read without its copy: a local, or a constant.
    enum Producer {
        case local(Int)
        case constant(UInt64)
    }

    /// An operand of a fused record: a slot or an immediate.
    enum RecordOperand {
        case slot(Int)
        case immediate(UInt64)
    }

    /// The operands of the binary-operator record at `start` (the second a slot, or with
    /// `hasImmediate` the immediate at 16); the record goes, with everything after it.
    private mutating func takeBinaryRecord(at start: Int, hasImmediate: Bool) -> (a: Int, b: RecordOperand) {
        let a = Int(code.u32(at: start + 12))
        let b: RecordOperand = hasImmediate ? .immediate(code.u64(at: start + 16)) : .slot(Int(code.u32(at: start + 16)))
        rewind(to: start)
        return (a, b)
    }

    /// What the operand-stack slot `slot` holds, when the last record that wrote it (above
    /// the floor) copied a local that no later record wrote, or stored a constant: that
    /// record's start and the local or constant.
    func producer(of slot: Int) -> (start: Int, value: Producer)? {
        // Every record above the floor writes exactly its slot at byte 8 (and reads its
        // operands before), so the last writer of `slot` is the one whose byte 8 names it.
        // A later record may also read `slot` without consuming it: a `local.tee` that could
        // not retarget its value's record copies from it. Then the writer must stay.
        var written: [Int] = []
        for start in code.records.reversed().prefix(Translator.fusionWindow) {
            guard start >= fusionFloor else { return nil }
            let destination = Int(code.u32(at: start + 8))
            if destination != slot, code.op(at: start) == .copy, Int(code.u32(at: start + 12)) == slot { return nil }
            if destination == slot {
                switch code.op(at: start) {
                case .copy:
                    let source = Int(code.u32(at: start + 12))
                    return source < localCount && !written.contains(source) ? (start, .local(source)) : nil
                case .const:
                    return (start, .constant(code.u64(at: start + 16)))
                default:
                    return nil
                }
            }
            written.append(destination)
        }
        return nil
    }

    /// The start of the record that ends at `limit`, if it is at or above the floor.
    func record(before limit: Int) -> Int? {
        guard let last = code.records.last(where: { $0 < limit }), last >= fusionFloor else { return nil }
        return last
    }

    /// Removes the record at `start` (a producer whose value the consumer now reads itself);
    /// the source map follows the records that move.
    mutating func drop(recordAt start: Int) {
        let length = code.remove(recordAt: start)
        let end = start + length
        // Entries of the dropped record go; later ones (the current instruction's among them)
        // move down with their records. The map is in code order and the dropped record is
        // recent, so only its tail is touched (rewriting the whole map made translation
        // quadratic in the function's size).
        var first = sourceMap.count
        while first > 0, Int(sourceMap[first - 1].code) >= start { first -= 1 }
        var kept = first
        for i in first..<sourceMap.count {
            let position = Int(sourceMap[i].code)
            guard position >= end else { continue }
            sourceMap[kept] = (UInt32(position - length), sourceMap[i].module)
            kept += 1
        }
        sourceMap.removeLast(sourceMap.count - kept)
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

    /// The operands at `slots`, each read from the local it was copied from where that is
    /// safe (see `producer(of:)`); the copies are dropped.
    mutating func forward(_ slots: [Int]) -> [Int] {
        var operands = slots
        for i in slots.indices.reversed() {
            guard let (start, value) = producer(of: slots[i]), case .local(let local) = value else { continue }
            drop(recordAt: start)
            operands[i] = local
        }
        return operands
    }

    /// A numeric operator whose operands are at `first` (and `first + 1`): reads locals and
    /// immediates where the operands were copied from them, and takes in the binary operator
    /// that computed one of its operands just before it (`chain`).
    mutating func numeric(_ op: Op, operands: Int, first: Int) {
        if operands == 2, let variant = Translator.immediateVariant(op), let (start, value) = producer(of: first + 1),
           case .constant(let constant) = value {
            drop(recordAt: start)
            let a = forward([first])[0]
            if a == first, chain(op, into: first, operand: first, other: .immediate(constant)) { return }
            code.emit(variant)
            code.slot(first)
            code.slot(a)
            code.u64(constant)
            return
        }
        if operands == 2, let variant = Translator.immediateVariant(op), Translator.isCommutative(op),
           let (start, value) = producer(of: first), case .constant(let constant) = value {
            drop(recordAt: start)
            let b = forward([first + 1])[0]
            if b == first + 1, chain(op, into: first, operand: first + 1, other: .immediate(constant)) { return }
            code.emit(variant)
            code.slot(first)
            code.slot(b)
            code.u64(constant)
            return
        }
        if operands == 2, let variant = Translator.immediateLeftVariant(op), let (start, value) = producer(of: first),
           case .constant(let constant) = value {
            drop(recordAt: start)
            let b = forward([first + 1])[0]
            code.emit(variant)
            code.slot(first)
            code.slot(b)
            code.u64(constant)
            return
        }
        let sources = forward(operands == 2 ? [first, first + 1] : [first])
        if operands == 2 {
            if sources[1] == first + 1, chain(op, into: first, operand: first + 1, other: .slot(sources[0])) { return }
            if sources[0] == first, chain(op, into: first, operand: first, other: .slot(sources[1])) { return }
            if sources[1] == first + 1, load(into: op, destination: first, operand: first + 1, other: sources[0]) { return }
            if sources[0] == first, load(into: op, destination: first, operand: first, other: sources[1]) { return }
        }
        code.emit(op)
        code.slot(first)
        for source in sources { code.slot(source) }
    }

    /// Fuses the binary operator `op` with the record just emitted, when that record is a
    /// binary operator computing `op`'s operand at slot `operand` (the first operand's slot is
    /// `destination`): one chained record writes `destination` (see the generator's chained
    /// forms). `other` is `op`'s other operand.
    private mutating func chain(_ op: Op, into destination: Int, operand: Int, other: RecordOperand) -> Bool {
        guard let start = record(before: code.position), Int(code.u32(at: start + 8)) == operand else { return false }
        let isImmediate: Bool
        switch other {
        case .immediate: isImmediate = true
        case .slot: isImmediate = false
        }
        let reversed = !isImmediate && operand != destination && !Translator.isCommutative(op)
        guard let (fused, firstHasImmediate) = Translator.chainedVariant(
            code.op(at: start), op, reversed: reversed, immediate: isImmediate) else { return false }
        let (a, b) = takeBinaryRecord(at: start, hasImmediate: firstHasImmediate)
        code.emit(fused)
        code.slot(destination)
        code.slot(a)
        // Layouts: `a b c`, `a c imm`, `a b imm2`, `a imm imm2` (slots first, then immediates).
        switch (b, other) {
        case (.slot(let b), .slot(let c)):
            code.slot(b)
            code.slot(c)
        case (.immediate(let immediate), .slot(let c)):
            code.slot(c)
            code.u64(immediate)
        case (.slot(let b), .immediate(let immediate2)):
            code.slot(b)
            code.u64(immediate2)
        case (.immediate(let immediate), .immediate(let immediate2)):
            code.u64(immediate)
            code.u64(immediate2)
        }
        return true
    }

    /// Fuses the binary operator `op` with the record just emitted, when that record is a
    /// full-width load of memory 0 of `op`'s operand at slot `operand`: one record loads and
    /// computes (`…Load<Op>`), and keeps the load's place in the source map (only the load can
    /// trap). `other` is `op`'s other operand.
    private mutating func load(into op: Op, destination: Int, operand: Int, other: Int) -> Bool {
        guard let start = record(before: code.position), Int(code.u32(at: start + 8)) == operand else { return false }
        let reversed = operand != destination && !Translator.isCommutative(op)
        guard let (fused, hasAddend) = Translator.loadingVariant(code.op(at: start), op, reversed: reversed) else { return false }
        let addend = hasAddend ? code.u32(at: start + 24) : 0
        let address = Int(code.u32(at: start + 12))
        let offset = code.u64(at: start + 16)
        let loadInstruction = sourceMap.last(where: { Int($0.code) <= start })?.module
        rewind(to: start)
        if let loadInstruction { sourceMap[sourceMap.count - 1].module = loadInstruction }
        code.emit(fused)
        code.slot(destination)
        code.slot(address)
        code.slot(other)
        code.u32(addend)
        code.u64(offset)
        return true
    }

    /// A full-width store of memory 0 (`store`) of the value at `value` to `address`: when the
    /// record just emitted computed the value with a binary operator, one record computes and
    /// stores (`<op>Store`), in the store's place in the source map. Returns whether it did.
    mutating func storeComputed(_ store: Op, value: Int, address: Int, offset: UInt64) -> Bool {
        guard let start = record(before: code.position), Int(code.u32(at: start + 8)) == value,
              let (fused, isImmediate) = Translator.storingVariant(code.op(at: start), store) else { return false }
        let (a, b) = takeBinaryRecord(at: start, hasImmediate: isImmediate)
        code.emit(fused)
        code.slot(a)
        switch b {
        case .immediate(let immediate):
            code.slot(address)
            code.u64(offset)
            code.u64(immediate)
        case .slot(let b):
            code.slot(b)
            code.slot(address)
            code.u64(offset)
        }
        return true
    }

    /// A full-width store of memory 0 (`store`) of the value at `value` to `address` + `offset`,
    /// when the record just emitted computed the value from a load of the same place
    /// (`mem[p] op= x`): a binary operator whose first operand an earlier record loaded into an
    /// operand-stack slot, or a load fused into its operator. One record loads, computes and
    /// stores back (`<t><Op>Memory`), in the load's place in the source map: only the bounds
    /// check can trap, the load's first. Returns whether it did.
    mutating func storeUpdate(_ store: Op, value: Int, address: Int, offset: UInt64) -> Bool {
        guard let start = record(before: code.position), Int(code.u32(at: start + 8)) == value else { return false }
        let op = code.op(at: start)
        if let fused = Translator.memoryUpdateVariant(loading: op, store) {
            // `<load><Op>`: dst@8 address@12 c@16 addend@20 offset@24.
            guard Int(code.u32(at: start + 12)) == address, code.u32(at: start + 20) == 0,
                  code.u64(at: start + 24) == offset else { return false }
            let x = Int(code.u32(at: start + 16))
            let loadInstruction = sourceMap.last(where: { Int($0.code) <= start })?.module
            rewind(to: start)
            emitMemoryUpdate(fused, address: address, x: .slot(x), offset: offset, source: loadInstruction)
            return true
        }
        // A binary operator (`dst, a, b` or `dst, a, imm@16`) whose `a` was loaded from the place.
        let loaded = Int(code.u32(at: start + 12))
        guard loaded >= operandBase, let loadStart = lastWriter(of: loaded, before: start, keeping: address),
              Int(code.u32(at: loadStart + 12)) == address, code.u64(at: loadStart + 16) == offset,
              let (fused, hasImmediate) = Translator.memoryUpdateVariant(code.op(at: loadStart), op, store) else { return false }
        let x: RecordOperand = hasImmediate ? .immediate(code.u64(at: start + 16)) : .slot(Int(code.u32(at: start + 16)))
        if case .slot(loaded) = x { return false }  // `mem[p] op mem[p]`: both operands are the load
        let loadInstruction = sourceMap.last(where: { Int($0.code) <= loadStart })?.module
        drop(recordAt: loadStart)
        rewind(to: code.records.last!)
        emitMemoryUpdate(fused, address: address, x: x, offset: offset, source: loadInstruction)
        return true
    }

    /// The start of the last record before `limit` (above the floor, in the fusion window) that
    /// wrote `slot`, if no record after it wrote `kept` or can fail (the record found may then
    /// move to `limit` without changing which failure comes first).
    private func lastWriter(of slot: Int, before limit: Int, keeping kept: Int) -> Int? {
        for start in code.records.reversed().prefix(Translator.fusionWindow) where start < limit {
            guard start >= fusionFloor else { return nil }
            let destination = Int(code.u32(at: start + 8))
            if destination == slot { return start }
            if destination == kept || Translator.canFail(code.op(at: start)) { return nil }
        }
        return nil
    }

    /// Emits `<t><Op>Memory address, x, offset` or `<t><Op>ImmMemory address, offset, imm`, with
    /// the source-map entry of the instruction being translated moved to `source`.
    private mutating func emitMemoryUpdate(_ op: Op, address: Int, x: RecordOperand, offset: UInt64, source: UInt32?) {
        if let source { sourceMap[sourceMap.count - 1].module = source }
        code.emit(op)
        code.slot(address)
        switch x {
        case .slot(let x):
            code.slot(x)
            code.u64(offset)
        case .immediate(let immediate):
            code.u64(offset)
            code.u64(immediate)
        }
    }

    /// A store of memory 0 (`store`) of the value at `value`: when the value is a constant
    /// stored to the slot just before, the store takes it as an immediate (`<store>Imm`, or
    /// `storeAtComputedAddress` when the address operand `address` is the operand-stack slot
    /// `addressSlot` and was computed just before).
    mutating func storeConstant(_ store: Op, value: Int, address: Int, addressSlot: Int, offset: UInt64) -> Bool {
        guard let variant = Translator.immediateStore(store), let (start, producer) = self.producer(of: value),
              case .constant(let constant) = producer, code.records.last == start else { return false }
        rewind(to: start)
        if address == addressSlot,
           storeAtComputedAddress(store, value: value, constant: constant, address: address, offset: offset) { return true }
        code.emit(variant)
        code.slot(address)
        code.u64(offset)
        code.u64(constant)
        return true
    }

    /// `select` of the operands at `first`, `first + 1` and the condition at `first + 2`: an
    /// `i32.eqz` or `i64.eqz` computing the condition just before goes, and the operands swap;
    /// then an `and` of a constant computing the (remaining) condition in an operand-stack slot
    /// just before goes too (`selectBits`).
    mutating func select(_ first: Int) {
        var operands = forward([first, first + 1, first + 2])
        var op = Op.select
        if operands[2] == first + 2, let start = record(before: code.position), Int(code.u32(at: start + 8)) == first + 2,
           code.op(at: start) == .i32Eqz || code.op(at: start) == .i64Eqz {
            if code.op(at: start) == .i64Eqz { op = .selectWide }
            operands = [operands[1], operands[0], Int(code.u32(at: start + 12))]
            rewind(to: start)
        }
        if operands[2] >= operandBase, let (bits, mask) = takeBitTest(writing: operands[2], wide: op == .selectWide) {
            code.emit(.selectBits)
            code.slot(first)
            code.slot(operands[0])
            code.slot(operands[1])
            code.slot(bits)
            code.u64(mask)
            return
        }
        code.emit(op)
        code.slot(first)
        for operand in operands { code.slot(operand) }
    }

    /// When the record just emitted computed the operand-stack slot `slot` (a condition its
    /// consumer takes) as `a & constant` (`i32.and`, or with `wide` `i64.and`): the record goes,
    /// and `a` and the constant (an `i32`'s zero-extended) come back.
    private mutating func takeBitTest(writing slot: Int, wide: Bool) -> (a: Int, mask: UInt64)? {
        guard let start = record(before: code.position), Int(code.u32(at: start + 8)) == slot,
              code.op(at: start) == (wide ? .i64AndImm : .i32AndImm) else { return nil }
        let a = Int(code.u32(at: start + 12))
        let mask = wide ? code.u64(at: start + 16) : code.u64(at: start + 16) & 0xFFFF_FFFF
        rewind(to: start)
        return (a, mask)
    }

    /// How a plain load or store of memory 0 finds its address.
    enum AccessAddress {
        /// In one slot.
        case slot(Int)
        /// `a + imm`, wrapped to 32 bits.
        case plusImmediate(Int, UInt32)
        /// `a + b`, wrapped to 32 bits.
        case sum(Int, Int)
        /// A constant.
        case constant(UInt32)
    }

    /// The address of a plain load of memory 0 whose address operand is at `slot`: the local it
    /// was copied from, a constant (`…Constant`), or the operands of the record just emitted
    /// when it computed the address (`takeAddressRecord`).
    mutating func loadAddress(at slot: Int, fusing: Bool) -> AccessAddress {
        if fusing, let (start, producer) = producer(of: slot), case .constant(let constant) = producer {
            drop(recordAt: start)
            return .constant(UInt32(truncatingIfNeeded: constant))
        }
        let address = forward([slot])[0]
        guard address == slot, fusing, let computed = takeAddressRecord(writing: slot) else { return .slot(address) }
        return computed
    }

    /// When the record just emitted computed the operand-stack slot `slot` (an access's address,
    /// which the access consumes) with `i32.add`/`i32.sub` of a constant or `i32.add` of two
    /// slots: the record goes and its operands come back (the access computes the sum itself,
    /// `…AddImm` / `…Indexed`). With `value`, the address record may also be the one before the
    /// record just emitted, when that one only computed the operand-stack slot `value` (a
    /// store's value, above the address on the stack: it cannot have read the address) and the
    /// address record did not read `value`, which the later record overwrote.
    mutating func takeAddressRecord(writing slot: Int, thenValue value: Int? = nil) -> AccessAddress? {
        guard var start = record(before: code.position) else { return nil }
        if let value, Int(code.u32(at: start + 8)) == value {
            guard Translator.writesResultOnly(code.op(at: start)), let earlier = record(before: start) else { return nil }
            start = earlier
        }
        guard Int(code.u32(at: start + 8)) == slot else { return nil }
        let op = code.op(at: start)
        let a = Int(code.u32(at: start + 12))
        let computed: AccessAddress
        switch op {
        case .i32AddImm, .i32SubImm:
            let constant = UInt32(truncatingIfNeeded: code.u64(at: start + 16))
            computed = .plusImmediate(a, op == .i32AddImm ? constant : 0 &- constant)
        case .i32Add:
            let b = Int(code.u32(at: start + 16))
            guard b != value else { return nil }
            computed = .sum(a, b)
        default:
            return nil
        }
        guard a != value else { return nil }
        if code.records.last == start { rewind(to: start) } else { drop(recordAt: start) }
        return computed
    }

    /// A store of memory 0 (`store`) of the value at `value` (a slot, or with `constant` the
    /// immediate) whose address a record just emitted computed into the operand-stack slot
    /// `address` (the last record, or the one before the value's): one record computes the
    /// address and stores. Returns whether it did.
    mutating func storeAtComputedAddress(_ store: Op, value: Int, constant: UInt64?, address: Int, offset: UInt64) -> Bool {
        guard let variants = Translator.storeAddressVariant(store, constant: constant != nil),
              let computed = takeAddressRecord(writing: address, thenValue: constant == nil ? value : nil) else { return false }
        switch (computed, constant) {
        case (.plusImmediate(let a, let addend), nil):
            code.emit(variants.addImmediate)
            code.slot(value)
            code.slot(a)
            code.u64(offset)
            code.u64(UInt64(addend))
        case (.sum(let a, let b), nil):
            code.emit(variants.indexed)
            code.slot(value)
            code.slot(a)
            code.slot(b)
            code.u64(offset)
        case (.plusImmediate(let a, let addend), let constant?):
            code.emit(variants.addImmediate)
            code.slot(a)
            code.u32(addend)
            code.u64(offset)
            code.u64(constant)
        case (.sum(let a, let b), let constant?):
            code.emit(variants.indexed)
            code.slot(a)
            code.slot(b)
            code.u64(offset)
            code.u64(constant)
        default:
            preconditionFailure("takeAddressRecord returns a sum")
        }
        return true
    }

    /// `local.set` / `local.tee` of the value at `top`: the record that computed it writes the
    /// local instead, when it is the last one; a tee then copies the local back to `top`.
    mutating func setLocal(_ local: Int, from top: Int, tee: Bool) {
        if let start = record(before: code.position), Int(code.u32(at: start + 8)) == top,
           Translator.writesResultOnly(code.op(at: start)) {
            code.patch(start + 8, with: local)
            if code.op(at: start) == .copy, Int(code.u32(at: start + 12)) == local { rewind(to: start) }
            if tee { copy(from: local, to: top) }
            return
        }
        copy(from: top, to: local)
    }

    /// A branch on the condition at `condition` to the label `depth` (values in place): one
    /// compare-and-branch record when the condition was just computed by a comparison, a bit
    /// test (`and` of a constant) or an `eqz` of one.
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
                // A branch on `i32.eqz x` is the opposite branch on `x`, which may fuse in turn.
                if a >= operandBase { return compareAndBranch(on: a, negated: !negated, to: depth) }
                code.emit(negated ? .brIf : .brUnless)
                code.slot(a)
                return emitBranchTarget(depth)
            }
            if op == .i32AndImm, let (bits, mask) = takeBitTest(writing: condition, wide: false) {
                return bitTestBranch(bits, mask, whenSet: !negated, to: depth)
            }
            if op == .i64Eqz {
                rewind(to: start)
                code.emit(negated ? .brIfI64NeImm : .brIfI64EqImm)
                code.slot(a)
                let target = emitBranchTarget(depth)
                code.u64(0)
                return target
            }
            // A float comparison has no negation among the comparisons (NaN), so it has both
            // branch forms; an integer one branches on its inverse when `negated`.
            var fused: (branch: Op, immediate: Bool)?
            if let (whenTrue, whenFalse, isImmediate) = Translator.floatBranchVariant(op) {
                fused = (negated ? whenFalse : whenTrue, isImmediate)
            } else if let (_, inverse, isImmediate) = Translator.branchVariant(op),
                      let (branch, _, _) = Translator.branchVariant(negated ? inverse : op) {
                fused = (branch, isImmediate)
            }
            if let (branch, isImmediate) = fused {
                let (b, immediate) = (Int(code.u32(at: start + 16)), isImmediate ? code.u64(at: start + 16) : 0)
                rewind(to: start)
                if let stepped = Translator.counterBranchVariant(branch), let step = record(before: code.position),
                   code.op(at: step) == .i32AddImm {
                    return counterBranch(stepped, at: step, a, second: isImmediate ? UInt32(truncatingIfNeeded: immediate) : UInt32(b),
                                         to: depth)
                }
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

    /// Replaces the `i32AddImm` record at `step` (the one before the branch) by `op`, which
    /// steps the counter and then compares `a` with `second` (a slot, or the immediate of an
    /// `…Imm` form) and branches to label `depth`; returns the target operand's offset. The
    /// order is the two records': the comparison sees the stepped value.
    private mutating func counterBranch(_ op: Op, at step: Int, _ a: Int, second: UInt32, to depth: Int?) -> Int {
        let (destination, source) = (Int(code.u32(at: step + 8)), Int(code.u32(at: step + 12)))
        let constant = UInt32(truncatingIfNeeded: code.u64(at: step + 16))
        rewind(to: step)
        code.emit(op)
        code.slot(destination)
        code.slot(source)
        code.u32(constant)
        code.slot(a)
        let target = emitBranchTarget(depth)
        code.u32(second)
        return target
    }

    /// A branch to label `depth` (`nil`: the placeholder of an `if`) when `a & mask` is not 0
    /// (`whenSet`) or is 0; returns the target operand's offset.
    private mutating func bitTestBranch(_ a: Int, _ mask: UInt64, whenSet: Bool, to depth: Int?) -> Int {
        code.emit(whenSet ? .brIfBits : .brUnlessBits)
        code.slot(a)
        let target = emitBranchTarget(depth)
        code.u64(mask)
        return target
    }

    /// A target operand for label `depth`, or a placeholder to patch (`nil`: the `if`'s else).
    private mutating func emitBranchTarget(_ depth: Int?) -> Int {
        let position = code.position
        if let depth { emitTarget(depth: depth) } else { code.target() }
        return position
    }
}
