/// What one switch between stacks carries: the switch itself passes a single pointer, to the
/// sender's outbox (`ExecutionContext.outbox`), and the receiver reads it before anything else
/// runs. Operands are passed by address — they stay in the sender's slots, which cannot change
/// while the sender is away — so a round trip copies each value once and allocates nothing.
struct StackMessage {
    enum Kind {
        // Into a stack that waits in `suspend`/`switch`, or a fresh one:
        /// Go on with `count` values at `values`, then `extra` if there is one.
        case values
        /// Raise `error` at the suspension point (`resume_throw`).
        case exception
        /// Unwind: the suspension traps, no WebAssembly handler can catch it.
        case cancel
        // Out of a stack, to a stack that waits in `resume`:
        /// A suspension this resume handles: `clause` is the matching handler, `outer`…`inner`
        /// the stacks the new continuation holds, `count` payload values at `values`.
        case suspended
        /// The stack's function returned `count` results at `values`.
        case finished
        /// The stack's function ended with `error`.
        case threw
    }

    var kind = Kind.values
    var values: UnsafePointer<UInt64>? = nil
    var count = 0
    /// For `switch`: the switching continuation's own new reference, after the values.
    var extra: UInt64? = nil
    /// Only for `exception` and `threw` (left `nil` on every other path: no reference counting).
    var error: ExecutionError? = nil
    var clause: UnsafePointer<ResumeHandler>? = nil
    var outer: Unmanaged<ContinuationStack>? = nil
    var inner: Unmanaged<ContinuationStack>? = nil

    /// The message of a switch's value.
    @inline(__always) static func at(_ value: UInt) -> UnsafeMutablePointer<StackMessage> {
        UnsafeMutablePointer(bitPattern: value)!
    }
}
