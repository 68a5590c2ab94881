import Foundation
import Testing
import WasmTestSupport
import WasmFormat
import WasmText

/// Runs the validator over the whole spec test suite (`../shared/wasm-testsuite`, or the
/// folder in `WASM_TESTSUITE`): every module a script expects to be valid (`module`,
/// `module definition`, and the modules of `assert_unlinkable`, `assert_uninstantiable` and
/// `assert_trap`) must decode and validate, and every `assert_invalid` module must be rejected
/// (by validation, or already by the decoder). Messages are compared as the scripts do (the
/// expected text is a prefix of ours); mismatches are counted, not failures.
///
/// Prints one row per folder: valid modules accepted, invalid modules rejected, and how many
/// validation errors carried the expected message.
struct SpecValidationTests {
    /// Folders not run, with the reason.
    static let skippedFolders: [(folder: String, reason: String)] = [
        ("core/simd", "SIMD is not implemented"),
        ("core/relaxed-simd", "SIMD is not implemented"),
        ("proposals/wide-arithmetic", "wide arithmetic (phase 3) is not implemented"),
        ("proposals/custom-page-sizes", "custom page sizes (phase 3) are not implemented"),
        ("proposals/custom-descriptors", "custom descriptors (phase 3, still changing) are not implemented"),
    ]

    /// Known disagreements, by `file:line` of the command, with the reason.
    static let expectedFailures: [String: String] = [:]

    /// Per-folder counts.
    struct Counts {
        var validAccepted = 0, validTotal = 0
        var invalidRejected = 0, invalidTotal = 0
        /// `assert_invalid` modules the decoder already rejected.
        var rejectedByDecoder = 0
        /// Validation errors whose message starts with the expected one.
        var messageMatches = 0
    }

    /// What checking one module gave.
    enum Outcome {
        case valid
        case textError(String)
        case decodingError(DecodingError)
        case validationError(ValidationError)
    }

    static func check(_ module: WastModule, features: FeatureSet) -> Outcome {
        let bytes: [UInt8]
        do { bytes = try module.binary() } catch { return .textError("\(error)") }
        let decoded: Module
        do { decoded = try decodeModule(bytes, features: features, decodeFunctionBodies: true) } catch {
            return .decodingError(error)
        }
        do { try validateModule(decoded, features: features) } catch { return .validationError(error) }
        return .valid
    }

    @Test func specScriptsValidateAsExpected() throws {
        guard let root = SpecSuite.root else {
            print(SpecSuite.absenceNote("SpecValidationTests"))
            return
        }
        let paths = SpecSuite.scripts()

        var perFolder: [String: Counts] = [:]
        var skipped: [String: Int] = [:]
        var failures: [String] = []
        var mismatches: [String] = []
        var knownFailures = 0
        for relative in paths {
            let folder = SpecSuite.folder(of: relative)
            if let skip = Self.skippedFolders.first(where: { folder == $0.folder || folder.hasPrefix($0.folder + "/") }) {
                skipped[skip.folder, default: 0] += 1
                continue
            }
            let features = SpecSuite.features(forFolder: folder)
            let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
            let script: WastScript
            do { script = try parseWAST(text, features: features) } catch {
                failures.append("\(relative): script does not parse: \(error)")
                continue
            }
            var counts = perFolder[folder] ?? Counts()
            func fail(_ line: Int, _ what: String) {
                let key = "\(relative):\(line)"
                if Self.expectedFailures[key] != nil { knownFailures += 1 } else { failures.append("\(key): \(what)") }
            }
            for command in script.commands {
                switch command.kind {
                case .module(let module), .assertUnlinkable(let module, _), .assertUninstantiable(let module, _),
                    .assertModuleTrap(let module, _):
                    counts.validTotal += 1
                    switch Self.check(module, features: features) {
                    case .valid: counts.validAccepted += 1
                    case .textError(let error): fail(command.line, "valid module does not compile: \(error)")
                    case .decodingError(let error): fail(command.line, "valid module does not decode: \(error)")
                    case .validationError(let error): fail(command.line, "valid module rejected: \(error)")
                    }
                case .assertInvalid(let module, let message):
                    counts.invalidTotal += 1
                    switch Self.check(module, features: features) {
                    case .valid:
                        fail(command.line, "invalid module accepted (expected \"\(message)\")")
                    case .textError(let error):
                        fail(command.line, "invalid module does not compile: \(error)")
                    case .decodingError:
                        counts.invalidRejected += 1
                        counts.rejectedByDecoder += 1
                    case .validationError(let error):
                        counts.invalidRejected += 1
                        if error.message.hasPrefix(message) {
                            counts.messageMatches += 1
                        } else {
                            mismatches.append("\(relative):\(command.line): expected \"\(message)\", got \"\(error.message)\"")
                        }
                    }
                default:
                    break
                }
            }
            perFolder[folder] = counts
        }

        print(Self.table(perFolder))
        for (folder, files) in skipped.sorted(by: { $0.key < $1.key }) {
            let reason = Self.skippedFolders.first { $0.folder == folder }?.reason ?? ""
            print("skipped \(folder) (\(files) files): \(reason)")
        }
        if !mismatches.isEmpty {
            print("message mismatches (\(mismatches.count)):")
            for line in mismatches.prefix(60) { print("  " + line) }
        }
        if knownFailures > 0 { print("known failures (expectedFailures): \(knownFailures)") }
        for failure in failures.prefix(200) { Issue.record(Comment(rawValue: failure)) }
        if failures.count > 200 { Issue.record("… and \(failures.count - 200) more failures") }
    }

    /// The per-folder table, with a total row.
    static func table(_ perFolder: [String: Counts]) -> String {
        var lines = ["folder                                  valid ok/total   invalid rejected/total (by decoder)   messages"]
        var total = Counts()
        func row(_ name: String, _ c: Counts) -> String {
            let validated = c.invalidRejected - c.rejectedByDecoder
            return name.padding(toLength: 40, withPad: " ", startingAt: 0)
                + "\(c.validAccepted)/\(c.validTotal)".padding(toLength: 17, withPad: " ", startingAt: 0)
                + "\(c.invalidRejected)/\(c.invalidTotal) (\(c.rejectedByDecoder))".padding(toLength: 38, withPad: " ", startingAt: 0)
                + "\(c.messageMatches)/\(validated)"
        }
        for (folder, counts) in perFolder.sorted(by: { $0.key < $1.key }) {
            lines.append(row(folder, counts))
            total.validAccepted += counts.validAccepted
            total.validTotal += counts.validTotal
            total.invalidRejected += counts.invalidRejected
            total.invalidTotal += counts.invalidTotal
            total.rejectedByDecoder += counts.rejectedByDecoder
            total.messageMatches += counts.messageMatches
        }
        lines.append(row("total", total))
        return lines.joined(separator: "\n")
    }
}
