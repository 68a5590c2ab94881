import CContext

/// The native stack a continuation runs on, switched directly by the stack-switching
/// instructions (no fiber object in between): a `suspend` jumps straight to the stack of the
/// `resume` that handles it, however many stacks lie between, and a `switch` straight to its
/// target.
///
/// **Layout.** One mapping from the engine's continuation pool, split in two: the native frames
/// grow down from a boundary, the value stack (operands and locals) grows up from it. The
/// boundary sits near the end of a page, so a continuation that suspended near its start —
/// the usual idle one — has touched a single page of both.
///
/// **Chains.** While it runs, a stack's `resumer` is the execution of the `resume` that runs it,
/// and `handlers` that instruction's clauses; that execution's `child` is this stack. When a
/// suspension leaves several stacks suspended (a handler further out), they stay linked through
/// `child`: the continuation holds the outermost, whose `suspendedInner` is where it stopped.
///
/// Phases: fresh (its function not called yet) → running ⇄ suspended → ended.
///
/// **References.** Everything the switch path touches refers to stacks, executions and
/// continuations by `Unmanaged` address, so a round trip does no reference counting. A stack
/// keeps itself alive (`make` retains it once) until it ends (`end` releases it); a suspended
/// stack is reachable from its continuation, a running one from its resumer's `child`.
final class ContinuationStack {
    enum Phase { case fresh, running, suspended, ended }

    /// The execution of the code on this stack (its `stack` is this object), and the same
    /// unretained for the switch path.
    let context: ExecutionContext
    let contextReference: Unmanaged<ExecutionContext>
    /// Where the native stack came from (and the thread it belongs to).
    let pool: StackPool
    @exclusivity(unchecked) private var native: UnsafeMutablePointer<wf_stack>?
    /// The boundary: the native part's top (the switch slots sit just below it).
    let top: UnsafeMutableRawPointer
    @exclusivity(unchecked) private(set) var phase = Phase.fresh
    /// The function a fresh stack calls; released when it starts.
    @exclusivity(unchecked) private var function: FunctionInstance?
    /// The continuation this stack is handed out as when a suspension stops at it (the
    /// registry keeps it; while suspended, the continuation keeps the stack).
    @exclusivity(unchecked) var handle: Unmanaged<Continuation>
    /// While it runs (or is unwound): the handlers of the resume running it, and the execution
    /// of that resume (which waits in the resume as long as this stack is its child).
    @exclusivity(unchecked) var handlers = ResumeHandlers.none
    @exclusivity(unchecked) var resumer: Unmanaged<ExecutionContext>?
    /// While this is the outermost stack of a suspended continuation: the innermost one, where
    /// the suspension happened (the one to switch back into).
    @exclusivity(unchecked) var suspendedInner: Unmanaged<ContinuationStack>?

    /// Bytes of value stack in the page where the native frames start.
    static let sharedPageValueBytes = 64

    /// The native stack kept for host code and runtime work below the deepest WebAssembly frame
    /// (`ExecutionContext.nativeMargin`), plus room for at least a few dozen activations.
    static let minimumNativeBytes = ExecutionContext.nativeMargin + (32 << 10)

    /// A stack that will call `function` (as `handle`) with the first resume's values; it
    /// keeps itself alive until it ends.
    static func make(function: FunctionInstance, handle: Continuation, creator: ExecutionContext) throws(ExecutionError) -> Unmanaged<ContinuationStack> {
        Unmanaged.passRetained(try ContinuationStack(function: function, handle: handle, creator: creator))
    }

    private init(function: FunctionInstance, handle: Continuation, creator: ExecutionContext) throws(ExecutionError) {
        let pool: StackPool
        let native: UnsafeMutablePointer<wf_stack>
        do {
            pool = try creator.engine.continuationStackPool()
            native = try pool.acquire()
        } catch {
            throw .trap(Trap(.other("no stack for a continuation: \(error)")))
        }
        let base = UnsafeMutableRawPointer(native.pointee.base)!
        let end = UnsafeMutableRawPointer(native.pointee.top)!
        let size = base.distance(to: end)
        // About a quarter for values. The boundary sits 64 bytes below a page's end: an idle
        // continuation's frames (under 1 KiB optimised, 4 KiB unoptimised) and its first 8
        // value slots then share one page.
        let page = Int(wf_page_size())
        let valueBytes = max(size / 4 / page, 1) * page - (page - Self.sharedPageValueBytes)
        let top = end - valueBytes
        guard base.distance(to: top) >= Self.minimumNativeBytes else {
            pool.release(native)
            throw .trap(Trap(.other("continuation stacks of \(size) bytes are too small: EngineConfiguration.continuationStackSize must be at least 256 KiB")))
        }
        self.pool = pool
        self.native = native
        self.top = top
        self.function = function
        self.handle = Unmanaged.passUnretained(handle)
        context = ExecutionContext(engine: creator.engine, continuationOf: creator)
        contextReference = Unmanaged.passUnretained(context)
        context.adopt(valueStack: top, slots: valueBytes / 8)
        context.nativeLimit = UInt(bitPattern: base) + UInt(ExecutionContext.nativeMargin)
        if wf_sanitizer_tracks_contexts() != 0 {
            context.sanitizerIdentity = wf_sanitizer_resumer(
                fiber: wf_sanitizer_create(), stack: wf_sanitizer_stack(bottom: base, size: base.distance(to: top)))
        }
        context.stack = Unmanaged.passUnretained(self)
        wf_context_resume_slot(top).pointee = wf_context_make(top, continuationEntry, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        // Only an ended (or never started) stack should get here; a suspended one whose frames
        // were never unwound leaks what they hold, but its memory goes back all the same.
        releaseNative()
    }

    /// The slot the running side saves its stack pointer in when it switches into this stack
    /// as the outermost of a chain (the entry trampoline's unwind information reads it).
    @inline(__always) var parentSlot: UnsafeMutablePointer<UnsafeMutableRawPointer?> { wf_context_parent_slot(top) }
    /// Where this stack's own stack pointer is kept while it is suspended (or fresh).
    @inline(__always) var resumeSlot: UnsafeMutablePointer<UnsafeMutableRawPointer?> { wf_context_resume_slot(top) }

    /// Where switching into this stack continues (its saved stack pointer), and the sanitizer
    /// identity of the stack that runs there.
    @inline(__always) var resumePoint: (target: UnsafeMutableRawPointer?, identity: wf_sanitizer_resumer) {
        (resumeSlot.pointee, contextReference._withUnsafeGuaranteedRef { $0.sanitizerIdentity })
    }

    /// The function has returned or thrown (or the stack was never started): the native
    /// stack goes back to the pool, and the stack no longer keeps itself alive.
    static func end(_ stack: Unmanaged<ContinuationStack>) {
        stack._withUnsafeGuaranteedRef { stack in
            stack.phase = .ended
            stack.resumer = nil
            stack.handlers = .none
            stack.releaseNative()
        }
        stack.release()
    }

    private func releaseNative() {
        guard let native else { return }
        self.native = nil
        if pool.isOwnedByCurrentThread { pool.release(native) }
        wf_sanitizer_destroy(context.sanitizerIdentity.fiber)
        context.sanitizerIdentity.fiber = nil
    }

    /// Saves the running context's stack pointer in `save`, continues the context whose saved
    /// stack pointer is `target` (running on `identity`'s stack) with `message`, and returns the
    /// message of the switch that later continues the saved context, which runs `arriving`.
    /// Inlined into each caller: a `ret` right after a switch would be mispredicted.
    @inline(__always)
    static func transfer(
        save: UnsafeMutablePointer<UnsafeMutableRawPointer?>, to target: UnsafeMutableRawPointer?,
        identity: wf_sanitizer_resumer, message: UnsafeMutablePointer<StackMessage>, arriving: Unmanaged<ExecutionContext>
    ) -> UnsafeMutablePointer<StackMessage> {
        var fakeStack: UnsafeMutableRawPointer? = nil
        if wf_sanitizer_tracks_contexts() != 0 {   // constant: gone from normal builds
            wf_sanitizer_switch_to(identity.fiber)
            fakeStack = wf_sanitizer_start_switch(identity.stack)
        }
        let value = wf_context_switch(save, target, UInt(bitPattern: message))
        if wf_sanitizer_tracks_contexts() != 0 { _ = wf_sanitizer_finish_switch(fakeStack) }
        wf_thread_set_execution(arriving.toOpaque())
        return StackMessage.at(value)
    }

    /// Marks the stack suspended or running again around a `transfer` out of it.
    @inline(__always) func setSuspended(_ suspended: Bool) { phase = suspended ? .suspended : .running }

    /// First Swift code on the stack: runs the function with the first message's values and
    /// returns where to go when it has ended (the resumer's saved context) with what to say.
    /// The stack is used through an unretained reference: no frame of this stack may keep it
    /// alive, or it could never be dropped.
    @inline(never)
    fileprivate static func enter(
        _ argument: UnsafeMutableRawPointer, _ value: UInt
    ) -> (target: UnsafeMutableRawPointer?, message: UInt, resumer: wf_sanitizer_resumer) {
        // Retained only while this frame lives: it returns before the stack's last switch (and
        // the stack keeps itself alive until it ends anyway). No closures: in unoptimised builds
        // every frame below a suspension is memory an idle continuation keeps.
        let stack = Unmanaged<ContinuationStack>.fromOpaque(argument).takeUnretainedValue()
        let context = stack.context
        wf_thread_set_execution(stack.contextReference.toOpaque())
        stack.phase = .running
        let incoming = StackMessage.at(value)
        let outbox = context.outbox
        let function = stack.function.take()!
        do throws(ExecutionError) {
            switch incoming.pointee.kind {
            case .values:
                try Executor.receive(incoming, into: context.valueStack)
            case .exception:
                throw incoming.pointee.error.take()!
            default:
                preconditionFailure("a fresh stack is only ever resumed")
            }
            try Executor.execute(Unmanaged.passUnretained(function), context.valueStack, context)
            outbox.pointee.kind = .finished
            outbox.pointee.values = UnsafePointer(context.valueStack)
            outbox.pointee.count = function.resultCount
        } catch {
            outbox.pointee.kind = .threw
            outbox.pointee.error = error
        }
        stack.phase = .ended
        let resumer = stack.resumer!._withUnsafeGuaranteedRef { $0.sanitizerIdentity }
        return (stack.parentSlot.pointee, UInt(bitPattern: outbox), resumer)
    }
}

/// The C entry point of every continuation stack (called by the trampoline, never returns).
private let continuationEntry: wf_entry_fn = { value, argument in
    if wf_sanitizer_tracks_contexts() != 0 { _ = wf_sanitizer_finish_switch(nil) }   // first arrival
    let exit = ContinuationStack.enter(argument!, value)
    if wf_sanitizer_tracks_contexts() != 0 {
        // The last switch of this context (ASan frees its fake stack). Here, not in `enter`:
        // no function may return between the hooks and the switch (ThreadSanitizer would record
        // that return on the resumer's shadow stack).
        wf_sanitizer_switch_to(exit.resumer.fiber)
        wf_sanitizer_start_final_switch(exit.resumer.stack)
    }
    wf_context_exit(exit.target, exit.message)
}
