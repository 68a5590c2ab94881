import CInterpreter

/// A function body translated to internal code (see `Op`), ready to run.
final class CompiledFunction {
    /// The code: 8-byte-aligned instruction records (`Op` word, then operands).
    let code: UnsafeMutableRawPointer
    let codeSize: Int
    /// Slots the frame needs: parameters, locals, then the operand stack at its highest.
    let frameSlots: Int
    /// Parameters + declared locals (slots `0..<localCount`; declared locals start zeroed).
    let localCount: Int
    let parameterCount: Int
    /// Exception handlers (try_table catch clauses, legacy catch / delegate), innermost first.
    let handlers: [ExceptionHandler]
    /// The handler clauses of each `resume` instruction (its operand indexes this), in memory
    /// owned by this object so that a running resume can point at them.
    let resumeTables: [ResumeHandlers]
    private let resumeStorage: UnsafeMutableBufferPointer<ResumeHandler>
    /// (code offset, module byte offset) of each instruction, ascending, for backtraces.
    let sourceMap: [(code: UInt32, module: UInt32)]
    /// Memory 0's base address when the code uses the fast memory path (memory 0 exists, is
    /// memory32 and unshared: its base never moves, and only this thread grows it).
    let memoryBase: UnsafeMutableRawPointer?
    /// Memory 0's byte-size word then; otherwise a word that stays 0.
    let memorySize: UnsafePointer<UInt>
    /// The function this is the code of (which owns this object), and its instance.
    let functionReference: Unmanaged<FunctionInstance>
    let instanceReference: Unmanaged<ModuleInstance>?

    init(code: UnsafeMutableRawPointer, codeSize: Int, frameSlots: Int, localCount: Int, parameterCount: Int,
         handlers: [ExceptionHandler], resumeTables: [[ResumeHandler]], sourceMap: [(code: UInt32, module: UInt32)],
         fastMemory: LinearMemory?, function: FunctionInstance) {
        functionReference = Unmanaged.passUnretained(function)
        instanceReference = function.instanceReference
        memoryBase = fastMemory?.base
        memorySize = fastMemory.map { UnsafePointer($0.sizeWord) } ?? wf_zero_word()
        self.code = code
        self.codeSize = codeSize
        self.frameSlots = frameSlots
        self.localCount = localCount
        self.parameterCount = parameterCount
        self.handlers = handlers
        let storage = UnsafeMutableBufferPointer<ResumeHandler>.allocate(capacity: max(1, resumeTables.reduce(0) { $0 + $1.count }))
        var tables: [ResumeHandlers] = []
        var next = 0
        for table in resumeTables {
            _ = UnsafeMutableBufferPointer(rebasing: storage[next..<(next + table.count)]).initialize(from: table)
            tables.append(ResumeHandlers(clauses: UnsafeBufferPointer(rebasing: storage[next..<(next + table.count)])))
            next += table.count
        }
        self.resumeTables = tables
        self.resumeStorage = storage
        self.sourceMap = sourceMap
    }

    deinit {
        code.deallocate()
        resumeStorage.deallocate()
    }

    /// The module byte offset of the instruction at code offset `position`.
    func moduleOffset(ofCode position: Int) -> Int? {
        var low = 0, high = sourceMap.count
        while low < high {
            let mid = (low + high) / 2
            if Int(sourceMap[mid].code) <= position { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : Int(sourceMap[low - 1].module)
    }
}

/// One exception handler of a compiled function: while the code offset is in `range`, an
/// exception that leaves an instruction is offered to it.
struct ExceptionHandler {
    enum Kind {
        /// `catch $tag` (try_table or legacy `catch`): payload to `slot`...; `ref` also stores
        /// the exnref after the payload.
        case tag(tagIndex: UInt32, ref: Bool)
        /// `catch_all` / `catch_all_ref`.
        case all(ref: Bool)
        /// Legacy `delegate`: search again from the handlers at control depth `depth` outward
        /// (`depth` is absolute; 0 = the function body, meaning: leave the function).
        case delegate(depth: Int)
    }

    /// Code offsets covered.
    var range: Range<Int>
    var kind: Kind
    /// Absolute control depth of the handler's try block (for delegate searches).
    var depth: Int
    /// Where the payload (then the exnref, if `ref`) is written.
    var slot: Int
    /// For legacy catches: the hidden slot where the caught exception is kept for `rethrow`
    /// (-1 if none).
    var exceptionSlot: Int
    /// Code offset to continue at.
    var target: Int
}
