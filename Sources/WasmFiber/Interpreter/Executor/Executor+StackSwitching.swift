import CContext

/// Typed continuations on native stacks (layouts in `Translator+StackSwitching.swift`).
///
/// A continuation runs on a `ContinuationStack` (a fiber with a value stack of its own). A
/// `resume` switches to the child stack and waits there, in the instruction, until the child
/// finishes or stops: a suspension whose tag this resume handles lands at the handler's label
/// with a new continuation for the child; one it does not handle is forwarded — the resume's
/// own stack stops with the same event, and relays what it is resumed with to the child. So
/// each resume only ever talks to its direct child, and a suspension never crosses a host
/// frame: the search for a handler stops at the stack the host entered on.
extension Executor {
    @inline(never)
    static func stackSwitching(
        _ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>, _ code: UnsafeMutableRawPointer,
        _ compiled: Unmanaged<CompiledFunction>, _ instanceReference: Unmanaged<ModuleInstance>?, _ context: ExecutionContext
    ) throws(ExecutionError) -> UnsafeMutableRawPointer {
        let base = pc.slot(8)
        switch pc.load(as: Op.self) {
        case .contNew:
            let function = fp[base]
            guard function != 0 else { throw trap(.nullFunctionReference) }
            // A safepoint: every continuation reference is in a slot the collector scans.
            context.engine.continuations.collectIfDue(from: context)
            let continuation = Continuation(state: .fresh(Reference.function(at: function).takeUnretainedValue()))
            context.engine.continuations.register(continuation)
            fp[base] = continuation.reference
            return pc + 16
        case .contBind:
            let count = pc.slot(12)
            let slot = fp[base + count]
            let (state, bound) = try continuation(at: slot).consume(slot)
            let new = Continuation(state: state, bound: bound + Array(UnsafeBufferPointer(start: fp + base, count: count)))
            context.engine.continuations.register(new)
            fp[base] = new.reference
            return pc + 16
        case .resume:
            let count = pc.slot(12)
            let slot = fp[base + count]
            let (state, bound) = try continuation(at: slot).consume(slot)
            let handlers = compiled._withUnsafeGuaranteedRef { $0.resumeTables[pc.slot(16)] }
            return try resume(state, .values, bound, UnsafeBufferPointer(start: fp + base, count: count), handlers, base, fp, code, pc + 24, context)
        case .resumeThrow, .resumeThrowRef:
            let isRef = pc.load(as: Op.self) == .resumeThrowRef
            let count = isRef ? 1 : pc.slot(20)
            let slot = fp[base + count]
            let (state, _) = try continuation(at: slot).consume(slot)
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
            let handlers = compiled._withUnsafeGuaranteedRef { $0.resumeTables[pc.slot(16)] }
            return try resume(state, .exception(exception), [], UnsafeBufferPointer(start: nil, count: 0), handlers, base, fp, code, pc + 24, context)
        case .suspend:
            let tag = pc.object(16, as: TagInstance.self)
            guard let stack = context.stack, handles(tag, switching: false, from: context) else { throw trap(.unhandledTag) }
            let payload = UnsafeBufferPointer(start: fp + base, count: pc.slot(12))
            try receive(stack.suspendSelf(.suspended(tag), payload: payload), into: fp + base, stack)
            return pc + 24
        case .switchContinuation:
            let count = pc.slot(12)
            let tag = pc.object(16, as: TagInstance.self)
            let target = fp[base + count]
            if try continuation(at: target).isConsumed(target) { throw trap(.continuationAlreadyConsumed) }
            guard let stack = context.stack, handles(tag, switching: true, from: context) else { throw trap(.unhandledTag) }
            let arguments = UnsafeBufferPointer(start: fp + base, count: count)
            try receive(stack.suspendSelf(.switched(to: target, tag: tag), payload: arguments), into: fp + base, stack)
            return pc + 24
        default:
            preconditionFailure("not a stack-switching instruction")
        }
    }

    /// The continuation in a `contref` slot (null traps).
    static func continuation(at slot: UInt64) throws(ExecutionError) -> Continuation {
        guard slot != 0 else { throw trap(.nullContinuationReference) }
        return Continuation.at(slot)
    }

    /// After a suspension: the resume's values go to `destination`, or its exception is raised.
    static func receive(_ signal: ResumeSignal, into destination: UnsafeMutablePointer<UInt64>, _ stack: ContinuationStack) throws(ExecutionError) {
        switch signal {
        case .values:
            for (i, value) in stack.transfer.enumerated() { destination[i] = value }
        case .exception(let exception):
            throw .exception(exception, backtrace: [])
        }
    }

    /// Whether a handler for `tag` (a switch handler if `switching`) encloses the code running
    /// in `context`, up to the stack the host entered on.
    static func handles(_ tag: Unmanaged<TagInstance>, switching: Bool, from context: ExecutionContext) -> Bool {
        var current = context
        while let stack = current.stack {
            for handler in stack.handlers.clauses where handler.handles(tag) {
                switch handler.kind {
                case .switch: if switching { return true }
                case .label: if !switching { return true }
                }
            }
            guard let resumer = stack.resumer else { return false }
            current = resumer
        }
        return false
    }

    /// Runs a continuation (in `state`) under `handlers` until it finishes (results at `base`,
    /// continue at `next`) or stops at a suspension one of the handlers takes (continue at
    /// its label). Suspensions and switches for outer handlers are forwarded.
    static func resume(
        _ state: Continuation.State, _ firstSignal: ResumeSignal, _ bound: [UInt64], _ arguments: UnsafeBufferPointer<UInt64>,
        _ handlers: ResumeHandlers, _ base: Int, _ fp: UnsafeMutablePointer<UInt64>, _ code: UnsafeMutableRawPointer,
        _ next: UnsafeMutableRawPointer, _ context: ExecutionContext
    ) throws(ExecutionError) -> UnsafeMutableRawPointer {
        var stack = try take(state, context)
        var signal = firstSignal
        stack.transfer.removeAll(keepingCapacity: true)
        stack.transfer.append(contentsOf: bound)
        stack.transfer.append(contentsOf: arguments)
        defer { context.stack?.child = nil }
        while true {
            stack.handlers = handlers
            stack.resumer = context
            context.stack?.child = stack
            let event = try run(stack, signal, context)
            stack.resumer = nil
            stack.handlers = .none
            switch event {
            case .finished:
                for (i, value) in stack.transfer.enumerated() { fp[base + i] = value }
                return next
            case .suspended(let tag):
                if let handler = handlers.clauses.first(where: { $0.handles(tag) && $0.isLabel }), case .label(let slot, let target) = handler.kind {
                    let continuation: Continuation = stack.handle
                    continuation.state = .suspended(stack)
                    for (i, value) in stack.transfer.enumerated() { fp[slot + i] = value }
                    fp[slot + stack.transfer.count] = continuation.reference
                    return code + target
                }
                guard let own = context.stack else { throw trap(.unhandledTag) }
                do { signal = try own.suspendSelf(.suspended(tag), values: stack.transfer) } catch {
                    stack.cancel()   // this stack is being unwound: so is the child it forwarded for
                    throw error
                }
                swap(&stack.transfer, &own.transfer)
            case .switched(let targetSlot, let tag):
                if handlers.clauses.contains(where: { $0.handles(tag) && !$0.isLabel }) {
                    let current: Continuation = stack.handle
                    current.state = .suspended(stack)
                    let (targetState, targetBound) = try continuation(at: targetSlot).consume(targetSlot)
                    let payload = stack.transfer
                    stack = try take(targetState, context)
                    stack.transfer.removeAll(keepingCapacity: true)
                    stack.transfer.append(contentsOf: targetBound)
                    stack.transfer.append(contentsOf: payload)
                    stack.transfer.append(current.reference)
                    signal = .values
                } else {
                    guard let own = context.stack else { throw trap(.unhandledTag) }
                    do { signal = try own.suspendSelf(.switched(to: targetSlot, tag: tag), values: stack.transfer) } catch {
                        stack.cancel()
                        throw error
                    }
                    swap(&stack.transfer, &own.transfer)
                }
            }
        }
    }

    /// The stack to run a continuation on: a suspended one's own, or a new one for a fresh one.
    static func take(_ state: Continuation.State, _ context: ExecutionContext) throws(ExecutionError) -> ContinuationStack {
        switch state {
        case .suspended(let stack):
            return stack
        case .fresh(let function):
            return try makeStack(function, context)
        case .consumed:
            throw trap(.continuationAlreadyConsumed)
        }
    }

    /// A new stack that will call `function` with the first resume's values.
    static func makeStack(_ function: FunctionInstance, _ creator: ExecutionContext) throws(ExecutionError) -> ContinuationStack {
        let engine = creator.engine
        let pool: StackPool
        do { pool = try engine.continuationStackPool() } catch {
            throw .trap(Trap(.other("no stack for a continuation: \(error)")))
        }
        let context = ExecutionContext(engine: engine, continuationOf: creator)
        let stack = ContinuationStack(context: context)
        context.stack = stack
        let handle = Continuation(state: .consumed)
        engine.continuations.register(handle)
        stack.handle = handle
        let stackSize = pool.configuration.stackSize
        unowned(unsafe) let unownedStack = stack
        stack.fiber = Fiber<ResumeSignal, StackEvent>(pool: pool) { signal, suspender in
            let stack = unownedStack
            stack.suspender = suspender
            let context = stack.context
            // The lowest quarter of the stack's own mapping holds the value stack (growing up);
            // the native frames grow down from the top. One mapping per continuation.
            let valueBytes = stackSize / 4
            context.adopt(valueStack: stack.fiber.base, slots: valueBytes / 8)
            context.nativeLimit = UInt(bitPattern: stack.fiber.base) + UInt(valueBytes) + UInt(ExecutionContext.nativeMargin)
            if case .exception(let exception) = signal { throw ExecutionError.exception(exception, backtrace: []) }
            for (i, value) in stack.transfer.enumerated() { context.valueStack[i] = value }
            try Executor.execute(Unmanaged.passUnretained(function), context.valueStack, context)
            stack.transfer = Array(UnsafeBufferPointer(start: context.valueStack, count: function.resultCount))
            return .finished
        }
        return stack
    }

    /// Switches to `stack` with `signal` until it stops; the execution it stops with.
    static func run(_ stack: ContinuationStack, _ signal: ResumeSignal, _ context: ExecutionContext) throws(ExecutionError) -> StackEvent {
        ExecutionContext.setCurrent(stack.context)
        defer { ExecutionContext.setCurrent(context) }
        do {
            switch try stack.fiberReference!._withUnsafeGuaranteedRef({ try $0.resume(signal) }) {
            case .suspended(let event), .finished(let event): return event
            }
        } catch let error as ExecutionError {
            throw error
        } catch {
            throw .trap(Trap(.other("continuation failed: \(error)")))
        }
    }
}

extension ResumeHandler {
    /// Whether this is an `(on $tag $label)` clause.
    var isLabel: Bool {
        if case .label = kind { return true }
        return false
    }
}
