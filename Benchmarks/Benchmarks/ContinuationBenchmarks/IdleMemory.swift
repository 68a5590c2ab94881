// Row 3: what a live, suspended, idle continuation costs in memory. One iteration: a new
// engine and instance of idle.wat; `park 10000` makes 10,000 continuations, resumes each once
// (each suspends at once, on a stack of its own) and keeps them in a table; the process's
// memory is read before and after. Recorded per continuation (bytes):
//   RSS                  growth of the resident set (/proc/self/statm)
//   stack top            written pages of the upper 3/4 of each new stack: its native frames
//                        and its value stack (which starts 64 bytes below the page where the
//                        native frames start: an idle continuation shares one page)
//   stack bottom         written pages of the lowest quarter: native frames of deep calls
//   stack bottom (zero)  pages there that were only read: mapped to the kernel's shared zero
//                        page (mincore counts them, the RSS does not)
//   heap                 RSS growth minus the written stack pages: the runtime's Swift objects
//                        and tables (malloc), as far as they needed new pages. Freed memory is
//                        reused from one iteration to the next, so "heap (first iteration)" is
//                        the figure of a process doing this once
//   page tables          growth of VmPTE (/proc/self/status): kernel memory outside the RSS
//   new stacks           guarded stacks that appeared (10,000 expected)
// and mallocCountTotal (allocations of the whole iteration, so ÷ 10,000 = per continuation).
import Benchmark
import Foundation
import WasmFiber

let rssPerContinuation = BenchmarkMetric.custom("RSS bytes per continuation", useScalingFactor: false)
let stackTopPerContinuation = BenchmarkMetric.custom("stack top bytes per continuation", useScalingFactor: false)
let stackBottomPerContinuation = BenchmarkMetric.custom("stack bottom bytes per continuation", useScalingFactor: false)
let stackZeroPerContinuation = BenchmarkMetric.custom("stack bottom zero-page bytes per continuation", useScalingFactor: false)
let heapPerContinuation = BenchmarkMetric.custom("heap bytes per continuation", useScalingFactor: false)
let heapFirstPerContinuation = BenchmarkMetric.custom("heap bytes per continuation first iteration", useScalingFactor: false)
let pageTablesPerContinuation = BenchmarkMetric.custom("page table bytes per continuation", useScalingFactor: false)
let newStacks = BenchmarkMetric.custom("new stacks", useScalingFactor: false)

let idleMetrics: [BenchmarkMetric] = [
    .wallClock, .mallocCountTotal, rssPerContinuation, stackTopPerContinuation, stackBottomPerContinuation,
    stackZeroPerContinuation, heapPerContinuation, heapFirstPerContinuation, pageTablesPerContinuation, newStacks,
]

enum IdleMemory {
    nonisolated(unsafe) static var iterations = 0

    static func measure(_ benchmark: Benchmark, _ module: WasmFiber.Module) throws {
        let engine = WasmFiber.Engine()
        let instance = try WasmFiber.Instance(module, engine: engine)
        let stackSize = engine.configuration.continuationStackSize
        let guardSize = StackPool.Configuration().guardSize
        // Warm up the instance (translation, the host call's own stack) with one continuation.
        let warm: Int32 = try instance.call("park", Int32(1))
        require("idle continuations", UInt32(warm), 1)

        let stacksBefore = ProcessMemory.guardedStacks(stackSize: stackSize, guardSize: guardSize)
        let (rss, pageTables) = (ProcessMemory.residentBytes(), ProcessMemory.pageTableBytes())
        benchmark.startMeasurement()
        let parked: Int32 = try instance.call("park", idleContinuations)
        benchmark.stopMeasurement()
        let (rssAfter, pageTablesAfter) = (ProcessMemory.residentBytes(), ProcessMemory.pageTableBytes())
        let stacks = ProcessMemory.guardedStacks(stackSize: stackSize, guardSize: guardSize).subtracting(stacksBefore)
        require("idle continuations", UInt32(parked), UInt32(idleContinuations + 1))

        let valueStackBytes = stackSize / 4
        var (bottom, bottomZero, top) = (0, 0, 0)
        for start in stacks {
            let low = ProcessMemory.residentPages(start, valueStackBytes)
            let high = ProcessMemory.residentPages(start + UInt(valueStackBytes), stackSize - valueStackBytes)
            bottom += low.mapped - low.zero
            bottomZero += low.zero
            top += high.mapped - high.zero
        }
        let page = ProcessMemory.pageSize, k = Int(idleContinuations)
        let heap = max(0, rssAfter - rss - (bottom + top) * page)
        benchmark.measurement(rssPerContinuation, (rssAfter - rss) / k)
        benchmark.measurement(stackTopPerContinuation, top * page / k)
        benchmark.measurement(stackBottomPerContinuation, bottom * page / k)
        benchmark.measurement(stackZeroPerContinuation, bottomZero * page / k)
        benchmark.measurement(heapPerContinuation, heap / k)
        if iterations == 0 { benchmark.measurement(heapFirstPerContinuation, heap / k) }
        benchmark.measurement(pageTablesPerContinuation, (pageTablesAfter - pageTables) / k)
        benchmark.measurement(newStacks, stacks.count)
        iterations += 1

        // Finish every parked continuation before the engine goes: a suspended continuation
        // still alive when its engine is dropped is never unwound, and its stack stays mapped
        // (each iteration would leak 10,000 stacks, 20,000 mappings; see Benchmarks/README.md).
        let woken: Int32 = try instance.call("wake")
        require("idle continuations (wake)", UInt32(woken), UInt32(idleContinuations + 1))
    }
}
