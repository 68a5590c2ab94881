/// A host operation on a memory, table or global was refused: an offset or index out of
/// bounds, a value of the wrong type, a write to an immutable global, or growth beyond a
/// limit. Nothing was changed.
public struct AccessError: Error, Sendable, CustomStringConvertible {
    /// For example `table index 10 is out of bounds (table size 3)`.
    public var message: String

    /// An error with `message`.
    public init(_ message: String) { self.message = message }

    /// `access error: ` and the message.
    public var description: String { "access error: \(message)" }
}
