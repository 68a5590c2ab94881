/// The continuations of an engine, and the collector that gives the stacks of unreachable
/// suspended continuations back to the pool.
///
/// `contref` slots are plain addresses (no reference counting as values move between slots),
/// so liveness is found by marking, conservatively: a continuation is live if its address
/// appears in a slot that can still be read — the used part of the value stack of every
/// execution on the running chain, of every live suspended stack, the values in flight
/// between stacks, arguments bound with `cont.bind`, the globals, tables and element segments of
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
    /// them, so dropping the registry alone would leave their stacks mapped.
    func cancelAll() {
        let all = Array(live.values)
        live = [:]
        for continuation in all {
            if case .suspended(let stack) = continuation.state {
                continuation.state = .consumed
                stack.cancel()
            }
        }
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
        func scan(stack: ContinuationStack) {
            var next: ContinuationStack? = stack
            while let current = next {
                // A stack's own continuation lives as long as the stack is reachable; a stack
                // whose continuation is marked has been scanned already.
                guard marked.insert(UInt(current.handle.reference & Continuation.addressMask)).inserted else { return }
                scan(current.context.usedSlots)
                scan(current.transfer)
                next = current.child
            }
        }
        // The running chain: this execution, the resumes it runs under, the host calls below.
        var current: ExecutionContext? = context
        while let execution = current {
            scan(execution.usedSlots)
            if let stack = execution.stack {
                scan(stack: stack)
                current = stack.resumer ?? execution.outer
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
            if case .suspended(let stack) = continuation.state {
                // Its own handle is marked already (that is how it got here): scan it directly.
                scan(stack.context.usedSlots)
                scan(stack.transfer)
                if let child = stack.child { scan(stack: child) }
            }
        }
        let before = live.count
        var unreachable: [Continuation] = []
        live = live.filter { entry in
            if marked.contains(entry.key) { return true }
            unreachable.append(entry.value)
            return false
        }
        freed += before - live.count
        // A suspended stack's own frames hold references to it: unwind them explicitly (the
        // stack goes back to its pool when its fiber has ended).
        for continuation in unreachable {
            if case .suspended(let stack) = continuation.state {
                continuation.state = .consumed
                stack.cancel()
            }
        }
        collections += 1
        threshold = max(1024, 2 * live.count)

    }
}
