import WasmFormat

/// How the folders of the WebAssembly spec test suite are meant to be run: which proposals
/// each folder's scripts are written for.
///
/// One rule for every tool that runs or walks the suite (the `wast` command, the conformance
/// tests, the text and validation suite walks), so that they agree.
public enum WastFolders {
    /// The features a folder's scripts are written for (`folder` relative to the suite root,
    /// e.g. `core/memory64`; see ``folder(ofScriptPath:)`` for arbitrary paths).
    ///
    /// - core and legacy: WebAssembly 3.0 (everything but SIMD), without stack switching,
    ///   under which `core/exceptions/tag.wast`'s "non-empty tag result type" cases no longer
    ///   hold (`proposals/stack-switching/overrides/tag.wast` is its stack-switching version).
    /// - proposals/threads: written against WebAssembly 2.0 — no multi-memory, no reference
    ///   types, no memory64 (so its text limits are u32); its versions of `exports`, `imports`
    ///   and `memory.wast` stand in for core's when threads are on.
    /// - proposals/stack-switching (with `examples/` and `overrides/`): everything but SIMD.
    public static func features(forFolder folder: String) -> FeatureSet {
        if folder.hasPrefix("proposals/stack-switching") { return .default }
        if folder.hasPrefix("proposals/threads") {
            return [.signExtension, .saturatingFloatToInt, .multiValue, .bulkMemory, .threads]
        }
        return FeatureSet.default.removing(.stackSwitching)
    }

    /// The top-level folders of the suite.
    public static let topLevelFolders: Set<String> = ["core", "legacy", "custom", "proposals"]

    /// The suite folder of a script given by any path: the directory part from the last
    /// component that is one of the suite's top-level folders (`core`, `legacy`, `custom`,
    /// `proposals`) on, e.g. `../shared/wasm-testsuite/core/simd/simd_const.wast` →
    /// `core/simd`. A path outside such a folder gives `""` (run as `core`).
    public static func folder(ofScriptPath path: String) -> String {
        var components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if !components.isEmpty { components.removeLast() }  // the file name
        guard let start = components.lastIndex(where: { topLevelFolders.contains($0) }) else { return "" }
        return components[start...].joined(separator: "/")
    }
}

/// Numeric literals as the text format writes them, for tools that read values from the user
/// (e.g. arguments on a command line). Each returns the value's bits, or `nil` when the text
/// is not such a literal or is out of range.
public enum TextLiteral {
    /// An `i32`: `-2147483648` … `4294967295`, decimal or `0x` hex, `_` between digits.
    public static func i32(_ text: String) -> UInt32? { try? IntegerLiteral.i32(text).get() }
    /// An `i64`, likewise.
    public static func i64(_ text: String) -> UInt64? { try? IntegerLiteral.i64(text).get() }
    /// An `f32`: decimal, hex (`0x1.8p3`), `inf`, `nan`, `nan:0x…`, each with an optional sign.
    public static func f32(_ text: String) -> UInt32? { try? FloatLiteral.f32(text).get() }
    /// An `f64`, likewise.
    public static func f64(_ text: String) -> UInt64? { try? FloatLiteral.f64(text).get() }
}
