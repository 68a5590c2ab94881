import WasmFiber

/// The host module `wasmfiber run` links under the name `"wasmfiber"`, so that demo programs
/// can print without WASI:
/// - `print_i32 (param i32)`: the number in decimal and a newline;
/// - `print_str (param i32 i32)`: the UTF-8 bytes at (offset, length) of the caller's exported
///   memory `"memory"`, as they are (no newline added).
enum ConsoleHostModule {
    static let name = "wasmfiber"

    /// Adds the module's functions to `imports`.
    static func define(in imports: inout Imports) {
        imports.define(name, "print_i32") { (value: Int32) in
            print(value)
        }
        imports.define(name, "print_str") { (caller: Caller, offset: Int32, length: Int32) in
            guard let memory = caller.memory() else {
                throw ConsoleError(message: "print_str needs the caller to export its memory as \"memory\"")
            }
            let text = try memory.string(at: Int(UInt32(bitPattern: offset)), count: Int(UInt32(bitPattern: length)))
            print(text, terminator: "")
        }
    }

    /// Why a console function refused its arguments.
    struct ConsoleError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
