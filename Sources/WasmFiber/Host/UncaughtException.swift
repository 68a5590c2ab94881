/// A WebAssembly exception that no handler caught: it left the function the host called (or
/// the start function).
///
/// ``tag`` tells which exception it is (compare it with an exported tag using
/// ``Tag/isSame(as:)``), ``payload`` carries its values, and ``backtrace`` the WebAssembly
/// frames it unwound, innermost first.
public struct UncaughtException: Error, @unchecked Sendable, CustomStringConvertible {
    /// The exception's tag.
    public var tag: Tag
    /// The exception's values (one per parameter of the tag's type).
    public var payload: [Value]
    /// The WebAssembly frames the exception left, innermost first.
    public var backtrace: [Trap.Frame]
    /// The exception itself, to pass back to WebAssembly as an `exnref`.
    public var exception: ExceptionRef

    /// The uncaught `exception`, which unwound `backtrace`.
    init(_ exception: ExceptionRef, backtrace: [Trap.Frame]) {
        self.exception = exception
        self.tag = exception.tag
        self.payload = exception.payload
        self.backtrace = backtrace
    }

    /// `uncaught exception` with the payload, then the backtrace, one frame per line.
    public var description: String {
        var text = "uncaught exception (\(payload.map(\.description).joined(separator: " ")))"
        for (depth, frame) in backtrace.enumerated() { text += "\n  #\(depth) \(frame)" }
        return text
    }
}
