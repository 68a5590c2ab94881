// WasmKit 0.4.2's side of the workload benchmarks, with its default configuration (lazy
// compilation, the default memory bounds checking), as the `wasmkit-cli run` of
// ../shared/bench uses it.
import WasmKit
import WasmKitWASI

enum WasmKitSide {
    /// The module parsed; imports are made per store (WasmKit functions belong to a store).
    struct Prepared: @unchecked Sendable {
        var module: WasmKit.Module
        var imports: [StubImport]
        var engine: WasmKit.Engine
    }

    static func prepare(_ workload: Workload) throws -> Prepared {
        Prepared(module: try parseWasm(bytes: workload.bytes), imports: workload.imports, engine: Engine())
    }

    /// A host function per import that throws if called (a trap in the caller).
    static func stubs(_ list: [StubImport], store: Store) -> Imports {
        var imports = Imports()
        for entry in list {
            let (module, name) = (entry.module, entry.name)
            let function = Function(store: store, parameters: entry.parameters.map(valueType), results: entry.results.map(valueType)) { _, _ in
                throw UnexpectedImportCall(module: module, name: name)
            }
            imports.define(module: module, name: name, function)
        }
        return imports
    }

    /// Instantiates (in a new store, which owns the instance) and calls `bench`; its i32 result.
    static func instantiateAndRun(_ prepared: Prepared) throws -> UInt32 {
        let store = Store(engine: prepared.engine)
        let instance = try prepared.module.instantiate(store: store, imports: stubs(prepared.imports, store: store))
        return try run(instance)
    }

    /// Instantiates with WasmKit's WASI bridge (argv = ["hostcall"], the host's stdio) in a new
    /// store and calls `bench`.
    static func instantiateWithWASIAndRun(_ prepared: Prepared) throws -> UInt32 {
        let store = Store(engine: prepared.engine)
        var imports = Imports()
        // The bridge must be closed before it goes away (WasmKit checks).
        return try WASIBridgeToHost(args: ["hostcall"]).runAndClose { wasi in
            wasi.link(to: &imports, store: store)
            let instance = try prepared.module.instantiate(store: store, imports: imports)
            return try run(instance)
        }
    }

    /// Parses the bytes, then as `instantiateAndRun` (startup as a process sees it).
    static func decodeInstantiateAndRun(_ workload: Workload, engine: WasmKit.Engine) throws -> UInt32 {
        let module = try parseWasm(bytes: workload.bytes)
        let store = Store(engine: engine)
        let instance = try module.instantiate(store: store, imports: stubs(workload.imports, store: store))
        return try run(instance)
    }

    private static func run(_ instance: Instance) throws -> UInt32 {
        guard let bench = instance.exports[function: "bench"] else { fatalError("WorkloadBenchmarks: WasmKit: no export bench") }
        let results = try bench()
        guard results.count == 1, case .i32(let value) = results[0] else {
            fatalError("WorkloadBenchmarks: WasmKit: bench returned \(results), not one i32")
        }
        return value
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
