import ArgumentParser
import WasmFiber
import WasmFormat
import WasmText
import WastRunner

/// `wasmfiber run FILE [--invoke NAME] [ARGS…]`: instantiates a module without imports,
/// calls one export with arguments from the command line, and prints its results.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Instantiate a module and call one of its exported functions.",
        discussion: """
            FILE is a binary module (.wasm) or a text module (.wat). Only the console module \
            "wasmfiber" is linked (print_i32 (param i32): a number and a newline; print_str \
            (param i32 i32): UTF-8 text at offset, length in the exported "memory"); other \
            imports are refused (the error lists them), unless --trap-unknown-imports stands \
            in a trapping host function for each function import. The function called is NAME, by \
            default '_start'; without one, the error lists the exported functions. ARGS are \
            parsed by the function's parameter types: i32/i64 in decimal or 0x hex (signed or \
            unsigned), f32/f64 in decimal, 0x hex float, inf, -inf, nan or nan:0x…, and \
            'null' (or, for externref, a number) for references. Each result is printed on its \
            own line as TYPE:VALUE, e.g. 'i32:42', 'f64:0.5', 'f32:nan:0x400000'. A trap prints \
            its message and the WebAssembly backtrace to standard error and exits with status 1.
            """
    )

    @Argument(help: "The module (.wasm or .wat).")
    var file: String

    @Option(name: .customLong("invoke"), help: ArgumentHelp("The exported function to call (default: _start).", valueName: "name"))
    var function: String?

    @Flag(help: "Satisfy every function import with a host function that traps when called (other imports are still refused).")
    var trapUnknownImports = false

    @Argument(parsing: .allUnrecognized, help: "The function's arguments.")
    var arguments: [String] = []

    @OptionGroup var features: FeatureOptions

    func run() throws {
        WasmFiberCommand.prepare()
        let featureSet = try features.featureSet()
        switch RunInvocation.run(file: file, function: function, arguments: arguments, features: featureSet,
                                 trapUnknownImports: trapUnknownImports) {
        case .success(let lines):
            for line in lines { print(line) }
        case .failure(let error):
            printError(error.message)
            throw ExitCode.failure
        }
    }
}

/// What a stand-in for an unknown import throws when WebAssembly calls it.
struct UnknownImportCalled: Error, CustomStringConvertible {
    var name: String
    var description: String { "unknown import \(name) was called (run with --trap-unknown-imports)" }
}

/// Why `run` stopped, with what it prints to standard error.
struct RunError: Error {
    var message: String
}

/// The work of `run`, as a function tests can call.
enum RunInvocation {
    /// Loads, instantiates and calls; the lines to print, or the error.
    static func run(file: String, function requested: String?, arguments: [String], features: FeatureSet,
                    trapUnknownImports: Bool = false) -> Result<[String], RunError>
    {
        let module: WasmFiber.Module
        do { module = try WasmFiber.Module(path: file, features: features) } catch let error as ModuleFileError {
            return .failure(RunError(message: "error: \(error)"))
        } catch {
            return .failure(RunError(message: "\(file): \(describeLoadError(error))"))
        }
        var imports = Imports()
        ConsoleHostModule.define(in: &imports)
        let unresolved = module.imports.filter { entry in
            if entry.module == ConsoleHostModule.name { return false }
            guard trapUnknownImports, let type = module.functionType(of: entry) else { return true }
            let name = "\(entry.module).\(entry.name)"
            imports.define(entry.module, entry.name, type: type) { _, _ in throw UnknownImportCalled(name: name) }
            return false
        }
        if !unresolved.isEmpty {
            let names = unresolved.map { "\($0.module).\($0.name) (\(kindName($0.descriptor.kind)))" }
            return .failure(RunError(message: "\(file): the module imports \(names.joined(separator: ", ")); "
                + "'run' links no imports" + (trapUnknownImports ? " but trapping functions" : "")))
        }
        let instance: Instance
        do {
            instance = try Instance(module, imports: imports, engine: Engine(EngineConfiguration(features: features)))
        } catch {
            return .failure(RunError(message: describeRunError(error, during: "instantiation")))
        }
        let exportedFunctions = instance.exports.compactMap { export -> String? in
            if case .function = export.value { return export.name }
            return nil
        }
        let listing = exportedFunctions.isEmpty ? "it exports no functions"
            : "exported functions: " + exportedFunctions.joined(separator: ", ")
        let name = requested ?? "_start"
        guard let function = instance.function(name) else {
            if requested == nil {
                return .failure(RunError(message: "\(file): no --invoke NAME given and no '_start' export; \(listing)"))
            }
            return .failure(RunError(message: "\(file): no exported function '\(name)'; \(listing)"))
        }
        let parameters = function.type.parameters
        guard arguments.count == parameters.count else {
            let types = parameters.map(\.description).joined(separator: " ")
            return .failure(RunError(message: "\(name) takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s")"
                + (parameters.isEmpty ? "" : " (\(types))") + ", got \(arguments.count)"))
        }
        var values: [Value] = []
        for (index, (text, type)) in zip(arguments, parameters).enumerated() {
            guard let value = parseArgument(text, as: type) else {
                return .failure(RunError(message: "argument \(index + 1): '\(text)' is not a valid \(type)"))
            }
            values.append(value)
        }
        do {
            return .success(try function.call(values).map(WastValueText.describe))
        } catch {
            return .failure(RunError(message: describeRunError(error, during: nil)))
        }
    }

    /// A command-line argument as a value of `type`, or `nil` if it is not one.
    static func parseArgument(_ text: String, as type: ValueType) -> Value? {
        switch type {
        case .i32: return TextLiteral.i32(text).map { Value.i32(bits: $0) }
        case .i64: return TextLiteral.i64(text).map { Value.i64(bits: $0) }
        case .f32: return TextLiteral.f32(text).map { .f32(Float(bitPattern: $0)) }
        case .f64: return TextLiteral.f64(text).map { .f64(Double(bitPattern: $0)) }
        case .v128: return nil
        case .ref(let reference):
            guard case .abstract(let heapType) = reference.heapType else { return nil }
            switch heapType {
            case .extern, .noextern:
                if text == "null" { return reference.isNullable ? .externRef(nil) : nil }
                guard heapType == .extern, let id = TextLiteral.i64(text), id != .max else { return nil }
                return .externRef(ExternRef(id))
            case .func, .nofunc:
                return text == "null" && reference.isNullable ? .funcRef(nil) : nil
            case .exn, .noexn:
                return text == "null" && reference.isNullable ? .exnRef(nil) : nil
            default:
                return nil
            }
        }
    }

    static func kindName(_ kind: ExternalKind) -> String {
        switch kind {
        case .function: "function"
        case .table: "table"
        case .memory: "memory"
        case .global: "global"
        case .tag: "tag"
        }
    }

    static func describeLoadError(_ error: any Error) -> String {
        switch error {
        case let error as TextError: "\(error.location): \(error.message)"
        case let error as WasmFormat.DecodingError: "malformed: \(error.message) (at byte offset \(error.offset))"
        case let error as WasmFormat.ValidationError:
            "invalid: \(error.message)" + (error.offset.map { " (at byte offset \($0))" } ?? "")
        default: "\(error)"
        }
    }

    /// A trap as its message and backtrace (`Trap.description`), and the other errors a call
    /// or an instantiation can end with.
    static func describeRunError(_ error: any Error, during context: String?) -> String {
        let suffix = context.map { " (during \($0))" } ?? ""
        switch error {
        case let trap as Trap:
            var lines = trap.description.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines[0] += suffix
            return lines.joined(separator: "\n")
        case let exception as UncaughtException:
            // "uncaught exception (payload)" and the backtrace, one frame per line.
            var lines = exception.description.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines[0] += suffix
            return lines.joined(separator: "\n")
        case let error as LinkError: return "link error: \(error.message)"
        case let error as CallError: return "call error: \(error.message)"
        case let error as InstantiationError: return "\(error)"
        default: return "error\(suffix): \(error)"
        }
    }
}
