import Testing
import WasmFormat
import WasmText

/// Compiles WAT, decodes it (bodies too) and returns the module, failing the test on errors
/// that are not validation errors.
func decodedModule(_ wat: String, features: FeatureSet = .default) throws -> Module {
    let bytes = try parseWAT(wat)
    return try decodeModule(bytes, features: features, decodeFunctionBodies: true)
}

/// The validation error of a WAT module, or `nil` if it is valid.
func validationError(_ wat: String, features: FeatureSet = .default) throws -> ValidationError? {
    let module = try decodedModule(wat, features: features)
    do {
        try validateModule(module, features: features)
        return nil
    } catch {
        return error
    }
}

/// Expects `wat` to be invalid with a message starting with `message` (as spec scripts match).
func expectInvalid(
    _ wat: String, _ message: String, features: FeatureSet = .default,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let error = try validationError(wat, features: features)
    #expect(error != nil, "expected \"\(message)\", but the module is valid", sourceLocation: sourceLocation)
    if let error {
        #expect(error.message.hasPrefix(message), "\(error)", sourceLocation: sourceLocation)
    }
}

/// Expects `wat` to be valid.
func expectValid(
    _ wat: String, features: FeatureSet = .default, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let error = try validationError(wat, features: features)
    #expect(error == nil, "\(error.map(\.description) ?? "")", sourceLocation: sourceLocation)
}
