#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding and reading script files, with POSIX calls (the CLI does without Foundation).
public enum WastFiles {
    /// A script to run, and whether it was named by itself (then it runs even in a folder
    /// that ``WastSkipPolicy`` skips) or found by walking a directory.
    public struct Script: Sendable, Equatable {
        public var path: String
        public var isExplicit: Bool

        public init(path: String, isExplicit: Bool) {
            self.path = path
            self.isExplicit = isExplicit
        }
    }

    /// Why a path given to the runner is not usable.
    public struct PathError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// The scripts of `paths`, in order: a file stands for itself, a directory for every
    /// `.wast` file under it (recursively, sorted by path).
    public static func scripts(in paths: [String]) throws(PathError) -> [Script] {
        var scripts: [Script] = []
        for path in paths {
            switch kind(of: path) {
            case .directory:
                var found: [String] = []
                walk(path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path, into: &found)
                scripts += found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { Script(path: $0, isExplicit: false) }
            case .file:
                scripts.append(Script(path: path, isExplicit: true))
            case .missing(let reason):
                throw PathError(path: path, reason: reason)
            }
        }
        return scripts
    }

    private enum Kind { case file, directory, missing(String) }

    private static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing(String(cString: strerror(errno))) }
        return info.st_mode & S_IFMT == S_IFDIR ? .directory : .file
    }

    /// Appends every `.wast` file under `directory` (following no symbolic links to
    /// directories, so that a loop cannot trap the walk).
    private static func walk(_ directory: String, into found: inout [String]) {
        guard let stream = opendir(directory) else { return }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let path = directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                walk(path, into: &found)
            } else if name.hasSuffix(".wast") {
                found.append(path)
            }
        }
    }

    /// The bytes of a file.
    ///
    /// - Throws: the system's reason (`strerror`), e.g. "No such file or directory".
    public static func read(_ path: String) throws(PathError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw PathError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw PathError(path: path, reason: String(cString: strerror(errno)))
            }
            bytes += chunk[0..<count]
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#else
private let systemRead = Darwin.read
#endif
