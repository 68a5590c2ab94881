import Foundation
import Testing
import WasmText

/// Fixture files in a fresh temporary folder, and the built `wasmfiber` tool run as a
/// subprocess on them.
struct Fixtures {
    /// The folder, removed when the test process ends (or by the OS's cleanup of /tmp).
    let folder: URL

    /// A new empty folder under the system's temporary directory.
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("wasmfiber-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Writes `bytes` to `name` in the folder; returns the path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Writes `text` (UTF-8) to `name`; returns the path.
    @discardableResult
    func write(_ name: String, text: String) throws -> String { try write(name, Array(text.utf8)) }

    /// Compiles `wat` and writes the binary to `name`; returns the path.
    @discardableResult
    func write(_ name: String, compiling wat: String) throws -> String { try write(name, try parseWAT(wat)) }

    /// The path `name` would have in the folder (for files that must not exist).
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Removes the folder.
    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// Sample modules shared by the tests.
enum Samples {
    /// A valid module with a name section: an import, a memory, a global, exports, a start.
    static let valid = """
        (module $sample
          (import "env" "log" (func $log (param i32)))
          (memory (export "memory") 1 2)
          (global $counter (mut i32) (i32.const 7))
          (func $add (export "add") (param i32 i32) (result i32)
            (i32.add (local.get 0) (local.get 1)))
          (func $main (call $log (i32.const 1)))
          (data (i32.const 16) "hello")
          (start $main))
        """

    /// Decodes, but does not validate: `i64.const` where an `i32` result is declared.
    static let typeMismatch = """
        (module (func $wrong (result i32) (i64.const 0)))
        """

    /// A text error on line 3, column 5.
    static let textError = "(module\n  (func\n    i32.bogus))\n"

    /// Not a module: the magic header is wrong.
    static let badMagic: [UInt8] = [0x00, 0x61, 0x73, 0x6E, 0x01, 0x00, 0x00, 0x00]

    /// A header and a type section whose declared size runs past the end.
    static let truncated: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x10, 0x01]
}

/// The built `wasmfiber` executable, run as a subprocess.
enum CLI {
    /// Where the tool is: `WASMFIBER` if set, else next to the test bundle (SwiftPM puts
    /// every product of a build into one folder, e.g. `.build/debug`).
    static var executable: URL? {
        if let path = ProcessInfo.processInfo.environment["WASMFIBER"] { return URL(fileURLWithPath: path) }
        var folders: [URL] = []
        if let bundle = Bundle.main.executableURL { folders.append(bundle.deletingLastPathComponent()) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles { folders.append(bundle.bundleURL.deletingLastPathComponent()) }
        for folder in folders {
            for candidate in [folder, folder.deletingLastPathComponent()] {
                let url = candidate.appendingPathComponent("wasmfiber")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }

    /// What one run printed and how it ended.
    struct Result {
        /// The exit status (a signal would show as `terminationReason == .uncaughtSignal`).
        var status: Int32
        /// Whether the process ended by `exit` (not a signal, i.e. not a crash).
        var exited: Bool
        var stdout: String
        var stderr: String
        /// Standard output's lines.
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    /// Runs `wasmfiber arguments…`; records an issue and returns `nil` if the tool is not built.
    static func run(_ arguments: [String]) throws -> Result? {
        guard let executable else {
            Issue.record("wasmfiber executable not found next to the tests (build it, or set WASMFIBER)")
            return nil
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            exited: process.terminationReason == .exit,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }
}

extension Fixtures {
    /// Creates `name` (and its parents) in the folder; returns the path.
    @discardableResult
    func makeFolder(_ name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
