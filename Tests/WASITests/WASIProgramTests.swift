import Foundation
import Testing
import WasmFiber
import WasmFiberWASI

/// The C programs of `Tests/Fixtures/wasi` through the Swift API: each prints what it checked,
/// and its output must equal the expected file (a wrong answer prints `FAIL` on its line).
@Suite("WASI programs")
struct WASIProgramTests {
    @Test func argumentsAndEnvironmentReachTheProgramExactly() throws {
        let run = try WASIProgram.run(
            "args_env", arguments: ["one", "two words", "", "ünïcode"],
            environment: ["GREETING": "hello", "EMPTY": "", "EQUATION": "a=b=c", "UNICODE": "héllo"])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout == (try WASIProgram.expected("args_env.txt")))
    }

    @Test(arguments: [
        (["7"], 7 as UInt32, "exit_code-exit7.txt"),
        (["return", "3"], 3, "exit_code-return3.txt"),
        (["proc_exit", "9"], 9, "exit_code-proc_exit9.txt"),
        ([], 0, "exit_code-default.txt"),
    ])
    func exitStatusComesFromExitReturnAndProcExit(arguments: [String], status: UInt32, expected: String) throws {
        let run = try WASIProgram.run("exit_code", arguments: arguments)
        #expect(run.status == status)
        #expect(run.stdout == (try WASIProgram.expected(expected)))
    }

    @Test func procExitIsAWASIExitThatEmbeddersSee() throws {
        let module = try Module(path: WASIProgram.fixtures.appendingPathComponent("bin/exit_code.wasm").path)
        let wasi = try WASI(arguments: ["exit_code.wasm", "proc_exit", "9"], stdout: .capture(WASIOutputCapture()))
        let instance = try Instance(module, imports: wasi.imports, engine: Engine())
        do {
            _ = try instance.call("_start", [])
            Issue.record("_start returned after proc_exit")
        } catch let trap as Trap {
            #expect(trap.hostError as? WASIExit == WASIExit(code: 9))
            // The WebAssembly stack unwound through the program's frames.
            #expect(trap.backtrace.contains { $0.name == "main" }, "\(trap)")
        }
    }

    @Test(arguments: wasiStrategies)
    func fileOperationsWorkInAPreopenedScratchDirectory(_ strategy: WASIResolutionStrategy) throws {
        let scratch = try WASIScratch()
        let run = try WASIProgram.run("files", preopens: [WASIPreopen(hostPath: scratch.path, guestPath: ".")], strategy: strategy)
        #expect(run.status == 0)
        #expect(run.stdout == (try WASIProgram.expected("files.txt")))
        #expect(try scratch.contents() == [], "the program removes what it made")
    }

    @Test(arguments: wasiStrategies)
    func directoryOperationsWorkInAPreopenedScratchDirectory(_ strategy: WASIResolutionStrategy) throws {
        let scratch = try WASIScratch()
        let run = try WASIProgram.run("directories", preopens: [WASIPreopen(hostPath: scratch.path, guestPath: ".")], strategy: strategy)
        #expect(run.status == 0)
        #expect(run.stdout == (try WASIProgram.expected("directories.txt")))
        #expect(try scratch.contents() == [])
    }

    @Test func clocksRandomnessAndSleepsBehave() throws {
        let run = try WASIProgram.run("clocks_random")
        #expect(run.status == 0)
        #expect(run.stdout == (try WASIProgram.expected("clocks_random.txt")))
    }

    @Test func pollReportsReadyDescriptorsAndClosedOnes() throws {
        let scratch = try WASIScratch()
        let run = try WASIProgram.run("poll_fd", preopens: [WASIPreopen(hostPath: scratch.path, guestPath: ".")])
        #expect(run.status == 0)
        #expect(run.stdout == (try WASIProgram.expected("poll_fd.txt")))
    }

    @Test func standardStreamsAreInputAndCaptures() throws {
        let input = try Data(contentsOf: WASIProgram.fixtures.appendingPathComponent("expected/stdio.stdin.txt"))
        let run = try WASIProgram.run("stdio", stdin: Array(input))
        #expect(run.status == 0)
        #expect(run.stdout == (try WASIProgram.expected("stdio.txt")))
        #expect(run.stderr == (try WASIProgram.expected("stdio.stderr.txt")))
    }

    /// Every way out of the preopen (`..`, absolute paths, escaping links and chains of them,
    /// renames and links out) is refused, and the file outside stays untouched.
    @Test(arguments: wasiStrategies)
    func noPathLeavesThePreopen(_ strategy: WASIResolutionStrategy) throws {
        let scratch = try WASIScratch()
        let box = scratch.url.appendingPathComponent("box")
        try FileManager.default.createDirectory(at: box, withIntermediateDirectories: true)
        try Data("secret\n".utf8).write(to: scratch.url.appendingPathComponent("outside"))
        try FileManager.default.createSymbolicLink(atPath: box.appendingPathComponent("hostabs").path, withDestinationPath: "/etc")
        let run = try WASIProgram.run("sandbox", preopens: [WASIPreopen(hostPath: box.path, guestPath: ".")], strategy: strategy)
        #expect(run.status == 0)
        #expect(run.stdout == (try WASIProgram.expected("sandbox.txt")))
        #expect(try scratch.contents() == ["box", "outside"])
        #expect(try scratch.contents("box") == ["hostabs"])
        #expect(try String(contentsOf: scratch.url.appendingPathComponent("outside"), encoding: .utf8) == "secret\n")
    }

    @Test(arguments: [
        ([], TrapKind.unreachable, "trap-unreachable.txt"),
        (["div0"], .integerDivideByZero, "trap-div0.txt"),
        (["oob"], .outOfBoundsMemoryAccess, "trap-oob.txt"),
        (["recursion"], .callStackExhausted, "trap-recursion.txt"),
    ])
    func trapsCarryTheProgramsBacktrace(arguments: [String], kind: TrapKind, expected: String) throws {
        let module = try Module(path: WASIProgram.fixtures.appendingPathComponent("bin/trap.wasm").path)
        let stdout = WASIOutputCapture()
        let wasi = try WASI(arguments: ["trap.wasm"] + arguments, stdout: .capture(stdout))
        let instance = try Instance(module, imports: wasi.imports, engine: Engine())
        do {
            _ = try wasi.start(instance)
            Issue.record("the program did not trap")
        } catch let trap as Trap {
            #expect(trap.kind == kind)
            #expect(trap.backtrace.first?.name == "trap_depth3")
            if kind == .callStackExhausted {
                #expect(trap.omittedFrameCount > 0, "the recursion is deeper than the kept frames")
            } else {
                #expect(trap.backtrace.compactMap(\.name).prefix(4) == ["trap_depth3", "trap_depth2", "trap_depth1", "main"], "\(trap)")
            }
        }
        #expect(stdout.text == (try WASIProgram.expected(expected)))
    }
}
