import CContext
import Testing
import WasmFormat
@testable import WasmFiber

/// Continuations under load: many round trips, deep nesting, and creating and dropping
/// suspended continuations without their stacks accumulating.
@Suite struct ContinuationStressTests {
    /// `run n`: a ticker continuation suspends n times; each suspension is one round trip.
    static let roundTrips = """
        (module
          (type $ft (func))
          (type $ct (cont $ft))
          (tag $tick)
          (func $ticker (loop $l (suspend $tick) (br $l)))
          (elem declare func $ticker)
          (func (export "run") (param $n i32) (result i32)
            (local $k (ref null $ct)) (local $i i32)
            (local.set $k (cont.new $ct (ref.func $ticker)))
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (block $on_tick (result (ref $ct))
                  (resume $ct (on $tick $on_tick) (local.get $k))
                  (unreachable))
                (local.set $k)
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
            (local.get $i)))
        """

    @Test func tenMillionResumeSuspendRoundTrips() throws {
        let instance = try Instance(try Module(wat: Self.roundTrips), engine: Engine())
        #expect(try instance.call("run", Int32(10_000_000)) as Int32 == 10_000_000)
    }

    @Test func continuationsNestTenThousandDeep() throws {
        // $nest(n) runs $nest(n - 1) in a continuation of its own and adds one: 10,000
        // stacks are running at once, each resumed by the one before.
        let wat = """
            (module
              (type $ft (func (param i32) (result i32)))
              (type $ct (cont $ft))
              (elem declare func $nest)
              (func $nest (export "nest") (param $n i32) (result i32)
                (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 0))
                  (else
                    (i32.add (i32.const 1)
                      (resume $ct (i32.sub (local.get $n) (i32.const 1)) (cont.new $ct (ref.func $nest))))))))
            """
        let engine = Engine()
        let instance = try Instance(try Module(wat: wat), engine: engine)
        #expect(try instance.call("nest", Int32(10_000)) as Int32 == 10_000)
        #expect(try engine.continuationStackPool().statistics.live == 0, "every stack went back to the pool")
    }

    @Test func droppedSuspendedContinuationsGiveTheirStacksBack() throws {
        // Each round starts a continuation that suspends at once, then forgets it.
        let wat = """
            (module
              (type $ft (func))
              (type $ct (cont $ft))
              (tag $pause)
              (func $pauses (suspend $pause) (unreachable))
              (elem declare func $pauses)
              (func (export "churn") (param $n i32)
                (loop $again
                  (block $paused (result (ref $ct))
                    (resume $ct (on $pause $paused) (cont.new $ct (ref.func $pauses)))
                    (unreachable))
                  (drop)
                  (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
            """
        let engine = Engine()
        let instance = try Instance(try Module(wat: wat), engine: engine)
        try instance.call("churn", Int32(100_000))
        let statistics = try engine.continuationStackPool().statistics
        #expect(statistics.live < 5_000, "suspended stacks still mapped: \(statistics.live)")
        #expect(engine.continuations.freed > 90_000)
        // The memory stays flat: another 100,000 rounds map no more stacks.
        let mapped = statistics.mapped
        try instance.call("churn", Int32(100_000))
        #expect(try engine.continuationStackPool().statistics.mapped <= mapped + 64)
    }

    @Test func droppedContinuationsUnwindWithoutRunningWebAssembly() throws {
        // The dropped continuation would trap if it ran again; unwinding it must not.
        let wat = """
            (module
              (type $ft (func))
              (type $ct (cont $ft))
              (tag $pause)
              (global $cleanups (mut i32) (i32.const 0))
              (func $pauses
                (block $out
                  (try_table (catch_all $out) (suspend $pause))
                  (unreachable))
                (global.set $cleanups (i32.const 99)))
              (elem declare func $pauses)
              (func (export "churn") (param $n i32) (result i32)
                (loop $again
                  (block $paused (result (ref $ct))
                    (resume $ct (on $pause $paused) (cont.new $ct (ref.func $pauses)))
                    (unreachable))
                  (drop)
                  (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                (global.get $cleanups)))
            """
        let engine = Engine()
        let instance = try Instance(try Module(wat: wat), engine: engine)
        #expect(try instance.call("churn", Int32(5_000)) as Int32 == 0, "no catch_all ran during unwinding")
        #expect(engine.continuations.freed > 0)
    }

    @Test func droppingAnEngineUnwindsItsSuspendedContinuations() throws {
        // 12,000 parked continuations per engine, three engines in turn: were their stacks
        // kept, the third would run out of kernel mappings (2 per stack, 65,530 per process).
        let wat = """
            (module
              (type $ft (func))
              (type $ct (cont $ft))
              (tag $pause)
              (table $parked 0 (ref null $ct))
              (func $pauses (suspend $pause))
              (elem declare func $pauses)
              (func (export "park") (param $n i32) (local $k (ref null $ct))
                (loop $again
                  (block $paused (result (ref $ct))
                    (resume $ct (on $pause $paused) (cont.new $ct (ref.func $pauses)))
                    (return))
                  (local.set $k)
                  (drop (table.grow $parked (local.get $k) (i32.const 1)))
                  (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
            """
        let module = try Module(wat: wat)
        // Sanitizers map memory of their own per context: fewer there (the check is then only
        // that teardown unwinds cleanly).
        let parked = wf_sanitizer_tracks_contexts() != 0 ? 2_000 : 12_000
        for _ in 0..<3 {
            let engine = Engine()
            let instance = try Instance(module, engine: engine)
            try instance.call("park", Int32(parked))
        }
    }
}
