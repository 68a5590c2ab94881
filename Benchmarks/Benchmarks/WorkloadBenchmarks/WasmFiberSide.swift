// WasmFiber's side of the workload benchmarks: the public embedding API only.
import WasmFiber
import WasmFiberWASI
import WasmFormat // FunctionType, ValueType (the types of host functions)

enum WasmFiberSide {
    /// The module decoded and validated, with a stub for every function import.
    struct Prepared: @unchecked Sendable {
        var module: WasmFiber.Module
        var imports: Imports
    }

    static func prepare(_ workload: Workload) throws -> Prepared {
        Prepared(module: try WasmFiber.Module(bytes: workload.bytes), imports: stubs(workload.imports))
    }

    /// A host function per import that throws if called (a trap in the caller).
    static func stubs(_ list: [StubImport]) -> Imports {
        var imports = Imports()
        for entry in list {
            let type = FunctionType(parameters: entry.parameters.map(valueType), results: entry.results.map(valueType))
            let (module, name) = (entry.module, entry.name)
            imports.define(module, name, type: type) { _, _ in throw UnexpectedImportCall(module: module, name: name) }
        }
        return imports
    }

    /// Instantiates (in a new engine, which owns the instance and frees it with itself) and calls
    /// `bench`; its i32 result.
    static func instantiateAndRun(_ prepared: Prepared) throws -> UInt32 {
        let engine = Engine()
        let instance = try Instance(prepared.module, imports: prepared.imports, engine: engine)
        return try checksum(instance.call("bench", []))
    }

    /// Instantiates with WASI preview 1 (argv = ["hostcall"], the host's stdio) in a new
    /// engine and calls `bench`: what a WASI command's host calls cost.
    static func instantiateWithWASIAndRun(_ prepared: Prepared) throws -> UInt32 {
        let engine = Engine()
        let wasi = try WASI(arguments: ["hostcall"])
        let instance = try Instance(prepared.module, imports: wasi.imports, engine: engine)
        return try checksum(instance.call("bench", []))
    }

    /// Decodes and validates the bytes, then as `instantiateAndRun` (startup as a process sees it).
    static func decodeInstantiateAndRun(_ workload: Workload, imports: Imports) throws -> UInt32 {
        let module = try WasmFiber.Module(bytes: workload.bytes)
        let engine = Engine()
        let instance = try Instance(module, imports: imports, engine: engine)
        return try checksum(instance.call("bench", []))
    }

    private static func checksum(_ results: [Value]) throws -> UInt32 {
        guard results.count == 1, case .i32(let value) = results[0] else {
            fatalError("WorkloadBenchmarks: WasmFiber: bench returned \(results), not one i32")
        }
        return UInt32(bitPattern: value)
    }

    private static func valueType(_ code: UInt8) -> ValueType {
        switch code {
        case 0x7E: .i64
        case 0x7D: .f32
        case 0x7C: .f64
        default: .i32
        }
    }
}
