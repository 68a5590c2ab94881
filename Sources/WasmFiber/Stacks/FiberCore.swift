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
    /// The stack's lowest usable address while the fiber holds a stack.
    @usableFromInline @exclusivity(unchecked) var base = UnsafeMutableRawPointer(bitPattern: 0x10)!
    /// ThreadSanitizer state of this fiber's context (nil in other builds; see
    /// `wf_sanitizer_switch_to`).
    @usableFromInline @exclusivity(unchecked) var sanitizerState: UnsafeMutableRawPointer?
    /// What the sanitizers need to switch back to whoever resumed the fiber last: its TSan
    /// state (set by the resumer) and its stack's bounds for ASan (learned by the fiber when it
    /// arrives). Zero in normal builds; see the protocol in wf_switch.h.
    @usableFromInline @exclusivity(unchecked) var sanitizerResumer = wf_sanitizer_resumer()

    /// The body, run on the fiber's own stack: it sets the state to its terminal value and
    /// returns ``SwitchCode/returned`` or ``SwitchCode/threw``.
    ///
    /// A function value rather than an overridable method: a subclass creates it where its
    /// generic parameters are known, so the body runs specialized code (an override called
    /// from this non-generic class would run unspecialized generic code, with a metadata
    /// look-up for every value it touches — measured 10× slower to create and finish).
    ///
    /// It receives the fiber as an opaque pointer, never as a reference: see ``enter(_:_:)``.
    @usableFromInline let main: (UnsafeMutableRawPointer, UInt) -> UInt

    @usableFromInline
    init(pool: StackPool, main: @escaping (UnsafeMutableRawPointer, UInt) -> UInt) {
        self.pool = pool
        self.main = main
    }

    /// The lowest stack address code on this fiber may reach if it checks the stack pointer
    /// (``wf_stack_pointer()``) against it before every step that uses up to `margin` bytes;
    /// `nil` while the fiber holds no stack (fresh or ended).
    public func stackLimit(margin: Int) -> UInt? {
        guard let stack else { return nil }
        return wf_stack_limit(stack, margin)
    }

    /// This fiber as the opaque pointer its entry frame receives.
    @inlinable @inline(__always) var identity: UnsafeMutableRawPointer {
        Unmanaged.passUnretained(self).toOpaque()
    }

    /// Whether the caller runs on this fiber's own stack — that is, this fiber is the innermost
    /// one running on the thread (a fiber it resumed would run on a stack of its own). Two
    /// comparisons, and no per-switch bookkeeping to keep it true.
    @inlinable @inline(__always) var isCurrent: Bool {
        let sp = wf_stack_pointer()
        return sp > UInt(bitPattern: base) && sp < UInt(bitPattern: top)
    }

    /// Switches from the caller into the fiber and returns the code it switched back with.
    ///
    /// Precondition (checked): the calling thread owns the fiber's pool, and the fiber is
    /// fresh or suspended. A fresh fiber first takes a stack.
    @inlinable @inline(__always)
    final func switchIn(_ code: UInt) throws(FiberError) -> UInt {
        guard pool.isOwnedByCurrentThread else { throw .wrongThread }
        if _state != .suspended { try prepareFirstResume() }
        _state = .running
        let top = self.top
        let save = wf_context_parent_slot(top), target = wf_context_resume_slot(top).pointee
        // The resumer's ASan fake stack while it is away: a local, since this frame outlives
        // the switch (each nested resume has its own).
        var fakeStack: UnsafeMutableRawPointer? = nil
        if wf_sanitizer_tracks_contexts() != 0 {   // constant: gone from normal builds
            sanitizerResumer.fiber = wf_sanitizer_current()
            let state = sanitizerState
            let stack = wf_sanitizer_stack(bottom: base, size: base.distance(to: top))
            // Nothing but the hooks between here and the switch (no call that returns).
            wf_sanitizer_switch_to(state)
            fakeStack = wf_sanitizer_start_switch(stack)
        }
        let result = wf_context_switch(save, target, code)
        if wf_sanitizer_tracks_contexts() != 0 { _ = wf_sanitizer_finish_switch(fakeStack) }
        if result != SwitchCode.suspended { releaseStack() }
        return result
    }

    /// A fresh fiber takes a stack and gets its entry frame; any other state is refused.
    @usableFromInline @inline(never)
    final func prepareFirstResume() throws(FiberError) {
        guard _state == .fresh else { throw .notResumable(_state) }
        let stack = try pool.acquire()
        // A thread running fibers needs an alternate signal stack for a guard hit to be
        // reported; this is cheap once done, and the first resume is not the hot path.
        if wf_crash_installed() != 0 { _ = wf_thread_ensure_altstack() }
        self.stack = stack
        top = UnsafeMutableRawPointer(stack.pointee.top)
        base = UnsafeMutableRawPointer(stack.pointee.base)
        let sp = wf_context_make(top, fiberEntry, identity)
        wf_context_resume_slot(top).pointee = sp
        sanitizerState = wf_sanitizer_create()
    }

    /// The body has ended: its stack goes back to the pool.
    @usableFromInline
    final func releaseStack() {
        if let stack {
            self.stack = nil
            pool.release(stack)
        }
        wf_sanitizer_destroy(sanitizerState)
        sanitizerState = nil
    }

    /// Switches from the fiber back to whoever resumed it; returns the code of the next resume.
    ///
    /// Precondition (checked by callers): the fiber is the current one.
    @inlinable @inline(__always)
    final func switchOut(_ code: UInt) -> UInt {
        _state = .suspended
        let top = self.top
        let save = wf_context_resume_slot(top), target = wf_context_parent_slot(top).pointee
        var fakeStack: UnsafeMutableRawPointer? = nil   // this fiber's, while it is suspended
        if wf_sanitizer_tracks_contexts() != 0 {
            let resumer = sanitizerResumer
            wf_sanitizer_switch_to(resumer.fiber)
            fakeStack = wf_sanitizer_start_switch(resumer.stack)
        }
        let next = wf_context_switch(save, target, code)
        if wf_sanitizer_tracks_contexts() != 0 {
            // The resume may come from another stack than the last one did: learn it.
            let from = wf_sanitizer_finish_switch(fakeStack)
            sanitizerResumer.stack = from
        }
        return next
    }

    /// First Swift code on a fresh stack. Returns where to go when the body has ended.
    ///
    /// The fiber is used through an unretained reference: a strong reference held by a frame
    /// of a suspended fiber would keep the fiber alive forever (it could never be dropped and
    /// unwound). No Swift object stays referenced from the stack's frames after it returns.
    @inline(never)
    static func enter(_ argument: UnsafeMutableRawPointer, _ code: UInt) -> (resumer: UnsafeMutableRawPointer, result: UInt) {
        let main = Unmanaged<FiberCore>.fromOpaque(argument)._withUnsafeGuaranteedRef { $0.main }
        let result = main(argument, code)
        return Unmanaged<FiberCore>.fromOpaque(argument)._withUnsafeGuaranteedRef { core in
            (wf_context_parent_slot(core.top).pointee!, result)
        }
    }

    /// Sanitizer builds only: what the fiber knows of its resumer (its stack learned on arrival).
    /// Read and written from the entry frame like ``enter(_:_:)``, through an unretained reference;
    /// the resumer keeps the fiber alive until the fiber's final switch.
    static func sanitizerResumer(of argument: UnsafeMutableRawPointer) -> wf_sanitizer_resumer {
        Unmanaged<FiberCore>.fromOpaque(argument)._withUnsafeGuaranteedRef { $0.sanitizerResumer }
    }

    static func setSanitizerResumerStack(of argument: UnsafeMutableRawPointer, to stack: wf_sanitizer_stack) {
        Unmanaged<FiberCore>.fromOpaque(argument)._withUnsafeGuaranteedRef { $0.sanitizerResumer.stack = stack }
    }
}

/// The C entry point of every fiber stack (called by the trampoline, never returns).
@usableFromInline
let fiberEntry: wf_entry_fn = { code, argument in
    if wf_sanitizer_tracks_contexts() != 0 {   // constant: gone from normal builds
        // First arrival on this stack (no fake stack of its own yet): learn the resumer's stack.
        let firstResumer = wf_sanitizer_finish_switch(nil)
        FiberCore.setSanitizerResumerStack(of: argument!, to: firstResumer)
    }
    let exit = FiberCore.enter(argument!, code)
    if wf_sanitizer_tracks_contexts() != 0 {
        // The final switch: this context ends for good (ASan frees its fake stack).
        let resumer = FiberCore.sanitizerResumer(of: argument!)
        wf_sanitizer_switch_to(resumer.fiber)
        wf_sanitizer_start_final_switch(resumer.stack)
    }
    wf_context_exit(exit.resumer, exit.result)
}
