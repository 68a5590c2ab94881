// `<workload>: interleaved`: both runtimes in every iteration, back to back, the order
// alternating, each call timed on its own: the custom metrics `WasmFiber` and `WasmKit`
// (microseconds) and `ratio` (WasmFiber / WasmKit of the pair, in thousandths; the exported
// samples come sorted, so the pairs could not be matched up afterwards). On this shared VM the
// speed drifts over seconds to minutes; the separate `<workload>: WasmFiber` / `: WasmKit`
// benchmarks run one runtime's iterations in one block, so a slow stretch can land on one side
// only, while both calls of a pair see the same conditions (compare-workloads.sh shows the
// median of the pairs' ratios).
import Benchmark

/// The custom metrics of the interleaved benchmarks.
enum InterleavedMetric {
    static let fiber = BenchmarkMetric.custom("WasmFiber", polarity: .prefersSmaller, useScalingFactor: false)
    static let kit = BenchmarkMetric.custom("WasmKit", polarity: .prefersSmaller, useScalingFactor: false)
    static let ratio = BenchmarkMetric.custom("ratio", polarity: .prefersSmaller, useScalingFactor: false)
}

/// Registers `<name>: interleaved` for a compute workload (instantiate + call `bench` on each).
func interleaved(_ name: String, configuration: Benchmark.Configuration) {
    struct Prepared: Sendable {
        var fiber: WasmFiberSide.Prepared
        var kit: WasmKitSide.Prepared
    }
    let closure: (Benchmark, Prepared) throws -> Void = { benchmark, prepared in
        let clock = ContinuousClock()
        var fiberFirst = true
        for _ in benchmark.scaledIterations {
            var checksums: (fiber: UInt32, kit: UInt32) = (0, 0)
            var times: (fiber: Duration, kit: Duration) = (.zero, .zero)
            for side in fiberFirst ? [true, false] : [false, true] {
                let start = clock.now
                if side {
                    checksums.fiber = try WasmFiberSide.instantiateAndRun(prepared.fiber)
                    times.fiber = clock.now - start
                } else {
                    checksums.kit = try WasmKitSide.instantiateAndRun(prepared.kit)
                    times.kit = clock.now - start
                }
            }
            requireSameChecksum(name, checksums.fiber, by: "WasmFiber", checksums.kit, by: "WasmKit")
            benchmark.measurement(InterleavedMetric.fiber, microseconds(times.fiber))
            benchmark.measurement(InterleavedMetric.kit, microseconds(times.kit))
            benchmark.measurement(InterleavedMetric.ratio, microseconds(times.fiber) * 1000 / max(1, microseconds(times.kit)))
            fiberFirst.toggle()
        }
    }
    var configuration = configuration
    configuration.metrics = [InterleavedMetric.fiber, InterleavedMetric.kit, InterleavedMetric.ratio]
    Benchmark("\(name): interleaved", configuration: configuration, closure: closure, setup: { () async throws -> Prepared in
        let workload = try Fixtures.load(name)
        return Prepared(fiber: try WasmFiberSide.prepare(workload), kit: try WasmKitSide.prepare(workload))
    })
}

private func microseconds(_ duration: Duration) -> Int {
    let (seconds, attoseconds) = duration.components
    return Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000)
}
