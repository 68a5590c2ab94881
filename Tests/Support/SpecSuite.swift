import Foundation
import WasmFormat
import WasmText

/// Where the WebAssembly spec test suite is, and how each of its folders is meant to run.
///
/// Every test that walks the suite goes through here, so that the path rule and the
/// folder → features rule are written once.
public enum SpecSuite {
    /// The suite's folder: `$WASM_TESTSUITE`, else `../shared/wasm-testsuite` next to the
    /// package (the package root is found by walking up from this file to `Package.swift`).
    /// `nil` when there is no suite there; tests then say so and skip.
    public static let root: URL? = {
        let candidate: URL
        if let path = ProcessInfo.processInfo.environment["WASM_TESTSUITE"] {
            candidate = URL(fileURLWithPath: path)
        } else {
            var directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            while directory.path != "/",
                  !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                directory.deleteLastPathComponent()
            }
            candidate = directory.deletingLastPathComponent().appendingPathComponent("shared/wasm-testsuite")
        }
        return FileManager.default.fileExists(atPath: candidate.appendingPathComponent("core").path) ? candidate : nil
    }()

    /// The line a test prints when it skips for want of the suite.
    public static func absenceNote(_ test: String) -> String {
        let looked = ProcessInfo.processInfo.environment["WASM_TESTSUITE"] ?? "../shared/wasm-testsuite"
        return "\(test): SKIPPED, no WebAssembly test suite at \(looked) (set WASM_TESTSUITE)"
    }

    /// Every `.wast` script under `root` (or under the given subfolders), as paths relative to
    /// the suite root, sorted.
    public static func scripts(under folders: [String] = [""]) -> [String] {
        guard let root else { return [] }
        var paths: [String] = []
        for folder in folders {
            let base = folder.isEmpty ? root : root.appendingPathComponent(folder)
            let enumerator = FileManager.default.enumerator(atPath: base.path)
            while let relative = enumerator?.nextObject() as? String {
                if relative.hasSuffix(".wast") { paths.append(folder.isEmpty ? relative : folder + "/" + relative) }
            }
        }
        return paths.sorted()
    }

    /// The folder of a script path relative to the root (`core/gc/struct.wast` → `core/gc`).
    public static func folder(of relative: String) -> String {
        (relative as NSString).deletingLastPathComponent
    }

    /// The features a folder's scripts are written for (the rule is `WastFolders`', shared
    /// with the `wast` command and the conformance runner).
    public static func features(forFolder folder: String) -> FeatureSet {
        WastFolders.features(forFolder: folder)
    }
}
