/// Accumulates the records of a function's internal code (see `Op`), then hands over the
/// finished code in memory the executor owns.
///
/// While building, a record's first word is its operator's number and branch targets are code
/// offsets; `finish()` turns them into what the handlers read: the handler word
/// (`Executor.handlerWord`) and displacements from each target operand.
struct CodeBuilder {
    private(set) var bytes: [UInt8] = []
    /// Where each record starts, ascending.
    private(set) var records: [Int] = []
    /// Where each branch-target operand is, ascending.
    private var targets: [Int] = []

    /// The byte offset the next record starts at.
    var position: Int { bytes.count }

    /// Starts a record with `op`.
    mutating func emit(_ op: Op) {
        align()
        records.append(bytes.count)
        append(op.rawValue)
    }

    /// Appends a 32-bit operand.
    mutating func u32(_ value: UInt32) { append(value) }

    /// Appends a slot or index operand (checked to fit 32 bits).
    mutating func slot(_ value: Int) {
        precondition(value >= 0 && value <= Int(UInt32.max), "operand \(value) out of range")
        append(UInt32(value))
    }

    /// Appends a branch-target operand: the code offset `target`, or 0 to be patched later
    /// (returns the operand's offset, for `patch`).
    @discardableResult
    mutating func target(_ target: Int = 0) -> Int {
        let position = bytes.count
        targets.append(position)
        slot(target)
        return position
    }

    /// Appends a 64-bit operand at the next 8-byte boundary.
    mutating func u64(_ value: UInt64) {
        align()
        append(value)
    }

    /// Appends the unretained address of `object` (as a 64-bit operand).
    mutating func object(_ object: AnyObject) {
        u64(UInt64(UInt(bitPattern: Unmanaged.passUnretained(object).toOpaque())))
    }

    /// Pads the record to a multiple of 8 bytes.
    mutating func align() {
        while bytes.count % 8 != 0 { bytes.append(0) }
    }

    /// Overwrites the 32-bit operand at byte `offset` (branch targets found later).
    mutating func patch(_ offset: Int, with value: Int) {
        let v = UInt32(value)
        for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(i))) }
    }

    /// Reads back the 32-bit operand at byte `offset`.
    func u32(at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }

    /// Reads back the 64-bit operand at byte `offset`.
    func u64(at offset: Int) -> UInt64 {
        UInt64(u32(at: offset)) | UInt64(u32(at: offset + 4)) << 32
    }

    /// The operator of the record starting at `offset`.
    func op(at offset: Int) -> Op { Op(rawValue: UInt64(u32(at: offset)))! }

    /// Drops every record from `offset` on (a peephole replaces them). No branch target may
    /// point there or beyond.
    mutating func truncate(to offset: Int) {
        bytes.removeSubrange(offset...)
        while let last = records.last, last >= offset { records.removeLast() }
        while let last = targets.last, last >= offset { targets.removeLast() }
    }

    /// Removes the record starting at `offset`; the records after it move down (their
    /// starts and branch-target operands with them). Returns the removed byte count. No
    /// branch may land at or after `offset`, and no branch target may point past it.
    @discardableResult
    mutating func remove(recordAt offset: Int) -> Int {
        // The record is a recent one: searched from the end (from the start, dropping records
        // made translation quadratic in the function's size).
        guard let index = records.lastIndex(of: offset) else { preconditionFailure("no record at \(offset)") }
        guard index + 1 < records.count else {
            let length = bytes.count - offset
            truncate(to: offset)
            return length
        }
        let length = records[index + 1] - offset
        bytes.removeSubrange(offset..<(offset + length))
        records.remove(at: index)
        for i in index..<records.count { records[i] -= length }
        // Target operands are recorded in code order: only the tail moves.
        var i = targets.count
        while i > 0, targets[i - 1] > offset {
            i -= 1
            targets[i] -= length
        }
        return length
    }

    /// A `br` whose target is a `ret` becomes that `ret` (both records are 16 bytes): one
    /// dispatch less at the end of `if` branches and blocks that fall out of the function.
    private mutating func threadBranchesToReturns() {
        let starts = Set(records)
        var replaced = Set<Int>()
        for start in records where op(at: start) == .br {
            let target = Int(u32(at: start + 8))
            guard starts.contains(target), target + 16 <= bytes.count, op(at: target) == .ret else { continue }
            for i in 0..<16 { bytes[start + i] = bytes[target + i] }
            replaced.insert(start + 8)
        }
        if !replaced.isEmpty { targets.removeAll { replaced.contains($0) } }
    }

    /// A `ret` of one result from a slot other than 0, right after a record that only writes
    /// that slot and with no branch or handler landing on it: the record writes slot 0 instead
    /// (it reads its operands first) and the `ret` copies nothing; a `copy` there becomes the
    /// `ret` itself. `landings` are the code offsets reached other than by branch operands
    /// (exception and resume handlers).
    private mutating func returnStraightFromProducers(landings: Set<Int>) {
        var landed = landings
        for operand in targets { landed.insert(Int(u32(at: operand))) }
        for i in records.indices.dropFirst() where op(at: records[i]) == .ret {
            let (start, previous) = (records[i], records[i - 1])
            let source = Int(u32(at: start + 8))
            guard u32(at: start + 12) == 1, source != 0, !landed.contains(start), Int(u32(at: previous + 8)) == source,
                  Translator.writesResultOnly(op(at: previous)) else { continue }
            if op(at: previous) == .copy, start - previous == 16 {
                let copied = Int(u32(at: previous + 12))
                for i in 0..<16 { bytes[previous + i] = bytes[start + i] }
                patch(previous + 8, with: copied)
                continue
            }
            patch(previous + 8, with: 0)
            patch(start + 8, with: 0)
        }
    }

    /// The finished code, 8-byte aligned (the caller owns and frees it); `landings` as for
    /// `returnStraightFromProducers`.
    mutating func finish(landings: Set<Int> = []) -> (UnsafeMutableRawPointer, Int) {
        align()
        threadBranchesToReturns()
        returnStraightFromProducers(landings: landings)
        let code = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 8), alignment: 8)
        bytes.withUnsafeBytes { code.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        for record in records {
            let op = Op(rawValue: code.load(fromByteOffset: record, as: UInt64.self))!
            code.storeBytes(of: Executor.handlerWord(op), toByteOffset: record, as: UInt64.self)
        }
        for operand in targets {
            let target = Int(code.load(fromByteOffset: operand, as: UInt32.self))
            code.storeBytes(of: UInt32(bitPattern: Int32(target - operand)), toByteOffset: operand, as: UInt32.self)
        }
        return (code, bytes.count)
    }

    private mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
