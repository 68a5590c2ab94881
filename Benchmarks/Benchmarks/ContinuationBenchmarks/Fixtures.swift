// Where ContinuationBenchmarks finds its modules: the WAT sources in
// Benchmarks/Workloads/continuations/ (committed) and the binaries that
// Benchmarks/Workloads/build-continuations.sh makes from them in Benchmarks/Workloads/wasm/
// (the plain and Asyncify generators, for WasmKit, which reads binaries only; not committed).
import Foundation

enum Fixtures {
    /// Benchmarks/Workloads.
    static var workloads: URL {
        // this file: <repo>/Benchmarks/Benchmarks/ContinuationBenchmarks/Fixtures.swift
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Workloads")
    }

    /// A text module of Workloads/continuations/.
    static func source(_ name: String) -> String {
        String(decoding: read(workloads.appendingPathComponent("continuations/\(name).wat")), as: UTF8.self)
    }

    /// A binary module of Workloads/wasm/ (built by build-continuations.sh).
    static func binary(_ name: String) -> [UInt8] {
        [UInt8](read(workloads.appendingPathComponent("wasm/\(name).wasm")))
    }

    /// The binaries build-continuations.sh makes.
    static let binaries = ["generator-plain", "generator-asyncify", "generator-asyncify-O2"]

    /// Exits with a message naming the build script if a binary is missing.
    static func requireAll() {
        let absent = binaries.filter { !FileManager.default.fileExists(atPath: workloads.appendingPathComponent("wasm/\($0).wasm").path) }
        guard !absent.isEmpty else { return }
        fail("""
            ContinuationBenchmarks: fixtures missing in \(workloads.path)/wasm: \(absent.joined(separator: ", ")).
            Build them with Benchmarks/Workloads/build-continuations.sh (needs wasm-tools and binaryen's wasm-opt).
            """)
    }

    private static func read(_ url: URL) -> Data {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            requireAll()
            fail("ContinuationBenchmarks: cannot read \(url.path)")
        }
        return data
    }
}

/// Prints `message` on both streams (the benchmark tool shows one or the other) and exits.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    print(message)
    exit(1)
}

/// Stops the run if a result is not the expected one.
func require(_ row: String, _ measured: UInt32, _ expected: UInt32) {
    guard measured != expected else { return }
    fail("ContinuationBenchmarks: CHECKSUM MISMATCH on \(row): \(measured), expected \(expected)")
}
