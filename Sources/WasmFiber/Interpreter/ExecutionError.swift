/// How WebAssembly execution ends abnormally, as it propagates through interpreter
/// activations (a typed error: no existential boxing on the way).
indirect enum ExecutionError: Error {
    /// A trap; frames are appended as it leaves each activation.
    case trap(Trap)
    /// A WebAssembly exception not caught (yet); `backtrace` collects the frames it left.
    case exception(ExceptionInstance, backtrace: [Trap.Frame])

    /// The frame `frame` was left by this error. Backtraces keep the innermost
    /// `Trap.backtraceLimit` frames and count the others.
    mutating func append(_ frame: Trap.Frame) {
        switch self {
        case .trap(var trap):
            self = .trap(Trap(.unreachable))   // drop this copy, so the append below is in place
            if trap.backtrace.count < Trap.backtraceLimit { trap.backtrace.append(frame) } else { trap.omittedFrameCount += 1 }
            self = .trap(trap)
        case .exception(let exception, var backtrace):
            self = .trap(Trap(.unreachable))
            if backtrace.count < Trap.backtraceLimit { backtrace.append(frame) }
            self = .exception(exception, backtrace: backtrace)
        }
    }

    /// What an error thrown by a host function becomes in WebAssembly: execution errors and
    /// traps pass through (a nested call's trap keeps its backtrace), anything else is a
    /// `hostError` trap carrying the error.
    init(hostFunctionError error: any Error) {
        switch error {
        case let error as ExecutionError:
            self = error
        case let trap as Trap:
            self = .trap(trap)
        default:
            var trap = Trap(.hostError)
            trap.hostErrorBox = Trap.HostErrorBox(error)
            self = .trap(trap)
        }
    }
}
