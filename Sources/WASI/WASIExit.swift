/// The guest called `proc_exit(code)`: thrown from the host function so that the WebAssembly
/// stack unwinds back to whoever called into the instance (no process exit from inside a
/// fiber). ``WASI/start(_:)`` turns it into its exit status; embedders calling exports
/// themselves find it as the ``Trap/hostError`` of the trap that call ends with.
public struct WASIExit: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status the guest passed to `proc_exit` (a process exits with its low 8 bits).
    public var code: UInt32

    /// An exit with status `code`.
    public init(code: UInt32) { self.code = code }

    /// `"proc_exit(N)"`.
    public var description: String { "proc_exit(\(code))" }
}
