import Foundation
import Testing
@testable import WasmFormat

/// The spec suite's `(module binary ...)` forms: top-level and `assert_invalid` modules must
/// decode (they are well-formed), `assert_malformed` ones must fail with the asserted message
/// (the scripts match messages by prefix).
@Suite struct SpecBinaryModuleTests {
    static let folders = ["core", "legacy", "custom", "proposals/threads", "proposals/stack-switching"]

    /// Every binary module of the suite (parsed once for both tests); empty without the suite.
    static let allCases: [WastBinaryModules.Case] = {
        guard let root = WastBinaryModules.suiteRoot() else { return [] }
        return WastBinaryModules.files(in: folders, root: root)
            .filter { !$0.path.contains("simd") }
            .flatMap { WastBinaryModules.cases(in: $0) }
    }()

    @Test func wellFormedBinaryModulesDecode() throws {
        var failures: [String] = []
        var count = 0
        for testCase in Self.allCases where testCase.command != "assert_malformed" {
            count += 1
            do {
                _ = try decodeModule(testCase.bytes, decodeFunctionBodies: true)
            } catch {
                failures.append("\(testCase.file):\(testCase.line) \(testCase.command): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(count) failed:\n\(failures.joined(separator: "\n"))")
    }

    @Test func malformedBinaryModulesFailWithTheSpecMessage() throws {
        var failures: [String] = []
        var count = 0
        for testCase in Self.allCases where testCase.command == "assert_malformed" {
            count += 1
            let expected = testCase.message ?? ""
            do {
                _ = try decodeModule(testCase.bytes, decodeFunctionBodies: true)
                failures.append("\(testCase.file):\(testCase.line): decoded, expected \"\(expected)\"")
            } catch {
                if !error.message.hasPrefix(expected) {
                    failures.append("\(testCase.file):\(testCase.line): \"\(error)\", expected \"\(expected)\"")
                }
            }
        }
        #expect(count > 700 || Self.allCases.isEmpty)
        #expect(failures.isEmpty, "\(failures.count) of \(count) mismatched:\n\(failures.joined(separator: "\n"))")
    }
}
