import WasmFiber
import WasmFormat
import WasmText

/// Runs the commands of one spec script against the WasmFiber embedding API, and says of each
/// whether it did what the script asserts.
///
/// One runner per script: it owns the script's engine, its `spectest` module, its registered
/// and named instances and its "current" module (the last one instantiated). Nothing a module
/// or an action does ends the run: every error is the outcome of its command, and a command
/// that needs a module that failed to load says so.
public final class WastScriptRunner {
    /// How a script runs.
    public struct Options: Sendable {
        /// The proposals the script's modules may use (see `WastFolders.features(forFolder:)`).
        public var features: FeatureSet
        /// The engine's configuration (its `features` are replaced by ``features``).
        public var engine: EngineConfiguration
        /// Where `spectest`'s print functions write (nowhere by default).
        public var output: SpecTestHost.Output?

        /// Options for a script written for `features`.
        public init(features: FeatureSet, engine: EngineConfiguration = EngineConfiguration(),
                    output: SpecTestHost.Output? = nil) {
            self.features = features
            self.engine = engine
            self.output = output
        }
    }

    /// The options it was made with.
    public let options: Options
    /// The engine that owns everything the script instantiates.
    public let engine: Engine

    /// `spectest` and every `register`ed instance.
    private var imports = Imports()
    /// What the script refers to by `$name`: a module (definition or instantiated), its
    /// instance, or the line of the command whose module failed.
    private var definitions: [String: WasmFiber.Module] = [:]
    private var instances: [String: Instance] = [:]
    private var failedNames: [String: Int] = [:]
    /// The last module defined (for `module instance` without a definition name).
    private var lastDefinition: Result<WasmFiber.Module, Failure>?
    /// The instance unnamed actions use.
    private var current: Result<Instance, Failure>?

    /// What a `$name` (or the current module) refers to, or why there is none.
    private enum Lookup<T> {
        case found(T)
        case problem(String)
    }

    /// A command that did not produce the module later commands refer to.
    private struct Failure: Error {
        var line: Int
    }

    /// A runner with a fresh engine and `spectest` module.
    public init(options: Options) {
        self.options = options
        var configuration = options.engine
        configuration.features = options.features
        engine = Engine(configuration)
        SpecTestHost.define(in: &imports, output: options.output)
    }

    /// Runs every command of `script`, in order.
    public func run(_ script: WastScript) -> [WastCommandResult] {
        script.commands.map { WastCommandResult(line: $0.line, outcome: run($0)) }
    }

    /// Runs one command.
    public func run(_ command: WastCommand) -> WastOutcome {
        let line = command.line
        switch command.kind {
        case .module(let module):
            return define(module, line: line)

        case .instance(let name, let definitionName):
            let definition: WasmFiber.Module
            switch lookUpDefinition(definitionName) {
            case .found(let module): definition = module
            case .problem(let problem):
                record(name, .failure(Failure(line: line)))
                return .failed(expected: "a module definition to instantiate", actual: problem)
            }
            do {
                let instance = try Instance(definition, imports: imports, engine: engine)
                record(name, .success(instance))
                return .passed
            } catch {
                record(name, .failure(Failure(line: line)))
                return .failed(expected: "the module to instantiate", actual: WastErrors.describe(error))
            }

        case .register(let name, let moduleName):
            switch lookUpInstance(moduleName) {
            case .found(let instance):
                imports.define(name, instance: instance)
                return .passed
            case .problem(let problem):
                return .failed(expected: "an instance to register as \"\(name)\"", actual: problem)
            }

        case .action(let action):
            switch perform(action) {
            case .returned: return .passed
            case .unsupported(let reason): return .skipped(reason: reason)
            case .missing(let problem): return .failed(expected: "the action to run", actual: problem)
            case .threw(let error): return .failed(expected: "the action to complete", actual: WastErrors.describe(error))
            }

        case .assertReturn(let action, let expected):
            if let reason = expected.lazy.compactMap(WastValues.unsupportedReason).first { return .skipped(reason: reason) }
            let want = WastValues.describe(expected)
            switch perform(action) {
            case .returned(let values):
                if values.count == expected.count, zip(values, expected).allSatisfy(WastValues.matches) { return .passed }
                return .failed(expected: want, actual: WastValues.describe(values))
            case .unsupported(let reason): return .skipped(reason: reason)
            case .missing(let problem): return .failed(expected: want, actual: problem)
            case .threw(let error): return .failed(expected: want, actual: WastErrors.describe(error))
            }

        case .assertTrap(let action, let message):
            return expectTrap(perform(action), message: message)

        case .assertExhaustion(let action, let message):
            let want = "trap \"\(message)\" (call stack exhausted)"
            switch perform(action) {
            case .threw(let trap as Trap) where trap.kind == .callStackExhausted: return .passed
            case .threw(let error): return .failed(expected: want, actual: WastErrors.describe(error))
            case .returned(let values): return .failed(expected: want, actual: "returned " + WastValues.describe(values))
            case .unsupported(let reason): return .skipped(reason: reason)
            case .missing(let problem): return .failed(expected: want, actual: problem)
            }

        case .assertException(let action):
            let want = "an uncaught exception"
            switch perform(action) {
            case .threw(is UncaughtException): return .passed
            case .threw(let error): return .failed(expected: want, actual: WastErrors.describe(error))
            case .returned(let values): return .failed(expected: want, actual: "returned " + WastValues.describe(values))
            case .unsupported(let reason): return .skipped(reason: reason)
            case .missing(let problem): return .failed(expected: want, actual: problem)
            }

        case .assertSuspension(let action, let message):
            // A suspension that no handler takes ends the call at the host boundary: the
            // runtime reports it as the trap "unhandled tag".
            let want = "suspension \"\(message)\" (unhandled tag)"
            switch perform(action) {
            case .threw(let trap as Trap) where trap.kind == .unhandledTag: return .passed
            case .threw(let error): return .failed(expected: want, actual: WastErrors.describe(error))
            case .returned(let values): return .failed(expected: want, actual: "returned " + WastValues.describe(values))
            case .unsupported(let reason): return .skipped(reason: reason)
            case .missing(let problem): return .failed(expected: want, actual: problem)
            }

        case .assertModuleTrap(let module, let message), .assertUninstantiable(let module, let message):
            let loaded: WasmFiber.Module
            do { loaded = try load(module) } catch {
                return .failed(expected: "a module that loads, then traps \"\(message)\"", actual: WastErrors.describe(error))
            }
            do {
                _ = try Instance(loaded, imports: imports, engine: engine)
                return .failed(expected: "instantiation to trap \"\(message)\"", actual: "instantiated")
            } catch {
                return expectTrap(.threw(error), message: message, during: "instantiation")
            }

        case .assertUnlinkable(let module, let message):
            let want = "link error \"\(message)\""
            let loaded: WasmFiber.Module
            do { loaded = try load(module) } catch {
                return .failed(expected: "a module that loads, then fails to link \"\(message)\"", actual: WastErrors.describe(error))
            }
            do {
                _ = try Instance(loaded, imports: imports, engine: engine)
                return .failed(expected: want, actual: "instantiated")
            } catch let error as LinkError {
                return error.message.hasPrefix(message) ? .passed : .failed(expected: want, actual: WastErrors.describe(error))
            } catch {
                return .failed(expected: want, actual: WastErrors.describe(error))
            }

        case .assertInvalid(let module, let message):
            let want = "invalid module \"\(message)\""
            let bytes: [UInt8]
            do { bytes = try module.binary() } catch {
                return .failed(expected: want, actual: WastErrors.describe(error))
            }
            do {
                _ = try WasmFiber.Module(bytes: bytes, features: options.features)
                return .failed(expected: want, actual: "the module validated")
            } catch is WasmFormat.ValidationError {
                return .passed
            } catch {
                return .failed(expected: want, actual: WastErrors.describe(error))
            }

        case .assertMalformed(let module, let message):
            if case .quote = module.source {
                do {
                    _ = try module.binary()
                    return .failed(expected: "malformed text \"\(message)\"", actual: "the text compiled")
                } catch {
                    return .passed
                }
            }
            let want = "malformed module \"\(message)\""
            let bytes: [UInt8]
            do { bytes = try module.binary() } catch {
                return .failed(expected: want, actual: WastErrors.describe(error))
            }
            do {
                _ = try WasmFiber.Module(bytes: bytes, features: options.features)
                return .failed(expected: want, actual: "the module decoded and validated")
            } catch is WasmFormat.DecodingError {
                return .passed
            } catch {
                return .failed(expected: want, actual: WastErrors.describe(error))
            }

        case .assertMalformedCustom(let module, let message), .assertInvalidCustom(let module, let message):
            // Only the name section is interpreted: a module whose other custom sections (or
            // their annotations) are malformed or invalid must still load. Text whose
            // annotation the text tools reject is the malformation the script asserts.
            let isMalformed = if case .assertMalformedCustom = command.kind { true } else { false }
            let bytes: [UInt8]
            do { bytes = try module.binary() } catch {
                if isMalformed { return .passed }
                return .failed(expected: "a module that loads (custom section \"\(message)\" ignored)",
                               actual: WastErrors.describe(error))
            }
            do {
                _ = try WasmFiber.Module(bytes: bytes, features: options.features)
                return .passed
            } catch {
                return .failed(expected: "a module that loads (custom section \"\(message)\" ignored)",
                               actual: WastErrors.describe(error))
            }
        }
    }

    // MARK: - Modules

    /// `(module …)`: load it, and unless it is a definition, instantiate it as the current module.
    private func define(_ module: WastModule, line: Int) -> WastOutcome {
        let loaded: WasmFiber.Module
        do { loaded = try load(module) } catch {
            if let name = module.name { failedNames[name] = line; definitions[name] = nil; instances[name] = nil }
            lastDefinition = .failure(Failure(line: line))
            if !module.isDefinition { current = .failure(Failure(line: line)) }
            return .failed(expected: "the module to load", actual: WastErrors.describe(error))
        }
        lastDefinition = .success(loaded)
        if let name = module.name { definitions[name] = loaded; failedNames[name] = nil }
        if module.isDefinition { return .passed }
        do {
            let instance = try Instance(loaded, imports: imports, engine: engine)
            record(module.name, .success(instance))
            return .passed
        } catch {
            record(module.name, .failure(Failure(line: line)))
            return .failed(expected: "the module to instantiate", actual: WastErrors.describe(error))
        }
    }

    /// Decodes and validates a script module with the script's features.
    private func load(_ module: WastModule) throws -> WasmFiber.Module {
        try WasmFiber.Module(bytes: try module.binary(), features: options.features)
    }

    /// Makes `instance` current, and `name`'s.
    private func record(_ name: String?, _ instance: Result<Instance, Failure>) {
        current = instance
        guard let name else { return }
        switch instance {
        case .success(let instance): instances[name] = instance; failedNames[name] = nil
        case .failure(let failure): instances[name] = nil; failedNames[name] = failure.line
        }
    }

    private func lookUpDefinition(_ name: String?) -> Lookup<WasmFiber.Module> {
        guard let name else {
            switch lastDefinition {
            case .success(let module)?: return .found(module)
            case .failure(let failure)?: return .problem("the module at line \(failure.line) did not load")
            case nil: return .problem("no module defined yet")
            }
        }
        if let module = definitions[name] { return .found(module) }
        if let line = failedNames[name] { return .problem("module $\(name) (line \(line)) did not load") }
        return .problem("no module $\(name)")
    }

    private func lookUpInstance(_ name: String?) -> Lookup<Instance> {
        guard let name else {
            switch current {
            case .success(let instance)?: return .found(instance)
            case .failure(let failure)?: return .problem("the module at line \(failure.line) did not instantiate")
            case nil: return .problem("no module instantiated yet")
            }
        }
        if let instance = instances[name] { return .found(instance) }
        if let line = failedNames[name] { return .problem("module $\(name) (line \(line)) did not instantiate") }
        return .problem("no instance $\(name)")
    }

    // MARK: - Actions

    /// What an action gave.
    private enum ActionResult {
        case returned([Value])
        case threw(any Error)
        /// The module or export it names is not there.
        case missing(String)
        /// An argument the API cannot express.
        case unsupported(String)
    }

    private func perform(_ action: WastAction) -> ActionResult {
        switch action {
        case .invoke(let moduleName, let name, let arguments):
            let instance: Instance
            switch lookUpInstance(moduleName) {
            case .found(let found): instance = found
            case .problem(let problem): return .missing(problem)
            }
            guard let function = instance.function(name) else {
                return .missing(instance.export(name) == nil ? "no export \"\(name)\"" : "export \"\(name)\" is not a function")
            }
            let parameters = function.type.parameters
            var values: [Value] = []
            for (index, argument) in arguments.enumerated() {
                if let reason = WastValues.unsupportedReason(argument) { return .unsupported(reason) }
                guard let value = WastValues.value(argument, type: index < parameters.count ? parameters[index] : nil) else {
                    return .unsupported(WastSkipReason.gcReference)
                }
                values.append(value)
            }
            do { return .returned(try function.call(values)) } catch { return .threw(error) }

        case .get(let moduleName, let name):
            switch lookUpInstance(moduleName) {
            case .found(let instance):
                guard let global = instance.global(name) else {
                    return .missing(instance.export(name) == nil ? "no export \"\(name)\"" : "export \"\(name)\" is not a global")
                }
                return .returned([global.value])
            case .problem(let problem): return .missing(problem)
            }
        }
    }

    /// `assert_trap`: a trap whose message starts with the expected text.
    private func expectTrap(_ result: ActionResult, message: String, during context: String? = nil) -> WastOutcome {
        let want = "trap \"\(message)\"" + (context.map { " during \($0)" } ?? "")
        switch result {
        case .threw(let trap as Trap):
            return trap.message.hasPrefix(message) ? .passed : .failed(expected: want, actual: WastErrors.describe(trap))
        case .threw(let error): return .failed(expected: want, actual: WastErrors.describe(error))
        case .returned(let values): return .failed(expected: want, actual: "returned " + WastValues.describe(values))
        case .unsupported(let reason): return .skipped(reason: reason)
        case .missing(let problem): return .failed(expected: want, actual: problem)
        }
    }
}
