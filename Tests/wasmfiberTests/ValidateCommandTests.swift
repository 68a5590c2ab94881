import Testing
import WasmFormat
@testable import wasmfiber

/// `wasmfiber validate`: the per-file checks called directly, then the tool as a process.
struct ValidateCommandTests {
    // MARK: Features

    @Test func featureListsSwitchProposalsOff() throws {
        let set = try makeFeatureSet(enabling: [], disabling: ["threads,gc", " tail-call "])
        #expect(!set.contains(.threads) && !set.contains(.gc) && !set.contains(.tailCall))
        #expect(set.contains(.exceptions) && set.contains(.mvp))
        #expect(try makeFeatureSet(enabling: [], disabling: ["all"]) == .mvp)
        #expect(try makeFeatureSet(enabling: ["simd"], disabling: []).contains(.simd))
        #expect(try makeFeatureSet(enabling: [], disabling: []) == .default)
    }

    @Test func unknownFeatureNamesAreErrorsNamingThem() {
        #expect(throws: FeatureListError(name: "thread")) { try parseFeatureList(["gc,thread"]) }
    }

    // MARK: Text or binary

    @Test func textIsRecognizedByExtensionOrFirstCharacter() {
        #expect(looksLikeText(path: "a.wat", bytes: Array("(module)".utf8)))
        #expect(looksLikeText(path: "a.txt", bytes: Array("  \n(module)".utf8)))
        #expect(looksLikeText(path: "a", bytes: Array(";; comment\n(module)".utf8)))
        #expect(!looksLikeText(path: "a.wat", bytes: [0x00, 0x61, 0x73, 0x6D, 1, 0, 0, 0]))
        #expect(!looksLikeText(path: "a.wasm", bytes: Samples.badMagic))
        #expect(!looksLikeText(path: "a.wasm", bytes: []))
    }

    // MARK: One file

    @Test func validModulesAreValidAsBinaryAndText() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let binary = try fixtures.write("sample.wasm", compiling: Samples.valid)
        let text = try fixtures.write("sample.wat", text: Samples.valid)
        #expect(checkModuleFile(at: binary, features: .default).line == "\(binary): valid")
        #expect(checkModuleFile(at: text, features: .default).line == "\(text): valid")
    }

    @Test func invalidModulesNameMessageOffsetAndFunction() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("wrong.wasm", compiling: Samples.typeMismatch)
        let report = checkModuleFile(at: path, features: .default)
        #expect(!report.isValid)
        #expect(report.line.hasPrefix("\(path): invalid: type mismatch"), "\(report.line)")
        #expect(report.line.contains("at byte offset"), "\(report.line)")
        #expect(report.line.contains("in function 0 $wrong"), "\(report.line)")
    }

    @Test func malformedBinariesReportTheDecodersMessageAndOffset() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let magic = try fixtures.write("magic.wasm", Samples.badMagic)
        #expect(checkModuleFile(at: magic, features: .default).line
            == "\(magic): invalid: magic header not detected (at byte offset 0)")
        let truncated = try fixtures.write("truncated.wasm", Samples.truncated)
        let report = checkModuleFile(at: truncated, features: .default)
        #expect(report.line.hasPrefix("\(truncated): invalid: "), "\(report.line)")
        #expect(report.line.contains("(at byte offset "), "\(report.line)")
    }

    @Test func textErrorsReportLineAndColumn() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("bad.wat", text: Samples.textError)
        #expect(checkModuleFile(at: path, features: .default).line == "\(path):3:5: unknown operator i32.bogus")
    }

    @Test func unreadableFilesAreNamedNotFatal() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let missing = fixtures.path("missing.wasm")
        #expect(checkModuleFile(at: missing, features: .default).line
            == "\(missing): error: cannot read file: No such file or directory")
        #expect(checkModuleFile(at: fixtures.folder.path, features: .default).outcome == .unreadable("Is a directory"))
    }

    @Test func disabledFeaturesMakeTheirModulesInvalid() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("fence.wasm", compiling: "(module (func atomic.fence))")
        #expect(checkModuleFile(at: path, features: .default).isValid)
        let report = checkModuleFile(at: path, features: FeatureSet.default.removing(.threads))
        #expect(report.line.hasPrefix("\(path): invalid: threads support is not enabled"), "\(report.line)")
    }

    // MARK: The tool

    @Test func toolExitsZeroWhenEveryFileIsValid() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let binary = try fixtures.write("sample.wasm", compiling: Samples.valid)
        let text = try fixtures.write("sample.wat", text: Samples.valid)
        guard let result = try CLI.run(["validate", binary, text]) else { return }
        #expect(result.status == 0, "\(result)")
        #expect(result.lines == ["\(binary): valid", "\(text): valid"])
    }

    @Test func toolReportsEveryFileAndExitsOneOnAnyFailure() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let valid = try fixtures.write("sample.wasm", compiling: Samples.valid)
        let invalid = try fixtures.write("wrong.wasm", compiling: Samples.typeMismatch)
        let malformed = try fixtures.write("magic.wasm", Samples.badMagic)
        let text = try fixtures.write("bad.wat", text: Samples.textError)
        let missing = fixtures.path("missing.wasm")
        guard let result = try CLI.run(["validate", valid, invalid, malformed, text, missing]) else { return }
        #expect(result.exited && result.status == 1, "\(result)")
        let lines = result.lines
        #expect(lines.count == 5, "\(lines)")
        guard lines.count == 5 else { return }
        #expect(lines[0] == "\(valid): valid")
        #expect(lines[1].hasPrefix("\(invalid): invalid: type mismatch"))
        #expect(lines[2] == "\(malformed): invalid: magic header not detected (at byte offset 0)")
        #expect(lines[3] == "\(text):3:5: unknown operator i32.bogus")
        #expect(lines[4] == "\(missing): error: cannot read file: No such file or directory")
    }

    @Test func toolAppliesDisabledFeatures() throws {
        let fixtures = try Fixtures()
        defer { fixtures.remove() }
        let path = try fixtures.write("fence.wat", text: "(module (func atomic.fence))")
        guard let on = try CLI.run(["validate", path]), let off = try CLI.run(["validate", "--disable", "gc,threads", path]) else { return }
        #expect(on.status == 0, "\(on)")
        #expect(off.status == 1, "\(off)")
        #expect(off.stdout.contains("threads support is not enabled"), "\(off)")
    }

    @Test func toolRejectsUnknownFeatureNamesAsUsageErrors() throws {
        guard let result = try CLI.run(["validate", "--disable", "bogus", "x.wasm"]) else { return }
        #expect(result.exited && result.status == 64, "\(result)")  // EX_USAGE, ArgumentParser's code for validation errors
        #expect(result.stderr.contains("unknown feature 'bogus'"), "\(result)")
    }
}
