import WasmFormat

/// A spec script (`.wast`): a sequence of commands that define modules, invoke exports and
/// assert outcomes.
///
/// This is the parsed form only; running it is the runtime's business, so nothing here
/// depends on a runtime (values are bit patterns, references are descriptions).
public struct WastScript: Sendable {
    /// The commands in script order.
    public var commands: [WastCommand]

    /// Creates a script from its commands.
    public init(commands: [WastCommand]) { self.commands = commands }
}

/// One command of a spec script, with the line it starts on (for test reports).
public struct WastCommand: Sendable {
    /// The 1-based line of the command's opening parenthesis.
    public var line: Int
    /// What the command does.
    public var kind: Kind

    /// Creates a command.
    public init(line: Int, kind: Kind) {
        self.line = line
        self.kind = kind
    }

    /// The commands of the spec script language.
    public enum Kind: Sendable {
        /// `(module …)`: define a module and (unless it is a `module definition`) instantiate it.
        case module(WastModule)
        /// `(module instance $instance $definition)`: instantiate a module definition.
        case instance(name: String?, definition: String?)
        /// `(register "name" $module?)`: make an instance's exports importable under a name.
        case register(name: String, module: String?)
        /// A bare `(invoke …)` or `(get …)`: run it, ignore the results (but not a trap).
        case action(WastAction)
        /// `(assert_return action expected*)`.
        case assertReturn(WastAction, [WastExpected])
        /// `(assert_trap action "message")`.
        case assertTrap(WastAction, message: String)
        /// `(assert_trap (module …) "message")`: instantiation traps (for example in `start`).
        case assertModuleTrap(WastModule, message: String)
        /// `(assert_exhaustion action "message")`: the call runs out of stack.
        case assertExhaustion(WastAction, message: String)
        /// `(assert_exception action)`: the call throws an uncaught WebAssembly exception.
        case assertException(WastAction)
        /// `(assert_suspension action "message")`: the call suspends to the host (an
        /// unhandled stack-switching tag).
        case assertSuspension(WastAction, message: String)
        /// `(assert_invalid module "message")`: the module decodes but does not validate.
        case assertInvalid(WastModule, message: String)
        /// `(assert_malformed module "message")`: the module does not decode (binary) or
        /// parse (text, given as `module quote`).
        case assertMalformed(WastModule, message: String)
        /// `(assert_unlinkable module "message")`: imports do not match.
        case assertUnlinkable(WastModule, message: String)
        /// `(assert_uninstantiable module "message")`: instantiation traps.
        case assertUninstantiable(WastModule, message: String)
        /// `(assert_malformed_custom module "message")`: a custom section (or its text
        /// annotation) is malformed; only checked by tools that interpret that section.
        case assertMalformedCustom(WastModule, message: String)
        /// `(assert_invalid_custom module "message")`: a custom section is invalid.
        case assertInvalidCustom(WastModule, message: String)
    }
}

/// A module as a script gives it.
public struct WastModule: Sendable {
    /// The `$id` the script uses to refer to the module (or its instance).
    public var name: String?
    /// `module definition`: define without instantiating.
    public var isDefinition: Bool
    /// The module's contents.
    public var source: Source
    /// The proposals the script was parsed with; quoted text is compiled with them too.
    public var features: FeatureSet

    /// Creates a module description.
    public init(name: String?, isDefinition: Bool = false, source: Source, features: FeatureSet = .default) {
        self.name = name
        self.isDefinition = isDefinition
        self.source = source
        self.features = features
    }

    /// How the module was written.
    public enum Source: Sendable, Equatable {
        /// A text module, already compiled to binary when the script was parsed.
        case text([UInt8])
        /// `(module binary "…")`: the bytes exactly as written (possibly malformed).
        case binary([UInt8])
        /// `(module quote "…")`: text that is parsed only when the command runs, so that a
        /// malformed one is that command's failure.
        case quote([UInt8])
    }

    /// The binary module: the bytes of `.text`/`.binary`, or the compiled `.quote` text.
    ///
    /// - Throws: `TextError` when quoted text does not parse.
    public func binary() throws(TextError) -> [UInt8] {
        switch source {
        case .text(let bytes), .binary(let bytes): return bytes
        case .quote(let text): return try parseWAT(bytes: text, features: features)
        }
    }
}

/// An action: call an export or read an exported global.
public enum WastAction: Sendable, Equatable {
    /// `(invoke $module? "name" argument*)`.
    case invoke(module: String?, name: String, arguments: [WastValue])
    /// `(get $module? "name")`.
    case get(module: String?, name: String)
}

/// A concrete value in a script (an argument, or an exact expected result). Numbers are bit
/// patterns so that NaN payloads and signed zeros survive.
public enum WastValue: Sendable, Equatable {
    /// An `i32`, as its two's complement bits.
    case i32(UInt32)
    /// An `i64`, as its two's complement bits.
    case i64(UInt64)
    /// An `f32`, as its IEEE 754 bits.
    case f32(UInt32)
    /// An `f64`, as its IEEE 754 bits.
    case f64(UInt64)
    /// A 128-bit vector, little-endian bytes.
    case v128([UInt8])
    /// `(ref.null ht)`: the null reference of a heap type (its text name, for example
    /// `"func"`, `"extern"`, `"any"`).
    case refNull(String)
    /// `(ref.extern n)`: the host reference number *n*, as an `externref`.
    case refExtern(UInt32)
    /// `(ref.host n)`: the host reference number *n*, as an `anyref`.
    case refHost(UInt32)
}

/// An expected result of `assert_return`.
public enum WastExpected: Sendable, Equatable {
    /// Exactly this value (for floats: these bits; for references: this reference).
    case value(WastValue)
    /// `nan:canonical` of `f32`/`f64` (`bits` is 32 or 64).
    case canonicalNaN(bits: Int)
    /// `nan:arithmetic` of `f32`/`f64`.
    case arithmeticNaN(bits: Int)
    /// A `v128` of float lanes some of which are NaN patterns: `shape` is `"f32x4"` or
    /// `"f64x2"`, each lane `.value(.f32/.f64)`, `.canonicalNaN` or `.arithmeticNaN`.
    /// (A `v128.const` without patterns is `.value(.v128(bytes))`.)
    case v128Lanes(shape: String, lanes: [WastExpected])
    /// `(ref.null)`: any null reference.
    case anyNull
    /// `(ref.func)` (`index` nil) or `(ref.func n)`: a non-null function reference.
    case refFunc(index: UInt32?)
    /// `(ref.extern)`: any non-null external reference.
    case anyExtern
    /// A non-null reference of an abstract kind: `"any"`, `"eq"`, `"i31"`, `"struct"`,
    /// `"array"`, `"exn"`, … (from `(ref.struct)` etc.).
    case refKind(String)
    /// `(either e1 e2 …)`: any one of the alternatives.
    case either([WastExpected])
}
