import CContext
import Synchronization
import Testing
import WasmFormat
@testable import WasmFiber

/// The principle of the runtime at the host boundary: WebAssembly never runs on the caller's
/// stack, host imports run on top of the WebAssembly stack, and a host function that calls
/// back into WebAssembly starts a fresh stack.
@Suite struct StackBoundaryTests {
    /// A host-side slot for the instance, filled in after instantiation (closures are `@Sendable`).
    final class InstanceBox: @unchecked Sendable { var instance: Instance? }

    @Test func webAssemblyRunsOnAStackOfItsOwnWithImportsOnTop() throws {
        let engine = Engine()
        let callerStack = wf_stack_pointer()
        let observed = Mutex<(live: Int, distance: UInt)>((0, 0))
        var imports = Imports()
        imports.define("env", "probe") { () -> Void in
            let live = try engine.stackPool().statistics.live
            let sp = wf_stack_pointer()
            observed.withLock { $0 = (live, sp > callerStack ? sp - callerStack : callerStack - sp) }
        }
        let instance = try Instance(try Module(wat: """
            (module (import "env" "probe" (func $probe)) (func (export "run") (call $probe)))
            """), imports: imports, engine: engine)
        try instance.call("run")
        let (live, distance) = observed.withLock { $0 }
        #expect(live == 1, "the import ran on the one WebAssembly fiber of the call")
        #expect(distance > 64 << 10, "the import's frames are not on the caller's stack")
        #expect(try engine.stackPool().statistics.live == 0, "the stack went back to the pool")
    }

    @Test func callingBackIntoWebAssemblyStartsAFreshStack() throws {
        let engine = Engine()
        let box = InstanceBox()
        let liveInside = Mutex(0)
        var imports = Imports()
        imports.define("env", "callback") { (x: Int32) -> Int32 in
            let result: Int32 = try box.instance!.call("inner", x)
            return result
        }
        imports.define("env", "probe") { () -> Void in
            let live = try engine.stackPool().statistics.live
            liveInside.withLock { $0 = live }
        }
        box.instance = try Instance(try Module(wat: """
            (module
              (import "env" "callback" (func $callback (param i32) (result i32)))
              (import "env" "probe" (func $probe))
              (func (export "inner") (param i32) (result i32) (call $probe) (i32.mul (local.get 0) (i32.const 2)))
              (func (export "outer") (param i32) (result i32) (i32.add (call $callback (local.get 0)) (i32.const 1))))
            """), imports: imports, engine: engine)
        let result: Int32 = try box.instance!.call("outer", Int32(20))
        #expect(result == 41)
        #expect(liveInside.withLock { $0 } == 2, "outer and inner calls each had a stack")
    }

    @Test func reentryHundredThousandDeepEndsInACleanTrap() throws {
        let engine = Engine()
        let box = InstanceBox()
        let depth = Mutex(0)
        var imports = Imports()
        imports.define("env", "reenter") { (n: Int32) -> Int32 in
            depth.withLock { $0 = max($0, Int(n)) }
            guard n < 100_000 else { return n }
            let result: Int32 = try box.instance!.call("down", n + 1)
            return result
        }
        box.instance = try Instance(try Module(wat: """
            (module
              (import "env" "reenter" (func $reenter (param i32) (result i32)))
              (func (export "down") (param i32) (result i32) (call $reenter (local.get 0))))
            """), imports: imports, engine: engine)
        let error = #expect(throws: Trap.self) { try box.instance!.call("down", Int32(0)) as Int32 }
        #expect(error?.kind == .callStackExhausted)
        #expect(depth.withLock { $0 } == engine.configuration.maxReentryDepth - 1)
        #expect(try engine.stackPool().statistics.live == 0, "every nested stack was released")
        // The engine is still usable afterwards.
        #expect(try box.instance!.call("down", Int32(99_999)) as Int32 == 100_000)
    }

    @Test func trapBacktraceCrossesHostFramesAndFibers() throws {
        let engine = Engine()
        let box = InstanceBox()
        var imports = Imports()
        imports.define("env", "callback") { () -> Void in try box.instance!.call("fails") }
        box.instance = try Instance(try Module(wat: """
            (module
              (import "env" "callback" (func $callback))
              (func $fails (export "fails") (unreachable))
              (func $outer (export "outer") (call $callback)))
            """), imports: imports, engine: engine)
        let trap = #expect(throws: Trap.self) { try box.instance!.call("outer") }
        #expect(trap?.kind == .unreachable)
        #expect(trap?.backtrace.map(\.name) == ["fails", "outer"])
    }

    @Test func tailRecursionTenMillionDeepRunsInConstantStack() throws {
        let instance = try Instance(try Module(wat: """
            (module (func $loop (export "loop") (param i64) (result i64)
              (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 7))
                (else (return_call $loop (i64.sub (local.get 0) (i64.const 1)))))))
            """), engine: Engine())
        #expect(try instance.call("loop", Int64(10_000_000)) as Int64 == 7)
    }
}
