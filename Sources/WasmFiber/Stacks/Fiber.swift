import CContext
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a ``Fiber/resume(_:)`` came back with.
public enum FiberEvent<Output> {
    /// The fiber suspended, handing out a value; it can be resumed again.
    case suspended(Output)
    /// The fiber's body returned this value; the fiber has ended.
    case finished(Output)
}

/// A Swift closure running on a native stack of its own.
///
/// `resume` switches onto the fiber's stack and runs its body until the body suspends (handing
/// a value out, receiving the next resume's value) or ends (its result, or its error, comes
/// out of `resume`). Fibers nest: a fiber's body may resume other fibers.
///
/// ```swift
/// let numbers = Fiber<Void, Int> { _, suspend in
///     for i in 0..<3 { try suspend(i) }
///     return -1
/// }
/// while case .suspended(let i) = try numbers.resume(()) { print(i) }   // 0 1 2
/// ```
///
/// A fiber belongs to the thread of its pool. Cancelling it, or dropping the last reference
/// while it is suspended, unwinds its frames first (the pending `suspend` throws
/// ``FiberError/cancelled``), so whatever they hold is released before the stack goes back to
/// the pool.
public final class Fiber<Input, Output>: FiberCore {
    /// The code a fiber runs. It receives the first resume's value and a ``Suspender``.
    public typealias Body = (_ input: Input, _ suspend: Suspender) throws -> Output

    /// Hands a value out of the running fiber and waits for the next resume.
    public struct Suspender {
        /// Unretained: a strong reference held across the switch by a suspended frame would
        /// keep the fiber alive forever.
        @usableFromInline let fiber: Unmanaged<Fiber>

        @usableFromInline init(fiber: Unmanaged<Fiber>) { self.fiber = fiber }

        /// Suspends the fiber with `value`; returns the value of the resume that continues it.
        /// Throws ``FiberError/cancelled`` when the fiber is being cancelled (let it
        /// propagate), and ``FiberError/notRunning(_:)`` when called from anywhere but this
        /// fiber's own stack.
        @inlinable @inline(__always)
        public func callAsFunction(_ value: Output) throws -> Input {
            try fiber._withUnsafeGuaranteedRef { try $0.suspend(value) }
        }
    }

    @usableFromInline @exclusivity(unchecked) var body: Body?
    @usableFromInline @exclusivity(unchecked) var input: Input?
    @usableFromInline @exclusivity(unchecked) var output: Output?
    @usableFromInline @exclusivity(unchecked) var failure: (any Error)?

    /// Makes a fresh fiber; nothing runs (and no stack is taken) until the first resume.
    @inlinable
    public init(pool: StackPool = .current, _ body: @escaping Body) {
        self.body = body
        super.init(pool: pool) { fiber, _ in
            Unmanaged<Fiber>.fromOpaque(fiber)._withUnsafeGuaranteedRef { $0.runBody() }
        }
    }

    deinit {
        guard state == .suspended else { return }
        if pool.isOwnedByCurrentThread {
            try? cancel()
        } else {
            // Its frames can only be unwound on its own thread: keep the stack rather than
            // corrupt it. (The object's owner broke the thread rule; say so once.)
            reportAbandonedFiber()
        }
    }

    /// Runs the fiber until it suspends or ends.
    ///
    /// - Returns: ``FiberEvent/suspended(_:)`` with the value it suspended with, or
    ///   ``FiberEvent/finished(_:)`` with its body's result.
    /// - Throws: the body's error if it threw; ``FiberError`` if the fiber cannot be resumed
    ///   (it is running or has ended, or this is not its thread).
    @inlinable @inline(__always)
    public func resume(_ value: Input) throws -> FiberEvent<Output> {
        input = value
        let code: UInt
        do {
            code = try switchIn(SwitchCode.proceed)
        } catch {
            input = nil
            throw error
        }
        switch code {
        case SwitchCode.suspended: return .suspended(output.take()!)
        case SwitchCode.returned: return .finished(output.take()!)
        default: throw failure.take()!
        }
    }

    /// Ends the fiber without letting it run to completion: a fresh fiber just ends; a
    /// suspended one is resumed so that its pending `suspend` throws ``FiberError/cancelled``
    /// and its frames unwind. Whatever the body returns or throws then is discarded. Ended
    /// fibers are left alone.
    public func cancel() throws(FiberError) {
        switch state {
        case .fresh:
            body = nil
            _state = .cancelled
        case .suspended:
            cancelling = true
            _ = try switchIn(SwitchCode.cancel)
            output = nil
            failure = nil
        case .running:
            throw .notResumable(.running)
        case .finished, .failed, .cancelled:
            break
        }
    }

    @inlinable @inline(__always)
    func suspend(_ value: Output) throws -> Input {
        guard _state == .running, isCurrent else { throw FiberError.notRunning(_state) }
        if cancelling { throw FiberError.cancelled }
        output = value
        if switchOut(SwitchCode.suspended) == SwitchCode.cancel {
            cancelling = true
            throw FiberError.cancelled
        }
        return input.take()!
    }

    @inlinable
    func runBody() -> UInt {
        let body = self.body.take()!
        do {
            output = try body(input.take()!, Suspender(fiber: Unmanaged.passUnretained(self)))
            _state = cancelling ? .cancelled : .finished
            return SwitchCode.returned
        } catch {
            failure = error
            _state = cancelling ? .cancelled : .failed
            return SwitchCode.threw
        }
    }
}

private func reportAbandonedFiber() {
    let message = "WasmFiber: a suspended fiber was released on a thread that does not own it; its stack is kept (not unwound)\n"
    message.utf8CString.withUnsafeBufferPointer { buffer in
        _ = write(2, buffer.baseAddress, buffer.count - 1)
    }
}
