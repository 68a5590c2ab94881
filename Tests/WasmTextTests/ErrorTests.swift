import Testing
@testable import WasmText

/// Malformed text is reported with the spec interpreter's wording and a line:column.
struct ErrorTests {
    private func message(_ text: String) -> TextError? {
        do {
            _ = try parseWAT(text)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("(func br $nowhere)", "unknown label"),
        ("(func block $a end $b)", "mismatching label"),
        ("(func $f) (func $f)", "duplicate func"),
        ("(global $g i32 (i32.const 0)) (global $g i32 (i32.const 0))", "duplicate global"),
        ("(func (param $x i32) (local $x i32))", "duplicate local"),
        ("(memory $m 1) (memory $m 1)", "duplicate memory"),
        ("(func i32.frobnicate)", "unknown operator"),
        ("(func (i32.const nan:canonical) drop)", "unexpected token"),
        ("(func (i32.const 0x) drop)", "unknown operator"),
        ("(func (f32.const 1e39) drop)", "constant out of range"),
        ("(memory 1) (func (drop (i32.load align=3 (i32.const 0))))", "alignment"),
        ("(type $t (func (param i32))) (func (type $t) (param i64))", "inline function type"),
        ("(func (call $missing))", "unknown function"),
        ("(func (local.get $missing) drop)", "unknown local"),
        ("(func) (import \"m\" \"f\" (func))", "import after function"),
        ("(func $a) (start $a) (start $a)", "multiple start sections"),
        ("(type (struct (field $x i32) (field $x i32)))", "duplicate field"),
        ("(func (result i32) (param i32) unreachable)", "unexpected token"),
        ("(func $)", "empty identifier"),
        ("(func \"abc)", "unclosed string"),
        ("(func (; unclosed", "unclosed comment"),
        ("(export \"\\ff\" (func 0)) (func)", "malformed UTF-8 encoding"),
        ("(@a (b)", "unclosed annotation"),
    ])
    func malformedTextReportsTheSpecMessage(text: String, expected: String) {
        guard let error = message(text) else {
            Issue.record("\(text) should not compile")
            return
        }
        #expect(error.message.contains(expected), "\(text): got \(error)")
    }

    @Test func errorsCarryLineAndColumn() {
        let error = message("(module\n  (func\n    nop\n    i32.bogus))")
        #expect(error?.location == TextLocation(line: 4, column: 5))
        #expect(error?.description == "4:5: unknown operator i32.bogus")
    }

    @Test func identifiersResolveInEverySpace() throws {
        let text = #"""
            (module
              (type $t (func))
              (type $s (struct (field $a i32) (field $b i64)))
              (table $tab 1 funcref)
              (memory $mem 1)
              (global $g (mut i32) (i32.const 0))
              (tag $e)
              (elem $el func $f)
              (data $d "x")
              (func $f (type $t)
                (table.size $tab) drop
                (memory.size $mem) drop
                (global.set $g (i32.const 1))
                (throw $e))
              (func (param $p (ref $s)) (result i64)
                (elem.drop $el) (data.drop $d)
                (struct.get $s $b (local.get $p))))
            """#
        _ = try parseWAT(text)
    }

    @Test func forwardReferencesResolve() throws {
        let a = try parseWAT("(func (call $later)) (func $later)")
        let b = try parseWAT("(func (call 1)) (func)")
        // Same code, only the name section differs.
        #expect(a.count > b.count)
        #expect(Array(a.prefix(b.count)) == b)
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        // Reasonable nesting works in every build (sanitizer frames are several times larger).
        let depth = 100
        let nested = "(func (result i32) " + String(repeating: "(i32.add (i32.const 1) ", count: depth) + "(i32.const 0)"
            + String(repeating: ")", count: depth) + ")"
        _ = try parseWAT(nested)
        let tooDeep = "(func " + String(repeating: "(block ", count: 100_000) + String(repeating: ")", count: 100_000) + ")"
        #expect(message(tooDeep)?.message == "instructions nested too deeply")
    }

    @Test func annotationsAreSkipped() throws {
        let plain = try parseWAT("(module (func (result i32) (i32.const 1)))")
        let annotated = try parseWAT("(@a x (y)) (module (@b) (func (@c \"s\" 1) (result i32) (i32.const (@d) 1)))")
        #expect(plain == annotated)
    }

    @Test func customAnnotationsBecomeCustomSections() throws {
        let bytes = try parseWAT(#"(module (@custom "c" (before func) "xy") (func))"#)
        // header, type section (6 bytes), the custom section, then the function section.
        let custom: [UInt8] = [0x00, 0x04, 0x01, 0x63, 0x78, 0x79]
        #expect(Array(bytes[14..<20]) == custom)
        #expect(bytes[20] == 0x03)
    }
}
