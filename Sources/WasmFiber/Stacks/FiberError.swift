/// Why a fiber operation was refused. Each case is a precondition of the fiber state machine
/// that the caller broke; none of them leaves a fiber or a stack in a corrupt state.
public enum FiberError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `resume` on a fiber that is running, finished, failed or cancelled.
    case notResumable(FiberState)
    /// `suspend` from code that is not running directly on this fiber (the fiber is not the
    /// innermost running one on this thread).
    case notRunning(FiberState)
    /// A fiber or pool used from a thread other than the one that owns it.
    case wrongThread
    /// The fiber was cancelled: `suspend` throws this so the fiber's frames unwind.
    case cancelled
    /// The kernel refused a new stack (`errno` as reported by mmap).
    case stackUnavailable(errno: Int32)
    /// A pool configuration that cannot work.
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .notResumable(let state): "cannot resume a fiber that is \(state)"
        case .notRunning(let state): "cannot suspend a fiber that is not the one running here (it is \(state))"
        case .wrongThread: "a fiber is resumed only on the thread that owns it"
        case .cancelled: "the fiber was cancelled"
        case .stackUnavailable(let errno): "no native stack could be mapped (errno \(errno))"
        case .invalidConfiguration(let why): "invalid stack pool configuration: \(why)"
        }
    }
}
