/// Why a module could not be linked to the imports given for it: an import that ``Imports``
/// does not provide, or provides with the wrong kind or an incompatible type.
///
/// Nothing of the instance exists yet when this is thrown: linking is checked before anything
/// is created or written. ``message`` starts with the specification's wording
/// (`unknown import`, `incompatible import type`), which spec scripts' `assert_unlinkable`
/// matches by prefix.
public struct LinkError: Error, Sendable, CustomStringConvertible {
    /// For example `unknown import "env" "log"` or
    /// `incompatible import type "env" "memory": expected memory 2, got memory 1`.
    public var message: String
    /// The import's module name, when the error is about one import.
    public var module: String?
    /// The import's name, when the error is about one import.
    public var name: String?

    /// An error with `message`, about the import `module` `name` if given.
    public init(_ message: String, module: String? = nil, name: String? = nil) {
        self.message = message
        self.module = module
        self.name = name
    }

    /// `link error: ` and the message.
    public var description: String { "link error: \(message)" }
}
