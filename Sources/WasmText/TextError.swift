/// A position in WebAssembly source text, so that every diagnostic can point at the line and
/// column where the problem starts.
public struct TextLocation: Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, counted in bytes of the UTF-8 source.
    public var column: Int

    /// Creates a location from a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`, the form editors and compilers use.
    public var description: String { "\(line):\(column)" }
}

/// An error found while reading WebAssembly text (WAT) or a spec script (WAST).
///
/// The message uses the wording of the spec interpreter where the spec scripts assert one
/// (for example "unknown operator", "unexpected token", "constant out of range"), so that
/// `assert_malformed` commands can be checked by substring.
public struct TextError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, starting with the spec interpreter's wording where there is one.
    public var message: String
    /// Where the offending token starts.
    public var location: TextLocation

    /// Creates an error with a message at a location.
    public init(_ message: String, at location: TextLocation) {
        self.message = message
        self.location = location
    }

    /// `line:column: message`.
    public var description: String { "\(location): \(message)" }
}
