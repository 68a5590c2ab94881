import ArgumentParser
import WastRunner

/// `wasmfiber wast FILE_OR_DIR…`: runs WebAssembly spec scripts and reports every command
/// that does not do what its script asserts.
///
/// The lines are built by `WastRun`, which tests call directly; `run()` only prints them and
/// sets the exit status.
struct WastRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wast",
        abstract: "Run WebAssembly spec scripts (.wast).",
        discussion: """
            Each argument is a script, or a directory whose .wast files (recursively, sorted by \
            path) are run. Proposals are chosen by the script's folder in the spec suite's \
            layout (core/…, legacy/…, custom/…, proposals/…). Folders of proposals this runtime \
            does not implement (core/gc, core/simd, core/relaxed-simd, proposals/stack-switching, \
            …) are skipped when a directory is given; a script named by itself always runs. \
            Prints one line per script ('PATH: N passed, N failed[, N skipped]'), each failure \
            ('PATH:LINE: MESSAGE'), then the total ('N passed, N failed[, N skipped]') and the \
            number skipped for each reason. Exits with status 1 if any command failed.
            """
    )

    @Argument(help: "Scripts (.wast) or directories of scripts.")
    var paths: [String]

    @Flag(help: "Print only the failures and the total.")
    var quiet = false

    @Flag(name: .customLong("prints"), help: "Show what the scripts print through spectest's print functions.")
    var showsPrints = false

    func run() throws {
        WasmFiberCommand.prepare()
        let printLine: SpecTestHost.Output = { @Sendable line in print(line) }
        let output = showsPrints ? printLine : nil
        let run = WastRun.run(paths: paths, quiet: quiet, output: output) { print($0) }
        if run.failed { throw ExitCode.failure }
    }
}

/// Running scripts and producing the lines `wast` prints.
enum WastRun {
    /// The outcome of a whole run.
    struct Summary {
        var tally = WastTally()
        /// Paths that could not be read or walked.
        var pathErrors = 0
        var failed: Bool { tally.failed > 0 || pathErrors > 0 }
    }

    /// Runs every script of `paths`, handing each line to `emit` as soon as it is known.
    static func run(paths: [String], quiet: Bool, output: SpecTestHost.Output?, emit: (String) -> Void) -> Summary {
        var summary = Summary()
        for path in paths {
            let scripts: [WastFiles.Script]
            do { scripts = try WastFiles.scripts(in: [path]) } catch {
                emit("\(path): 0 passed, 1 failed")
                emit("\(path): cannot read: \(error.reason)")
                summary.pathErrors += 1
                summary.tally.failed += 1
                continue
            }
            for script in scripts {
                let report = WastFileRunner.run(path: script.path, honoringSkips: !script.isExplicit, output: output)
                if !quiet { emit(report.summaryLine) }
                for failure in report.failures {
                    emit("\(report.path):\(failure.line): \(failure.message)")
                }
                summary.tally.add(report.tally)
            }
        }
        emit(summary.tally.summary)
        if !quiet {
            for (reason, count) in summary.tally.skipReasons.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                emit("  \(count) skipped: \(reason)")
            }
        }
        return summary
    }
}
