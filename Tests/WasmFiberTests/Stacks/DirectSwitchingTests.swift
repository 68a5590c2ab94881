import Testing
import WasmFormat
@testable import WasmFiber

/// `suspend` to a handler further out, and `switch`, go straight to their destination: the
/// stacks in between are captured as one continuation and resumed where the suspension was.
@Suite struct DirectSwitchingTests {
    /// $outer resumes $middle, which resumes $inner; only $outer handles $tick. $inner
    /// suspends twice, handing out 10 and then 20; each time $outer's handler records how many
    /// continuation stacks are live (through `probe`), and resumes the captured continuation
    /// (both inner stacks) with the value + 1. $inner returns the sum of what it got back; the
    /// middle adds 1000 to it.
    static let nested = """
        (module
          (type $ft (func (result i32)))
          (type $ct (cont $ft))
          (type $kt (func (param i32) (result i32)))
          (type $kc (cont $kt))
          (import "test" "probe" (func $probe (param i32)))
          (tag $tick (param i32) (result i32))
          (func $inner (result i32)
            (i32.add (suspend $tick (i32.const 10)) (suspend $tick (i32.const 20))))
          (func $middle (result i32)
            (i32.add (i32.const 1000) (resume $ct (cont.new $ct (ref.func $inner)))))
          (elem declare func $inner $middle)
          (func (export "outer") (result i32)
            (local $k (ref null $kc)) (local $v i32) (local $result i32)
            (local.set $k (ref.null $kc))
            (block $done
              (loop $again
                (block $on_tick (result i32 (ref $kc))
                  (if (ref.is_null (local.get $k))
                    (then (local.set $result (resume $ct (on $tick $on_tick) (cont.new $ct (ref.func $middle)))))
                    (else (local.set $result (resume $kc (on $tick $on_tick) (i32.add (local.get $v) (i32.const 1)) (local.get $k)))))
                  (br $done))
                (local.set $k)
                (local.set $v)
                (call $probe (local.get $v))
                (br $again)))
            (local.get $result)))
        """

    @Test func suspensionToAnOuterHandlerCapturesTheStacksInBetween() throws {
        /// What `probe` saw (written on the thread that runs the instance, read after the call).
        final class Probes: @unchecked Sendable { var seen: [(value: Int32, liveStacks: Int)] = [] }
        let engine = Engine()
        let probes = Probes()
        var imports = Imports()
        // `unowned`: the engine keeps the instance and its imports, so a strong capture would be a cycle.
        imports.define("test", "probe") { [unowned engine] (value: Int32) in
            probes.seen.append((value, (try? engine.continuationStackPool().statistics.live) ?? -1))
        }
        let instance = try Instance(try Module(wat: Self.nested), imports: imports, engine: engine)
        #expect(try instance.call("outer") as Int32 == 1000 + 11 + 21)
        #expect(probes.seen.map(\.value) == [10, 20], "both suspensions reached the outer handler")
        #expect(probes.seen.map(\.liveStacks) == [2, 2], "the middle and inner stacks stay suspended together")
        #expect(try engine.continuationStackPool().statistics.live == 0)
    }

    @Test func switchHandsTheHandlersPlaceToItsTarget() throws {
        // Two players switch to each other 1,000 times under one switch handler; the handler's
        // resume returns only when a player returns, with that player's count.
        let wat = """
            (module
              (rec
                (type $fn (func (param i32 (ref null $k)) (result i32)))
                (type $k (cont $fn)))
              (tag $sw (result i32))
              (func $player (type $fn) (param $n i32) (param $other (ref null $k)) (result i32)
                (if (ref.is_null (local.get $other))
                  (then (local.set $other (cont.new $k (ref.func $player)))))
                (loop $l
                  (if (i32.ge_u (local.get $n) (i32.const 1000)) (then (return (local.get $n))))
                  (local.set $n (i32.add (local.get $n) (i32.const 1)))
                  ;; pass the other the count; it comes back with the other's next count
                  (switch $k $sw (local.get $n) (local.get $other))
                  (local.set $other)
                  (local.set $n)
                  (br $l))
                (unreachable))
              (elem declare func $player)
              (func (export "play") (result i32)
                (resume $k (on $sw switch) (i32.const 0) (ref.null $k) (cont.new $k (ref.func $player)))))
            """
        let engine = Engine()
        let instance = try Instance(try Module(wat: wat), engine: engine)
        #expect(try instance.call("play") as Int32 == 1000)
    }

    @Test func tooSmallContinuationStacksTrapNamingTheSetting() throws {
        let wat = """
            (module
              (type $ft (func))
              (type $ct (cont $ft))
              (func $body)
              (elem declare func $body)
              (func (export "run") (resume $ct (cont.new $ct (ref.func $body)))))
            """
        let engine = Engine(EngineConfiguration(continuationStackSize: 128 << 10))
        let instance = try Instance(try Module(wat: wat), engine: engine)
        #expect { try instance.call("run", []) } throws: { error in
            "\(error)".contains("continuationStackSize must be at least 256 KiB")
        }
    }
}
