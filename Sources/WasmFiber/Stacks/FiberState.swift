/// Where a fiber is in its life. Transitions, each checked before it happens:
///
/// ```
/// fresh ──resume──▶ running ──suspend──▶ suspended ──resume──▶ running
///                      │                     │
///                      ├─return─▶ finished   └─cancel─▶ (running, unwinding) ─▶ cancelled
///                      └─throw──▶ failed
/// fresh ──cancel──▶ cancelled
/// ```
/// A fiber holds a native stack only while it is running or suspended.
public enum FiberState: Sendable, Equatable, CustomStringConvertible {
    /// Created, never resumed; no stack yet.
    case fresh
    /// Executing, or resuming another fiber nested inside it.
    case running
    /// Stopped in `suspend`, waiting for `resume`.
    case suspended
    /// Its body returned.
    case finished
    /// Its body threw.
    case failed
    /// Cancelled before it finished; its frames were unwound.
    case cancelled

    /// Whether the fiber has ended (finished, failed or cancelled).
    public var isTerminal: Bool {
        switch self {
        case .finished, .failed, .cancelled: true
        case .fresh, .running, .suspended: false
        }
    }

    public var description: String {
        switch self {
        case .fresh: "fresh"
        case .running: "running"
        case .suspended: "suspended"
        case .finished: "finished"
        case .failed: "failed"
        case .cancelled: "cancelled"
        }
    }
}
