import CContext
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Typed continuations on native stacks (layouts in `Translator+StackSwitching.swift`).
///
/// A continuation runs on a `ContinuationStack` of its own. `resume` switches into the
/// continuation's innermost stack and waits, inside the instruction, for a message: the
/// function finished (or threw), or a suspension this resume handles stopped the stacks below
/// it. `suspend` looks for its handler up the chain of resumes and switches straight to the
/// stack of the one that handles it — the stacks in between stay suspended and become part of
/// the new continuation; `switch` hands the handler's place to its target and switches straight
/// into it, the handler's stack never wakes. The search for a handler stops at the stack the
/// host entered on: a suspension never crosses a host frame.
extension Executor {
    /// Dispatches the stack-switching instructions. Each one's body is its own function,
    /// inlined here in optimised builds; in unoptimised builds they stay separate, so that the
    /// frames a suspended continuation keeps are only those of the instruction that suspended.
    @inline(never)
    static func stackSwitching(
        _ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>, _ code: UnsafeMutableRawPointer,
        _ compiled: Unmanaged<CompiledFunction>, _ instanceReference: Unmanaged<ModuleInstance>?, _ context: ExecutionContext
    ) throws(ExecutionError) -> UnsafeMutableRawPointer {
        switch pc.load(as: Op.self) {
        case .contNew: return try contNew(pc, fp, code, compiled, instanceReference, context)
        case .contBind: return try contBind(pc, fp, code, compiled, instanceReference, context)
        case .resume: return try resumeInstruction(pc, fp, code, compiled, instanceReference, context)
        case .resumeThrow, .resumeThrowRef: return try resumeThrowInstruction(pc, fp, code, compiled, instanceReference, context)
        case .suspend: return try suspendInstruction(pc, fp, code, compiled, instanceReference, context)
        case .switchContinuation: return try switchInstruction(pc, fp, code, compiled, instanceReference, context)
        default: preconditionFailure("not a stack-switching instruction")
        }
    }

    /// `cont.new`: a fresh continuation of the function reference.
    @inline(__always)
    static func contNew(
        _ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>, _ code: UnsafeMutableRawPointer,
        _ compiled: Unmanaged<CompiledFunction>, _ instanceReference: Unmanaged<ModuleInstance>?, _ context: ExecutionContext
    ) throws(ExecutionError) -> UnsafeMutableRawPointer {
        let base = pc.slot(8)
        let function = fp[base]
        guard function != 0 else { throw trap(.nullFunctionReference) }
        // A safepoint: every continuation reference is in a slot the collector scans.
        context.engine.continuations.collectIfDue(from: context)
        let continuation = Continuation(state: .fresh(Reference.function(at: function).takeUnretainedValue()))
        context.engine.continuations.register(continuation)
        fp[base] = continuation.reference
        return pc + 16
    }

    /// `cont.bind`: a new continuation with some of the arguments given.
    @inline(__always)
    static func contBind(
        _ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>, _ code: UnsafeMutableRawPointer,
        _ compiled: Unmanaged<CompiledFunction>, _ instanceReference: Unmanaged<ModuleInstance>?, _ context: ExecutionContext
    ) throws(ExecutionError) -> UnsafeMutableRawPointer {
        let base = pc.slot(8)
        let count = pc.slot(12)
        let slot = fp[base + count]
        let (state, bound) = try consume(continuation(at: slot), slot)
        let new = Continuation(state: state, bound: bound + Array(UnsafeBufferPointer(start: fp + base, count: count)))
        context.engine.continuations.register(new)
        fp[base] = new.reference
        return pc + 16
    }

    /// `resume`: runs the continuation until it finishes or a handled suspension stops it.
    @inline(__always)
    static func resumeInstruction(
        _ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>, _ code: UnsafeMutableRawPointer,
        _ compiled: Unmanaged<CompiledFunction>, _ instanceReference: Unmanaged<ModuleInstance>?, _ context: ExecutionContext
    ) throws(ExecutionError) -> UnsafeMutableRawPointer {
        let base = pc.slot(8)
        let count = pc.slot(12)
        let slot = fp[base + count]
        let continuation = try continuation(at: slot)
        let (state, bound) = try consume(continuation, slot)
        let message = say(bound, fp + base, count, then: nil, from: context)
        return try resume(state, of: continuation, saying: message, pc, base, fp, code, compiled, context)
    }

    /// `resume_throw`, `resume_throw_ref`: resumes by raising an exception at the suspension.
    @inline(__always)
    static func resumeThrowInstruction(
        _ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>, _ code: UnsafeMutableRawPointer,
        _ compiled: Unmanaged<CompiledFunction>, _ instanceReference: Unmanaged<ModuleInstance>?, _ context: ExecutionContext
    ) throws(ExecutionError) -> UnsafeMutableRawPointer {
        let base = pc.slot(8)
        let isRef = pc.load(as: Op.self) == .resumeThrowRef
        let count = isRef ? 1 : pc.slot(20)
        let slot = fp[base + count]
        let continuation = try continuation(at: slot)
        let (state, _) = try consume(continuation, slot)
        let exception: ExceptionInstance
        if isRef {
            guard fp[base] != 0 else { throw .trap(Trap(.other("null exception reference"))) }
            exception = Reference.exception(at: fp[base])
        } else {
            let tag = instanceReference!.takeUnretainedValue().tags[pc.slot(12)]
            exception = ExceptionInstance(tag: tag, payload: Array(UnsafeBufferPointer(start: fp + base, count: count)))
        }
        if case .fresh = state {
            // Never started: the exception is raised right here.
            throw .exception(exception, backtrace: [])
        }
        let message = context.outbox
        message.pointee.kind = .exception
        message.pointee.error = .exception(exception, backtrace: [])
        return try resume(state, of: continuation, saying: message, pc, base, fp, code, compiled, context)
    }

    /// `suspend`: switches straight to the stack of the resume that handles the tag.
    /// Called by the interpreter loop directly, never inlined.
    @inline(never)
    static func suspendInstruction(
        _ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>, _ code: UnsafeMutableRawPointer,
        _ compiled: Unmanaged<CompiledFunction>, _ instanceReference: Unmanaged<ModuleInstance>?, _ context: ExecutionContext
    ) throws(ExecutionError) -> UnsafeMutableRawPointer {
        let base = pc.slot(8)
        let tag = pc.object(16, as: TagInstance.self)
        guard let stack = context.stack, let found = handler(for: tag, switching: false, from: stack) else {
            throw trap(.unhandledTag)
        }
        let message = context.outbox
        message.pointee.kind = .suspended
        message.pointee.values = UnsafePointer(fp + base)
        message.pointee.count = pc.slot(12)
        message.pointee.clause = found.clause
        message.pointee.outer = found.stack
        message.pointee.inner = stack
        let (target, identity) = found.stack._withUnsafeGuaranteedRef { outer in
            (outer.parentSlot.pointee, outer.resumer!._withUnsafeGuaranteedRef { $0.sanitizerIdentity })
        }
        try suspend(stack, to: target, identity: identity, saying: message, into: fp + base)
        return pc + 24
    }

    /// `switch`: hands the handler's place to the target and switches straight into it.
    @inline(__always)
    static func switchInstruction(
        _ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>, _ code: UnsafeMutableRawPointer,
        _ compiled: Unmanaged<CompiledFunction>, _ instanceReference: Unmanaged<ModuleInstance>?, _ context: ExecutionContext
    ) throws(ExecutionError) -> UnsafeMutableRawPointer {
        let base = pc.slot(8)
        let count = pc.slot(12)
        let tag = pc.object(16, as: TagInstance.self)
        let targetSlot = fp[base + count]
        let target = try continuation(at: targetSlot)
        if target._withUnsafeGuaranteedRef({ $0.isConsumed(targetSlot) }) { throw trap(.continuationAlreadyConsumed) }
        guard let stack = context.stack, let found = handler(for: tag, switching: true, from: stack) else {
            throw trap(.unhandledTag)
        }
        let (targetState, targetBound) = try consume(target, targetSlot)
        let next = try stacks(of: targetState, target, creator: context)
        let (handling, handlers, handlingSP) = found.stack._withUnsafeGuaranteedRef { outer in
            (outer.resumer!, outer.handlers, outer.parentSlot.pointee)
        }
        // This chain becomes the continuation the target receives …
        let current = suspendChain(outer: found.stack, inner: stack)
        // … and the target takes its place under the handler's resume.
        link(next.outer, under: handling)
        next.outer._withUnsafeGuaranteedRef { outer in
            outer.handlers = handlers
            outer.parentSlot.pointee = handlingSP
        }
        let message = say(targetBound, fp + base, count, then: current, from: context)
        let (to, identity) = next.inner._withUnsafeGuaranteedRef { $0.resumePoint }
        try suspend(stack, to: to, identity: identity, saying: message, into: fp + base)
        return pc + 24
    }

    /// Writes `context`'s outbox for a stack that goes on with values: `bound` (arguments
    /// `cont.bind` gave), the `count` operands at `operands`, then `extra` (a `switch`'s new
    /// continuation) if any.
    @inline(__always)
    static func say(
        _ bound: [UInt64], _ operands: UnsafeMutablePointer<UInt64>, _ count: Int, then extra: UInt64?, from context: ExecutionContext
    ) -> UnsafeMutablePointer<StackMessage> {
        let message = context.outbox
        let arguments = UnsafeBufferPointer(start: UnsafePointer(operands), count: count)
        let values = bound.isEmpty ? arguments : context.gather(bound, arguments)
        message.pointee.kind = .values
        message.pointee.values = values.baseAddress
        message.pointee.count = values.count
        message.pointee.extra = extra
        return message
    }

    /// Leaves the running `stack` suspended, continuing the context saved at `target` (on
    /// `identity`'s stack) with `message`; when resumed, receives into `destination`. No closure
    /// around the switch: in unoptimised builds every frame live across it is memory an idle
    /// continuation keeps.
    @inline(__always)
    static func suspend(
        _ stack: Unmanaged<ContinuationStack>, to target: UnsafeMutableRawPointer?, identity: wf_sanitizer_resumer,
        saying message: UnsafeMutablePointer<StackMessage>, into destination: UnsafeMutablePointer<UInt64>
    ) throws(ExecutionError) {
        let (save, arriving) = stack._withUnsafeGuaranteedRef { stack in
            stack.setSuspended(true)
            return (stack.resumeSlot, stack.contextReference)
        }
        let reply = ContinuationStack.transfer(save: save, to: target, identity: identity, message: message, arriving: arriving)
        stack._withUnsafeGuaranteedRef { $0.setSuspended(false) }
        try receive(reply, into: destination)
    }

    /// The continuation in a `contref` slot (null traps).
    @inline(__always)
    static func continuation(at slot: UInt64) throws(ExecutionError) -> Unmanaged<Continuation> {
        guard slot != 0 else { throw trap(.nullContinuationReference) }
        return Continuation.at(slot)
    }

    /// Takes the state of the continuation `slot` refers to (`continuation`), leaving it consumed.
    @inline(__always)
    static func consume(_ continuation: Unmanaged<Continuation>, _ slot: UInt64) throws(ExecutionError) -> (state: Continuation.State, bound: [UInt64]) {
        guard let taken = continuation._withUnsafeGuaranteedRef({ $0.consume(slot) }) else {
            throw trap(.continuationAlreadyConsumed)
        }
        return taken
    }

    typealias Chain = (outer: Unmanaged<ContinuationStack>, inner: Unmanaged<ContinuationStack>)

    /// The stacks a consumed continuation (`handle`, in `state`) runs on: a fresh one gets a
    /// new stack, with `handle` as that stack's own continuation.
    @inline(__always)
    static func stacks(
        of state: Continuation.State, _ handle: Unmanaged<Continuation>, creator: ExecutionContext
    ) throws(ExecutionError) -> Chain {
        switch state {
        case .suspended(let outer):
            let inner = outer._withUnsafeGuaranteedRef { stack -> Unmanaged<ContinuationStack>? in
                guard stack.pool.isOwnedByCurrentThread else { return nil }
                defer { stack.suspendedInner = nil }
                return stack.suspendedInner!
            }
            guard let inner else {
                handle._withUnsafeGuaranteedRef { $0.state = state }   // still suspended: its own thread may resume it
                throw .trap(Trap(.other("continuation resumed on a thread other than its own")))
            }
            return (outer, inner)
        case .fresh(let function):
            let stack = try ContinuationStack.make(function: function, handle: handle.takeUnretainedValue(), creator: creator)
            return (stack, stack)
        case .consumed:
            throw trap(.continuationAlreadyConsumed)
        }
    }

    /// Makes `outer` the stack `resumer` runs (it waits in a `resume` for it).
    @inline(__always)
    static func link(_ outer: Unmanaged<ContinuationStack>, under resumer: Unmanaged<ExecutionContext>) {
        outer._withUnsafeGuaranteedRef { $0.resumer = resumer }
        resumer._withUnsafeGuaranteedRef { $0.child = outer }
    }

    /// Leaves the chain `outer`…`inner` (detached from its resumer) suspended, as the
    /// continuation of `inner`'s stack; returns that continuation's new reference.
    @inline(__always)
    static func suspendChain(outer: Unmanaged<ContinuationStack>, inner: Unmanaged<ContinuationStack>) -> UInt64 {
        outer._withUnsafeGuaranteedRef { outer in
            outer.resumer = nil
            outer.handlers = .none
            outer.suspendedInner = inner
        }
        return inner._withUnsafeGuaranteedRef { $0.handle }._withUnsafeGuaranteedRef { continuation in
            continuation.state = .suspended(outer)
            return continuation.reference
        }
    }

    /// The innermost stack, from `stack` outwards up to the stack the host entered on, run by a
    /// resume with a handler for `tag` (a switch handler if `switching`), and that handler.
    @inline(__always)
    static func handler(
        for tag: Unmanaged<TagInstance>, switching: Bool, from stack: Unmanaged<ContinuationStack>
    ) -> (stack: Unmanaged<ContinuationStack>, clause: UnsafePointer<ResumeHandler>)? {
        var current = stack
        while true {
            let (clauses, resumer) = current._withUnsafeGuaranteedRef { ($0.handlers.clauses, $0.resumer) }
            for i in clauses.indices where clauses[i].handles(tag) && clauses[i].isLabel != switching {
                return (current, clauses.baseAddress! + i)
            }
            guard let next = resumer?._withUnsafeGuaranteedRef({ $0.stack }) else { return nil }
            current = next
        }
    }

    /// After a suspension: the resume's values go to `destination` (then the `switch`'s new
    /// continuation, if any), or its exception is raised, or the stack is being unwound.
    @inline(__always)
    static func receive(_ message: UnsafeMutablePointer<StackMessage>, into destination: UnsafeMutablePointer<UInt64>) throws(ExecutionError) {
        switch message.pointee.kind {
        case .values:
            let count = message.pointee.count
            if let values = message.pointee.values { copy(count, from: values, to: destination) }
            if let extra = message.pointee.extra { destination[count] = extra }
        case .exception:
            throw message.pointee.error.take()!
        case .cancel:
            throw .trap(Trap(.other("continuation dropped while suspended")))
        default:
            preconditionFailure("a suspended stack is only ever resumed")
        }
    }

    /// `resume` and `resume_throw` after the continuation was consumed and `message` written:
    /// links its stacks below `context` and runs them under the instruction's handlers.
    @inline(__always)
    static func resume(
        _ state: Continuation.State, of continuation: Unmanaged<Continuation>, saying message: UnsafeMutablePointer<StackMessage>,
        _ pc: UnsafeMutableRawPointer, _ base: Int, _ fp: UnsafeMutablePointer<UInt64>, _ code: UnsafeMutableRawPointer,
        _ compiled: Unmanaged<CompiledFunction>, _ context: ExecutionContext
    ) throws(ExecutionError) -> UnsafeMutableRawPointer {
        let chain = try stacks(of: state, continuation, creator: context)
        let me = Unmanaged.passUnretained(context)
        link(chain.outer, under: me)
        let handlers = compiled._withUnsafeGuaranteedRef { $0.resumeTables[pc.slot(16)] }
        return try resume(chain, message, handlers, base, fp, code, pc + 24, me)
    }

    /// Switches into `chain` (linked below `context`) with `message` and waits until a
    /// message comes back: the function finished (results at `base`, continue at `next`) or
    /// threw, or a suspension one of `handlers` takes (continue at its label).
    @inline(__always)
    static func resume(
        _ chain: Chain, _ message: UnsafeMutablePointer<StackMessage>,
        _ handlers: ResumeHandlers, _ base: Int, _ fp: UnsafeMutablePointer<UInt64>, _ code: UnsafeMutableRawPointer,
        _ next: UnsafeMutableRawPointer, _ context: Unmanaged<ExecutionContext>
    ) throws(ExecutionError) -> UnsafeMutableRawPointer {
        let save = chain.outer._withUnsafeGuaranteedRef { outer in
            outer.handlers = handlers
            return outer.parentSlot
        }
        let (target, identity) = chain.inner._withUnsafeGuaranteedRef { $0.resumePoint }
        let reply = ContinuationStack.transfer(save: save, to: target, identity: identity, message: message, arriving: context)
        // The chain below may have changed meanwhile (a `switch` replaces it): `child` is current.
        switch reply.pointee.kind {
        case .suspended:
            let continuation = suspendChain(outer: reply.pointee.outer!, inner: reply.pointee.inner!)
            context._withUnsafeGuaranteedRef { $0.child = nil }
            guard case .label(let slot, let target) = reply.pointee.clause!.pointee.kind else {
                preconditionFailure("a suspension lands at a label")
            }
            let count = reply.pointee.count
            if let payload = reply.pointee.values { copy(count, from: payload, to: fp + slot) }
            fp[slot + count] = continuation
            return code + target
        case .finished:
            if let results = reply.pointee.values { copy(reply.pointee.count, from: results, to: fp + base) }
            endChild(of: context)
            return next
        case .threw:
            let error = reply.pointee.error.take()!
            endChild(of: context)
            throw error
        default:
            preconditionFailure("a resume is only ever answered")
        }
    }

    /// Copies the few values a switch carries (a loop: a `memmove` call costs more for them).
    @inline(__always)
    static func copy(_ count: Int, from source: UnsafePointer<UInt64>, to destination: UnsafeMutablePointer<UInt64>) {
        var i = 0
        while i < count {
            destination[i] = source[i]
            i += 1
        }
    }

    /// The stack `context` was resuming has ended.
    static func endChild(of context: Unmanaged<ExecutionContext>) {
        let child = context._withUnsafeGuaranteedRef { context in
            defer { context.child = nil }
            return context.child!
        }
        ContinuationStack.end(child)
    }

    /// Unwinds the suspended chain of `continuation` from `context` (no WebAssembly runs: the
    /// suspension traps, and traps are not caught), so its frames release what they hold and
    /// its stacks go back to the pool.
    static func cancel(_ continuation: Continuation, from context: ExecutionContext) {
        var state = Continuation.State.consumed
        swap(&state, &continuation.state)
        guard case .suspended(let outer) = state else { return }
        guard outer._withUnsafeGuaranteedRef({ $0.pool.isOwnedByCurrentThread }) else {
            reportAbandonedContinuation()
            return
        }
        let me = Unmanaged.passUnretained(context)
        let inner = outer._withUnsafeGuaranteedRef { outer in
            defer { outer.suspendedInner = nil }
            return outer.suspendedInner!
        }
        let waiting = context.child
        link(outer, under: me)
        let message = context.outbox
        message.pointee.kind = .cancel
        let (target, identity) = inner._withUnsafeGuaranteedRef { $0.resumePoint }
        let reply = ContinuationStack.transfer(
            save: outer._withUnsafeGuaranteedRef { $0.parentSlot }, to: target, identity: identity, message: message, arriving: me)
        _ = reply.pointee.error.take()
        endChild(of: me)
        context.child = waiting
    }
}

extension ResumeHandler {
    /// Whether this is an `(on $tag $label)` clause.
    var isLabel: Bool {
        if case .label = kind { return true }
        return false
    }
}

private func reportAbandonedContinuation() {
    let message = "WasmFiber: a suspended continuation was dropped on a thread that does not own its stack; its stack is kept (not unwound)\n"
    message.utf8CString.withUnsafeBufferPointer { buffer in
        _ = write(2, buffer.baseAddress, buffer.count - 1)
    }
}
