// Decoding and validation throughput: WasmFiber's WasmFormat next to WasmKit 0.4.2's parser,
// on the same bytes, in the same run. One iteration processes every module of an input set
// once (Inputs.swift); the custom metric "MB/s" is that input's bytes over the iteration's
// wall time.
//
// The pairs do the same work (see each function's comment in WasmFiberSide / WasmKitSide):
//   1. sections only, bodies kept as bytes:   decodeModule            | parseWasm
//   2. + every instruction decoded:           + InstructionReader     | + ExpressionParser, no-op visitor
//   3. full validation:                       decodeModule + validateModule
//                                             | parseWasm + eager instantiation, where WasmKit
//                                               validates while translating (more work than
//                                               validation alone; WasmKit has no separate validator)
import Benchmark

/// The custom metric: megabytes (10^6 bytes) of module per second of wall time.
let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)

/// Registers one benchmark that runs `work` over `input`'s modules per iteration and reports MB/s.
func formatBenchmark(_ title: String, _ input: BenchmarkInput, _ work: @escaping @Sendable ([[UInt8]]) throws -> Int) {
    Benchmark("\(title): \(input.label)") { benchmark in
        let clock = ContinuousClock()
        for _ in benchmark.scaledIterations {
            let start = clock.now
            blackHole(try work(input.modules))
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            benchmark.measurement(megabytesPerSecond, Int((Double(input.byteCount) / 1e6 / max(seconds, 1e-9)).rounded()))
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, megabytesPerSecond],
        timeUnits: .milliseconds,
        warmupIterations: 2,
        scalingFactor: .one,
        maxDuration: .seconds(3),
        maxIterations: 40
    )

    for input in Inputs.all {
        formatBenchmark("1 WasmFiber decodeModule (bodies as bytes)", input, WasmFiberSide.decode)
        formatBenchmark("1 WasmKit parseWasm (bodies as bytes)", input, WasmKitSide.parse)
        formatBenchmark("2 WasmFiber decode + read every instruction", input, WasmFiberSide.decodeEveryInstruction)
        formatBenchmark("2 WasmKit parse + read every instruction", input, WasmKitSide.parseEveryInstruction)
        formatBenchmark("3 WasmFiber decode + validate", input, WasmFiberSide.decodeAndValidate)
        let imports = input.imports
        formatBenchmark("3 WasmKit parse + eager compile (validates while translating)", input) { modules in
            try WasmKitSide.compileEagerly(modules, imports: imports)
        }
    }
}
