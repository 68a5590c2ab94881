import Foundation
import Testing
import WasmTestSupport
@testable import WasmFormat
import WasmText

/// Bounded randomized mutation testing of the validator (fixed seeds): a mutated module that
/// still decodes must validate or throw a `ValidationError` — never crash or hang.
struct ValidationFuzzTests {
    /// The spec suite's binary modules (valid and invalid ones), a few mutations each
    /// (`FUZZ_ROUNDS` raises the count for a longer local run).
    @Test func mutatedSpecModulesValidateOrThrow() {
        let seeds = SpecBinaryModuleTests.allCases.filter { $0.command != "assert_malformed" }.map(\.bytes)
        let rounds = Int(ProcessInfo.processInfo.environment["FUZZ_ROUNDS"] ?? "") ?? 3
        var generator = SplitMix64(seed: 0x7A11_DA7E)
        var validated = 0
        for seed in seeds {
            validated += Self.exercise(seed) ? 1 : 0
            for _ in 0..<rounds {
                var bytes = seed
                for _ in 0..<(1 + Int(generator.next() % 3)) { MutationFuzzTests.mutate(&bytes, &generator) }
                validated += Self.exercise(bytes) ? 1 : 0
            }
        }
        #expect(validated > 0 || seeds.isEmpty)
    }

    /// The text modules of the GC, function-reference and stack-switching scripts, compiled,
    /// as seeds: they exercise rec groups, subtyping and constant expressions most.
    @Test func mutatedTextModulesValidateOrThrow() throws {
        guard let root = SpecSuite.root else { print(SpecSuite.absenceNote("ValidationFuzzTests")); return }
        let files = [
            "core/gc/type-subtyping.wast", "core/gc/struct.wast", "core/gc/array.wast", "core/type-canon.wast",
            "core/type-rec.wast", "core/type-equivalence.wast", "core/global.wast", "core/elem.wast",
            "proposals/stack-switching/cont.wast", "proposals/stack-switching/validation_gc.wast",
        ]
        let rounds = Int(ProcessInfo.processInfo.environment["FUZZ_ROUNDS"] ?? "") ?? 3
        var generator = SplitMix64(seed: 0x7E47)
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for command in try parseWAST(text).commands {
                guard case .module(let module) = command.kind, case .text(let seed) = module.source else { continue }
                for _ in 0..<rounds {
                    var bytes = seed
                    for _ in 0..<(1 + Int(generator.next() % 3)) { MutationFuzzTests.mutate(&bytes, &generator) }
                    _ = Self.exercise(bytes)
                }
            }
        }
    }

    @Test func mutatedSmallModulesValidateOrThrow() {
        var generator = SplitMix64(seed: 0xBADC_0DE)
        let seeds = MutationFuzzTests.seeds
        for iteration in 0..<5_000 {
            var bytes = seeds[iteration % seeds.count]
            for _ in 0..<(1 + Int(generator.next() % 4)) { MutationFuzzTests.mutate(&bytes, &generator) }
            _ = Self.exercise(bytes)
        }
    }

    /// Decodes and validates; `true` if the module is valid.
    static func exercise(_ bytes: [UInt8]) -> Bool {
        guard let module = try? decodeModule(bytes, decodeFunctionBodies: true) else { return false }
        do {
            try validateModule(module)
            return true
        } catch {
            return false
        }
    }
}
