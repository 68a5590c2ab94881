import CContext
import Testing
@testable import WasmFiber

@Suite("StackPool")
struct StackPoolTests {
    @Test func guardSmallerThan64KiBIsRefused() {
        #expect(throws: FiberError.self) { try StackPool(.init(guardSize: 4096)) }
        #expect(throws: FiberError.self) { try StackPool(.init(stackSize: 0)) }
    }

    @Test func stacksExposeTheirBoundsAndSitAboveTheirGuard() throws {
        let pool = try StackPool(.init(stackSize: 256 << 10))
        let stack = try pool.acquire()
        defer { pool.release(stack) }
        let base = UInt(bitPattern: stack.pointee.base), top = UInt(bitPattern: stack.pointee.top)
        #expect(top - base == 256 << 10)
        #expect(stack.pointee.guard_size == 64 << 10)
        var range = wf_guard_range()
        #expect(wf_guard_lookup(base - 1, &range) == 1, "the byte below the stack is a known guard")
        #expect(range.stack_lo == base && range.stack_hi == top)
        #expect(wf_guard_lookup(base, &range) == 0, "the stack itself is not a guard")
    }

    @Test func idleStacksBeyondTheHotCountGiveTheirPagesBack() throws {
        let pool = try StackPool(.init(stackSize: 64 << 10, hotCount: 2, coldCount: 3))
        let stacks = try (0..<8).map { _ in try pool.acquire() }
        for stack in stacks { pool.release(stack) }
        let stats = pool.statistics
        #expect(stats.hot == 2)
        #expect(stats.cold == 3)
        #expect(stats.unmapped == 3, "guarded idle stacks beyond hot + cold are unmapped")
        #expect(stats.mapped == 5)
        try pool.trim()
        #expect(pool.statistics.mapped == 2)
        #expect(pool.statistics.hot == 0)
    }

    @Test func unguardedStacksShareSlabs() throws {
        let pool = try StackPool(.unguarded(stackSize: 64 << 10))
        let stacks = try (0..<300).map { _ in try pool.acquire() }
        #expect(pool.statistics.created == 300)
        let tops = Set(stacks.map { UInt(bitPattern: $0.pointee.top) })
        #expect(tops.count == 300)
        for stack in stacks { pool.release(stack) }
        #expect(pool.statistics.live == 0)
        #expect(wf_pool_get_stats(pool.pool).slabs == 2)
    }

    @Test func usingAPoolFromAnotherThreadIsRefused() throws {
        let pool = try StackPool()
        nonisolated(unsafe) let shared = pool
        nonisolated(unsafe) var refused = false
        let thread = try NativeThread {
            do { _ = try shared.acquire() } catch let error as FiberError { refused = error == .wrongThread } catch {}
        }
        thread.join()
        #expect(refused)
    }

    @Test func aThreadsDefaultPoolIsReleasedWhenTheThreadExits() throws {
        final class Weak { weak var pool: StackPool? }
        let observed = Weak()
        nonisolated(unsafe) let box = observed
        let thread = try NativeThread {
            let fiber = Fiber<Int, Int> { x, _ in x }
            _ = try? fiber.resume(1)
            box.pool = StackPool.current
        }
        thread.join()
        #expect(observed.pool == nil)
    }
}

@Suite("Stack limits")
struct StackLimitTests {
    @Test func aRunningFiberSeesItsStackPointerAboveItsLimit() throws {
        final class Box { var fiber: FiberCore? }
        let box = Box()
        let fiber = Fiber<Void, Bool> { _, _ in
            guard let limit = box.fiber?.stackLimit(margin: 32 << 10) else { return false }
            let sp = wf_stack_pointer()
            return sp > limit && sp < limit + (1 << 20)
        }
        box.fiber = fiber
        #expect(fiber.stackLimit(margin: 0) == nil, "a fresh fiber holds no stack")
        guard case .finished(let above) = try fiber.resume(()) else { Issue.record("expected the end"); return }
        #expect(above)
        #expect(fiber.stackLimit(margin: 0) == nil, "an ended fiber gave its stack back")
        box.fiber = nil
    }
}
