/// A continuation reference's object (`contref`): one-shot. A continuation is either fresh (a
/// function and the arguments `cont.bind` gave it, no stack yet) or suspended (a stack that
/// stopped at a `suspend` or `switch`); resuming it, binding it or switching to it consumes it.
///
/// A `contref` slot holds the object's address in its low 48 bits and a *generation* in its
/// high 16 (user-space addresses fit in 47 bits on x86_64 and 48 on aarch64). Consuming a
/// continuation advances its generation, so every copy of the old reference is consumed at
/// once; a stack that suspends again is handed out under the same object with the new
/// generation — one object per stack, not one per suspension: the continuation consumed by a
/// stack's first resume becomes that stack's `handle`. (A stale reference would pass again only
/// after exactly a multiple of 65,536 further suspensions of that stack.)
///
/// The engine's `ContinuationRegistry` keeps continuations alive until they are unreachable.
final class Continuation {
    enum State {
        case fresh(FunctionInstance)
        /// The outermost of the stacks it holds (its `suspendedInner` is where it stopped).
        case suspended(Unmanaged<ContinuationStack>)
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
    @inline(__always) static func at(_ slot: UInt64) -> Unmanaged<Continuation> {
        Unmanaged<Continuation>.fromOpaque(UnsafeRawPointer(bitPattern: UInt(slot & addressMask))!)
    }

    /// Whether `slot` (a reference to this continuation) has been consumed.
    func isConsumed(_ slot: UInt64) -> Bool {
        if case .consumed = state { return true }
        return slot >> 48 != generation & 0xFFFF
    }

    /// Takes the state `slot` refers to, leaving the continuation consumed; `nil` if `slot`
    /// was consumed already.
    @inline(__always)
    func consume(_ slot: UInt64) -> (state: State, bound: [UInt64])? {
        guard !isConsumed(slot) else { return nil }
        // Moved out, not copied: no reference counting on the hot path.
        var taken = State.consumed
        swap(&taken, &state)
        generation &+= 1
        var bound: [UInt64] = []
        if !self.bound.isEmpty { swap(&bound, &self.bound) }
        return (taken, bound)
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
