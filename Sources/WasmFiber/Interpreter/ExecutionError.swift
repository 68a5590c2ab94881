/// How WebAssembly execution ends abnormally, as it propagates through interpreter
/// activations (a typed error: no existential boxing on the way).
enum ExecutionError: Error {
    /// A trap; frames are appended as it leaves each activation.
    case trap(Trap)
    /// A WebAssembly exception not caught (yet); `backtrace` collects the frames it left.
    case exception(ExceptionInstance, backtrace: [Trap.Frame])

    /// The frame `frame` was left by this error.
    mutating func append(_ frame: Trap.Frame) {
        switch self {
        case .trap(var trap):
            trap.backtrace.append(frame)
            self = .trap(trap)
        case .exception(let exception, var backtrace):
            backtrace.append(frame)
            self = .exception(exception, backtrace: backtrace)
        }
    }
}
