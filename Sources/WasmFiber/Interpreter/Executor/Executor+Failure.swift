import CInterpreter

/// How a handler fails: a hand-written one keeps the error in the execution context and
/// returns nil; a generated one returns a trap number (`quickTrap`), which `wf_fail` keeps.
/// Either way its shell returns to `Executor.run`, which then unwinds (a WebAssembly
/// exception may have a handler in this activation) or throws.
extension Executor {
    /// Keeps `error` (raised by the record at `pc` of the function `cf`) for `run`; returns
    /// nil. Inlined, so that nothing is live after the out-of-line call on the cold path.
    @inline(__always)
    static func fail(
        _ error: __owned ExecutionError, at pc: UnsafeMutableRawPointer, _ cf: UnsafeMutableRawPointer, _ cx: UnsafeMutableRawPointer
    ) -> UnsafeMutableRawPointer? {
        keep(error, at: pc, cf, cx)
        return nil
    }

    /// `fail` with a trap made out of line.
    @inline(__always)
    static func fail(
        _ kind: TrapKind, at pc: UnsafeMutableRawPointer, _ cf: UnsafeMutableRawPointer, _ cx: UnsafeMutableRawPointer
    ) -> UnsafeMutableRawPointer? {
        keep(kind, at: pc, cf, cx)
        return nil
    }

    /// What a generated body returns for a trap of `kind`: its number, which the handler's
    /// shell hands to `wf_fail` (CInterpreter.h), so that the body makes no call at all.
    @inline(__always)
    static func quickTrap(_ kind: QuickTrap) -> UnsafeMutableRawPointer? {
        UnsafeMutableRawPointer(bitPattern: kind.rawValue)
    }

    /// `quickTrap(_:)` for a numeric operator's trap.
    @inline(__always)
    static func quickTrap(_ error: NumericTrap) -> UnsafeMutableRawPointer? {
        switch error {
        case .integerDivideByZero: quickTrap(QuickTrap.integerDivideByZero)
        case .integerOverflow: quickTrap(QuickTrap.integerOverflow)
        case .invalidConversionToInteger: quickTrap(QuickTrap.invalidConversionToInteger)
        }
    }

    @inline(never)
    static func keep(
        _ error: __owned ExecutionError, at pc: UnsafeMutableRawPointer, _ cf: UnsafeMutableRawPointer, _ cx: UnsafeMutableRawPointer
    ) {
        let context = Unmanaged<ExecutionContext>.fromOpaque(cx).takeUnretainedValue()
        context.failure = Failure(error: error, pc: pc, compiled: Unmanaged.fromOpaque(cf))
    }

    @inline(never)
    static func keep(_ kind: TrapKind, at pc: UnsafeMutableRawPointer, _ cf: UnsafeMutableRawPointer, _ cx: UnsafeMutableRawPointer) {
        keep(.trap(Trap(kind)), at: pc, cf, cx)
    }

    /// `fail` for the hand-written handlers.
    @inline(__always)
    static func fail(
        _ error: __owned ExecutionError, at pc: UnsafeMutableRawPointer, _ cf: Unmanaged<CompiledFunction>,
        _ cx: Unmanaged<ExecutionContext>
    ) -> UnsafeMutableRawPointer? {
        fail(error, at: pc, cf.toOpaque(), cx.toOpaque())
    }

    /// `fail(_:at:_:_:)` with a trap, for the hand-written handlers.
    @inline(__always)
    static func fail(
        _ kind: TrapKind, at pc: UnsafeMutableRawPointer, _ cf: Unmanaged<CompiledFunction>, _ cx: Unmanaged<ExecutionContext>
    ) -> UnsafeMutableRawPointer? {
        fail(kind, at: pc, cf.toOpaque(), cx.toOpaque())
    }

    /// Runs `body` with the execution, without retaining it.
    @inline(__always)
    static func withContext<R>(
        _ context: Unmanaged<ExecutionContext>, _ body: (ExecutionContext) throws(ExecutionError) -> R
    ) throws(ExecutionError) -> R {
        let result: Result<R, ExecutionError> = context._withUnsafeGuaranteedRef { context in
            Result { () throws(ExecutionError) in try body(context) }
        }
        return try result.get()
    }

    /// A handler failed below `run`: continues at the exception handler that catches the
    /// error in the failed function (possibly again and again), or throws it on.
    @inline(never)
    static func recover(_ fp: UnsafeMutablePointer<UInt64>, _ context: ExecutionContext) throws(ExecutionError) {
        while let failure = context.failure {
            context.failure = nil
            let compiled = failure.compiled
            let (code, function, instance, base, size) = compiled._withUnsafeGuaranteedRef {
                ($0.code, $0.functionReference, $0.instanceReference, $0.memoryBase, $0.memorySize)
            }
            let target = try unwind(failure.error, at: failure.pc - code, function, compiled, instance, fp, context)
            wf_run(code + target, fp, base, UInt64(size.pointee), compiled.toOpaque(), Unmanaged.passUnretained(context).toOpaque())
        }
    }
}

/// The traps a generated body reports by its return value alone (see `Executor.quickTrap`):
/// numbers from 1, below `WF_FAILURE_LIMIT`.
enum QuickTrap: UInt {
    case outOfBoundsMemoryAccess = 1
    case integerDivideByZero
    case integerOverflow
    case invalidConversionToInteger

    /// The trap's kind.
    var kind: TrapKind {
        switch self {
        case .outOfBoundsMemoryAccess: .outOfBoundsMemoryAccess
        case .integerDivideByZero: .integerDivideByZero
        case .integerOverflow: .integerOverflow
        case .invalidConversionToInteger: .invalidConversionToInteger
        }
    }
}

/// Keeps trap number `code` (a `QuickTrap`) raised by the record at `pc`: what `wf_fail`
/// calls when a generated body failed.
@_silgen_name("wf_keep_trap")
func wfKeepTrap(_ code: UInt64, _ pc: UnsafeMutableRawPointer, _ cf: UnsafeMutableRawPointer, _ cx: UnsafeMutableRawPointer) {
    guard let trap = QuickTrap(rawValue: UInt(code)) else { preconditionFailure("unknown trap number \(code)") }
    Executor.keep(trap.kind, at: pc, cf, cx)
}

/// A failed handler's error, where it happened, and in which function (tail calls change the
/// running function within one `run`).
struct Failure {
    var error: ExecutionError
    var pc: UnsafeMutableRawPointer
    var compiled: Unmanaged<CompiledFunction>
}

/// A record of `Op.exit` alone: where a tail call to a host function continues (the
/// activation is done; its handler returns).
nonisolated(unsafe) let exitRecord: UnsafeMutableRawPointer = {
    let record = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
    record.storeBytes(of: Executor.handlerWord(.exit), as: UInt64.self)
    return record
}()

extension UnsafeMutableRawPointer {
    /// The record a branch operand at byte `offset` points to (a displacement from the
    /// operand's own address, as `wf_branch_target` reads it).
    @inline(__always) func target(_ offset: Int) -> UnsafeMutableRawPointer {
        self + offset + Int(Int32(bitPattern: load(fromByteOffset: offset, as: UInt32.self)))
    }
}
