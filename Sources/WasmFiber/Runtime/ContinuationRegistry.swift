import CContext

/// The continuations of an engine, and the collector that gives the stacks of unreachable
/// suspended continuations back to the pool.
///
/// `contref` slots are plain addresses (no reference counting as values move between slots),
/// so liveness is found by marking, conservatively: a continuation is live if its address
/// appears in a slot that can still be read — the used part of the value stack of every
/// execution on the running chain and of every stack of a live suspended continuation, arguments bound with `cont.bind`, the globals, tables and element segments of
/// the engine's instances, exception payloads and arrays. A stale slot can keep a continuation alive a little longer; a live one
/// is never freed. A freed suspended continuation's fiber is cancelled: its frames unwind (a
/// trap no WebAssembly handler can catch), so no more WebAssembly runs on it.
///
/// Collections run only at `cont.new` (a point where every continuation reference is in one of
/// those places), when the number of continuations has doubled since the last one.
final class ContinuationRegistry {
    /// Every continuation not yet freed, by address.
    private(set) var live: [UInt: Continuation] = [:]
    /// Collect when `live.count` reaches this.
    private var threshold = 1024
    /// Collections so far, and continuations they freed (for tests and reports).
    private(set) var collections = 0
    private(set) var freed = 0

    /// Unwinds every suspended continuation (its engine is going away): their own frames hold
    /// them, so dropping the registry alone would leave their stacks mapped. Runs on a fiber of
    /// its own, so that the unwinding stacks have a known stack to return to.
    func cancelAll(engine: Engine) {
        let suspended = live.values.filter { if case .suspended = $0.state { true } else { false } }
        live = [:]
        guard !suspended.isEmpty else { return }
        // Each unwinding ends on the unwinding fiber's execution, which goes away with it.
        let current = wf_thread_execution()
        defer { wf_thread_set_execution(current) }
        let fiber = Fiber<Void, Void> { _, suspender in
            let context = suspender.fiber._withUnsafeGuaranteedRef { ExecutionContext(engine: engine, unwindingOn: $0) }
            for continuation in suspended { Executor.cancel(continuation, from: context) }
        }
        _ = try? fiber.resume(())
    }

    /// Keeps `continuation` until a collection finds it unreachable.
    func register(_ continuation: Continuation) {
        live[UInt(continuation.reference & Continuation.addressMask)] = continuation
    }

    /// Collects if enough continuations were made since the last collection.
    func collectIfDue(from context: ExecutionContext) {
        if live.count >= threshold { collect(from: context) }
    }

    /// Frees every continuation not reachable from `context` (the running execution) and the
    /// engine's objects.
    func collect(from context: ExecutionContext) {
        var marked = Set<UInt>()
        var pending: [Continuation] = []
        func scan(_ slots: UnsafeBufferPointer<UInt64>) {
            for slot in slots where slot != 0 {
                let address = UInt(slot & Continuation.addressMask)
                if let continuation = live[address], marked.insert(address).inserted { pending.append(continuation) }
            }
        }
        func scan(_ values: [UInt64]) { values.withUnsafeBufferPointer { scan($0) } }
        /// A stack and the stacks below it (the chain it resumes): their slots, and their own
        /// continuations (live as long as the stack is reachable).
        func scan(stack: Unmanaged<ContinuationStack>) {
            var next: Unmanaged<ContinuationStack>? = stack
            while let current = next?.takeUnretainedValue() {
                marked.insert(UInt(current.handle.takeUnretainedValue().reference & Continuation.addressMask))
                scan(current.context.usedSlots)
                next = current.context.child
            }
        }
        // The running chain: this execution, the resumes it runs under, the host calls below.
        var current: ExecutionContext? = context
        while let execution = current {
            scan(execution.usedSlots)
            if let stack = execution.stack?.takeUnretainedValue() {
                marked.insert(UInt(stack.handle.takeUnretainedValue().reference & Continuation.addressMask))
                current = stack.resumer?.takeUnretainedValue() ?? execution.outer
            } else {
                current = execution.outer
            }
        }
        func scan(table: TableInstance) { scan(UnsafeBufferPointer(start: table.elements, count: table.count)) }
        func scan(global: GlobalInstance) { scan(UnsafeBufferPointer(start: global.cell, count: 1)) }
        context.engine.forEachOwned { object in
            switch object {
            case let instance as ModuleInstance:
                for table in instance.tables { scan(table: table) }
                for global in instance.globals { scan(global: global) }
                for segment in instance.elements { scan(segment) }
            case let table as TableInstance: scan(table: table)
            case let global as GlobalInstance: scan(global: global)
            case let exception as ExceptionInstance: scan(exception.payload)
            case let array as ArrayInstance: scan(array.elements)
            default: break
            }
        }
        while let continuation = pending.popLast() {
            scan(continuation.bound)
            if case .suspended(let stack) = continuation.state { scan(stack: stack) }
        }
        let before = live.count
        var unreachable: [Continuation] = []
        live = live.filter { entry in
            if marked.contains(entry.key) { return true }
            unreachable.append(entry.value)
            return false
        }
        freed += before - live.count
        // A suspended stack's own frames hold references to it: unwind them explicitly (its
        // stacks go back to their pool as they end).
        for continuation in unreachable { Executor.cancel(continuation, from: context) }
        collections += 1
        threshold = max(1024, 2 * live.count)

    }
}
