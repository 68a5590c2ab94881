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
    /// The engine running the call. Unchecked: an execution never outlives its engine (the
    /// engine owns every continuation's, and a host call holds it), and engine teardown uses
    /// one to unwind continuations while the engine is being deinitialized.
    unowned(unsafe) let engine: Engine
    /// `engine` without reference counting, for the caller a host call receives.
    let engineReference: Unmanaged<Engine>
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
    /// started). Unretained: the stack owns its context.
    @exclusivity(unchecked) var stack: Unmanaged<ContinuationStack>?
    /// The outermost stack of the continuation this execution is resuming, while it waits in
    /// a `resume` (the chain below it is linked through the stacks' own contexts).
    @exclusivity(unchecked) var child: Unmanaged<ContinuationStack>?
    /// What this execution says when it switches to another stack (see `StackMessage`).
    let outbox: UnsafeMutablePointer<StackMessage>
    /// Sanitizer builds: the state and bounds of the native stack this execution runs on, for
    /// whoever switches to it (all zero in normal builds).
    @exclusivity(unchecked) var sanitizerIdentity = wf_sanitizer_resumer()
    /// Values gathered for a switch when they do not sit together in slots (bound arguments
    /// ahead of a resume's own); grown as needed, never shrunk.
    @exclusivity(unchecked) private var scratch: UnsafeMutableBufferPointer<UInt64> = .init(start: nil, count: 0)
    /// The failure of a handler, until the `Executor.run` below it takes it (`Executor.fail`).
    @exclusivity(unchecked) var failure: Failure?
    private let mappedBytes: Int

    /// The native stack kept free below the limit: the largest frame between two checks (an
    /// interpreter activation, or a host function's own frames before its first check).
    static let nativeMargin = 128 << 10

    /// The execution of a host → WebAssembly call, with a value stack mapped for it.
    init(engine: Engine, outer: ExecutionContext?) throws(ExecutionError) {
        self.engine = engine
        self.engineReference = Unmanaged.passUnretained(engine)
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
        outbox = Self.makeOutbox()
    }

    /// The execution of a continuation made by code running in `creator`. Its value stack is
    /// given later (`adopt(valueStack:slots:)`), from the continuation's own native stack.
    convenience init(engine: Engine, continuationOf creator: ExecutionContext) {
        self.init(engine: engine, depth: creator.depth)
    }

    /// An execution that runs no WebAssembly itself, for host code that unwinds continuations
    /// (engine teardown) from the fiber it runs on.
    convenience init(engine: Engine, unwindingOn fiber: FiberCore) {
        self.init(engine: engine, depth: 1)
        adoptSanitizerIdentity(of: fiber)
    }

    /// An execution without a value stack of its own (none yet, or none needed).
    private init(engine: Engine, depth: Int) {
        self.engine = engine
        self.engineReference = Unmanaged.passUnretained(engine)
        self.outer = nil
        self.depth = depth
        mappedBytes = 0
        valueStack = UnsafeMutablePointer(bitPattern: 8)!
        valueStackEnd = valueStack
        highWater = valueStack
        outbox = Self.makeOutbox()
    }

    private static func makeOutbox() -> UnsafeMutablePointer<StackMessage> {
        let outbox = UnsafeMutablePointer<StackMessage>.allocate(capacity: 1)
        outbox.initialize(to: StackMessage())
        return outbox
    }

    /// Sanitizer builds: takes the identity of `fiber`, the fiber this execution runs on.
    func adoptSanitizerIdentity(of fiber: FiberCore) {
        guard wf_sanitizer_tracks_contexts() != 0 else { return }
        sanitizerIdentity = wf_sanitizer_resumer(
            fiber: fiber.sanitizerState, stack: wf_sanitizer_stack(bottom: fiber.base, size: fiber.base.distance(to: fiber.top)))
    }

    /// `bound` followed by `values`, in one run of slots that stays valid until the next call.
    func gather(_ bound: [UInt64], _ values: UnsafeBufferPointer<UInt64>) -> UnsafeBufferPointer<UInt64> {
        let count = bound.count + values.count
        if scratch.count < count {
            scratch.deallocate()
            scratch = .allocate(capacity: max(count, 16))
        }
        _ = scratch.initialize(fromContentsOf: bound)
        if count > bound.count { _ = UnsafeMutableBufferPointer(rebasing: scratch[bound.count..<count]).initialize(fromContentsOf: values) }
        return UnsafeBufferPointer(start: scratch.baseAddress, count: count)
    }

    /// Uses `slots` slots at `start` (memory this context does not own) as the value stack.
    func adopt(valueStack start: UnsafeMutableRawPointer, slots: Int) {
        valueStack = start.bindMemory(to: UInt64.self, capacity: slots)
        valueStackEnd = valueStack + slots
        highWater = valueStack
    }

    deinit {
        if mappedBytes > 0 { munmap(valueStack, mappedBytes) }
        outbox.deinitialize(count: 1)
        outbox.deallocate()
        scratch.deallocate()
    }

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
