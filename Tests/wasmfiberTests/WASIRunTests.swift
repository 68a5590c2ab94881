import Foundation
import Testing

/// `wasmfiber run` on WASI commands: the built tool on the C programs of `Tests/Fixtures/wasi`
/// and on small text modules.
@Suite("WASI run command")
struct WASIRunTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/wasi")
    static func program(_ name: String) -> String { fixtures.appendingPathComponent("bin/\(name).wasm").path }
    static func expected(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent("expected/\(name)"), encoding: .utf8)
    }

    @Test func argumentsAfterTheModuleAndEnvFlagsReachTheProgram() throws {
        guard let run = try CLI.run(["run", "--env", "GREETING=hello", "--env", "EMPTY=", "--env", "EQUATION=a=b=c",
                                     "--env", "UNICODE=héllo", Self.program("args_env"), "one", "two words", "", "ünïcode"])
        else { return }
        #expect(run.exited && run.status == 0, "\(run.stderr)")
        #expect(run.stdout == (try Self.expected("args_env.txt")))
    }

    @Test func argumentsAfterADoubleDashAreThePrograms() throws {
        guard let run = try CLI.run(["run", Self.program("args_env"), "--", "--dir", "-x"]) else { return }
        #expect(run.exited && run.status == 0, "\(run.stderr)")
        #expect(run.lines.prefix(4) == ["argc = 3", "argv[0] = [args_env.wasm] (13 bytes)", "argv[1] = [--dir] (5 bytes)", "argv[2] = [-x] (2 bytes)"],
                "\(run.stdout)")
    }

    @Test func theExitStatusIsTheProgramsStatus() throws {
        for (arguments, status, expected) in [(["7"], 7, "exit_code-exit7.txt"), (["return", "3"], 3, "exit_code-return3.txt"),
                                              (["proc_exit", "9"], 9, "exit_code-proc_exit9.txt"), ([], 0, "exit_code-default.txt")] {
            guard let run = try CLI.run(["run", Self.program("exit_code")] + arguments) else { return }
            #expect(run.exited && run.status == Int32(status), "\(arguments): \(run.stderr)")
            #expect(run.stdout == (try Self.expected(expected)), "\(arguments)")
        }
    }

    @Test func aDirFlagIsTheOnlyWayIntoTheFileSystem() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let box = try fixtures.makeFolder("box")
        try fixtures.write("outside", text: "secret\n")
        try FileManager.default.createSymbolicLink(atPath: box + "/hostabs", withDestinationPath: "/etc")
        guard let run = try CLI.run(["run", Self.program("sandbox"), "--dir", box + "::."]) else { return }
        #expect(run.exited && run.status == 0, "\(run.stderr)")
        #expect(run.stdout == (try Self.expected("sandbox.txt")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: box) == ["hostabs"])
        // Without --dir the program finds no preopen at all.
        guard let bare = try CLI.run(["run", Self.program("sandbox")]) else { return }
        #expect(bare.status != 0)
    }

    @Test func aMissingDirIsAnErrorNamingIt() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let missing = fixtures.path("nowhere")
        guard let run = try CLI.run(["run", "--dir", missing, Self.program("args_env")]) else { return }
        #expect(run.exited && run.status == 1)
        #expect(run.stderr.contains("cannot open --dir \(missing): no such directory"), "\(run.stderr)")
    }

    @Test func aTrapPrintsItsBacktraceAndExitsWith134() throws {
        guard let run = try CLI.run(["run", Self.program("trap"), "div0"]) else { return }
        #expect(run.exited && run.status == 134)
        #expect(run.stdout == (try Self.expected("trap-div0.txt")))
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "trap: integer divide by zero", "\(run.stderr)")
        let frames = lines.dropFirst().map { $0.split(separator: " ").dropFirst().first.map(String.init) ?? "" }
        #expect(frames.prefix(4) == ["trap_depth3", "trap_depth2", "trap_depth1", "main"], "\(run.stderr)")
        #expect(frames.contains("_start"), "\(run.stderr)")
    }

    @Test func standardInputAndOutputAreInherited() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        guard let executable = CLI.executable else { Issue.record("wasmfiber not built"); return }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["run", Self.program("stdio")]
        process.standardInput = try FileHandle(forReadingFrom: Self.fixtures.appendingPathComponent("expected/stdio.stdin.txt"))
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: stdout, as: UTF8.self) == (try Self.expected("stdio.txt")))
        #expect(String(decoding: stderr, as: UTF8.self) == (try Self.expected("stdio.stderr.txt")))
    }

    /// stdin on a pipe is polled through the host: it is readable before the 5 s clock fires.
    @Test func pollOnAnInheritedPipeReportsItReadable() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("poll.wat", text: """
            (module
              (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start")
                (i64.store (i32.const 0) (i64.const 7)) (i32.store8 (i32.const 8) (i32.const 1))   ;; fd_read
                (i32.store (i32.const 16) (i32.const 0))                                              ;; of fd 0
                (i64.store (i32.const 48) (i64.const 9)) (i32.store8 (i32.const 56) (i32.const 0))  ;; clock
                (i32.store (i32.const 64) (i32.const 1)) (i64.store (i32.const 72) (i64.const 5000000000))
                (if (call $poll (i32.const 0) (i32.const 200) (i32.const 2) (i32.const 400))
                  (then (call $exit (i32.const 100))))
                ;; events * 10 + the first event's userdata; its error must be 0
                (if (i32.load16_u (i32.const 208)) (then (call $exit (i32.const 101))))
                (call $exit (i32.add (i32.mul (i32.load (i32.const 400)) (i32.const 10))
                                     (i32.wrap_i64 (i64.load (i32.const 200)))))))
            """)
        guard let executable = CLI.executable else { Issue.record("wasmfiber not built"); return }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["run", path]
        let input = Pipe()
        process.standardInput = input
        try input.fileHandleForWriting.write(contentsOf: Data("ready\n".utf8))
        try input.fileHandleForWriting.close()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 17, "one event, for the fd_read subscription")
    }

    /// `--invoke` of a WASI program's export links WASI (no `--trap-unknown-imports` needed).
    @Test func invokedExportsOfAWASIProgramCallWASI() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("calls.wat", text: """
            (module
              (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "bench") (result i32) (local $i i32) (local $acc i32)
                (loop $l
                  (local.set $acc (i32.add (local.get $acc) (call $sizes (i32.const 8) (i32.const 12))))
                  (local.set $acc (i32.add (local.get $acc) (i32.load (i32.const 8))))
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))
                (local.get $acc))
              (func (export "quit") (param i32) (call $exit (local.get 0))))
            """)
        guard let bench = try CLI.run(["run", path, "--invoke", "bench"]),
              let quit = try CLI.run(["run", path, "--invoke", "quit", "5"]) else { return }
        #expect(bench.exited && bench.status == 0 && bench.lines == ["i32:1000"], "\(bench.stdout)\(bench.stderr)")
        #expect(quit.exited && quit.status == 5, "\(quit.stderr)")
    }

    @Test func badEnvFlagsAreUsageErrors() throws {
        guard let run = try CLI.run(["run", "--env", "NOVALUE", Self.program("args_env")]) else { return }
        #expect(run.exited && run.status != 0 && run.status != 134)
        #expect(run.stderr.contains("--env wants NAME=VALUE, got 'NOVALUE'"), "\(run.stderr)")
    }
}
