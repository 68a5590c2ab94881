import WasmFormat
import WasmText

/// A decoded and validated WebAssembly module, ready to be instantiated any number of times
/// (``Instance/init(_:imports:engine:)``).
///
/// Decoding and validation happen once, here, and completely (every function body is checked),
/// so a module that exists is valid; its instances only translate function bodies (lazily on
/// first call, or eagerly with ``EngineConfiguration/translatesEagerly``).
///
/// `WasmFormat` also has a type named `Module` (the decoded structure); where both modules are
/// imported, write `WasmFiber.Module`.
public struct Module: Sendable {
    /// The decoded structure.
    let decoded: WasmFormat.Module
    /// Validation's facts about it (index spaces, canonical types), kept for instantiation
    /// and the translator.
    let context: ValidationContext

    /// Decodes and validates a binary module.
    ///
    /// - Parameter features: the proposals the module may use.
    /// - Throws: `WasmFormat.DecodingError` if the bytes are malformed, `WasmFormat.ValidationError`
    ///   if the module is invalid, unchanged (spec scripts tell `assert_malformed` from
    ///   `assert_invalid` by the error's type).
    public init(bytes: [UInt8], features: FeatureSet = .default) throws {
        // Eager decoding then validation, with each body read once (same errors).
        do {
            (decoded, context) = try decodeAndValidateModule(bytes, features: features)
        } catch {
            switch error {
            case .malformed(let malformed): throw malformed
            case .invalid(let invalid, _): throw invalid
            }
        }
    }

    /// Compiles a module in the text format (WAT), then decodes and validates it.
    ///
    /// - Throws: `WasmText.TextError` for text that does not parse, then as
    ///   ``init(bytes:features:)``.
    public init(wat: String, features: FeatureSet = .default) throws {
        try self.init(bytes: try parseWAT(wat, features: features), features: features)
    }

    /// Reads a module file: a binary module, or text if the name ends in `.wat` or the
    /// contents start, after white space, with `(`.
    ///
    /// - Throws: ``ModuleFileError`` if the file cannot be read, then as ``init(bytes:features:)``
    ///   or ``init(wat:features:)``.
    public init(path: String, features: FeatureSet = .default) throws {
        let bytes = try ModuleFileError.read(path)
        if path.hasSuffix(".wat") || Self.looksLikeText(bytes) {
            try self.init(bytes: try parseWAT(bytes: bytes, features: features), features: features)
        } else {
            try self.init(bytes: bytes, features: features)
        }
    }

    /// Whether the first character that is not white space is `(` (a binary module starts
    /// with `\0asm`).
    private static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        let blanks: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        return bytes.first { !blanks.contains($0) } == UInt8(ascii: "(")
    }

    /// The imports, in order: what ``Imports`` must provide, by module name and name.
    public var imports: [WasmFormat.Import] { decoded.imports }

    /// The exports, in order.
    public var exports: [WasmFormat.Export] { decoded.exports }

    /// The function type a function import expects (`nil` for other kinds of imports), as the
    /// module declares it: concrete heap types in it are the module's type indices.
    public func functionType(of entry: WasmFormat.Import) -> FunctionType? {
        guard case .function(let typeIndex) = entry.descriptor, Int(typeIndex) < decoded.types.count,
              case .function(let type) = decoded.types[Int(typeIndex)].composite else { return nil }
        return type
    }

    /// The module's name from its `name` section (`(module $name …)` in the text format), if any.
    public var name: String? { decoded.names?.moduleName }

    /// The features the module was decoded and validated with.
    public var features: FeatureSet { decoded.features }
}
