import Testing
@testable import WasmText

/// Spec scripts parse into commands with their lines, values as bit patterns and quoted
/// modules kept for later.
struct WastParserTests {
    @Test func commandsKeepTheirLines() throws {
        let script = try parseWAST(#"""
            (module $m (func (export "f") (param i32) (result i32) local.get 0))
            (register "lib" $m)
            (assert_return (invoke $m "f" (i32.const -1)) (i32.const 0xffff_ffff))
            (assert_trap (invoke "f" (i32.const 0)) "unreachable")
            (invoke "f" (i32.const 1))
            """#)
        #expect(script.commands.map(\.line) == [1, 2, 3, 4, 5])
        guard case .module(let module) = script.commands[0].kind, case .text(let bytes) = module.source else {
            Issue.record("first command must be a text module")
            return
        }
        #expect(module.name == "m")
        #expect(Array(bytes.prefix(4)) == [0x00, 0x61, 0x73, 0x6D])
        guard case .register(let name, let target) = script.commands[1].kind else { Issue.record("register"); return }
        #expect(name == "lib" && target == "m")
        guard case .assertReturn(let action, let expected) = script.commands[2].kind else { Issue.record("assert_return"); return }
        #expect(action == .invoke(module: "m", name: "f", arguments: [.i32(0xFFFF_FFFF)]))
        #expect(expected == [.value(.i32(0xFFFF_FFFF))])
    }

    @Test func quotedModulesFailOnlyWhenRun() throws {
        let script = try parseWAST(#"(assert_malformed (module quote "(func" " i32.bogus)") "unknown operator")"#)
        guard case .assertMalformed(let module, let message) = script.commands[0].kind else {
            Issue.record("assert_malformed")
            return
        }
        #expect(message == "unknown operator")
        #expect(module.source == .quote(Array("(func i32.bogus)".utf8)))
        #expect(throws: TextError.self) { try module.binary() }
    }

    @Test func binaryModulesKeepTheirBytes() throws {
        let script = try parseWAST(#"(module binary "\00asm" "\01\00\00\00")"#)
        guard case .module(let module) = script.commands[0].kind else { Issue.record("module"); return }
        #expect(module.source == .binary([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]))
    }

    @Test func resultPatterns() throws {
        let script = try parseWAST(#"""
            (module (func (export "f")))
            (assert_return (invoke "f")
              (f32.const nan:canonical) (f64.const nan:arithmetic) (f32.const -nan:0x1)
              (ref.null func) (ref.null) (ref.extern 7) (ref.extern) (ref.func) (ref.i31) (ref.host 3)
              (either (i32.const 1) (i32.const 2)))
            """#)
        guard case .assertReturn(_, let expected) = script.commands[1].kind else { Issue.record("assert_return"); return }
        #expect(expected == [
            .canonicalNaN(bits: 32), .arithmeticNaN(bits: 64), .value(.f32(0xFF80_0001)),
            .value(.refNull("func")), .anyNull, .value(.refExtern(7)), .anyExtern, .refFunc(index: nil),
            .refKind("i31"), .value(.refHost(3)),
            .either([.value(.i32(1)), .value(.i32(2))]),
        ])
    }

    @Test func definitionsAndInstances() throws {
        let script = try parseWAST("(module definition $D (func))\n(module instance $I $D)")
        guard case .module(let module) = script.commands[0].kind else { Issue.record("module"); return }
        #expect(module.isDefinition && module.name == "D")
        guard case .instance(let name, let definition) = script.commands[1].kind else { Issue.record("instance"); return }
        #expect(name == "I" && definition == "D")
    }

    @Test func otherAssertions() throws {
        let script = try parseWAST(#"""
            (assert_invalid (module (func (result i32))) "type mismatch")
            (assert_unlinkable (module (import "m" "f" (func))) "unknown import")
            (assert_exhaustion (invoke "loop") "call stack exhausted")
            (assert_exception (invoke "throw"))
            (assert_suspension (invoke "suspend") "unhandled")
            (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
            (get "g")
            """#)
        let kinds = script.commands.map { command -> String in
            switch command.kind {
            case .assertInvalid: return "invalid"
            case .assertUnlinkable: return "unlinkable"
            case .assertExhaustion: return "exhaustion"
            case .assertException: return "exception"
            case .assertSuspension: return "suspension"
            case .assertModuleTrap: return "module trap"
            case .action(.get(nil, "g")): return "get"
            default: return "other"
            }
        }
        #expect(kinds == ["invalid", "unlinkable", "exhaustion", "exception", "suspension", "module trap", "get"])
    }

    @Test func malformedScriptReportsPosition() {
        do {
            _ = try parseWAST("(module)\n(assert_return (invoke \"f\" (i32.const 1x)))")
            Issue.record("must fail")
        } catch {
            #expect(error.location.line == 2)
        }
    }

    @Test func vectorConstantsAreLittleEndianBytes() throws {
        let script = try parseWAST(#"""
            (assert_return (invoke "f" (v128.const i16x8 1 2 3 4 5 6 7 -1))
              (v128.const i32x4 1 2 3 0xffff_ffff) (v128.const f32x4 nan:canonical 1.0 2 -0))
            """#)
        guard case .assertReturn(.invoke(_, _, let arguments), let expected) = script.commands[0].kind else {
            Issue.record("assert_return")
            return
        }
        #expect(arguments == [.v128([1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0xFF, 0xFF])])
        #expect(expected[0] == .value(.v128([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF])))
        #expect(expected[1] == .v128Lanes(shape: "f32x4", lanes: [
            .canonicalNaN(bits: 32), .value(.f32(0x3F80_0000)), .value(.f32(0x4000_0000)), .value(.f32(0x8000_0000)),
        ]))
        #expect(throws: TextError.self) { try parseWAST(#"(invoke "f" (v128.const i32x4 1 2 3))"#) }
    }
}
