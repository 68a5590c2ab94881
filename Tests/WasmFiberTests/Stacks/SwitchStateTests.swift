import CContext
import Testing
@testable import WasmFiber
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the context switch must carry besides the stack: the floating-point control state is
/// callee-saved, so each side of a switch keeps its own rounding mode.
@Suite("Context switch state")
struct SwitchStateTests {
    @Test func eachSideOfASwitchKeepsItsOwnRoundingMode() throws {
        #expect(fegetround() == FE_TONEAREST)
        let fiber = Fiber<Void, Int32> { _, suspend in
            fesetround(FE_UPWARD)
            _ = try suspend(fegetround())
            let after = fegetround()          // still upward after the host ran
            fesetround(FE_TONEAREST)
            return after
        }
        guard case .suspended(let inside) = try fiber.resume(()) else { Issue.record("expected a suspension"); return }
        #expect(inside == FE_UPWARD)
        #expect(fegetround() == FE_TONEAREST, "the fiber's rounding mode must not leak into the host")
        fesetround(FE_DOWNWARD)                // and the host's must not leak into the fiber
        guard case .finished(let after) = try fiber.resume(()) else { Issue.record("expected the end"); return }
        #expect(fegetround() == FE_DOWNWARD)
        fesetround(FE_TONEAREST)
        #expect(after == FE_UPWARD)
    }

    @Test func aFreshFiberStartsWithItsCreatorsRoundingMode() throws {
        fesetround(FE_TOWARDZERO)
        defer { fesetround(FE_TONEAREST) }
        let fiber = Fiber<Void, Int32> { _, _ in fegetround() }
        fesetround(FE_TONEAREST)
        guard case .finished(let mode) = try fiber.resume(()) else { Issue.record("expected the end"); return }
        // The fiber's frame is made on its first resume, so it inherits the resumer's mode.
        #expect(mode == FE_TONEAREST)
    }

    @Test func calleeSavedRegistersSurviveManySwitches() throws {
        // Values held in registers across a switch (the optimizer keeps loop state in callee-
        // saved registers) must come back intact, on both sides, under load.
        let fiber = Fiber<Double, Double> { first, suspend in
            var (a, b, c, d) = (first, first * 2, first * 3, first * 4)
            for _ in 0..<10_000 {
                let incoming = try suspend(a + b + c + d)
                a += incoming; b -= incoming; c *= 1.0; d += 1
            }
            return a + b + c + d
        }
        var (x, y, z) = (1.0, 2.0, 3.0)
        for _ in 0..<10_000 {
            guard case .suspended(let sum) = try fiber.resume(1) else { Issue.record("ended early"); return }
            x += 1; y += sum - sum; z *= 1
        }
        guard case .finished(let final) = try fiber.resume(0) else { Issue.record("expected the end"); return }
        #expect(x == 10_001 && y == 2 && z == 3)
        #expect(final == 1 + 2 + 3 + 4 + 10_000)
    }
}
