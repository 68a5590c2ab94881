import Testing
import WasmFiber
import WasmFormat
@testable import wasmfiber

/// `wasmfiber run`: argument parsing by parameter type (called directly), then the tool as a
/// process: results, the default `_start`, refused imports, traps.
struct RunCommandTests {
    static let module = """
        (module $calc
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "mix") (param i64 f32 f64) (result f64 f32 i64)
            (local.get 2) (local.get 1) (local.get 0))
          (func $deep (export "crash") (param i32) (result i32)
            (if (result i32) (local.get 0)
              (then (call $deep (i32.sub (local.get 0) (i32.const 1))))
              (else (unreachable))))
          (func (export "nothing")))
        """

    @Test func argumentsAreParsedByParameterType() {
        #expect(RunInvocation.parseArgument("42", as: .i32)?.bitwiseEquals(.i32(42)) == true)
        #expect(RunInvocation.parseArgument("-1", as: .i32)?.bitwiseEquals(.i32(-1)) == true)
        #expect(RunInvocation.parseArgument("0xffffffff", as: .i32)?.bitwiseEquals(.i32(-1)) == true)
        #expect(RunInvocation.parseArgument("4294967296", as: .i32) == nil)
        #expect(RunInvocation.parseArgument("-0x8000000000000000", as: .i64)?.bitwiseEquals(.i64(.min)) == true)
        #expect(RunInvocation.parseArgument("1.5", as: .f32)?.bitwiseEquals(.f32(1.5)) == true)
        #expect(RunInvocation.parseArgument("0x1p-1", as: .f64)?.bitwiseEquals(.f64(0.5)) == true)
        #expect(RunInvocation.parseArgument("-inf", as: .f64)?.bitwiseEquals(.f64(-.infinity)) == true)
        #expect(RunInvocation.parseArgument("nan:0x1", as: .f32)?.bitwiseEquals(.f32(Float(bitPattern: 0x7F80_0001))) == true)
        #expect(RunInvocation.parseArgument("abc", as: .f32) == nil)
        #expect(RunInvocation.parseArgument("null", as: .funcRef)?.bitwiseEquals(.funcRef(nil)) == true)
        #expect(RunInvocation.parseArgument("7", as: .externRef)?.bitwiseEquals(.externRef(ExternRef(7))) == true)
        #expect(RunInvocation.parseArgument("7", as: .funcRef) == nil)
    }

    @Test func resultsArePrintedOnePerLineWithTheirType() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("calc.wat", text: Self.module)
        guard let add = try CLI.run(["run", path, "--invoke", "add", "40", "2"]) else { return }
        #expect(add.exited && add.status == 0, "\(add.stderr)")
        #expect(add.lines == ["i32:42"])
        guard let negative = try CLI.run(["run", path, "--invoke", "add", "-5", "0x2"]) else { return }
        #expect(negative.lines == ["i32:-3"], "\(negative.stdout)\(negative.stderr)")
        guard let mix = try CLI.run(["run", path, "--invoke", "mix", "-7", "nan", "0.25"]) else { return }
        #expect(mix.lines == ["f64:0.25", "f32:nan:0x400000", "i64:-7"], "\(mix.stdout)\(mix.stderr)")
        guard let nothing = try CLI.run(["run", try fixtures.write("calc.wasm", compiling: Self.module), "--invoke", "nothing"]) else { return }
        #expect(nothing.status == 0 && nothing.stdout.isEmpty, "\(nothing.stdout)\(nothing.stderr)")
    }

    @Test func startIsTheDefaultAndItsAbsenceListsTheExports() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let start = try fixtures.write("start.wat", text: "(module (func (export \"_start\") (result i32) (i32.const 9)))")
        guard let ran = try CLI.run(["run", start]) else { return }
        #expect(ran.status == 0 && ran.lines == ["i32:9"], "\(ran.stdout)\(ran.stderr)")

        let calc = try fixtures.write("calc.wat", text: Self.module)
        guard let missing = try CLI.run(["run", calc]) else { return }
        #expect(missing.exited && missing.status == 1)
        #expect(missing.stderr.contains("no --invoke NAME given and no '_start' export; exported functions: add, mix, crash, nothing"),
                "\(missing.stderr)")
        guard let unknown = try CLI.run(["run", calc, "--invoke", "sub"]) else { return }
        #expect(unknown.status == 1 && unknown.stderr.contains("no exported function 'sub'"), "\(unknown.stderr)")
        guard let count = try CLI.run(["run", calc, "--invoke", "add", "1"]) else { return }
        #expect(count.status == 1 && count.stderr.contains("add takes 2 arguments (i32 i32), got 1"), "\(count.stderr)")
        guard let type = try CLI.run(["run", calc, "--invoke", "add", "1", "x"]) else { return }
        #expect(type.status == 1 && type.stderr.contains("argument 2: 'x' is not a valid i32"), "\(type.stderr)")
    }

    @Test func modulesWithImportsAreRefusedNamingThem() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("sample.wat", text: Samples.valid)
        guard let result = try CLI.run(["run", path, "--invoke", "add", "1", "2"]) else { return }
        #expect(result.exited && result.status == 1)
        #expect(result.stderr.contains("imports env.log (function)"), "\(result.stderr)")
        #expect(result.stderr.contains("'run' links only wasi_snapshot_preview1 and wasmfiber"), "\(result.stderr)")
    }

    @Test func theConsoleModulePrintsNumbersAndText() throws {
        let wat = """
            (module (import "wasmfiber" "print_i32" (func $p (param i32)))
              (import "wasmfiber" "print_str" (func $s (param i32 i32)))
              (memory (export "memory") 1) (data (i32.const 0) "hello, fibers\\n")
              (func (export "main") (call $s (i32.const 0) (i32.const 14)) (call $p (i32.const 42))))
            """
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("console.wat", text: wat)
        guard let result = try CLI.run(["run", path, "--invoke", "main"]) else { return }
        #expect(result.exited && result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "hello, fibers\n42\n")
    }

    @Test func trappingStandInsSatisfyFunctionImportsOnRequest() throws {
        let wat = """
            (module (import "env" "log" (func $log (param i32)))
              (func (export "pure") (result i32) (i32.const 7))
              (func (export "logs") (call $log (i32.const 1))))
            """
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("imports.wat", text: wat)
        guard let pure = try CLI.run(["run", path, "--trap-unknown-imports", "--invoke", "pure"]),
              let logs = try CLI.run(["run", path, "--trap-unknown-imports", "--invoke", "logs"]) else { return }
        #expect(pure.exited && pure.status == 0 && pure.stdout == "i32:7\n", "\(pure.stderr)")
        #expect(logs.exited && logs.status == 1)
        #expect(logs.stderr.contains("unknown import env.log was called"), "\(logs.stderr)")
    }

    @Test func trapsPrintTheirMessageAndBacktraceAndExitWithOne() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("calc.wat", text: Self.module)
        guard let result = try CLI.run(["run", path, "--invoke", "crash", "2"]) else { return }
        #expect(result.exited && result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "trap: unreachable", "\(result.stderr)")
        #expect(lines.dropFirst().first?.hasPrefix("  #0 deep (func 2)") == true, "\(result.stderr)")
        #expect(lines.count == 4, "\(result.stderr)")
    }

    @Test func malformedModulesAreErrors() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("bad.wasm", Samples.badMagic)
        guard let result = try CLI.run(["run", path]) else { return }
        #expect(result.exited && result.status == 1)
        #expect(result.stderr.contains("magic header not detected"), "\(result.stderr)")
        let missing = fixtures.path("missing.wasm")
        guard let absent = try CLI.run(["run", missing]) else { return }
        #expect(absent.exited && absent.status == 1)
        #expect(absent.stderr.hasPrefix("error: cannot read \(missing): No such file or directory"), "\(absent.stderr)")
    }

    /// A `_start` of type `[] -> []` makes a WASI command, whose traps exit with 134.
    @Test func uncaughtExceptionsOfACommandPrintTheirPayloadAndExitWith134() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("throw.wat", text: """
            (module (tag $e (param i32)) (func (export "_start") (throw $e (i32.const 7))))
            """)
        guard let result = try CLI.run(["run", path]) else { return }
        #expect(result.exited && result.status == 134)
        #expect(result.stderr.hasPrefix("uncaught exception (i32:7)"), "\(result.stderr)")
    }
}
