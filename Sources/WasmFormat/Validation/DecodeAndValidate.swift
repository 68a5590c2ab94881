/// Decoding and validating a binary module with each function body read once.
///
/// `decodeModule(_:features:decodeFunctionBodies: true)` followed by `validateModule` reads
/// every body twice: once to check its encoding, once to type-check it (the second read
/// checks the encoding again, with the same `InstructionReader` code). This reads them once,
/// when validating, and gives the same outcome: a module whose bodies are all well formed
/// and valid is accepted; otherwise the bodies' encodings are checked as the eager decoder
/// would (`checkFunctionBodyEncodings()`), so that a malformed body anywhere is reported as
/// the `DecodingError` it was, before any validation error (spec scripts tell
/// `assert_malformed` from `assert_invalid` by it). On the startup benchmark's module this
/// saves the eager pass, about 16 M of 116 M instructions for `wasmfiber validate`.

/// Why a module was rejected by `decodeAndValidateModule(_:features:)`.
public enum ModuleCheckError: Error, Sendable {
    /// The bytes are malformed (as `decodeModule(_:features:decodeFunctionBodies: true)` throws).
    case malformed(DecodingError)
    /// The module is well formed but invalid (as `validateModule` throws), with the decoded
    /// module for describing the error (function names).
    case invalid(ValidationError, module: Module)
}

/// Decodes and validates a binary module: the result and errors of
/// `decodeModule(bytes, features: features, decodeFunctionBodies: true)` then
/// `validateModule(module, features: features)`, with every body read once when valid.
///
/// - Returns: the module and its validation context.
public func decodeAndValidateModule(
    _ bytes: [UInt8], features: FeatureSet = .default
) throws(ModuleCheckError) -> (module: Module, context: ValidationContext) {
    let module: Module
    do { module = try decodeModule(bytes, features: features) } catch { throw .malformed(error) }
    do {
        return (module, try validateModule(module, features: features))
    } catch {
        // Not every body was read to its end: a malformed one comes first, as it would have
        // when decoding eagerly.
        do { try module.checkFunctionBodyEncodings() } catch let malformed { throw .malformed(malformed) }
        throw .invalid(error, module: module)
    }
}

extension Module {
    /// Checks the encoding of every function body, in order (what `decodeModule` does with
    /// `decodeFunctionBodies: true` after the sections); throws the first body's error.
    public func checkFunctionBodyEncodings() throws(DecodingError) {
        for body in functionBodies {
            var instructions = instructions(of: body)
            try instructions.skipAll()
        }
    }
}
