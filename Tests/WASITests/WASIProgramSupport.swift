import Foundation
import WasmFiber
import WasmFiberWASI

/// The C test programs of `Tests/Fixtures/wasi` (built modules, expected outputs), run
/// through the Swift API with captured standard streams.
enum WASIProgram {
    /// `Tests/Fixtures/wasi`.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/wasi")

    /// How one run ended and what it wrote.
    struct Run {
        var status: UInt32
        var stdout: String
        var stderr: String
    }

    /// The expected output file `name` (e.g. `"files.txt"`).
    static func expected(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent("expected/\(name)"), encoding: .utf8)
    }

    /// Runs `bin/NAME.wasm` as a command: `argv` = [`NAME.wasm`] + `arguments`.
    static func run(_ name: String, arguments: [String] = [], environment: [String: String] = [:],
                    preopens: [WASIPreopen] = [], stdin: [UInt8] = [],
                    strategy: WASIResolutionStrategy = .preferred) throws -> Run {
        let module = try Module(path: fixtures.appendingPathComponent("bin/\(name).wasm").path)
        let stdout = WASIOutputCapture(), stderr = WASIOutputCapture()
        let table = try WASIFileDescriptorTable(preopens: preopens, stdin: .input(stdin), stdout: .capture(stdout),
                                                stderr: .capture(stderr), strategy: strategy)
        let wasi = try WASI(arguments: ["\(name).wasm"] + arguments,
                            environment: environment.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) },
                            fileDescriptors: table)
        let instance = try Instance(module, imports: wasi.imports, engine: Engine())
        let status = try wasi.start(instance)
        return Run(status: status, stdout: stdout.text, stderr: stderr.text)
    }
}

/// A fresh temporary directory, removed with the value.
final class WASIScratch {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("wf-wasi-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The names in the directory (or below `relative`).
    func contents(_ relative: String = "") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.appendingPathComponent(relative).path).sorted()
    }
}
