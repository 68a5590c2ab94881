// The modules the format benchmarks read, generated once when the benchmark process starts:
//
// - "startup": the 5,000-function module of ../shared/bench/workloads/gen_startup.py
//   (python3), compiled from text by WasmText;
// - "wasi": the C workloads of ../shared/bench/workloads (fib, float, loops, memory, program)
//   compiled with `clang --target=wasm32-wasi -O2` (Debian: clang lld wasi-libc
//   libclang-rt-dev-wasm32), one list;
// - "spec": when clang is missing, the 50 largest modules of the spec suite's core/ scripts
//   that decode and validate, one list.
//
// Custom sections are stripped from every module: WasmFiber decodes the `name` section and
// WasmKit keeps it as bytes, and neither is what is being compared.
import Foundation
import WasmFormat
import WasmText

/// A set of modules processed by one benchmark iteration.
struct BenchmarkInput: Sendable {
    /// A short label for benchmark names.
    var name: String
    var modules: [[UInt8]]
    /// The function imports of each module (for WasmKit's instantiation).
    var imports: [[HostImport]]

    /// Bytes in all modules together.
    var byteCount: Int { modules.reduce(0) { $0 + $1.count } }

    /// `startup (1 module, 1.23 MB)`.
    var label: String {
        let megabytes = Double(byteCount) / 1_000_000
        let rounded = (megabytes * 100).rounded() / 100
        return "\(name) (\(modules.count) module\(modules.count == 1 ? "" : "s"), \(rounded) MB)"
    }

    init(name: String, modules: [[UInt8]]) {
        self.name = name
        self.modules = modules.map(strippingCustomSections)
        imports = self.modules.map { (try? WasmFiberSide.hostImports($0)) ?? [] }
    }
}

enum Inputs {
    /// Every input set, built on first use.
    static let all: [BenchmarkInput] = {
        var inputs: [BenchmarkInput] = []
        if let startup = startupModule() { inputs.append(BenchmarkInput(name: "startup", modules: [startup])) }
        let wasi = wasiWorkloads()
        if !wasi.isEmpty {
            inputs.append(BenchmarkInput(name: "wasi", modules: wasi))
        } else {
            inputs.append(BenchmarkInput(name: "spec", modules: largestSpecModules(50)))
        }
        for input in inputs { print("FormatBenchmarks input: \(input.label)") }
        return inputs
    }()

    /// `shared/` next to the repository (`WASMFIBER_SHARED` overrides).
    static var shared: URL {
        if let path = ProcessInfo.processInfo.environment["WASMFIBER_SHARED"] { return URL(fileURLWithPath: path) }
        // this file: <repo>/Benchmarks/Benchmarks/FormatBenchmarks/Inputs.swift
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent("shared")
    }

    static let workFolder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wasmfiber-format-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Runs a program; its standard output, or `nil` if it could not run or failed.
    static func run(_ program: String, _ arguments: [String]) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }

    static func startupModule() -> [UInt8]? {
        let script = shared.appendingPathComponent("bench/workloads/gen_startup.py").path
        guard let text = run("python3", [script, "5000"]) else {
            print("FormatBenchmarks: gen_startup.py did not run (python3?); no startup input")
            return nil
        }
        return try? parseWAT(bytes: [UInt8](text))
    }

    static func wasiWorkloads() -> [[UInt8]] {
        let sources = ["fib", "float", "loops", "memory", "program"]
        var modules: [[UInt8]] = []
        for compiler in ["clang-14", "clang"] {
            modules = sources.compactMap { name in
                let output = workFolder.appendingPathComponent("\(name).wasm").path
                let source = shared.appendingPathComponent("bench/workloads/\(name).c").path
                guard run(compiler, ["--target=wasm32-wasi", "-O2", "-Wl,--strip-all", source, "-o", output]) != nil,
                      let data = FileManager.default.contents(atPath: output) else { return nil }
                return [UInt8](data)
            }
            if modules.count == sources.count { return modules }
        }
        print("FormatBenchmarks: clang --target=wasm32-wasi did not work; using spec modules instead")
        return []
    }

    /// The largest text and binary modules of core/ that decode and validate.
    static func largestSpecModules(_ count: Int) -> [[UInt8]] {
        let core = shared.appendingPathComponent("wasm-testsuite/core")
        var modules: [[UInt8]] = []
        let walker = FileManager.default.enumerator(atPath: core.path)
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".wast"), let data = FileManager.default.contents(atPath: core.appendingPathComponent(relative).path),
                  let script = try? parseWAST(bytes: [UInt8](data)) else { continue }
            for command in script.commands {
                guard case .module(let module) = command.kind, let bytes = try? module.binary(),
                      let decoded = try? decodeModule(bytes), (try? validateModule(decoded)) != nil else { continue }
                modules.append(bytes)
            }
        }
        return Array(modules.sorted { $0.count > $1.count }.prefix(count))
    }
}

/// The module without its custom sections (a lenient scan of the section headers; the
/// input is known to be well-formed).
func strippingCustomSections(_ bytes: [UInt8]) -> [UInt8] {
    guard bytes.count > 8 else { return bytes }
    var result = Array(bytes[0..<8])
    var position = 8
    while position < bytes.count {
        let start = position
        position += 1
        var size = 0, shift = 0
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            size |= Int(byte & 0x7F) << shift
            shift += 7
            if byte & 0x80 == 0 { break }
        }
        let end = min(position + size, bytes.count)
        if bytes[start] != 0 { result += bytes[start..<end] }
        position = end
    }
    return result
}
