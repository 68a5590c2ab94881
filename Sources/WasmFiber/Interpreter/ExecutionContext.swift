import CContext
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The state of one WebAssembly execution on one fiber: its value stack (the frames' slots),
/// the lowest native stack address WebAssembly may reach, and the execution it re-entered from.
///
/// Made when a host → WebAssembly call starts its fiber, and used by every activation on that
/// fiber through an unowned reference (no reference counting per call).
final class ExecutionContext {
    /// The engine running the call.
    unowned let engine: Engine
    /// The value stack: slots of every frame, the outermost frame at `valueStack`.
    @exclusivity(unchecked) private(set) var valueStack: UnsafeMutablePointer<UInt64>
    /// One past the last slot: a frame must end at or below it.
    @exclusivity(unchecked) private(set) var valueStackEnd: UnsafeMutablePointer<UInt64>
    /// One past the highest slot any frame of this execution has used (what the continuation
    /// collector scans; slots above were never written).
    @exclusivity(unchecked) var highWater: UnsafeMutablePointer<UInt64>
    /// The lowest native stack pointer at which another activation may start.
    @exclusivity(unchecked) var nativeLimit: UInt = 0
    /// The execution this one was entered from (a host function that called WebAssembly
    /// again), or `nil`.
    let outer: ExecutionContext?
    /// How many host → WebAssembly executions are nested on this thread, this one included
    /// (a continuation's context counts as the execution that made it).
    let depth: Int
    /// The continuation stack this execution runs on (`nil` for an execution the host
    /// started). Unowned: the stack owns its context.
    @exclusivity(unchecked) unowned(unsafe) var stack: ContinuationStack?
    /// The failure of a handler, until the `Executor.run` below it takes it (`Executor.fail`).
    @exclusivity(unchecked) var failure: Failure?
    private let mappedBytes: Int

    /// The native stack kept free below the limit: the largest frame between two checks (an
    /// interpreter activation, or a host function's own frames before its first check).
    static let nativeMargin = 128 << 10

    /// The execution of a host → WebAssembly call, with a value stack mapped for it.
    init(engine: Engine, outer: ExecutionContext?) throws(ExecutionError) {
        self.engine = engine
        self.outer = outer
        self.depth = (outer?.depth ?? 0) + 1
        let slots = max(engine.configuration.valueStackSlots, 1024)
        mappedBytes = slots * 8
        // Reserved, committed as frames touch it (the kernel zero-fills on first use).
        guard let memory = mmap(nil, mappedBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0),
              memory != MAP_FAILED else {
            throw .trap(Trap(.other("cannot reserve a value stack of \(slots) slots")))
        }
        valueStack = memory.bindMemory(to: UInt64.self, capacity: slots)
        valueStackEnd = valueStack + slots
        highWater = valueStack
    }

    /// The execution of a continuation made by code running in `creator`. Its value stack is
    /// given later (`adopt(valueStack:slots:)`), from the continuation's own native stack.
    init(engine: Engine, continuationOf creator: ExecutionContext) {
        self.engine = engine
        self.outer = nil
        self.depth = creator.depth
        mappedBytes = 0
        valueStack = UnsafeMutablePointer(bitPattern: 8)!
        valueStackEnd = valueStack
        highWater = valueStack
    }

    /// Uses `slots` slots at `start` (memory this context does not own) as the value stack.
    func adopt(valueStack start: UnsafeMutableRawPointer, slots: Int) {
        valueStack = start.bindMemory(to: UInt64.self, capacity: slots)
        valueStackEnd = valueStack + slots
        highWater = valueStack
    }

    deinit { if mappedBytes > 0 { munmap(valueStack, mappedBytes) } }

    /// The slots frames of this execution have used.
    var usedSlots: UnsafeBufferPointer<UInt64> { UnsafeBufferPointer(start: valueStack, count: highWater - valueStack) }

    /// The innermost execution running on this thread, if any.
    static var current: ExecutionContext? {
        guard let pointer = wf_thread_execution() else { return nil }
        return Unmanaged<ExecutionContext>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Makes `context` (or none) the innermost execution of this thread.
    static func setCurrent(_ context: ExecutionContext?) {
        wf_thread_set_execution(context.map { Unmanaged.passUnretained($0).toOpaque() })
    }
}
