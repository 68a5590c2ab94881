/// A host function broke its own type: it returned a different number of results than its
/// type has, or a value of the wrong type.
///
/// Thrown from inside the host function's body, so the WebAssembly code that called it traps
/// (``TrapKind/hostError``, with this error as ``Trap/hostError``).
public struct HostFunctionError: Error, Sendable, CustomStringConvertible {
    /// For example `host function returned 2 results, its type [i32] -> [i32] has 1`.
    public var message: String

    /// An error with `message`.
    public init(_ message: String) { self.message = message }

    /// `host function error: ` and the message.
    public var description: String { "host function error: \(message)" }
}
