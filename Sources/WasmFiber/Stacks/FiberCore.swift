import CContext

/// Codes carried by the pointer-sized value of each switch.
@usableFromInline
enum SwitchCode {
    /// Into a fiber: carry on.
    @usableFromInline static let proceed: UInt = 0
    /// Into a fiber: unwind (the pending `suspend` throws ``FiberError/cancelled``).
    @usableFromInline static let cancel: UInt = 1
    /// Out of a fiber: it suspended.
    @usableFromInline static let suspended: UInt = 0
    /// Out of a fiber: its body returned.
    @usableFromInline static let returned: UInt = 1
    /// Out of a fiber: its body threw.
    @usableFromInline static let threw: UInt = 2
}

/// The untyped part of every fiber: its native stack, its saved context and its state
/// machine. ``Fiber`` adds typed values on top; WebAssembly continuations share this core.
///
/// The stack is taken from the pool on the first resume and given back as soon as the body
/// ends, so a fresh or ended fiber costs only its object.
///
/// The switch path is `@inlinable` so that it is specialized and inlined where fibers are
/// used, and its fields opt out of dynamic exclusivity checks: they are only touched by the
/// owner thread, and no access to them is ever open across a switch.
public class FiberCore {
    /// Where the fiber is in its life (see ``FiberState`` for the transitions).
    public var state: FiberState { _state }
    @usableFromInline @exclusivity(unchecked) var _state: FiberState = .fresh
    /// The pool the stack comes from; it also fixes the thread the fiber belongs to.
    public let pool: StackPool
    /// Set once a cancellation is under way: every further `suspend` throws at once.
    @usableFromInline @exclusivity(unchecked) var cancelling = false
    @usableFromInline @exclusivity(unchecked) var stack: UnsafeMutablePointer<wf_stack>?
    /// The stack's top while the fiber holds a stack (both switch slots sit just below it).
    @usableFromInline @exclusivity(unchecked) var top = UnsafeMutableRawPointer(bitPattern: 0x10)!

    @usableFromInline
    init(pool: StackPool) {
        self.pool = pool
    }

    /// The body, run on the fiber's own stack. Subclasses set the state to its terminal value
    /// and return ``SwitchCode/returned`` or ``SwitchCode/threw``.
    @usableFromInline
    func main(_ code: UInt) -> UInt {
        fatalError("FiberCore.main must be overridden")
    }

    /// This fiber as the opaque pointer kept in the thread's "current fiber" slot.
    @inlinable @inline(__always) var identity: UnsafeMutableRawPointer {
        Unmanaged.passUnretained(self).toOpaque()
    }

    /// Whether this fiber is the innermost one running on the calling thread.
    @inlinable @inline(__always) var isCurrent: Bool { wf_thread_current_fiber() == identity }

    /// Switches from the caller into the fiber and returns the code it switched back with.
    ///
    /// Precondition (checked): the calling thread owns the fiber's pool, and the fiber is
    /// fresh or suspended. A fresh fiber first takes a stack.
    @inlinable @inline(__always)
    final func switchIn(_ code: UInt) throws(FiberError) -> UInt {
        guard pool.isOwnedByCurrentThread else { throw .wrongThread }
        if _state != .suspended { try prepareFirstResume() }
        _state = .running
        let previous = wf_thread_current_fiber()
        wf_thread_set_current_fiber(identity)
        let top = self.top
        let result = wf_context_switch(wf_context_parent_slot(top), wf_context_resume_slot(top).pointee, code)
        wf_thread_set_current_fiber(previous)
        if result != SwitchCode.suspended { releaseStack() }
        return result
    }

    /// A fresh fiber takes a stack and gets its entry frame; any other state is refused.
    @usableFromInline @inline(never)
    final func prepareFirstResume() throws(FiberError) {
        guard _state == .fresh else { throw .notResumable(_state) }
        let stack = try pool.acquire()
        self.stack = stack
        top = UnsafeMutableRawPointer(stack.pointee.top)
        let sp = wf_context_make(top, fiberEntry, identity)
        wf_context_resume_slot(top).pointee = sp
    }

    /// The body has ended: its stack goes back to the pool.
    @usableFromInline
    final func releaseStack() {
        if let stack {
            self.stack = nil
            pool.release(stack)
        }
    }

    /// Switches from the fiber back to whoever resumed it; returns the code of the next resume.
    ///
    /// Precondition (checked by callers): the fiber is the current one.
    @inlinable @inline(__always)
    final func switchOut(_ code: UInt) -> UInt {
        _state = .suspended
        let top = self.top
        return wf_context_switch(wf_context_resume_slot(top), wf_context_parent_slot(top).pointee, code)
    }

    /// First Swift code on a fresh stack. Returns where to go when the body has ended.
    ///
    /// The fiber is used through an unretained reference: a strong reference held by a frame
    /// of a suspended fiber would keep the fiber alive forever (it could never be dropped and
    /// unwound). No Swift object stays referenced from the stack's frames after it returns.
    @inline(never)
    static func enter(_ argument: UnsafeMutableRawPointer, _ code: UInt) -> (UnsafeMutableRawPointer, UInt) {
        Unmanaged<FiberCore>.fromOpaque(argument)._withUnsafeGuaranteedRef { core in
            let result = core.main(code)
            return (wf_context_parent_slot(core.top).pointee!, result)
        }
    }
}

/// The C entry point of every fiber stack (called by the trampoline, never returns).
@usableFromInline
let fiberEntry: wf_entry_fn = { code, argument in
    let (resumer, result) = FiberCore.enter(argument!, code)
    wf_context_exit(resumer, result)
}
