import Foundation
import Testing
import WasmTestSupport
import WastRunner

/// Runs every script of the spec suite's implemented folders with `WastRunner` against the
/// runtime, one test case per folder. A case fails, listing them, on every failing command not
/// in `expected-failures.txt`, and on every listed command that passes now.
///
/// The suite is `SpecSuite.root` (`$WASM_TESTSUITE`, default `../shared/wasm-testsuite`);
/// without it the cases are skipped with a note saying where it was looked for.
struct SpecConformanceTests {
    /// The folders run (a folder here does not include its subfolders).
    static let folders = [
        "core", "core/bulk-memory", "core/exceptions", "core/memory64", "core/multi-memory",
        "legacy/exceptions", "custom",
        "proposals/stack-switching", "proposals/stack-switching/examples", "proposals/stack-switching/overrides",
    ]

    @Test(
        "Spec scripts run as their assertions say",
        .enabled(if: SpecSuite.root != nil, Comment(rawValue: SpecSuite.absenceNote("SpecConformanceTests"))),
        arguments: folders
    )
    func folder(_ folder: String) throws {
        let root = try #require(SpecSuite.root)
        let expected = try ExpectedFailures.load()

        let scripts = SpecSuite.scripts(under: [folder]).filter { SpecSuite.folder(of: $0) == folder }
        #expect(!scripts.isEmpty, "no scripts in \(folder)")
        let started = ContinuousClock.now
        var tally = WastTally()
        var known = 0
        var failing: Set<String> = []
        for relative in scripts {
            let report = WastFileRunner.run(
                path: root.appendingPathComponent(relative).path, folder: folder, honoringSkips: false)
            tally.add(report.tally)
            var unexpected: [String] = []
            for failure in report.failures {
                let key = "\(relative):\(failure.line)"
                failing.insert(key)
                if expected.reasons[key] != nil { known += 1 } else { unexpected.append("\(key): \(failure.message)") }
            }
            if !unexpected.isEmpty {
                Issue.record(Comment(rawValue: "\(unexpected.count) unexpected failure(s) in \(relative):\n"
                    + unexpected.joined(separator: "\n")))
            }
        }
        let stale = expected.reasons.keys.filter { ExpectedFailures.folder(ofKey: $0) == folder && !failing.contains($0) }.sorted()
        if !stale.isEmpty {
            Issue.record(Comment(rawValue: "listed in expected-failures.txt but passing now (remove them):\n"
                + stale.map { "\($0)  \(expected.reasons[$0] ?? "")" }.joined(separator: "\n")))
        }

        var line = "SpecConformanceTests \(folder): \(scripts.count) scripts, \(tally.summary)"
        if known > 0 { line += " (\(known) expected failures)" }
        line += ", \(ContinuousClock.now - started)"
        for (reason, count) in tally.skipReasons.sorted(by: { $0.key < $1.key }) { line += "\n  \(count) skipped: \(reason)" }
        print(line)
    }

    @Test("Every entry of expected-failures.txt is in a folder that runs")
    func expectedFailuresAreInRunFolders() throws {
        let expected = try ExpectedFailures.load()
        let outside = expected.reasons.keys.filter { !Self.folders.contains(ExpectedFailures.folder(ofKey: $0)) }.sorted()
        #expect(outside.isEmpty, "entries in folders the conformance test does not run: \(outside.joined(separator: ", "))")
        #expect(expected.malformedLines.isEmpty, "\(expected.malformedLines.joined(separator: "\n"))")
    }

    /// The stack-switching examples print (through `spectest`) exactly what the proposal's
    /// reference interpreter printed, kept in `reference-output/examples/` (for those that
    /// have a reference output).
    @Test(
        "Stack-switching examples print their reference output",
        .enabled(if: SpecSuite.root != nil, Comment(rawValue: SpecSuite.absenceNote("SpecConformanceTests")))
    )
    func stackSwitchingExamplesPrintTheirReferenceOutput() throws {
        let root = try #require(SpecSuite.root).appendingPathComponent("proposals/stack-switching")
        let examples = SpecSuite.scripts(under: ["proposals/stack-switching/examples"])
        #expect(examples.count >= 10, "examples found: \(examples.count)")
        for relative in examples {
            let name = URL(fileURLWithPath: relative).deletingPathExtension().lastPathComponent
            // Not every example has a reference output (fun-state prints nothing).
            guard let reference = try? String(
                contentsOf: root.appendingPathComponent("reference-output/examples/\(name).stdout"), encoding: .utf8)
            else { continue }
            let printed = PrintedLines()
            let report = WastFileRunner.run(
                path: try #require(SpecSuite.root).appendingPathComponent(relative).path, honoringSkips: false,
                output: { printed.append($0) })
            #expect(report.failures.isEmpty, "\(name): \(report.failures.map(\.message))")
            #expect(printed.text == reference, "\(name) printed:\n\(printed.text)\nexpected:\n\(reference)")
        }
    }
}

/// Collects what a script prints.
final class PrintedLines: @unchecked Sendable {
    private var lines: [String] = []
    func append(_ line: String) { lines.append(line) }
    var text: String { lines.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined() }
}
