import Testing

/// `wasmfiber wast`: the output format, skips and exit status, with the tool run as a process
/// on small scripts.
struct WastCommandTests {
    /// Every command kind passes: modules (named, definition + instance, registered), actions,
    /// every assertion, and `spectest`'s imports.
    static let passing = """
        (module $m
          (import "spectest" "print_i32" (func $print (param i32)))
          (import "spectest" "global_i32" (global $g i32))
          (import "spectest" "memory" (memory 1))
          (import "spectest" "table" (table 10 funcref))
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "g") (result i32) (global.get $g))
          (func (export "size") (result i32) (memory.size))
          (func (export "say") (call $print (i32.const 7)))
          (func (export "nan") (result f32) (f32.div (f32.const 0) (f32.const 0)))
          (func (export "trap") (unreachable))
          (func $loop (export "loop") (call $loop))
          (global (export "answer") i32 (i32.const 42)))
        (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
        (assert_return (invoke "g") (i32.const 666))
        (assert_return (invoke "size") (i32.const 1))
        (invoke "say")
        (assert_return (invoke "nan") (f32.const nan:canonical))
        (assert_return (invoke "nan") (either (f32.const 1) (f32.const nan:arithmetic)))
        (assert_return (get "answer") (i32.const 42))
        (assert_trap (invoke "trap") "unreachable")
        (assert_exhaustion (invoke "loop") "call stack exhausted")
        (register "m" $m)
        (module (import "m" "add" (func (param i32 i32) (result i32))))
        (module definition $d (func (export "one") (result i32) (i32.const 1)))
        (module instance $i $d)
        (assert_return (invoke $i "one") (i32.const 1))
        (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
        (assert_malformed (module quote "(func (i32.bogus))") "unknown operator")
        (assert_malformed (module binary "\\00asm\\02\\00\\00\\00") "unknown binary version")
        (assert_unlinkable (module (import "m" "nope" (func))) "unknown import")
        (assert_trap (module (func $s (unreachable)) (start $s)) "unreachable")
        """

    /// Three commands, one failing (line 3) and one skipped.
    static let failing = """
        (module (func (export "two") (result i32) (i32.const 2)))
        (assert_return (invoke "two") (i32.const 2))
        (assert_return (invoke "two") (i32.const 3))
        (assert_return (invoke "two") (v128.const i32x4 0 0 0 0))
        """

    @Test func passingScriptPrintsItsLineAndTheTotal() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("pass.wast", text: Self.passing)
        guard let result = try CLI.run(["wast", path]) else { return }
        #expect(result.exited && result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.lines == ["\(path): 20 passed, 0 failed", "20 passed, 0 failed"], "\(result.stdout)")
    }

    @Test func failuresAreListedWithTheirLineAndSkipsWithTheirReason() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("fail.wast", text: Self.failing)
        guard let result = try CLI.run(["wast", path]) else { return }
        #expect(result.exited && result.status == 1)
        #expect(result.lines == [
            "\(path): 2 passed, 1 failed, 1 skipped",
            "\(path):3: expected i32:3, got i32:2",
            "2 passed, 1 failed, 1 skipped",
            "  1 skipped: v128 values: SIMD is not implemented",
        ], "\(result.stdout)")
    }

    @Test func quietPrintsOnlyFailuresAndTheTotal() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let pass = try fixtures.write("a.wast", text: Self.passing)
        let fail = try fixtures.write("b.wast", text: Self.failing)
        guard let result = try CLI.run(["wast", "--quiet", pass, fail]) else { return }
        #expect(result.status == 1)
        #expect(result.lines == ["\(fail):3: expected i32:3, got i32:2", "22 passed, 1 failed, 1 skipped"], "\(result.stdout)")
    }

    @Test func directoriesRunRecursivelySortedAndSkipUnimplementedFolders() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let one = "(module (func (export \"f\") (result i32) (i32.const 1)))\n(assert_return (invoke \"f\") (i32.const 1))\n"
        try fixtures.makeFolder("suite/core/simd")
        try fixtures.makeFolder("suite/core/multi-memory")
        let b = try fixtures.write("suite/core/b.wast", text: one)
        let a = try fixtures.write("suite/core/a.wast", text: one)
        let nested = try fixtures.write("suite/core/multi-memory/c.wast", text: one)
        let simd = try fixtures.write("suite/core/simd/s.wast", text: one)
        try fixtures.write("suite/core/notes.txt", text: "not a script")
        guard let result = try CLI.run(["wast", fixtures.path("suite")]) else { return }
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.lines == [
            "\(a): 2 passed, 0 failed",
            "\(b): 2 passed, 0 failed",
            "\(nested): 2 passed, 0 failed",
            "\(simd): 0 passed, 0 failed, 2 skipped",
            "6 passed, 0 failed, 2 skipped",
            "  2 skipped: SIMD is not implemented",
        ], "\(result.stdout)")

        // Named by itself, a script of a skipped folder runs.
        guard let forced = try CLI.run(["wast", simd]) else { return }
        #expect(forced.lines == ["\(simd): 2 passed, 0 failed", "2 passed, 0 failed"], "\(forced.stdout)")
    }

    @Test func scriptsThatDoNotParseOrExistAreFailures() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let bad = try fixtures.write("bad.wast", text: "(module)\n(assert_bogus)\n")
        let missing = fixtures.path("missing.wast")
        guard let result = try CLI.run(["wast", bad, missing]) else { return }
        #expect(result.exited && result.status == 1)
        #expect(result.lines.count == 5, "\(result.stdout)")
        #expect(result.lines.first == "\(bad): 0 passed, 1 failed")
        #expect(result.lines.dropFirst().first?.hasPrefix("\(bad):2: the script does not parse: unknown command assert_bogus") == true,
                "\(result.stdout)")
        #expect(result.lines.dropFirst(2).first == "\(missing): 0 passed, 1 failed")
        #expect(result.lines.dropFirst(3).first?.hasPrefix("\(missing): cannot read: ") == true, "\(result.stdout)")
        #expect(result.lines.last == "0 passed, 2 failed")
    }

    @Test func modulesThatFailMakeTheCommandsUsingThemFailToo() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("link.wast", text: """
            (module (import "nowhere" "f" (func)))
            (assert_return (invoke "f"))
            """)
        guard let result = try CLI.run(["wast", path]) else { return }
        #expect(result.status == 1)
        #expect(result.lines.count == 4, "\(result.stdout)")
        #expect(result.lines.dropFirst().first?.hasPrefix("\(path):1: expected the module to instantiate, got link error \"unknown import") == true,
                "\(result.stdout)")
        #expect(result.lines.dropFirst(2).first == "\(path):2: expected no results, got the module at line 1 did not instantiate",
                "\(result.stdout)")
    }

    @Test func printsShowWhatSpectestPrints() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("print.wast", text: """
            (module (import "spectest" "print_i32_f32" (func $p (param i32 f32)))
              (func (export "go") (call $p (i32.const -1) (f32.const 1.5))))
            (invoke "go")
            """)
        guard let result = try CLI.run(["wast", "--prints", path]) else { return }
        #expect(result.lines == ["-1 : i32", "1.5 : f32", "\(path): 2 passed, 0 failed", "2 passed, 0 failed"], "\(result.stdout)")
    }

    @Test func scriptsWithThreadCommandsAreSkipped() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("threads.wast", text: """
            (module $Mem (memory (export "shared") 1 1 shared))
            (thread $T1 (shared (module $Mem)) (invoke "run"))
            (wait $T1)
            """)
        guard let result = try CLI.run(["wast", path]) else { return }
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.lines == [
            "\(path): 0 passed, 0 failed, 3 skipped",
            "0 passed, 0 failed, 3 skipped",
            "  3 skipped: thread/wait script commands are not supported",
        ], "\(result.stdout)")
    }
}
