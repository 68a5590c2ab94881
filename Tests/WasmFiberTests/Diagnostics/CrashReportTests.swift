import CContext
import Testing
@testable import WasmFiber
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Native backtraces and crash reports")
struct CrashReportTests {
    @Test func backtraceInsideFiberNamesItsResumerOnTheHostStack() throws {
        let fiber = Fiber<Void, [NativeFrame]> { _, _ in nativeBacktrace() }
        guard case .finished(let frames) = try fiber.resume(()) else { Issue.record("expected the end"); return }
        let names = frames.map(\.name)
        let trampoline = names.firstIndex { $0.contains("wf_context_trampoline") }
        let resumer = names.lastIndex { $0.contains("backtraceInsideFiberNamesItsResumerOnTheHostStack") }
        #expect(trampoline != nil, "the walk reaches the fiber's entry trampoline: \(names)")
        #expect(resumer != nil, "the walk crosses into the resumer's frames: \(names)")
        if let trampoline, let resumer { #expect(trampoline < resumer, "\(names)") }
    }

    @Test func backtraceCrossesNestedFibers() throws {
        let outer = Fiber<Void, [NativeFrame]> { _, _ in
            let inner = Fiber<Void, [NativeFrame]> { _, _ in nativeBacktrace() }
            guard case .finished(let frames) = try inner.resume(()) else { return [] }
            return frames
        }
        guard case .finished(let frames) = try outer.resume(()) else { Issue.record("expected the end"); return }
        let names = frames.map(\.name)
        #expect(names.filter { $0.contains("wf_context_trampoline") }.count == 2, "\(names)")
        #expect(names.contains { $0.contains("backtraceCrossesNestedFibers") }, "\(names)")
    }

    @Test func stackOverflowInsideAFiberProducesACrashReport() async {
        let result = await #expect(processExitsWith: .signal(SIGSEGV), observing: [\.standardErrorContent]) {
            // The default action after our report (no other handler in the child process).
            signal(SIGSEGV, SIG_DFL)
            try CrashReporter.install()
            let pool = try StackPool(.init(stackSize: 256 << 10))
            let fiber = Fiber<Int, Int>(pool: pool) { depth, _ in recurseForever(depth) }
            _ = try fiber.resume(0)
        }
        guard let result else { return }
        let report = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(report.contains(CrashReporter.banner), "\(report)")
        #expect(report.contains("native stack overflow"), "\(report)")
        #expect(report.contains("recurseForever"), "\(report)")
    }

    @Test func abortInsideAFiberProducesACrashReportThenDiesBySIGABRT() async {
        let result = await #expect(processExitsWith: .signal(SIGABRT), observing: [\.standardErrorContent]) {
            signal(SIGABRT, SIG_DFL)
            try CrashReporter.install()
            let fiber = Fiber<Void, Void> { _, _ in abortFromInsideAFiber() }
            _ = try fiber.resume(())
        }
        guard let result else { return }
        let report = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(report.contains(CrashReporter.banner), "\(report)")
        #expect(report.contains("SIGABRT"), "\(report)")
        #expect(report.contains("abortFromInsideAFiber"), "\(report)")
    }

    @Test func nullDereferenceProducesACrashReportThenTheDefaultAction() async {
        let result = await #expect(processExitsWith: .signal(SIGSEGV), observing: [\.standardErrorContent]) {
            signal(SIGSEGV, SIG_DFL)
            try CrashReporter.install()
            let pointer = UnsafeMutablePointer<Int>(bitPattern: 8)!
            pointer.pointee = 1
        }
        guard let result else { return }
        let report = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(report.contains(CrashReporter.banner), "\(report)")
        #expect(!report.contains("native stack overflow"), "\(report)")
    }
}

@_optimize(none) @inline(never)
func abortFromInsideAFiber() {
    abort()
}

/// Recurses until the stack runs out. Unoptimized even in release builds, so that every call
/// keeps a real frame (an optimizer may turn the recursion into a loop that never overflows).
@_optimize(none) @inline(never)
func recurseForever(_ depth: Int) -> Int {
    var buffer = (depth, depth, depth, depth, depth, depth, depth, depth)
    let next = withUnsafeMutableBytes(of: &buffer) { raw in
        raw.storeBytes(of: depth &+ 1, as: Int.self)
        return recurseForever(raw.load(as: Int.self))
    }
    return next &+ buffer.1
}
