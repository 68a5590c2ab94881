/// A continuation reference's object (`contref`): one-shot. A continuation is either fresh (a
/// function and the arguments `cont.bind` gave it, no stack yet) or suspended (a stack that
/// stopped at a `suspend` or `switch`); resuming it, binding it or switching to it consumes it.
///
/// A `contref` slot holds the object's address in its low 48 bits and a *generation* in its
/// high 16 (user-space addresses fit in 47 bits on x86_64 and 48 on aarch64). Consuming a
/// continuation advances its generation, so every copy of the old reference is consumed at
/// once; a stack that suspends again is handed out under the same object with the new
/// generation — one object per stack, not one per suspension. (A stale reference would pass
/// again only after exactly a multiple of 65,536 further suspensions of that stack.)
///
/// The engine's `ContinuationRegistry` keeps continuations alive until they are unreachable.
final class Continuation {
    enum State {
        case fresh(FunctionInstance)
        case suspended(ContinuationStack)
        case consumed
    }

    @exclusivity(unchecked) var state: State
    /// Arguments given ahead of the resume's own (`cont.bind`), in order.
    @exclusivity(unchecked) var bound: [UInt64]
    /// Advanced by every consumption (the high 16 bits of a reference).
    @exclusivity(unchecked) private(set) var generation: UInt64 = 0

    init(state: State, bound: [UInt64] = []) {
        self.state = state
        self.bound = bound
    }

    /// The low bits of a reference: the object's address.
    static let addressMask: UInt64 = (1 << 48) - 1

    /// The slot encoding of this continuation as it is now.
    var reference: UInt64 {
        UInt64(UInt(bitPattern: Unmanaged.passUnretained(self).toOpaque())) | (generation & 0xFFFF) << 48
    }

    /// The continuation a non-null `contref` slot refers to (consumed or not).
    static func at(_ slot: UInt64) -> Continuation {
        Unmanaged<Continuation>.fromOpaque(UnsafeRawPointer(bitPattern: UInt(slot & addressMask))!).takeUnretainedValue()
    }

    /// Whether `slot` (a reference to this continuation) has been consumed.
    func isConsumed(_ slot: UInt64) -> Bool {
        if case .consumed = state { return true }
        return slot >> 48 != generation & 0xFFFF
    }

    /// Takes the state `slot` refers to, leaving the continuation consumed.
    func consume(_ slot: UInt64) throws(ExecutionError) -> (state: State, bound: [UInt64]) {
        guard !isConsumed(slot) else { throw .trap(Trap(.continuationAlreadyConsumed)) }
        let taken = state
        state = .consumed
        generation &+= 1
        let bound = self.bound
        self.bound = []
        return (taken, bound)
    }
}

/// What a resume tells the stack it resumes.
enum ResumeSignal {
    /// Go on with the values in `ContinuationStack.transfer` (the function's arguments on
    /// the first resume, else the suspension's results).
    case values
    /// Raise this exception at the suspension point (`resume_throw`).
    case exception(ExceptionInstance)
}

/// What a stack tells its resumer when it stops without finishing.
enum StackEvent {
    /// `suspend $tag` with the payload in `transfer`.
    case suspended(Unmanaged<TagInstance>)
    /// `switch` to the continuation in slot `target` under a handler of `tag`; the arguments
    /// in `transfer` (the switching continuation's own reference not included yet).
    case switched(to: UInt64, tag: Unmanaged<TagInstance>)
    /// The function returned; its results are in `transfer`.
    case finished
}

/// A native stack running a continuation's code: its fiber, its own value stack, and, while
/// it runs, the resume that runs it (for the handler search).
final class ContinuationStack {
    /// Resumed with `ResumeSignal`, stops with `StackEvent`.
    @exclusivity(unchecked) var fiber: Fiber<ResumeSignal, StackEvent>! {
        didSet { fiberReference = fiber.map { Unmanaged.passUnretained($0) } }
    }
    /// `fiber`, for switching without reference counting (`fiber` keeps it alive).
    @exclusivity(unchecked) private(set) var fiberReference: Unmanaged<Fiber<ResumeSignal, StackEvent>>?
    /// The continuation this stack is handed out as whenever it stops (the registry keeps it;
    /// while the stack is suspended the continuation holds the stack).
    @exclusivity(unchecked) unowned(unsafe) var handle: Continuation!
    /// The execution state of the code on this stack (its `stack` is this object).
    let context: ExecutionContext
    /// Values crossing a switch in either direction.
    @exclusivity(unchecked) var transfer: [UInt64] = []
    /// While running: the handlers of the resume running it, and that resume's execution.
    @exclusivity(unchecked) var handlers = ResumeHandlers.none
    /// Unowned: the resume's execution outlives the child's run.
    @exclusivity(unchecked) unowned(unsafe) var resumer: ExecutionContext?
    /// The stack this one is resuming, while it does (a suspension forwarded through this
    /// stack leaves both suspended; the collector reaches the child through here).
    /// Unowned: the resume holds the child while it runs or forwards for it.
    @exclusivity(unchecked) unowned(unsafe) var child: ContinuationStack?
    /// How the code on this stack suspends itself (set when the fiber starts).
    @exclusivity(unchecked) var suspender: Fiber<ResumeSignal, StackEvent>.Suspender?

    init(context: ExecutionContext) {
        self.context = context
    }

    /// Unwinds the suspended frames (the pending suspension throws, no WebAssembly handler
    /// can catch it), so that they release what they hold; the fiber ends and its stack goes
    /// back to the pool. A stack resuming a child cancels the child the same way.
    func cancel() {
        try? fiber?.cancel()
    }

    deinit {
        cancel()
    }

    /// Stops this stack with `event` and `payload`; returns how it is resumed, with the
    /// resume's values (if any) in `transfer`. A stack being dropped is unwound: its pending
    /// suspension throws, no more WebAssembly runs on it.
    func suspendSelf(_ event: StackEvent, payload: UnsafeBufferPointer<UInt64>) throws(ExecutionError) -> ResumeSignal {
        transfer.removeAll(keepingCapacity: true)
        transfer.append(contentsOf: payload)
        return try suspendWithTransfer(event)
    }

    /// The same, forwarding `values` (another stack's transfer) as they are.
    func suspendSelf(_ event: StackEvent, values: [UInt64]) throws(ExecutionError) -> ResumeSignal {
        transfer = values
        return try suspendWithTransfer(event)
    }

    private func suspendWithTransfer(_ event: StackEvent) throws(ExecutionError) -> ResumeSignal {
        do {
            return try suspender!(event)
        } catch {
            throw .trap(Trap(.other("continuation dropped while suspended")))
        }
    }
}

/// One handler clause of a `resume` instruction, resolved: the tag, and for `(on $tag $label)`
/// where the payload and the new continuation go and where execution continues. The tag is
/// unretained (its instance keeps it), so that clauses copy without reference counting.
struct ResumeHandler {
    enum Kind {
        case label(slot: Int, target: Int)
        case `switch`
    }

    let tagReference: Unmanaged<TagInstance>
    var kind: Kind

    init(tag: TagInstance, kind: Kind) {
        tagReference = Unmanaged.passUnretained(tag)
        self.kind = kind
    }

    /// Whether this clause is for `tag`.
    @inline(__always) func handles(_ tag: Unmanaged<TagInstance>) -> Bool {
        tagReference.toOpaque() == tag.toOpaque()
    }
}

/// The handler clauses of one `resume` instruction: a view of its compiled function's table,
/// which lives as long as the code (no copy, no reference counting when a resume installs it).
struct ResumeHandlers {
    let clauses: UnsafeBufferPointer<ResumeHandler>

    static var none: ResumeHandlers { ResumeHandlers(clauses: UnsafeBufferPointer(start: nil, count: 0)) }
}
