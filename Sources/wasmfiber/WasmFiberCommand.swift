import ArgumentParser
import WasmFiber

/// The `wasmfiber` command-line tool.
@main
struct WasmFiberCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wasmfiber",
        abstract: "A WebAssembly runtime in which WebAssembly never shares a native stack with its host.",
        subcommands: [DemoCommand.self, ValidateCommand.self, InspectCommand.self, WastRunCommand.self, RunCommand.self],
        defaultSubcommand: nil
    )

    /// The crash reporter is on by default in the CLI (library users opt in).
    static func prepare() {
        do { try CrashReporter.install() } catch {
            printError("warning: \(error)")
        }
    }
}

func printError(_ message: String) {
    var standardError = StandardError()
    print(message, to: &standardError)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var bytes = Array(string.utf8)
        #if canImport(Glibc)
        let write = Glibc.write
        #else
        let write = Darwin.write
        #endif
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + written, $0.count - written) }
            if n <= 0 { return }
            written += n
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
