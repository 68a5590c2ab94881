/// Which parts of the spec test suite this runtime does not run yet, and why.
///
/// A folder listed here is skipped (with its reason) when a directory is walked; a single
/// script given by itself is still run, so that work on a proposal can start with its files.
/// Commands that need something the runtime or its embedding API lacks are skipped one by one
/// by the script runner (see ``WastSkipReason``).
public enum WastSkipPolicy {
    /// Folders (relative to the suite root) not run when walking, with the reason. A folder
    /// also covers its subfolders.
    public static let skippedFolders: [(folder: String, reason: String)] = [
        ("core/gc", "GC is not implemented"),
        ("core/simd", "SIMD is not implemented"),
        ("core/relaxed-simd", "SIMD is not implemented"),
        ("proposals/wide-arithmetic", "wide arithmetic (phase 3) is not implemented"),
        ("proposals/custom-page-sizes", "custom page sizes (phase 3) are not implemented"),
        ("proposals/custom-descriptors", "custom descriptors (phase 3, still changing) are not implemented"),
    ]

    /// Why the scripts of `folder` are not run when walking a directory, or `nil` if they are.
    public static func reason(forFolder folder: String) -> String? {
        skippedFolders.first { folder == $0.folder || folder.hasPrefix($0.folder + "/") }?.reason
    }
}

/// Reasons for skipping single commands.
public enum WastSkipReason {
    /// A `v128` argument or expected result: the embedding API has no vector values.
    public static let v128 = "v128 values: SIMD is not implemented"
    /// `ref.host n` and abstract GC references (`ref.i31`, `ref.struct`, …): the embedding API
    /// has no `anyref` values.
    public static let gcReference = "GC references (anyref, ref.host): not in the embedding API"
    /// `thread`/`wait` commands (threads proposal): scripts with them are not run.
    public static let threadCommands = "thread/wait script commands are not supported"
}
