// Native stack switching: the raw switch against its references, and the Swift Fiber on top.
// Every figure is one round trip (switch in + switch out) or one fiber life, per iteration.
import Benchmark
import SwitchBaselines
import WasmFiber

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .instructions],
        timeUnits: .nanoseconds,
        warmupIterations: 3,
        scalingFactor: .mega,
        maxDuration: .seconds(2),
        maxIterations: 30
    )

    Benchmark("switch round trip: CContext (C loop)") { benchmark in
        precondition(baseline_wf_context_roundtrips(UInt64(benchmark.scaledIterations.count)) == 0)
    }
    Benchmark("switch round trip: boost.context jump_fcontext (C loop)") { benchmark in
        precondition(baseline_boost_fcontext_roundtrips(UInt64(benchmark.scaledIterations.count)) == 0)
    }
    Benchmark("switch round trip: glibc swapcontext (C loop)",
              configuration: .init(scalingFactor: .kilo)) { benchmark in
        precondition(baseline_swapcontext_roundtrips(UInt64(benchmark.scaledIterations.count)) == 0)
    }

    Benchmark("Fiber resume+suspend round trip") { benchmark in
        let echo = Fiber<Int, Int> { first, suspend in
            var x = first
            while x >= 0 { x = try suspend(x &+ 1) }
            return x
        }
        var value = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            if case .suspended(let next) = try echo.resume(value) { value = next }
        }
        benchmark.stopMeasurement()
        _ = try echo.resume(-1)
        blackHole(value)
    }

    Benchmark("Fiber create+finish (pooled stack)",
              configuration: .init(scalingFactor: .kilo)) { benchmark in
        let pool = try StackPool()
        var sum = 0
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            let fiber = Fiber<Int, Int>(pool: pool) { x, _ in x &+ 1 }
            if case .finished(let result) = try fiber.resume(i) { sum &+= result }
        }
        benchmark.stopMeasurement()
        blackHole(sum)
    }
}
