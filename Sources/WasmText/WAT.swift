import WasmFormat

// The WebAssembly text format, compiled to the binary format.
//
// Pipeline: `Lexer` (bytes → `Token`s) → `AnnotatedTokens` (annotations removed, `@custom`,
// `@name` and branch hints kept aside) → `ModuleParser` (identifier scan, then types, then
// the other fields; instructions via `InstructionParser` and `InstructionImmediates`, which
// read `WasmFormat.InstructionTable`) → `ModuleOutput.encode()` (sections in binary order,
// custom sections, the `name` section). Spec scripts go through the same first two steps
// and then `WastParser`.

/// Compiles a WebAssembly text-format module (WAT) to the binary format.
///
/// The text may be `(module …)` or a bare sequence of module fields. The result is exactly
/// what a binary module with the same meaning contains (plus a `name` section with the text's
/// identifiers), so the one binary decoder stays the single source of truth for what a
/// module means. Nothing is validated beyond what the text grammar requires: an invalid
/// module (say, a type mismatch) still compiles, and the decoder/validator reports it.
///
/// - Parameter features: the proposals the text may use (they decide, for example, whether
///   limits are `u32` or `u64`).
/// - Throws: `TextError` with the line and column of the first problem.
public func parseWAT(_ text: String, features: FeatureSet = .default) throws(TextError) -> [UInt8] {
    try parseWAT(bytes: Array(text.utf8), features: features)
}

/// Compiles a WebAssembly text-format module given as UTF-8 bytes (which need not be valid
/// UTF-8: invalid bytes inside strings are reported where they matter, as `module quote`
/// scripts expect).
public func parseWAT(bytes: [UInt8], features: FeatureSet = .default) throws(TextError) -> [UInt8] {
    let tokens = try Lexer.tokenize(bytes)
    let stream = try AnnotatedTokens(tokens)
    var parser = try ModuleParser(TokenCursor(stream), allowBare: true, features: features)
    let module = try parser.compile()
    guard parser.cursor.current.kind == .end else { throw parser.cursor.unexpected() }
    return module
}
