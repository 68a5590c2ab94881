import CContext
import Foundation
import Testing
@testable import WasmFiber

/// A million continuations suspended at once, each on a native stack of its own.
///
/// The default configuration cannot hold that many: a guarded stack costs two kernel mappings
/// and Linux allows `vm.max_map_count` (65,530) per process, so about 30,000 continuations fit.
/// This test uses the configuration that can — unguarded 256 KiB continuation stacks, carved
/// 256 to a mapping (`guardsContinuationStacks: false`) — as documented on
/// `EngineConfiguration.guardsContinuationStacks`.
@Suite struct MillionContinuationsTests {
    /// `park n`: n workers, each started and suspended at its first `suspend`, handing out its
    /// id; their continuations wait in a table. `finish`: resumes each with 1; each returns
    /// its id + 1.
    static let parking = """
        (module
          (type $ft (func (param i32) (result i32)))
          (type $ct (cont $ft))
          (tag $park (param i32) (result i32))
          (table $parked 0 (ref null $ct))
          (func $worker (param $id i32) (result i32)
            (i32.add (local.get $id) (suspend $park (local.get $id))))
          (elem declare func $worker)
          (func (export "park") (param $n i32) (result i64)
            (local $i i32) (local $sum i64) (local $k (ref null $ct)) (local $id i32)
            (drop (table.grow $parked (ref.null $ct) (local.get $n)))
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (block $on (result i32 (ref $ct))
                  (resume $ct (on $park $on) (local.get $i) (cont.new $ct (ref.func $worker)))
                  (unreachable))
                (local.set $k)
                (local.set $id)
                (table.set $parked (local.get $i) (local.get $k))
                (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (local.get $id))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
            (local.get $sum))
          (func (export "finish") (result i64)
            (local $i i32) (local $sum i64)
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $i) (table.size $parked)))
                (local.set $sum (i64.add (local.get $sum)
                  (i64.extend_i32_u (resume $ct (i32.const 1) (table.get $parked (local.get $i))))))
                (table.set $parked (local.get $i) (ref.null $ct))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
            (local.get $sum)))
        """

    @Test func aMillionSuspendedContinuationsLiveAtOnce() throws {
        // Sanitizers keep state per context (a fake stack, a shadow stack, shadow memory):
        // scaled down there, and their memory is not the runtime's.
        let sanitized = wf_sanitizer_tracks_contexts() != 0
        let count = sanitized ? 2_000 : 1_000_000
        let engine = Engine(EngineConfiguration(continuationStackSize: 256 << 10, guardsContinuationStacks: false))
        let instance = try Instance(try Module(wat: Self.parking), engine: engine)
        let before = residentBytes()
        let ids: Int64 = try instance.call("park", Int32(count))
        let perContinuation = (residentBytes() - before) / count
        #expect(ids == Int64(count) * Int64(count - 1) / 2, "every worker ran to its suspension")
        let pool = try engine.continuationStackPool().statistics
        #expect(pool.live == count, "one stack per suspended continuation")
        // Each idle continuation keeps the page (two, unoptimised) its frames and first slots
        // touched, and about 1 KiB of runtime objects: the design bound is 8 GiB a million.
        #expect(sanitized || perContinuation < 12 << 10, "resident memory per idle continuation: \(perContinuation) bytes")
        let results: Int64 = try instance.call("finish")
        #expect(results == ids + Int64(count), "every worker resumed once more and returned")
        #expect(try engine.continuationStackPool().statistics.live == 0, "every stack went back to the pool")
    }

    /// The process's resident memory, from /proc (0 where there is none).
    private func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = statm.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(wf_page_size()) : 0
    }
}
