import Foundation
import Testing
import WasmTestSupport
import WasmText

#if canImport(WasmFiber)
@testable import WasmFiber
#else
@testable import Numerics
#endif

/// Runs the spec suite's numeric scripts against `Interpreter/Numerics`: every `assert_return`
/// and `assert_trap` whose export is a straight-line numeric function (see
/// `NumericsSpecFunction`) is evaluated and compared bit for bit (`nan:canonical` and
/// `nan:arithmetic` as the spec script language defines them).
struct NumericsSpecTests {
    /// The scripts, in `core/`.
    static let scripts = [
        "i32", "i64", "f32", "f64", "f32_bitwise", "f64_bitwise", "f32_cmp", "f64_cmp",
        "conversions", "int_exprs", "float_misc", "float_exprs", "float_literals", "int_literals",
    ]

    struct Counts {
        var checked = 0
        var passed = 0
        /// Assertions on exports this evaluator cannot run (control flow, memory, calls).
        var skipped = 0
    }

    @Test func specNumericAssertionsHold() throws {
        guard let root = SpecSuite.root else {
            print(SpecSuite.absenceNote("NumericsSpecTests"))
            return
        }
        var total = Counts()
        for name in Self.scripts {
            let url = root.appendingPathComponent("core/\(name).wast")
            guard FileManager.default.fileExists(atPath: url.path) else {
                Issue.record("missing \(url.path)")
                continue
            }
            let counts = try Self.run(script: try parseWAST(bytes: [UInt8](try Data(contentsOf: url))), named: name)
            print("NumericsSpecTests: \(name).wast: \(counts.passed)/\(counts.checked) passed, \(counts.skipped) skipped")
            total.checked += counts.checked
            total.passed += counts.passed
            total.skipped += counts.skipped
        }
        print("NumericsSpecTests: total \(total.passed)/\(total.checked) assertions passed, "
            + "\(total.skipped) skipped (not straight-line numeric code)")
        #expect(total.passed == total.checked)
        #expect(total.checked > 10_000)
    }

    static func run(script: WastScript, named name: String) throws -> Counts {
        var counts = Counts()
        var current: [String: NumericsSpecFunction] = [:]
        var named: [String: [String: NumericsSpecFunction]] = [:]
        func function(_ action: WastAction) -> (NumericsSpecFunction, [WastValue])? {
            guard case .invoke(let module, let export, let arguments) = action else { return nil }
            let exports = module.map { named[$0] ?? [:] } ?? current
            return exports[export].map { ($0, arguments) }
        }
        for command in script.commands {
            let location = "\(name).wast:\(command.line)"
            switch command.kind {
            case .module(let module):
                let exports = try NumericsSpecFunction.exports(ofModule: try module.binary())
                if !module.isDefinition { current = exports }
                if let id = module.name { named[id] = exports }
            case .assertReturn(let action, let expected):
                guard let (function, arguments) = function(action) else { counts.skipped += 1; continue }
                let outcome: [WastValue]?
                do throws(NumericTrap) { outcome = try function.run(arguments) } catch {
                    counts.checked += 1
                    Issue.record("\(location): trapped \(error), expected \(expected)")
                    continue
                }
                guard let results = outcome else { counts.skipped += 1; continue }
                counts.checked += 1
                if results.count == expected.count && zip(results, expected).allSatisfy(Self.matches) {
                    counts.passed += 1
                } else {
                    Issue.record("\(location): got \(results), expected \(expected)")
                }
            case .assertTrap(let action, let message):
                guard let (function, arguments) = function(action) else { counts.skipped += 1; continue }
                counts.checked += 1
                do throws(NumericTrap) {
                    let results = try function.run(arguments)
                    if results == nil { counts.checked -= 1; counts.skipped += 1; continue }
                    Issue.record("\(location): returned \(results!), expected trap \"\(message)\"")
                } catch {
                    if error.description.hasPrefix(message) {
                        counts.passed += 1
                    } else {
                        Issue.record("\(location): trapped \"\(error)\", expected \"\(message)\"")
                    }
                }
            default:
                continue
            }
        }
        return counts
    }

    /// Whether a result matches an expectation of the script language.
    static func matches(_ value: WastValue, _ expected: WastExpected) -> Bool {
        switch (expected, value) {
        case (.value(let exact), _): exact == value
        case (.canonicalNaN(bits: 32), .f32(let bits)): bits & 0x7FFF_FFFF == 0x7FC0_0000
        case (.canonicalNaN(bits: 64), .f64(let bits)): bits & 0x7FFF_FFFF_FFFF_FFFF == 0x7FF8_0000_0000_0000
        case (.arithmeticNaN(bits: 32), .f32(let bits)): bits & 0x7FC0_0000 == 0x7FC0_0000
        case (.arithmeticNaN(bits: 64), .f64(let bits)): bits & 0x7FF8_0000_0000_0000 == 0x7FF8_0000_0000_0000
        case (.either(let alternatives), _): alternatives.contains { matches(value, $0) }
        default: false
        }
    }
}
