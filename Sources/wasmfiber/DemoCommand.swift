import ArgumentParser
import WasmFiber
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `wasmfiber demo`: shows the native-stack machinery everything else is built on.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the built-in demos (fibers on native stacks; WebAssembly demos once the interpreter lands)."
    )

    @Option(help: "Round trips for the switch timing.")
    var roundTrips = 1_000_000

    func run() throws {
        WasmFiberCommand.prepare()
        try generator()
        try pipeline()
        try cancellation()
        try timing()
    }

    /// A generator: the fiber suspends with each value, the host pulls them.
    private func generator() throws {
        print("== generator: a fiber suspends with each Fibonacci number")
        let fibonacci = Fiber<Void, Int> { _, suspend in
            var (a, b) = (0, 1)
            for _ in 0..<10 { try suspend(a); (a, b) = (b, a + b) }
            return -1
        }
        var values: [Int] = []
        while case .suspended(let value) = try fibonacci.resume(()) { values.append(value) }
        print("   \(values.map(String.init).joined(separator: " "))")
    }

    /// Nested fibers: a filter fiber resumes a producer fiber.
    private func pipeline() throws {
        print("== pipeline: producer fiber → filter fiber (nested) → host")
        let filter = Fiber<Void, Int> { _, suspend in
            let producer = Fiber<Void, Int> { _, produce in
                for n in 1...20 { try produce(n) }
                return 0
            }
            while case .suspended(let n) = try producer.resume(()) {
                if n % 3 == 0 { try suspend(n) }
            }
            return -1
        }
        var kept: [Int] = []
        while case .suspended(let n) = try filter.resume(()) { kept.append(n) }
        print("   multiples of three: \(kept.map(String.init).joined(separator: " "))")
    }

    /// Cancelling a suspended fiber unwinds its frames (its `defer` runs).
    private func cancellation() throws {
        print("== cancellation: a suspended fiber is unwound, its defer runs")
        final class Log { var lines: [String] = [] }
        let log = Log()
        let worker = Fiber<Void, Int> { _, suspend in
            defer { log.lines.append("worker: cleaned up") }
            log.lines.append("worker: waiting")
            _ = try suspend(0)
            log.lines.append("worker: never printed")
            return 1
        }
        _ = try worker.resume(())
        try worker.cancel()
        for line in log.lines { print("   \(line)") }
        print("   state: \(worker.state)")
    }

    /// The cost of a resume + suspend round trip, measured here (a report, not a benchmark).
    private func timing() throws {
        print("== timing: \(roundTrips) resume+suspend round trips")
        let echo = Fiber<Int, Int> { first, suspend in
            var x = first
            while x >= 0 { x = try suspend(x) }
            return 0
        }
        let start = monotonicNanoseconds()
        for i in 0..<roundTrips { _ = try echo.resume(i) }
        let elapsed = monotonicNanoseconds() - start
        _ = try echo.resume(-1)
        let perTrip = Double(elapsed) / Double(max(roundTrips, 1))
        print("   \(String(format1(perTrip))) ns per round trip (this build; release is faster)")
    }
}

func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// One decimal place, without Foundation.
func format1(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}
