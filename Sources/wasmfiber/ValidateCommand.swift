import ArgumentParser
import WasmFormat

/// `wasmfiber validate FILE…`: decodes and validates each module, one line per file.
///
/// The work is done by `checkModuleFile(at:features:)`, which returns the line to print, so
/// that tests can call it without a process; `run()` only prints and sets the exit status.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check that WebAssembly modules are well-formed and valid.",
        discussion: """
            Each FILE is a binary module (.wasm) or a text module (.wat, or any file whose first \
            non-blank character is '(' or ';'). Prints one line per file: 'FILE: valid', \
            'FILE: invalid: MESSAGE (at byte offset N…)', or 'FILE:LINE:COLUMN: MESSAGE' when \
            text does not parse. Offsets in text modules refer to the compiled binary. Exits \
            with status 1 if any file is invalid or cannot be read.
            """
    )

    @Argument(help: "The modules to check (.wasm or .wat).")
    var files: [String]

    @OptionGroup var features: FeatureOptions

    func run() throws {
        let featureSet = try features.featureSet()
        var failed = false
        for path in files {
            let report = checkModuleFile(at: path, features: featureSet)
            print(report.line)
            if !report.isValid { failed = true }
        }
        if failed { throw ExitCode.failure }
    }
}

// MARK: - Checking

/// Reads, decodes and validates the module in `path`; never throws or traps.
func checkModuleFile(at path: String, features: FeatureSet) -> ModuleFileReport {
    let source: (binary: [UInt8], isText: Bool)
    do {
        source = try loadModuleBinary(at: path, features: features)
    } catch {
        return ModuleFileReport(path: path, outcome: outcome(of: error))
    }
    // Decoding with every body checked, then validation, each body read once (same errors).
    do {
        _ = try decodeAndValidateModule(source.binary, features: features)
    } catch {
        switch error {
        case .malformed(let malformed):
            return ModuleFileReport(path: path, outcome: outcome(of: .malformed(malformed, isText: source.isText)))
        case .invalid(let invalid, let module):
            return ModuleFileReport(path: path, outcome: .invalid(describe(invalid, in: module, isText: source.isText)))
        }
    }
    return ModuleFileReport(path: path, outcome: .valid)
}

/// A validation error as one line: the specification's message, the byte offset, and the
/// function (with its name from the `name` section, when it has one).
func describe(_ error: WasmFormat.ValidationError, in module: Module, isText: Bool) -> String {
    var whereabouts: [String] = []
    if let offset = error.offset {
        whereabouts.append("at byte offset \(offset)" + (isText ? " of the compiled text" : ""))
    }
    if let function = error.function {
        var text = "in function \(function)"
        if let name = module.names?.functionNames[UInt32(truncatingIfNeeded: function)] { text += " $\(name)" }
        whereabouts.append(text)
    }
    return whereabouts.isEmpty ? error.message : "\(error.message) (\(whereabouts.joined(separator: ", ")))"
}
