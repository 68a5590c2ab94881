import ArgumentParser
import WasmFiber
import WasmFiberWASI
import WasmFormat
import WasmText
import WastRunner
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `wasmfiber run FILE [--dir …] [--env …] [ARGS…]` runs a WASI command; with `--invoke NAME`
/// it calls one export with arguments from the command line and prints its results.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a WASI command, or call one exported function of a module.",
        discussion: """
            FILE is a binary module (.wasm) or a text module (.wat).

            WASI mode (a module that imports wasi_snapshot_preview1, or exports a '_start' \
            taking and returning nothing, run without --invoke): ARGS become the program's \
            arguments after argv[0] = FILE, '_start' is called, and the guest sees only the \
            directories given with --dir (HOST, or HOST::GUEST to show it under another name; \
            '..', absolute paths and symbolic links never lead out of one: ENOTCAPABLE), only \
            the variables given with --env (none of the host's), and the host's stdin, stdout \
            and stderr. Exit status: 0 when _start returns; N after proc_exit(N) (its low 8 \
            bits); 134 when the program traps (the message and the WebAssembly backtrace go to \
            standard error); 1 when the module cannot be loaded, linked or instantiated, or a \
            --dir cannot be opened.

            Exported-function mode (--invoke NAME, or a module that is no WASI command): the \
            function called is NAME, by default '_start'; without one, the error lists the \
            exported functions. WASI is linked too (with the --dir and --env given, argv = \
            [FILE]), and the console module "wasmfiber" (print_i32 (param i32): a number and a \
            newline; print_str (param i32 i32): UTF-8 text at offset, length in the exported \
            "memory"); other imports are refused (the error lists them), unless \
            --trap-unknown-imports stands in a trapping host function for each function \
            import. ARGS are parsed by the function's parameter types: i32/i64 in decimal or 0x \
            hex (signed or unsigned), f32/f64 in decimal, 0x hex float, inf, -inf, nan or \
            nan:0x…, and 'null' (or, for externref, a number) for references. Each result is \
            printed on its own line as TYPE:VALUE, e.g. 'i32:42', 'f64:0.5', 'f32:nan:0x400000'. \
            A trap prints its message and the WebAssembly backtrace to standard error and exits \
            with status 1; proc_exit(N) exits with N.

            Options of wasmfiber may stand before or after FILE; arguments for the program that \
            look like options (or are spelled like wasmfiber's) go after '--', which is removed.
            """
    )

    @Argument(help: "The module (.wasm or .wat).")
    var file: String

    @Option(name: .customLong("invoke"), help: ArgumentHelp("The exported function to call (default: _start).", valueName: "name"))
    var function: String?

    @Option(name: .customLong("dir"), help: ArgumentHelp("A host directory the WASI program may use, as HOST or HOST::GUEST (repeatable).", valueName: "dir"))
    var directories: [String] = []

    @Option(name: .customLong("env"), help: ArgumentHelp("An environment variable of the WASI program, as NAME=VALUE (repeatable).", valueName: "var"))
    var environment: [String] = []

    @Flag(help: "Satisfy every function import with a host function that traps when called (other imports are still refused).")
    var trapUnknownImports = false

    @Argument(parsing: .allUnrecognized, help: "The program's arguments (WASI mode) or the function's arguments (--invoke).")
    var arguments: [String] = []

    @OptionGroup var features: FeatureOptions

    func validate() throws {
        for variable in environment where !variable.contains("=") || variable.hasPrefix("=") {
            throw ArgumentParser.ValidationError("--env wants NAME=VALUE, got '\(variable)'")
        }
    }

    func run() throws {
        WasmFiberCommand.prepare()
        let featureSet = try features.featureSet()
        let wasi = WASIOptions(directories: directories, environment: environment)
        // `--` ends wasmfiber's own options; what follows goes to the program as it is.
        var arguments = arguments
        if let terminator = arguments.firstIndex(of: "--") { arguments.remove(at: terminator) }
        switch RunInvocation.run(file: file, function: function, arguments: arguments, features: featureSet,
                                 trapUnknownImports: trapUnknownImports, wasi: wasi) {
        case .success(.results(let lines)):
            for line in lines { print(line) }
        case .success(.exited(let code)):
            fflush(nil)
            if code != 0 { throw ExitCode(Int32(truncatingIfNeeded: code)) }
        case .failure(let error):
            fflush(nil)
            printError(error.message)
            throw ExitCode(error.status)
        }
    }
}

/// What a stand-in for an unknown import throws when WebAssembly calls it.
struct UnknownImportCalled: Error, CustomStringConvertible {
    var name: String
    var description: String { "unknown import \(name) was called (run with --trap-unknown-imports)" }
}

/// Why `run` stopped, with what it prints to standard error and the exit status.
struct RunError: Error {
    var message: String
    /// 1 for errors before the program runs and traps of an invoked function; 134 for traps of
    /// a WASI command.
    var status: Int32 = 1
}

/// How a successful `run` ended.
enum RunOutcome {
    /// An invoked function returned these results (as printed).
    case results([String])
    /// A WASI command ended: `_start` returned (0) or called `proc_exit(N)`.
    case exited(UInt32)
}

/// The WASI configuration from the command line.
struct WASIOptions {
    /// `--dir` values, `HOST` or `HOST::GUEST`.
    var directories: [String] = []
    /// `--env` values, `NAME=VALUE`.
    var environment: [String] = []
}

/// The work of `run`, as a function tests can call.
enum RunInvocation {
    /// The exit status of a WASI command that trapped (128 + SIGABRT, as other runtimes use).
    static let trapStatus: Int32 = 134

    /// Loads, instantiates and runs; how it ended, or the error.
    static func run(file: String, function requested: String?, arguments: [String], features: FeatureSet,
                    trapUnknownImports: Bool = false, wasi options: WASIOptions = WASIOptions()) -> Result<RunOutcome, RunError>
    {
        let module: WasmFiber.Module
        do { module = try WasmFiber.Module(path: file, features: features) } catch let error as ModuleFileError {
            return .failure(RunError(message: "error: \(error)"))
        } catch {
            return .failure(RunError(message: "\(file): \(describeLoadError(error))"))
        }
        let importsWASI = module.imports.contains { $0.module == WASI.moduleName }
        var commandMode = requested == nil && (importsWASI || module.exports.contains { $0.name == "_start" && $0.kind == .function })
        let wasi: WASI
        do {
            wasi = try makeWASI(options, arguments: [file] + (commandMode ? arguments : []))
        } catch {
            return .failure(error)
        }
        var imports = Imports()
        ConsoleHostModule.define(in: &imports)
        wasi.link(into: &imports)
        let unresolved = module.imports.filter { entry in
            if entry.module == ConsoleHostModule.name || entry.module == WASI.moduleName { return false }
            guard trapUnknownImports, let type = module.functionType(of: entry) else { return true }
            let name = "\(entry.module).\(entry.name)"
            imports.define(entry.module, entry.name, type: type) { _, _ in throw UnknownImportCalled(name: name) }
            return false
        }
        if !unresolved.isEmpty {
            let names = unresolved.map { "\($0.module).\($0.name) (\(kindName($0.descriptor.kind)))" }
            return .failure(RunError(message: "\(file): the module imports \(names.joined(separator: ", ")); "
                + "'run' links only \(WASI.moduleName) and \(ConsoleHostModule.name)" + (trapUnknownImports ? ", and trapping functions" : "")))
        }
        let instance: Instance
        do {
            instance = try Instance(module, imports: imports, engine: Engine(EngineConfiguration(features: features)))
        } catch {
            return .failure(RunError(message: describeRunError(error, during: "instantiation")))
        }
        // A `_start` with parameters or results is no WASI entry point: call it as an export.
        if commandMode && !importsWASI, let type = instance.function("_start")?.type {
            commandMode = type.parameters.isEmpty && type.results.isEmpty
        }
        if commandMode {
            do {
                return .success(.exited(try wasi.start(instance)))
            } catch {
                return .failure(RunError(message: describeRunError(error, during: nil), status: trapStatus))
            }
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
            return .success(.results(try function.call(values).map(WastValueText.describe)))
        } catch let trap as Trap where trap.hostError is WASIExit {
            return .success(.exited((trap.hostError as! WASIExit).code))
        } catch {
            return .failure(RunError(message: describeRunError(error, during: nil)))
        }
    }

    /// The WASI configuration of `--dir` / `--env`, with the host's standard streams.
    static func makeWASI(_ options: WASIOptions, arguments: [String]) throws(RunError) -> WASI {
        let preopens = options.directories.map(WASIPreopen.init(argument:))
        let environment = options.environment.map { variable -> (name: String, value: String) in
            let cut = variable.firstIndex(of: "=") ?? variable.endIndex
            return (String(variable[..<cut]), cut == variable.endIndex ? "" : String(variable[variable.index(after: cut)...]))
        }
        for (index, preopen) in preopens.enumerated() {
            do { _ = try WASIFileDescriptorTable(preopens: [preopen]) } catch {
                throw RunError(message: "error: cannot open --dir \(options.directories[index]): \(describe(error)) (\(preopen.hostPath))")
            }
        }
        do {
            let descriptors = try WASIFileDescriptorTable(preopens: preopens)
            return try WASI(arguments: arguments, environment: environment, fileDescriptors: descriptors)
        } catch {
            throw RunError(message: "error: cannot set up WASI: \(describe(error))")
        }
    }

    private static func describe(_ error: WASIErrno) -> String {
        switch error {
        case .noent: "no such directory"
        case .notdir: "not a directory"
        case .acces: "permission denied"
        default: "\(error)"
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
