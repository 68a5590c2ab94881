import Testing
import WasmFiber
import WasmFormat
import WasmText
@testable import WastRunner

/// The runner's own rules, on small scripts: how each command kind and each expected-result
/// form is judged, and the folder rules.
struct WastRunnerTests {
    /// Runs `text` (with the core features) and returns each command's outcome.
    static func outcomes(_ text: String, features: FeatureSet = WastFolders.features(forFolder: "core")) throws -> [WastOutcome] {
        let runner = WastScriptRunner(options: .init(features: features))
        return runner.run(try parseWAST(text, features: features)).map(\.outcome)
    }

    // MARK: Folders

    @Test func foldersAreFoundInAnyPath() {
        #expect(WastFolders.folder(ofScriptPath: "../shared/wasm-testsuite/core/simd/simd_const.wast") == "core/simd")
        #expect(WastFolders.folder(ofScriptPath: "/x/wasm-testsuite/core/i32.wast") == "core")
        #expect(WastFolders.folder(ofScriptPath: "proposals/threads/atomic.wast") == "proposals/threads")
        #expect(WastFolders.folder(ofScriptPath: "/tmp/core/a/legacy/exceptions/try.wast") == "legacy/exceptions")
        #expect(WastFolders.folder(ofScriptPath: "mine.wast") == "")
        #expect(WastFolders.features(forFolder: "core").contains(.exceptions))
        #expect(!WastFolders.features(forFolder: "core").contains(.stackSwitching))
        #expect(!WastFolders.features(forFolder: "proposals/threads").contains(.memory64))
    }

    @Test func unimplementedFoldersAreSkippedWithTheirSubfolders() {
        #expect(WastSkipPolicy.reason(forFolder: "core/simd") != nil)
        #expect(WastSkipPolicy.reason(forFolder: "core/gc") != nil)
        #expect(WastSkipPolicy.reason(forFolder: "proposals/stack-switching/examples") == nil)
        #expect(WastSkipPolicy.reason(forFolder: "core") == nil)
        #expect(WastSkipPolicy.reason(forFolder: "core/simdx") == nil)
        #expect(WastSkipPolicy.reason(forFolder: "proposals/threads") == nil)
    }

    @Test func commandsAreCountedWithoutParsing() {
        let text = """
            ;; a comment (with parens
            (module (func)) (; block ( comment ;)
            (assert_return (invoke "f" (i32.const 1)) (i32.const 1))
            (assert_malformed (module quote "(func") "unexpected")
            """
        #expect(WastFileRunner.commandCount(Array(text.utf8)) == 3)
        #expect(WastFileRunner.commandCount([]) == 1)
    }

    @Test func expectedFailureListsAreParsed() {
        let list = ExpectedFailures.parse("""
            # comment
            core/i32.wast:12  reason one   # trailing comment
            core/memory64/x.wast:3 two words

            not an entry
            """)
        #expect(list.reasons == ["core/i32.wast:12": "reason one", "core/memory64/x.wast:3": "two words"])
        #expect(list.malformedLines.count == 1)
        #expect(ExpectedFailures.folder(ofKey: "core/memory64/x.wast:3") == "core/memory64")
        #expect(ExpectedFailures.folder(ofKey: "core/i32.wast:12") == "core")
    }

    // MARK: Expected results (no runtime needed)

    @Test func nanPatternsFollowTheScriptLanguage() {
        let canonical32 = WastExpected.canonicalNaN(bits: 32), arithmetic32 = WastExpected.arithmeticNaN(bits: 32)
        #expect(WastValues.matches(.f32(Float(bitPattern: 0x7FC0_0000)), canonical32))
        #expect(WastValues.matches(.f32(Float(bitPattern: 0xFFC0_0000)), canonical32))
        #expect(!WastValues.matches(.f32(Float(bitPattern: 0x7FC0_0001)), canonical32))
        #expect(WastValues.matches(.f32(Float(bitPattern: 0x7FC0_0001)), arithmetic32))
        #expect(!WastValues.matches(.f32(Float(bitPattern: 0x7FA0_0000)), arithmetic32))
        #expect(!WastValues.matches(.f64(.nan), canonical32))
        #expect(WastValues.matches(.f64(Double(bitPattern: 0xFFF8_0000_0000_0000)), .canonicalNaN(bits: 64)))
        #expect(WastValues.matches(.f64(Double(bitPattern: 0x7FF8_0000_0000_0001)), .arithmeticNaN(bits: 64)))
        #expect(!WastValues.matches(.f64(Double(bitPattern: 0x7FF0_0000_0000_0001)), .arithmeticNaN(bits: 64)))
        // Exact floats compare bits: -0 is not 0, a NaN payload must match.
        #expect(!WastValues.matches(.f32(-0.0), .value(.f32(0))))
        #expect(WastValues.matches(.f32(Float(bitPattern: 0x7F80_0001)), .value(.f32(0x7F80_0001))))
    }

    @Test func referencesAndAlternativesMatch() {
        #expect(WastValues.matches(.funcRef(nil), .value(.refNull("func"))))
        #expect(!WastValues.matches(.externRef(nil), .value(.refNull("func"))))
        #expect(WastValues.matches(.externRef(nil), .value(.refNull("any"))))
        #expect(WastValues.matches(.exnRef(nil), .anyNull))
        #expect(!WastValues.matches(.externRef(ExternRef(1)), .anyNull))
        #expect(WastValues.matches(.externRef(ExternRef(3)), .value(.refExtern(3))))
        #expect(!WastValues.matches(.externRef(ExternRef(3)), .value(.refExtern(4))))
        #expect(WastValues.matches(.externRef(ExternRef(3)), .anyExtern))
        #expect(!WastValues.matches(.funcRef(nil), .refFunc(index: nil)))
        #expect(!WastValues.matches(.i32(1), .value(.i64(1))))
        #expect(WastValues.matches(.i32(-1), .value(.i32(0xFFFF_FFFF))))
        #expect(WastValues.matches(.i32(2), .either([.value(.i32(1)), .value(.i32(2))])))
        #expect(!WastValues.matches(.i32(3), .either([.value(.i32(1)), .value(.i32(2))])))
    }

    @Test func whatTheAPICannotExpressIsSkippedNotFailed() {
        #expect(WastValues.unsupportedReason(.value(.v128([UInt8](repeating: 0, count: 16)))) == WastSkipReason.v128)
        #expect(WastValues.unsupportedReason(.v128Lanes(shape: "f32x4", lanes: [])) == WastSkipReason.v128)
        #expect(WastValues.unsupportedReason(.refKind("struct")) == WastSkipReason.gcReference)
        #expect(WastValues.unsupportedReason(.refKind("exn")) == nil)
        #expect(WastValues.unsupportedReason(.either([.value(.i32(1)), .refKind("i31")])) == WastSkipReason.gcReference)
        #expect(WastValues.unsupportedReason(.value(.refHost(1))) == WastSkipReason.gcReference)
    }

    @Test func argumentsBecomeAPIValues() {
        #expect(WastValues.value(.i32(0xFFFF_FFFF), type: .i32)?.bitwiseEquals(.i32(-1)) == true)
        #expect(WastValues.value(.f32(0x7FC0_0001), type: .f32)?.bitwiseEquals(.f32(Float(bitPattern: 0x7FC0_0001))) == true)
        #expect(WastValues.value(.refNull("extern"), type: nil)?.bitwiseEquals(.externRef(nil)) == true)
        #expect(WastValues.value(.refNull("nofunc"), type: nil)?.bitwiseEquals(.funcRef(nil)) == true)
        #expect(WastValues.value(.refNull("$t"), type: .funcRef)?.bitwiseEquals(.funcRef(nil)) == true)
        #expect(WastValues.value(.refExtern(5), type: .externRef)?.bitwiseEquals(.externRef(ExternRef(5))) == true)
        #expect(WastValues.value(.refHost(5), type: nil) == nil)
    }

    @Test func reportsShowValuesWithTheirTypeAndNaNPayloads() {
        #expect(WastValueText.describe(.i32(-1)) == "i32:-1")
        #expect(WastValueText.describe(.f32(Float(bitPattern: 0xFFC0_0000))) == "f32:-nan:0x400000")
        #expect(WastValueText.describe(.f64(-.infinity)) == "f64:-inf")
        #expect(WastValueText.describe(.f64(0.1)) == "f64:0.1")
        #expect(WastValues.describe([WastExpected.value(.i64(UInt64.max)), .canonicalNaN(bits: 32)]) == "i64:-1, f32:nan:canonical")
        #expect(WastValues.describe([WastExpected]()) == "no results")
    }

    // MARK: Commands (run on the runtime)

    @Test func modulesAreNamedDefinedInstantiatedAndRegistered() throws {
        let results = try Self.outcomes("""
            (module definition $d (global (export "g") (mut i32) (i32.const 5))
              (func (export "inc") (global.set 0 (i32.add (global.get 0) (i32.const 1)))))
            (module instance $a $d)
            (module instance $b $d)
            (invoke $a "inc")
            (assert_return (get $a "g") (i32.const 6))
            (assert_return (get $b "g") (i32.const 5))
            (register "shared" $a)
            (module (import "shared" "g" (global (mut i32))) (func (export "read") (result i32) (global.get 0)))
            (assert_return (invoke "read") (i32.const 6))
            (assert_return (get $b "g") (i32.const 5))
            """)
        #expect(results == Array(repeating: .passed, count: 10), "\(results)")
    }

    @Test func wrongResultsAndMissingExportsFailWithWhatHappened() throws {
        let results = try Self.outcomes("""
            (module (func (export "f") (result i32 i64) (i32.const 1) (i64.const 2)))
            (assert_return (invoke "f") (i32.const 1) (i64.const 3))
            (assert_return (invoke "f") (i32.const 1))
            (assert_return (invoke "g"))
            (assert_trap (invoke "f") "unreachable")
            (register "x" $nope)
            """)
        #expect(results.count == 6)
        #expect(results[0] == .passed)
        #expect(results[1] == .failed(expected: "i32:1, i64:3", actual: "i32:1, i64:2"))
        #expect(results[2] == .failed(expected: "i32:1", actual: "i32:1, i64:2"))
        #expect(results[3] == .failed(expected: "no results", actual: "no export \"g\""))
        #expect(results[4] == .failed(expected: "trap \"unreachable\"", actual: "returned i32:1, i64:2"))
        #expect(results[5] == .failed(expected: "an instance to register as \"x\"", actual: "no instance $nope"))
    }

    @Test func trapMessagesMustStartWithTheExpectedText() throws {
        let results = try Self.outcomes("""
            (module (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0))))
            (assert_trap (invoke "div" (i32.const 0)) "integer divide by zero")
            (assert_trap (invoke "div" (i32.const 0)) "integer divide")
            (assert_trap (invoke "div" (i32.const 0)) "integer overflow")
            """)
        #expect(results[1] == .passed && results[2] == .passed)
        #expect(results[3] == .failed(expected: "trap \"integer overflow\"", actual: "trap \"integer divide by zero\""))
    }

    @Test func moduleAssertionsNeedTheRightKindOfError() throws {
        let results = try Self.outcomes("""
            (assert_invalid (module (func (result i32))) "type mismatch")
            (assert_invalid (module (func)) "type mismatch")
            (assert_malformed (module binary "\\00asm") "unexpected end")
            (assert_malformed (module binary "\\00asm\\01\\00\\00\\00") "unexpected end")
            (assert_malformed (module quote "(module") "unexpected end")
            (assert_unlinkable (module (import "spectest" "print_i32" (func (param i64)))) "incompatible import type")
            (assert_unlinkable (module (func)) "unknown import")
            (assert_uninstantiable (module (memory 1) (data (i32.const 70000) "x")) "out of bounds memory access")
            """)
        #expect(results[0] == .passed)
        #expect(results[1] == .failed(expected: "invalid module \"type mismatch\"", actual: "the module validated"))
        #expect(results[2] == .passed)
        #expect(results[3] == .failed(expected: "malformed module \"unexpected end\"", actual: "the module decoded and validated"))
        #expect(results[4] == .passed)
        #expect(results[5] == .passed, "\(results[5])")
        #expect(results[6] == .failed(expected: "link error \"unknown import\"", actual: "instantiated"))
        #expect(results[7] == .passed, "\(results[7])")
    }

    @Test func customSectionAssertionsPassWhenTheModuleStillLoads() throws {
        let results = try Self.outcomes("""
            (assert_malformed_custom (module quote "(@custom)") "@custom annotation: missing section name")
            (assert_invalid_custom (module (func)) "whatever")
            (assert_malformed_custom (module binary "\\00asm\\01\\00\\00\\00" "\\00\\06\\04name\\ff") "malformed name section")
            """)
        #expect(results == [.passed, .passed, .passed], "\(results)")
    }

    @Test func exhaustionExceptionsAndSuspensions() throws {
        let results = try Self.outcomes("""
            (module
              (tag $e (param i32))
              (func $r (export "recurse") (call $r))
              (func (export "throw") (throw $e (i32.const 1)))
              (func (export "fine")))
            (assert_exhaustion (invoke "recurse") "call stack exhausted")
            (assert_exception (invoke "throw"))
            (assert_exception (invoke "fine"))
            (assert_exhaustion (invoke "fine") "call stack exhausted")
            (assert_suspension (invoke "fine") "unhandled")
            """)
        #expect(results[0] == .passed)
        #expect(results[1] == .passed, "\(results[1])")
        #expect(results[2] == .passed, "\(results[2])")
        #expect(results[3] == .failed(expected: "an uncaught exception", actual: "returned no results"))
        #expect(results[4] == .failed(expected: "trap \"call stack exhausted\" (call stack exhausted)", actual: "returned no results"))
        #expect(results[5] == .failed(expected: "suspension \"unhandled\" (unhandled tag)", actual: "returned no results"))
    }

    @Test func spectestHasEveryNameTheSuiteImports() throws {
        let results = try Self.outcomes("""
            (module
              (import "spectest" "print" (func))
              (import "spectest" "print_i32" (func (param i32)))
              (import "spectest" "print_i64" (func (param i64)))
              (import "spectest" "print_f32" (func (param f32)))
              (import "spectest" "print_f64" (func (param f64)))
              (import "spectest" "print_i32_f32" (func (param i32 f32)))
              (import "spectest" "print_f64_f64" (func (param f64 f64)))
              (import "spectest" "global_i32" (global $gi i32))
              (import "spectest" "global_i64" (global $gl i64))
              (import "spectest" "global_f32" (global $gf f32))
              (import "spectest" "global_f64" (global $gd f64))
              (import "spectest" "table" (table 10 20 funcref))
              (import "spectest" "table64" (table i64 10 20 funcref))
              (import "spectest" "memory" (memory 1 2))
              (func (export "gi") (result i32) (global.get $gi))
              (func (export "gl") (result i64) (global.get $gl))
              (func (export "gf") (result f32) (global.get $gf))
              (func (export "gd") (result f64) (global.get $gd))
              (func (export "sizes") (result i32 i64 i32) (table.size 0) (table.size 1) (memory.size)))
            (assert_return (invoke "gi") (i32.const 666))
            (assert_return (invoke "gl") (i64.const 666))
            (assert_return (invoke "gf") (f32.const 666.6))
            (assert_return (invoke "gd") (f64.const 666.6))
            (assert_return (invoke "sizes") (i32.const 10) (i64.const 10) (i32.const 1))
            (assert_unlinkable (module (import "spectest" "memory" (memory 3))) "incompatible import type")
            (assert_unlinkable (module (import "spectest" "table" (table 10 15 funcref))) "incompatible import type")
            """)
        #expect(results == Array(repeating: .passed, count: 8), "\(results)")
    }
}
