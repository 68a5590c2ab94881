// The modules WorkloadBenchmarks runs, read from Benchmarks/Workloads/wasm/ (built by
// Benchmarks/Workloads/build.sh, which `make bench` runs first; not committed).
import Foundation
import WasmFormat

/// A function import, with its type as number-type codes (0x7F i32, 0x7E i64, 0x7D f32,
/// 0x7C f64), so that each runtime's side can build its own stub without sharing types.
struct StubImport: Sendable {
    var module: String
    var name: String
    var parameters: [UInt8]
    var results: [UInt8]
}

/// One workload: a module whose export `bench` takes nothing and returns an i32 checksum.
struct Workload: Sendable {
    var name: String
    var bytes: [UInt8]
    /// Every function import (WASI preview 1 for the C workloads); `bench` calls none of them.
    var imports: [StubImport]
}

/// A host function that `bench` was not supposed to call was called.
struct UnexpectedImportCall: Error, CustomStringConvertible {
    var module: String
    var name: String
    var description: String { "WorkloadBenchmarks: the workload called its import \(module).\(name), which `bench` must not call" }
}

enum Fixtures {
    /// The compute workloads (C, compiled to wasm32-wasi), the generated startup module, and
    /// the host-call workload (its `bench` calls WASI `args_sizes_get` 10,000,000 times).
    static let computeNames = ["fib", "loops", "memory", "float", "program"]
    static let allNames = computeNames + ["startup", "hostcall"]

    /// Benchmarks/Workloads (`WASMFIBER_WORKLOADS` overrides its wasm/ folder).
    static var folder: URL {
        if let path = ProcessInfo.processInfo.environment["WASMFIBER_WORKLOADS"] { return URL(fileURLWithPath: path) }
        // this file: <repo>/Benchmarks/Benchmarks/WorkloadBenchmarks/Fixtures.swift
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Workloads/wasm")
    }

    /// Fixtures that are not there; empty when all are.
    static var missing: [String] {
        allNames.map { "\($0).wasm" }.filter { !FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
    }

    /// Exits with a message naming the build script if any fixture is missing (every benchmark
    /// process registers the benchmarks first, so this is the first thing it says).
    static func requireAll() {
        let absent = missing
        guard !absent.isEmpty else { return }
        let message = """
            WorkloadBenchmarks: fixtures missing in \(folder.path): \(absent.joined(separator: ", ")).
            Build them with Benchmarks/Workloads/build.sh (`make bench` runs it first).

            """
        FileHandle.standardError.write(Data(message.utf8))
        print(message)
        exit(1)
    }

    /// Loads a fixture and lists its function imports (WasmFormat's decoder; the WasmFiber
    /// `Module` shows an import's type index but not the type).
    static func load(_ name: String) throws -> Workload {
        let path = folder.appendingPathComponent("\(name).wasm").path
        guard let data = FileManager.default.contents(atPath: path) else {
            requireAll()
            fatalError("WorkloadBenchmarks: cannot read \(path)")
        }
        let bytes = [UInt8](data)
        let module = try decodeModule(bytes)
        let imports: [StubImport] = module.imports.compactMap { entry in
            guard case .function(let typeIndex) = entry.descriptor else { return nil }
            guard let type = module.types[Int(typeIndex)].functionType else {
                fatalError("WorkloadBenchmarks: \(name): import \(entry.module).\(entry.name) has no function type")
            }
            return StubImport(module: entry.module, name: entry.name, parameters: type.parameters.map(code), results: type.results.map(code))
        }
        return Workload(name: name, bytes: bytes, imports: imports)
    }

    private static func code(_ type: ValueType) -> UInt8 {
        switch type {
        case .i32: 0x7F
        case .i64: 0x7E
        case .f32: 0x7D
        case .f64: 0x7C
        default: fatalError("WorkloadBenchmarks: an import uses \(type); the stubs handle number types only")
        }
    }
}

/// Stops the run if the two runtimes disagree on a checksum.
func requireSameChecksum(_ workload: String, _ measured: UInt32, by runtime: String, _ reference: UInt32, by other: String) {
    guard measured != reference else { return }
    let message = "WorkloadBenchmarks: CHECKSUM MISMATCH on \(workload): \(runtime) returned \(measured), \(other) returned \(reference)\n"
    FileHandle.standardError.write(Data(message.utf8))
    fatalError(message)
}
