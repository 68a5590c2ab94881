import Foundation
import Testing
@testable import WasmFormat

/// Opt-in: decodes every binary module of a spec suite converted to JSON + `.wasm` files
/// (`wasm-tools json-from-wast FILE -o DIR/x.json --wasm-dir DIR`, one folder per script),
/// which covers the text-format modules that `SpecBinaryModuleTests` cannot read. Set
/// `WASM_JSON_DIR` to the folder holding those folders; without it the test does nothing.
///
/// Modules of `module`, `assert_invalid`, `assert_unlinkable` and `assert_uninstantiable`
/// commands are well-formed, so they must decode, bodies included.
@Suite struct ConvertedSuiteTests {
    @Test func convertedModulesDecode() throws {
        guard let path = ProcessInfo.processInfo.environment["WASM_JSON_DIR"] else { return }
        let root = URL(fileURLWithPath: path)
        let folders = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        var failures: [String] = []
        var count = 0
        for folder in folders {
            let directory = root.appendingPathComponent(folder)
            let jsonFiles = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.filter { $0.hasSuffix(".json") } ?? []
            for json in jsonFiles {
                guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(json).path),
                      let script = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                      let commands = script["commands"] as? [[String: Any]] else { continue }
                for command in commands {
                    let type = command["type"] as? String ?? ""
                    guard ["module", "assert_invalid", "assert_unlinkable", "assert_uninstantiable"].contains(type),
                          let file = command["filename"] as? String, file.hasSuffix(".wasm"),
                          let bytes = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path)
                    else { continue }
                    count += 1
                    do {
                        _ = try decodeModule([UInt8](bytes), decodeFunctionBodies: true)
                    } catch {
                        failures.append("\(folder)/\(file) (line \(command["line"] ?? "?"), \(type)): \(error)")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(count) failed:\n\(failures.prefix(50).joined(separator: "\n"))")
    }
}
