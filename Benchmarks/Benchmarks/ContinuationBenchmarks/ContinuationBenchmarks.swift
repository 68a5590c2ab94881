// Typed continuations (stack-switching proposal) on WasmFiber, in one run:
//
//   round trip: resume+suspend: WasmFiber   ns per round trip (Workloads/continuations/roundtrip.wat)
//   round trip: switch: WasmFiber           ns per `switch` between two continuations (switch.wat)
//   idle continuations: WasmFiber           bytes per live, suspended, idle continuation (idle.wat)
//   generator: <way>: <runtime>             one generator workload, 1,000,000 values summed, done
//                                           with plain calls (WasmFiber, WasmKit), typed
//                                           continuations (WasmFiber) and Asyncify (WasmFiber,
//                                           WasmKit; with and without -O2 after --asyncify)
//
// The two round-trip rows run N = 1,000,000 round trips inside one WebAssembly call, so one
// iteration's wall time in µs is N round trips and (µs × 1000 / N) ns is one. The generator rows
// run one `bench 1000000` per iteration: ms per iteration = ns per value. Every iteration checks
// its result (N, or the generator checksum computed in Swift) and stops the run on a mismatch.
// The table: Benchmarks/compare-continuations.sh. Fixtures: Workloads/build-continuations.sh.
import Benchmark
import Foundation
import WasmFiber
import WasmKit

/// Round trips (or switches) per measured WebAssembly call.
let roundTrips: Int32 = 1_000_000
/// Values the generator produces per iteration.
let generatorValues: Int32 = 1_000_000
/// Continuations parked per iteration of the idle-memory row.
let idleContinuations: Int32 = 10_000

/// The generator's sum, computed in Swift: the LCG s = s * 1664525 + 1013904223 from s = 1,
/// value s >> 8, wrapping i32 sum.
let generatorChecksum: UInt32 = {
    var s: UInt32 = 1, sum: UInt32 = 0
    for _ in 0..<generatorValues {
        s = s &* 1_664_525 &+ 1_013_904_223
        sum &+= s >> 8
    }
    return sum
}()

let benchmarks: @Sendable () -> Void = {
    Fixtures.requireAll()

    let loops = Benchmark.Configuration(
        metrics: [.wallClock],
        timeUnits: .microseconds,
        warmupIterations: 2,
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: 30
    )
    let generator = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal],
        timeUnits: .microseconds,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(15),
        maxIterations: 20
    )
    let idle = Benchmark.Configuration(
        metrics: idleMetrics,
        timeUnits: .microseconds,
        warmupIterations: 0,
        scalingFactor: .one,
        maxDuration: .seconds(20),
        maxIterations: 5
    )

    // 1, 2: round trips inside WebAssembly.
    for (row, file) in [("resume+suspend", "roundtrip"), ("switch", "switch")] {
        Benchmark("round trip: \(row): WasmFiber", configuration: loops) { (benchmark: Benchmark, instance: WasmFiber.Instance) in
            let done: Int32 = try instance.call("run", roundTrips)
            require(row, UInt32(bitPattern: done), UInt32(roundTrips))
        } setup: {
            try FiberSide.instance(FiberSide.module(wat: Fixtures.source(file)))
        }
    }

    // 3: memory per idle suspended continuation.
    Benchmark("idle continuations: WasmFiber", configuration: idle) { (benchmark: Benchmark, module: WasmFiber.Module) in
        try IdleMemory.measure(benchmark, module)
    } setup: {
        try FiberSide.module(wat: Fixtures.source("idle"))
    }

    // 4: the generator, four ways.
    let ways: [(row: String, binary: String?, wat: String?, kit: Bool)] = [
        ("plain calls", "generator-plain", nil, true),
        ("typed continuations", nil, "generator-cont", false),
        ("Asyncify", "generator-asyncify", nil, true),
        ("Asyncify -O2", "generator-asyncify-O2", nil, true),
    ]
    for way in ways {
        let row = "generator: \(way.row)"
        Benchmark("\(row): WasmFiber", configuration: generator) { (benchmark: Benchmark, instance: WasmFiber.Instance) in
            let sum: Int32 = try instance.call("bench", generatorValues)
            require(row, UInt32(bitPattern: sum), generatorChecksum)
        } setup: {
            let module = try way.binary.map { try FiberSide.module(bytes: Fixtures.binary($0)) }
                ?? FiberSide.module(wat: Fixtures.source(way.wat!))
            return try FiberSide.instance(module)
        }
        guard way.kit, let binary = way.binary else { continue }
        Benchmark("\(row): WasmKit", configuration: generator) { (benchmark: Benchmark, function: KitSide.Export) in
            let sum = try KitSide.call(function, generatorValues)
            require(row, sum, generatorChecksum)
        } setup: {
            try KitSide.export("bench", of: Fixtures.binary(binary))
        }
    }
}

/// WasmFiber through its public API, default configuration.
enum FiberSide {
    static func module(wat: String) throws -> WasmFiber.Module { try WasmFiber.Module(wat: wat) }
    static func module(bytes: [UInt8]) throws -> WasmFiber.Module { try WasmFiber.Module(bytes: bytes) }

    static func instance(_ module: WasmFiber.Module) throws -> WasmFiber.Instance {
        try WasmFiber.Instance(module, engine: WasmFiber.Engine())
    }
}

/// WasmKit 0.4.2 with its defaults (lazy compilation, default bounds checks), as in
/// WorkloadBenchmarks.
enum KitSide {
    /// The export with the store that owns it (WasmKit functions do not keep their store alive).
    struct Export: @unchecked Sendable {
        var store: WasmKit.Store
        var instance: WasmKit.Instance
        var function: WasmKit.Function
    }

    static func export(_ name: String, of bytes: [UInt8]) throws -> Export {
        let module = try parseWasm(bytes: bytes)
        let store = Store(engine: WasmKit.Engine())
        let instance = try module.instantiate(store: store, imports: [:])
        guard let function = instance.exports[function: name] else { fail("ContinuationBenchmarks: WasmKit: no export \(name)") }
        return Export(store: store, instance: instance, function: function)
    }

    static func call(_ export: Export, _ argument: Int32) throws -> UInt32 {
        let results = try export.function([.i32(UInt32(bitPattern: argument))])
        guard results.count == 1, case .i32(let value) = results[0] else { fail("ContinuationBenchmarks: WasmKit returned \(results)") }
        return value
    }
}
