// The interpreter workloads of ../shared/bench on WasmFiber and on WasmKit 0.4.2, side by side
// in one run, in "export mode": instantiate the module and call its export `bench`, which
// returns an i32 checksum. Every function import (WASI preview 1) is a stub that throws if
// called; `bench` calls none of them.
//
// Rows, each once per runtime (`<workload>: WasmFiber`, `<workload>: WasmKit`):
//   fib loops memory float program   one iteration = instantiate (new engine / store) + call
//                                    `bench`; the module is decoded beforehand, in setup
//   startup                          the 5,000-function module of gen_startup.py: decode +
//                                    validate (WasmKit: parse) + instantiate + call `bench`
//                                    (one tiny function), i.e. a process's start minus exec
//   startup-instantiate              the same module already decoded: instantiate + call
//   hostcall                         instantiate with each runtime's own WASI preview 1 + call
//                                    `bench`: 10,000,000 calls of `args_sizes_get`
//   <compute workload>: interleaved  both runtimes in every iteration, timed separately
//                                    (Interleaved.swift)
//
// Each benchmark's setup also runs the workload once on the *other* runtime; every measured
// iteration checks that its checksum equals that one and stops the run if it does not.
// Fixtures: Benchmarks/Workloads/build.sh (`make bench` builds them first).
// The table of medians with ratios: Benchmarks/compare-workloads.sh.
import Benchmark

let benchmarks: @Sendable () -> Void = {
    Fixtures.requireAll()
    // Wall clock and CPU time; no `.instructions`: this VM has no hardware performance counters
    // (`perf stat -e instructions` says <not supported>).

    let compute = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(20),
        maxIterations: 10
    )
    let startup = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal],
        timeUnits: .milliseconds,
        warmupIterations: 3,
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: 50
    )

    for name in Fixtures.computeNames {
        pair(name, fixture: name, configuration: compute,
             fiber: { try WasmFiberSide.instantiateAndRun($0.prepared) }, kit: { try WasmKitSide.instantiateAndRun($0.prepared) })
        // Both runtimes in each iteration (Interleaved.swift): 10 pairs, twice the time.
        var paired = compute
        paired.maxDuration = .seconds(40)
        interleaved(name, configuration: paired)
    }
    pair("startup", fixture: "startup", configuration: startup,
         fiber: { try WasmFiberSide.decodeInstantiateAndRun($0.workload, imports: $0.prepared.imports) },
         kit: { try WasmKitSide.decodeInstantiateAndRun($0.workload, engine: $0.prepared.engine) })
    pair("startup-instantiate", fixture: "startup", configuration: startup,
         fiber: { try WasmFiberSide.instantiateAndRun($0.prepared) }, kit: { try WasmKitSide.instantiateAndRun($0.prepared) })
    pair("hostcall", fixture: "hostcall", configuration: compute,
         fiber: { try WasmFiberSide.instantiateWithWASIAndRun($0.prepared) },
         kit: { try WasmKitSide.instantiateWithWASIAndRun($0.prepared) },
         fiberReference: { try WasmFiberSide.instantiateWithWASIAndRun(try WasmFiberSide.prepare($0)) },
         kitReference: { try WasmKitSide.instantiateWithWASIAndRun(try WasmKitSide.prepare($0)) })
}

/// What a benchmark's setup hands its iterations.
struct State<Prepared: Sendable>: Sendable {
    var workload: Workload
    var prepared: Prepared
    /// The other runtime's checksum.
    var reference: UInt32
}

/// Registers `<title>: WasmFiber` and `<title>: WasmKit`; each one's reference checksum comes
/// from a run on the other runtime (by default instantiate + call with stub imports).
func pair(
    _ title: String, fixture: String, configuration: Benchmark.Configuration,
    fiber: @escaping @Sendable (State<WasmFiberSide.Prepared>) throws -> UInt32,
    kit: @escaping @Sendable (State<WasmKitSide.Prepared>) throws -> UInt32,
    fiberReference: @escaping @Sendable (Workload) throws -> UInt32 = { try WasmFiberSide.instantiateAndRun(try WasmFiberSide.prepare($0)) },
    kitReference: @escaping @Sendable (Workload) throws -> UInt32 = { try WasmKitSide.instantiateAndRun(try WasmKitSide.prepare($0)) }
) {
    measure("\(title): WasmFiber", configuration: configuration, run: fiber) {
        let workload = try Fixtures.load(fixture)
        return State(workload: workload, prepared: try WasmFiberSide.prepare(workload), reference: try kitReference(workload))
    }
    measure("\(title): WasmKit", configuration: configuration, run: kit) {
        let workload = try Fixtures.load(fixture)
        return State(workload: workload, prepared: try WasmKitSide.prepare(workload), reference: try fiberReference(workload))
    }
}

func measure<Prepared: Sendable>(
    _ name: String, configuration: Benchmark.Configuration,
    run: @escaping @Sendable (State<Prepared>) throws -> UInt32,
    setup: @escaping @Sendable () throws -> State<Prepared>
) {
    let (workload, runtime) = split(name)
    let other = runtime == "WasmFiber" ? "WasmKit" : "WasmFiber"
    let closure: (Benchmark, State<Prepared>) throws -> Void = { benchmark, state in
        for _ in benchmark.scaledIterations {
            let checksum = try run(state)
            requireSameChecksum(workload, checksum, by: runtime, state.reference, by: other)
            blackHole(checksum)
        }
    }
    Benchmark(name, configuration: configuration, closure: closure, setup: { () async throws -> State<Prepared> in try setup() })
}

/// `("fib", "WasmFiber")` from `"fib: WasmFiber"`.
func split(_ name: String) -> (String, String) {
    let parts = name.split(separator: ": ", maxSplits: 1)
    return (String(parts[0]), String(parts[1]))
}
