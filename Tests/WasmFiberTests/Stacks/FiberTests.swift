import CContext
import Testing
@testable import WasmFiber

/// Counts live `Tracked` objects, to prove that frames on a fiber release what they hold.
final class LiveCount { var value = 0 }

final class Tracked {
    let count: LiveCount
    init(_ count: LiveCount) { self.count = count; count.value += 1 }
    deinit { count.value -= 1 }
}

struct Boom: Error, Equatable { let depth: Int }

@Suite("Fiber")
struct FiberTests {
    @Test func valuesTravelBothWays() throws {
        let fiber = Fiber<Int, String> { first, suspend in
            var received = [first]
            received.append(try suspend("got \(first)"))
            received.append(try suspend("got \(received.last!)"))
            return "done \(received)"
        }
        #expect(fiber.state == .fresh)
        guard case .suspended(let a) = try fiber.resume(1) else { Issue.record("expected a suspension"); return }
        #expect(a == "got 1")
        #expect(fiber.state == .suspended)
        guard case .suspended(let b) = try fiber.resume(2) else { Issue.record("expected a suspension"); return }
        #expect(b == "got 2")
        guard case .finished(let c) = try fiber.resume(3) else { Issue.record("expected the end"); return }
        #expect(c == "done [1, 2, 3]")
        #expect(fiber.state == .finished)
    }

    @Test func generatorPattern() throws {
        let numbers = Fiber<Void, Int> { _, suspend in
            for i in 0..<5 { try suspend(i * i) }
            return -1
        }
        var seen: [Int] = []
        while case .suspended(let value) = try numbers.resume(()) { seen.append(value) }
        #expect(seen == [0, 1, 4, 9, 16])
    }

    @Test func errorThrownByBodyIsRethrownAtResume() throws {
        let fiber = Fiber<Void, Int> { _, _ in throw Boom(depth: 0) }
        #expect(throws: Boom(depth: 0)) { try fiber.resume(()) }
        #expect(fiber.state == .failed)
    }

    @Test func errorThrownDeepInsideFiberReachesResumerAndProcessCarriesOn() throws {
        func dive(_ depth: Int) throws -> Int {
            if depth == 2_000 { throw Boom(depth: depth) }
            return try dive(depth + 1) + 1
        }
        for _ in 0..<3 {
            let fiber = Fiber<Void, Int> { _, suspend in
                _ = try suspend(1)
                return try dive(0)
            }
            _ = try fiber.resume(())
            #expect(throws: Boom(depth: 2_000)) { try fiber.resume(()) }
        }
        // Carry on: a new fiber still works on the same thread and pool.
        let after = Fiber<Int, Int> { x, _ in x + 1 }
        guard case .finished(let value) = try after.resume(41) else { Issue.record("expected the end"); return }
        #expect(value == 42)
    }

    @Test func fibersNestOneHundredDeep() throws {
        func nested(_ level: Int) -> Fiber<Int, Int> {
            Fiber<Int, Int> { value, suspend in
                if level == 100 { return try suspend(value) + 1000 }
                let inner = nested(level + 1)
                guard case .suspended(let fromBelow) = try inner.resume(value + 1) else { throw Boom(depth: level) }
                let back = try suspend(fromBelow)
                guard case .finished(let result) = try inner.resume(back) else { throw Boom(depth: level) }
                return result
            }
        }
        let outer = nested(1)
        guard case .suspended(let deepest) = try outer.resume(0) else { Issue.record("expected a suspension"); return }
        #expect(deepest == 99)
        guard case .finished(let result) = try outer.resume(7) else { Issue.record("expected the end"); return }
        #expect(result == 1007)
    }

    @Test func aFiberResumedFromDifferentStacksReturnsToEachResumer() throws {
        // `worker` is resumed from the test's stack, then from `relay`'s stack, then from the
        // test's again, and ends by throwing on its own stack while `relay` resumes it: each
        // suspension goes back to the stack that resumed it last (the sanitizers learn that
        // stack on every arrival; under ASan a stale one shows as a warning or a report).
        let worker = Fiber<Int, Int> { first, suspend in
            var x = first
            while x >= 0 { x = try suspend(x + 1) }
            throw Boom(depth: x)
        }
        let relay = Fiber<Int, Int> { value, suspend in
            guard case .suspended(let fromWorker) = try worker.resume(value) else { throw Boom(depth: 1) }
            let next = try suspend(fromWorker)          // back to the test, `worker` left suspended
            #expect(throws: Boom(depth: -5)) { try worker.resume(next) }
            return try suspend(next) + 1
        }
        guard case .suspended(1) = try worker.resume(0) else { Issue.record("expected 1"); return }
        guard case .suspended(11) = try relay.resume(10) else { Issue.record("expected 11"); return }
        guard case .suspended(21) = try worker.resume(20) else { Issue.record("expected 21"); return }
        guard case .suspended(-5) = try relay.resume(-5) else { Issue.record("expected -5"); return }
        #expect(worker.state == .failed)
        guard case .finished(43) = try relay.resume(42) else { Issue.record("expected 43"); return }
    }

    @Test func oneMillionSwitches() throws {
        let fiber = Fiber<Int, Int> { first, suspend in
            var x = first
            while x >= 0 { x = try suspend(x + 1) }
            return x
        }
        var value = 0
        for _ in 0..<500_000 {   // each round trip is two switches
            guard case .suspended(let next) = try fiber.resume(value) else { Issue.record("ended early"); return }
            value = next
        }
        #expect(value == 500_000)
        _ = try fiber.resume(-1)
        #expect(fiber.state == .finished)
    }

    @Test func oneHundredThousandLiveSuspendedFibers() throws {
        // Guarded stacks cost two kernel mappings each (vm.max_map_count is 65,530 by default),
        // so this many live fibers need the unguarded slab configuration.
        let pool = try StackPool(.unguarded(stackSize: 64 << 10))
        // ThreadSanitizer maps a 512 KiB shadow stack per context, AddressSanitizer a fake stack
        // (~700 KiB, one mapping) per context that uses one: both run out long before this.
        let count = wf_sanitizer_tracks_contexts() != 0 ? 5_000 : 100_000
        var fibers: [Fiber<Int, Int>] = []
        fibers.reserveCapacity(count)
        for i in 0..<count {
            let fiber = Fiber<Int, Int>(pool: pool) { value, suspend in try suspend(value * 2) + 1 }
            guard case .suspended(let doubled) = try fiber.resume(i) else { Issue.record("ended early"); return }
            #expect(doubled == i * 2)
            fibers.append(fiber)
        }
        #expect(pool.statistics.live == count)
        for (i, fiber) in fibers.enumerated() {
            guard case .finished(let result) = try fiber.resume(i) else { Issue.record("expected the end"); return }
            if result != i + 1 { Issue.record("fiber \(i) returned \(result)"); return }
        }
        #expect(pool.statistics.live == 0)
    }

    @Test func poolDoesNotGrowOverOneMillionCreateFinishCycles() throws {
        let pool = try StackPool()
        for i in 0..<1_000_000 {
            let fiber = Fiber<Int, Int>(pool: pool) { value, _ in value &+ 1 }
            guard case .finished(let result) = try fiber.resume(i), result == i + 1 else {
                Issue.record("cycle \(i) went wrong"); return
            }
        }
        let stats = pool.statistics
        #expect(stats.created == 1)
        #expect(stats.mapped == 1)
        #expect(stats.live == 0)
    }

    @Test func resumingAnEndedFiberIsRefused() throws {
        let fiber = Fiber<Void, Int> { _, _ in 1 }
        _ = try fiber.resume(())
        #expect(throws: FiberError.notResumable(.finished)) { try fiber.resume(()) }
    }

    @Test func resumingARunningFiberFromInsideIsRefused() throws {
        final class Box { var fiber: Fiber<Void, Int>? }
        let box = Box()
        let fiber = Fiber<Void, Int> { _, _ in
            do { _ = try box.fiber!.resume(()) } catch let error as FiberError {
                return error == .notResumable(.running) ? 1 : 0
            }
            return 0
        }
        box.fiber = fiber
        guard case .finished(let refused) = try fiber.resume(()) else { Issue.record("expected the end"); return }
        #expect(refused == 1)
        box.fiber = nil
    }

    @Test func suspendingFromOutsideTheFiberIsRefused() throws {
        final class Box { var suspend: Fiber<Void, Int>.Suspender? }
        let box = Box()
        let fiber = Fiber<Void, Int> { _, suspend in
            box.suspend = suspend
            _ = try suspend(0)
            return 1
        }
        _ = try fiber.resume(())
        #expect(throws: FiberError.notRunning(.suspended)) { try box.suspend!(5) }
        _ = try fiber.resume(())
    }

    @Test func resumingFromAnotherThreadIsRefused() throws {
        let fiber = Fiber<Void, Int> { _, suspend in try suspend(1) ; return 2 }
        _ = try fiber.resume(())
        nonisolated(unsafe) let shared = fiber
        nonisolated(unsafe) var outcome: FiberError?
        let thread = try NativeThread {
            do { _ = try shared.resume(()) } catch let error as FiberError { outcome = error } catch {}
        }
        thread.join()
        #expect(outcome == .wrongThread)
        #expect(fiber.state == .suspended)
        guard case .finished(let value) = try fiber.resume(()) else { Issue.record("expected the end"); return }
        #expect(value == 2)
    }

    @Test func cancellingASuspendedFiberUnwindsItsFrames() throws {
        let pool = try StackPool()
        let live = LiveCount()
        var cleanedUp = false
        let fiber = Fiber<Void, Int>(pool: pool) { _, suspend in
            let held = Tracked(live)
            defer { cleanedUp = true }
            _ = try suspend(1)
            withExtendedLifetime(held) {}
            return 2
        }
        _ = try fiber.resume(())
        #expect(live.value == 1)
        #expect(pool.statistics.live == 1)
        try fiber.cancel()
        #expect(fiber.state == .cancelled)
        #expect(cleanedUp)
        #expect(live.value == 0)
        #expect(pool.statistics.live == 0)
        #expect(throws: FiberError.notResumable(.cancelled)) { try fiber.resume(()) }
    }

    @Test func droppingASuspendedFiberUnwindsItsFrames() throws {
        let pool = try StackPool()
        let live = LiveCount()
        do {
            let fiber = Fiber<Void, Int>(pool: pool) { _, suspend in
                let held = Tracked(live)
                while true { _ = try suspend(1); withExtendedLifetime(held) {} }
            }
            _ = try fiber.resume(())
            #expect(live.value == 1)
        }
        #expect(live.value == 0)
        #expect(pool.statistics.live == 0)
    }

    @Test func aFiberThatSwallowsCancellationStillEnds() throws {
        let fiber = Fiber<Void, Int> { _, suspend in
            var attempts = 0
            while attempts < 3 {
                do { _ = try suspend(attempts) } catch { attempts += 1 }
            }
            return attempts
        }
        _ = try fiber.resume(())
        try fiber.cancel()
        #expect(fiber.state == .cancelled)
    }

    @Test func cancellingAFreshFiberNeverRunsIt() throws {
        var ran = false
        let fiber = Fiber<Void, Int> { _, _ in ran = true; return 0 }
        try fiber.cancel()
        #expect(fiber.state == .cancelled)
        #expect(!ran)
    }
}
