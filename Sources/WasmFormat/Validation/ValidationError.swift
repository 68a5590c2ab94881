/// Why a decoded module is not valid, and where.
///
/// `message` is the specification's wording where its test scripts assert one
/// (`assert_invalid`; the scripts match by prefix), for example "type mismatch",
/// "unknown function", "duplicate export name" or "constant expression required". `offset`
/// points at the offending byte when it is known (the instruction, for errors in code), and
/// `function` names the function whose body is invalid.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The specification's message (see the type's documentation).
    public var message: String
    /// Byte offset from the start of the module, when known.
    public var offset: Int?
    /// The function index (in the function index space), when the error is inside a body.
    public var function: Int?

    /// An error with a message and, when known, where it occurred.
    public init(_ message: String, offset: Int? = nil, function: Int? = nil) {
        self.message = message
        self.offset = offset
        self.function = function
    }

    /// For example "validation error at offset 0x2a in function 3: type mismatch".
    public var description: String {
        var text = "validation error"
        if let offset { text += " at offset 0x" + String(offset, radix: 16) }
        if let function { text += " in function \(function)" }
        return text + ": " + message
    }
}

extension ValidationError {
    /// This error, located at `offset` unless it already has a location.
    func located(at offset: Int?) -> ValidationError {
        var copy = self
        if copy.offset == nil { copy.offset = offset }
        return copy
    }
}

/// Runs `body`, locating any error it throws without an offset at `offset` (the module entry
/// being checked).
@inline(__always)
func located<T>(at offset: Int?, _ body: () throws(ValidationError) -> T) throws(ValidationError) -> T {
    do { return try body() } catch { throw error.located(at: offset) }
}
