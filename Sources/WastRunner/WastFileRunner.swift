import WasmFiber
import WasmFormat
import WasmText

/// What running one script file gave.
public struct WastFileReport: Sendable {
    /// The file, as given (or as found under a given directory).
    public var path: String
    /// The suite folder it belongs to (e.g. `core/memory64`; `""` outside the suite's layout).
    public var folder: String
    /// Each command's outcome; empty when the file was skipped or did not parse.
    public var results: [WastCommandResult]
    /// The counts (a skipped file counts each of its commands as skipped).
    public var tally: WastTally
    /// The failures, by line, with their messages.
    public var failures: [(line: Int, message: String)]

    /// A report from per-command results.
    init(path: String, folder: String, results: [WastCommandResult]) {
        self.path = path
        self.folder = folder
        self.results = results
        tally = WastTally()
        failures = []
        for result in results {
            tally.add(result.outcome)
            if let message = result.outcome.failureMessage { failures.append((result.line, message)) }
        }
    }

    /// A whole file skipped for `reason`, counting `commands` commands.
    init(path: String, folder: String, skipping commands: Int, reason: String) {
        self.init(path: path, folder: folder, results: [])
        tally.add(skipped: commands, reason: reason)
    }

    /// A file that could not be run at all (unreadable, or a script that does not parse).
    init(path: String, folder: String, failureAt line: Int, message: String) {
        self.init(path: path, folder: folder, results: [])
        tally.failed = 1
        failures = [(line, message)]
    }

    /// `path: N passed, N failed[, N skipped]`.
    public var summaryLine: String { "\(path): \(tally.summary)" }
}

/// Runs script files: works out each file's folder and features, skips what
/// ``WastSkipPolicy`` skips, parses, and runs the commands.
public enum WastFileRunner {
    /// Runs the script at `path`.
    ///
    /// - Parameters:
    ///   - folder: the suite folder (default: derived from the path, see
    ///     `WastFolders.folder(ofScriptPath:)`), which chooses the features.
    ///   - honoringSkips: whether a file in a skipped folder is skipped (walking a directory)
    ///     or run anyway (a file named by itself).
    ///   - engine: the engine configuration (features are the folder's).
    ///   - output: where `spectest`'s print functions write.
    public static func run(
        path: String, folder: String? = nil, honoringSkips: Bool,
        engine: EngineConfiguration = EngineConfiguration(), output: SpecTestHost.Output? = nil
    ) -> WastFileReport {
        let folder = folder ?? WastFolders.folder(ofScriptPath: path)
        let features = WastFolders.features(forFolder: folder)
        let bytes: [UInt8]
        do { bytes = try WastFiles.read(path) } catch {
            return WastFileReport(path: path, folder: folder, failureAt: 0, message: "cannot read the script: \(error.reason)")
        }
        if honoringSkips, let reason = WastSkipPolicy.reason(forFolder: folder) {
            return WastFileReport(path: path, folder: folder, skipping: commandCount(bytes), reason: reason)
        }
        let script: WastScript
        do { script = try parseWAST(bytes: bytes, features: features) } catch {
            if error.message.hasPrefix("unknown command thread") || error.message.hasPrefix("unknown command wait") {
                return WastFileReport(path: path, folder: folder, skipping: commandCount(bytes), reason: WastSkipReason.threadCommands)
            }
            return WastFileReport(path: path, folder: folder, failureAt: error.location.line,
                                  message: "the script does not parse: \(error.message) (column \(error.location.column))")
        }
        let runner = WastScriptRunner(options: WastScriptRunner.Options(features: features, engine: engine, output: output))
        return WastFileReport(path: path, folder: folder, results: runner.run(script))
    }

    /// How many commands a script has, counted without parsing it: the top-level
    /// parenthesised forms (strings and comments skipped). At least 1.
    static func commandCount(_ bytes: [UInt8]) -> Int {
        var count = 0, depth = 0, i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                while i < n, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
            } else if c == UInt8(ascii: ";"), i + 1 < n, bytes[i + 1] == UInt8(ascii: ";") {
                while i < n, bytes[i] != 0x0A { i += 1 }
            } else if c == UInt8(ascii: "("), i + 1 < n, bytes[i + 1] == UInt8(ascii: ";") {
                var nesting = 1
                i += 2
                while i < n, nesting > 0 {
                    if bytes[i] == UInt8(ascii: "("), i + 1 < n, bytes[i + 1] == UInt8(ascii: ";") { nesting += 1; i += 1 }
                    else if bytes[i] == UInt8(ascii: ";"), i + 1 < n, bytes[i + 1] == UInt8(ascii: ")") { nesting -= 1; i += 1 }
                    i += 1
                }
                continue
            } else if c == UInt8(ascii: "(") {
                if depth == 0 { count += 1 }
                depth += 1
            } else if c == UInt8(ascii: ")") {
                depth = max(0, depth - 1)
            }
            i += 1
        }
        return max(count, 1)
    }
}
