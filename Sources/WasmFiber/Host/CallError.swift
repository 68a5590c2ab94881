/// Why the host could not call a function: the arguments do not fit its parameters (count or
/// type), the results do not fit what the caller asked for, or there is no exported function
/// of that name.
///
/// Nothing runs when the arguments are wrong: the check happens before the call.
public struct CallError: Error, Sendable, CustomStringConvertible {
    /// For example `func $add expects 2 arguments, got 1`.
    public var message: String

    /// An error with `message`.
    public init(_ message: String) { self.message = message }

    /// `call error: ` and the message.
    public var description: String { "call error: \(message)" }
}
