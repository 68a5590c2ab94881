import Foundation
import Testing
@testable import WasmFormat

/// Bounded randomized mutation testing (fixed seed): mutated modules must decode or throw a
/// `DecodingError` — never crash, hang or allocate without bound.
@Suite struct MutationFuzzTests {
    /// Small valid modules that together touch every section and most immediate shapes.
    static var seeds: [[UInt8]] {
        let body: [UInt8] = [
            0x02, 0x40, 0x41, 0x00, 0x0E, 0x02, 0x00, 0x00, 0x00, 0x0B,  // block br_table
            0x41, 0x00, 0x28, 0x02, 0x04, 0x1A,  // i32.load
            0x42, 0x7F, 0x1A, 0x43, 0, 0, 0x80, 0x3F, 0x1A, 0x44, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x1A,
            0x1F, 0x40, 0x01, 0x02, 0x00, 0x0B,  // try_table (catch_all 0)
            0x06, 0x40, 0x19, 0x0B,  // try catch_all end
            0xD0, 0x70, 0xFB, 0x16, 0x70, 0x1A,  // ref.null func, ref.cast func
            0xFE, 0x03, 0x00,  // atomic.fence
            0x41, 0x00, 0xFE, 0x10, 0x02, 0x00, 0x1A,  // i32.atomic.load
            0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00,  // memory.init
            0x0B,
        ]
        let full = Wasm.module(
            Wasm.section(1, [0x03, 0x60, 0x01, 0x7F, 0x01, 0x7F, 0x4E, 0x01, 0x50, 0x00, 0x5F, 0x01, 0x78, 0x01, 0x5D, 0x00]),
            Wasm.section(2, Wasm.vector([Wasm.name("m") + Wasm.name("f") + [0x00, 0x00], Wasm.name("m") + Wasm.name("t") + [0x04, 0x00, 0x00]])),
            Wasm.functions([0, 0]),
            Wasm.section(4, Wasm.vector([[0x70, 0x00, 0x01], [0x40, 0x00, 0x70, 0x04, 0x01, 0xD0, 0x70, 0x0B]])),
            Wasm.section(5, Wasm.vector([[0x03, 0x01, 0x01]])),
            Wasm.section(13, Wasm.vector([[0x00, 0x00]])),
            Wasm.section(6, Wasm.vector([[0x7F, 0x00, 0x41, 0x01, 0x41, 0x02, 0x6A, 0x0B]])),
            Wasm.section(7, Wasm.vector([Wasm.name("f") + [0x00, 0x01]])),
            Wasm.section(8, [0x01]),
            Wasm.section(9, Wasm.vector([[0x00, 0x41, 0x00, 0x0B, 0x01, 0x01], [0x05, 0x70, 0x01, 0xD2, 0x00, 0x0B]])),
            Wasm.section(12, [0x01]),
            Wasm.code([([0x01, 0x01, 0x7F], [0x20, 0x00, 0x0B]), ([0x00], [0x41, 0x00] + body.dropLast() + [0x1A, 0x0B])]),
            Wasm.section(11, Wasm.vector([[0x00, 0x41, 0x00, 0x0B, 0x02, 0x68, 0x69]])),
            Wasm.section(0, Wasm.name("name") + Wasm.section(1, Wasm.vector([[0x00] + Wasm.name("main")]))))
        let stackSwitching = Wasm.function([
            0xD0, 0x70, 0xE0, 0x00, 0xE3, 0x00, 0x01, 0x00, 0x00, 0x00, 0x1A, 0xE2, 0x00, 0x0B,
        ])
        let gc = Wasm.function([0xFB, 0x01, 0x00, 0xFB, 0x18, 0x01, 0x00, 0x6B, 0x6B, 0x1A, 0x0B])
        return [full, stackSwitching, gc, Wasm.function([0x0B])]
    }

    @Test func mutatedModulesDecodeOrThrowDecodingErrors() throws {
        var generator = SplitMix64(seed: 0x5EED_F00D)
        let seeds = Self.seeds
        for seed in seeds { _ = try decodeModule(seed, decodeFunctionBodies: true) }  // the seeds are valid
        var decoded = 0
        for iteration in 0..<10_000 {
            var bytes = seeds[iteration % seeds.count]
            let mutations = 1 + Int(generator.next() % 4)
            for _ in 0..<mutations { Self.mutate(&bytes, &generator) }
            if Self.exercise(bytes) { decoded += 1 }
        }
        #expect(decoded > 0)  // some mutations stay valid
    }

    /// The spec suite's well-formed binary modules as seeds, a few mutations each
    /// (`FUZZ_ROUNDS` raises the count for a longer local run).
    @Test func mutatedSpecModulesDecodeOrThrow() {
        let seeds = SpecBinaryModuleTests.allCases.filter { $0.command != "assert_malformed" }.map(\.bytes)
        let rounds = Int(ProcessInfo.processInfo.environment["FUZZ_ROUNDS"] ?? "") ?? 3
        var generator = SplitMix64(seed: 0xC0FFEE)
        for seed in seeds {
            for _ in 0..<rounds {
                var bytes = seed
                for _ in 0..<(1 + Int(generator.next() % 3)) { Self.mutate(&bytes, &generator) }
                _ = Self.exercise(bytes)
            }
        }
    }

    @Test func randomBytesAfterAValidHeaderNeverCrash() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<1000 {
            let length = Int(generator.next() % 64)
            let bytes = Wasm.header + (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            _ = Self.exercise(bytes)
            _ = NameSection(decoding: bytes[...], in: bytes)
        }
    }

    /// Decodes eagerly, and lazily then reading every body; `true` if the module decoded.
    /// Both ways must agree on the outcome, error included: a consumer reading bodies later
    /// sees exactly what an eager decoder would have reported.
    static func exercise(_ bytes: [UInt8]) -> Bool {
        func eager() throws(DecodingError) { _ = try decodeModule(bytes, decodeFunctionBodies: true) }
        func lazy() throws(DecodingError) {
            let module = try decodeModule(bytes)
            for body in module.functionBodies {
                var reader = module.instructions(of: body)
                var steps = 0
                while try reader.read() != nil {
                    steps += 1
                    precondition(steps <= bytes.count, "the reader must consume bytes on every step")
                }
            }
        }
        var eagerError: DecodingError?
        var lazyError: DecodingError?
        do { try eager() } catch { eagerError = error }
        do { try lazy() } catch { lazyError = error }
        #expect(eagerError == lazyError, "\(bytes)")
        return eagerError == nil
    }

    static func mutate(_ bytes: inout [UInt8], _ generator: inout SplitMix64) {
        guard bytes.count > 8 else { bytes.append(UInt8(truncatingIfNeeded: generator.next())); return }
        let index = 8 + Int(generator.next() % UInt64(bytes.count - 8))
        let interesting: [UInt8] = [0x00, 0x01, 0x0B, 0x40, 0x7F, 0x80, 0xFF, 0xFB, 0xFC, 0xFD, 0xFE]
        switch generator.next() % 7 {
        case 0: bytes[index] ^= UInt8(1 << (generator.next() % 8))
        case 1: bytes[index] = UInt8(truncatingIfNeeded: generator.next())
        case 2: bytes[index] = interesting[Int(generator.next() % UInt64(interesting.count))]
        case 3: bytes.insert(UInt8(truncatingIfNeeded: generator.next()), at: index)
        case 4: bytes.remove(at: index)
        case 5: bytes.removeSubrange(index...)
        default:
            // A huge LEB128 count or length.
            bytes.replaceSubrange(index..<min(index + 1, bytes.count), with: [0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
        }
    }
}
