/// Why instantiation failed for a reason that is neither a link error nor a trap: a resource
/// this runtime could not create (a memory or table too large for it), or a feature of
/// constant expressions it does not implement yet (GC allocations).
public struct InstantiationError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, e.g. `constant expression instruction struct.new is not supported`.
    public var message: String

    /// An error with `message`.
    public init(_ message: String) { self.message = message }

    /// `instantiation error: ` and the message.
    public var description: String { "instantiation error: \(message)" }
}
