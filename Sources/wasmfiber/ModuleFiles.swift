import ArgumentParser
import WasmFormat
import WasmText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `validate` and `inspect` share: feature options, reading a module file (binary or
/// text) into a decoded `Module`, and the one-line report of a file.

// MARK: - Features

/// `--enable` / `--disable`: which proposals the decoder and validator accept, by the raw
/// values of `Feature` (`threads`, `gc`, `tail-call`, …), shared by `validate` and `inspect`.
struct FeatureOptions: ParsableArguments {
    @Option(
        name: .customLong("disable"),
        help: ArgumentHelp(
            "Proposals to switch off, comma-separated (repeatable); 'all' leaves only the MVP.",
            discussion: "Names: \(Feature.allCases.filter { $0 != .mvp }.map(\.rawValue).joined(separator: ", ")).",
            valueName: "features"
        )
    )
    var disabled: [String] = []

    @Option(
        name: .customLong("enable"),
        help: ArgumentHelp("Proposals to switch on that are off by default (simd), comma-separated.", valueName: "features")
    )
    var enabled: [String] = []

    /// The default set, plus `--enable`, minus `--disable`.
    func featureSet() throws -> FeatureSet {
        do {
            return try makeFeatureSet(enabling: enabled, disabling: disabled)
        } catch {
            throw ArgumentParser.ValidationError(error.description)
        }
    }
}

/// A feature name that `Feature` does not know.
struct FeatureListError: Error, Equatable, CustomStringConvertible {
    /// The unknown name, as given.
    var name: String

    var description: String {
        "unknown feature '\(name)'; known: all, \(Feature.allCases.filter { $0 != .mvp }.map(\.rawValue).joined(separator: ", "))"
    }
}

/// Parses comma-separated feature lists (each element of `enabling`/`disabling` may hold
/// several names) into a set: `.default`, plus the enabled, minus the disabled. `all` stands
/// for every feature; `mvp` cannot be removed.
func makeFeatureSet(enabling: [String], disabling: [String]) throws(FeatureListError) -> FeatureSet {
    var set = FeatureSet.default
    for feature in try parseFeatureList(enabling) { set.insert(feature) }
    for feature in try parseFeatureList(disabling) { set.remove(feature) }
    return set
}

/// The features named in comma-separated lists; `all` expands to every feature.
func parseFeatureList(_ lists: [String]) throws(FeatureListError) -> [Feature] {
    var result: [Feature] = []
    for list in lists {
        for part in list.split(separator: ",") {
            let name = String(part).trimmingBlanks()
            if name.isEmpty { continue }
            if name == "all" {
                result += Feature.allCases
            } else if let feature = Feature(rawValue: name) {
                result.append(feature)
            } else {
                throw FeatureListError(name: name)
            }
        }
    }
    return result
}

// MARK: - Loading

/// A module read from a file: its decoded form, and whether it was compiled from text.
struct LoadedModule {
    /// The decoded module (for text, the compiled binary's).
    var module: Module
    /// Whether the file was WebAssembly text.
    var isText: Bool
}

/// Why a file could not be turned into a decoded module.
enum ModuleLoadError: Error {
    /// The file could not be read (missing, a directory, no permission, …).
    case unreadable(String)
    /// Text that does not parse.
    case text(TextError)
    /// A binary (or compiled text) module that does not decode.
    case malformed(DecodingError, isText: Bool)
}

/// Reads a whole file with POSIX calls (the CLI does without Foundation).
///
/// - Throws: the system's reason (`strerror`), e.g. "No such file or directory".
func readFileBytes(_ path: String) throws(ModuleLoadError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count == 0 { return bytes }
        if count < 0 {
            if errno == EINTR { continue }
            throw .unreadable(String(cString: strerror(errno)))
        }
        bytes += chunk[0..<count]
    }
}

/// Whether a file holds WebAssembly text: never if it starts with the binary magic
/// `\0asm`; otherwise if its name ends in `.wat` or its first non-blank byte opens a form
/// (`(`) or a comment (`;`).
func looksLikeText(path: String, bytes: [UInt8]) -> Bool {
    if bytes.starts(with: [0x00, 0x61, 0x73, 0x6D]) { return false }
    if path.hasSuffix(".wat") { return true }
    guard let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return false }
    return first == UInt8(ascii: "(") || first == UInt8(ascii: ";")
}

/// Reads, compiles (text, with the same features) and decodes a module file; function bodies
/// are decoded eagerly so that malformed code is reported as such, with its offset.
func loadModuleFile(at path: String, features: FeatureSet) throws(ModuleLoadError) -> LoadedModule {
    let (binary, isText) = try loadModuleBinary(at: path, features: features)
    do {
        return LoadedModule(module: try decodeModule(binary, features: features, decodeFunctionBodies: true), isText: isText)
    } catch {
        throw .malformed(error, isText: isText)
    }
}

/// Reads a module file and compiles it if it is text (with the same features): the binary
/// module, and whether it came from text.
func loadModuleBinary(at path: String, features: FeatureSet) throws(ModuleLoadError) -> (binary: [UInt8], isText: Bool) {
    let bytes = try readFileBytes(path)
    let isText = looksLikeText(path: path, bytes: bytes)
    guard isText else { return (bytes, false) }
    do { return (try parseWAT(bytes: bytes, features: features), true) } catch { throw .text(error) }
}

// MARK: - Reports

/// The outcome of checking one file, with the line `validate` prints for it.
struct ModuleFileReport: Equatable {
    /// What happened.
    enum Outcome: Equatable {
        case valid
        /// Malformed or invalid; the message includes the byte offset.
        case invalid(String)
        /// Text that does not parse: where and why.
        case textError(TextError)
        /// The file could not be read.
        case unreadable(String)
    }

    /// The file as given on the command line.
    var path: String
    /// What happened.
    var outcome: Outcome

    /// Whether the module is valid.
    var isValid: Bool { outcome == .valid }

    /// `FILE: valid`, `FILE: invalid: …`, `FILE:LINE:COLUMN: …` or `FILE: error: …`.
    var line: String {
        switch outcome {
        case .valid: "\(path): valid"
        case .invalid(let message): "\(path): invalid: \(message)"
        case .textError(let error): "\(path):\(error.location.line):\(error.location.column): \(error.message)"
        case .unreadable(let reason): "\(path): error: cannot read file: \(reason)"
        }
    }
}

/// The report outcome for a file that did not load.
func outcome(of error: ModuleLoadError) -> ModuleFileReport.Outcome {
    switch error {
    case .unreadable(let reason): .unreadable(reason)
    case .text(let error): .textError(error)
    case .malformed(let error, let isText):
        .invalid("\(error.message) (at byte offset \(error.offset)\(isText ? " of the compiled text" : ""))")
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (no Foundation here).
    func trimmingBlanks() -> String {
        let blanks: Set<Character> = [" ", "\t"]
        guard let first = firstIndex(where: { !blanks.contains($0) }),
              let last = lastIndex(where: { !blanks.contains($0) }) else { return "" }
        return String(self[first...last])
    }
}
