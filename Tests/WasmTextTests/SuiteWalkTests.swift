import WasmFormat
import Foundation
import Testing
import WasmTestSupport
import WasmText

/// Walks the spec test suite: every script parses, every text module the script expects to
/// be well-formed compiles, and every `assert_malformed` quoted module is rejected with the
/// message the script expects.
struct SuiteWalkTests {
    /// Folders not walked, with the reason.
    static let skippedFolders: [String: String] = [
        "core/simd": "SIMD is not supported yet",
        "core/relaxed-simd": "SIMD is not supported yet",
        "proposals/custom-descriptors": "custom descriptors (phase 3, still changing) are not implemented",
    ]

    /// Known disagreements, by `file:line` of the command, with the reason.
    static let expectedFailures: [String: String] = [:]

    struct Counts {
        var files = 0
        var modules = 0
        var malformedRejected = 0
        var failures = 0
        var known = 0
    }

    @Test func everyWellFormedModuleCompiles() throws {
        guard let root = SpecSuite.root else {
            print(SpecSuite.absenceNote("SuiteWalkTests"))
            return
        }
        let paths = SpecSuite.scripts()
        var perFolder: [String: Counts] = [:]
        var skipped: [String: Int] = [:]
        for relative in paths {
            let folder = SpecSuite.folder(of: relative)
            if let reason = Self.skippedFolders.first(where: { folder == $0.key || folder.hasPrefix($0.key + "/") }) {
                skipped[reason.key, default: 0] += 1
                continue
            }
            var counts = perFolder[folder, default: Counts()]
            counts.files += 1
            let data = try Data(contentsOf: root.appendingPathComponent(relative))
            let script: WastScript
            do {
                script = try parseWAST(bytes: [UInt8](data), features: SpecSuite.features(forFolder: folder))
            } catch {
                Issue.record("\(relative): \(error)")
                counts.failures += 1
                perFolder[folder] = counts
                continue
            }
            for command in script.commands {
                let key = "\(relative):\(command.line)"
                switch command.kind {
                case .module(let module), .assertInvalid(let module, _), .assertUnlinkable(let module, _),
                    .assertUninstantiable(let module, _), .assertModuleTrap(let module, _), .assertInvalidCustom(let module, _):
                    do {
                        _ = try module.binary()
                        counts.modules += 1
                    } catch {
                        if Self.expectedFailures[key] == nil {
                            Issue.record("\(key): \(error)")
                            counts.failures += 1
                        } else {
                            counts.known += 1
                        }
                    }
                case .assertMalformed(let module, let message), .assertMalformedCustom(let module, let message):
                    if case .binary = module.source { continue }
                    do {
                        _ = try module.binary()
                        if Self.expectedFailures[key] == nil {
                            Issue.record("\(key): accepted, expected \"\(message)\"")
                            counts.failures += 1
                        } else {
                            counts.known += 1
                        }
                    } catch {
                        counts.malformedRejected += 1
                        // The spec interpreter's wording, which these messages follow.
                        if !error.message.contains(message) {
                            Issue.record("\(key): expected \"\(message)\", got \"\(error)\"")
                        }
                    }
                default:
                    break
                }
            }
            perFolder[folder] = counts
        }
        var report = "SuiteWalkTests (\(root.path)):\n"
        for (folder, c) in perFolder.sorted(by: { $0.key < $1.key }) {
            report += "  \(folder): \(c.files) files, \(c.modules) modules compiled, \(c.malformedRejected) malformed rejected, \(c.failures) failures"
                + (c.known > 0 ? ", \(c.known) known disagreements" : "") + "\n"
        }
        for (folder, n) in skipped.sorted(by: { $0.key < $1.key }) {
            report += "  \(folder): \(n) files skipped (\(Self.skippedFolders[folder]!))\n"
        }
        print(report, terminator: "")
        #expect(!perFolder.isEmpty)
    }
}
