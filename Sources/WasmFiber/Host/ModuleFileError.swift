#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A module file could not be read.
public struct ModuleFileError: Error, Sendable, CustomStringConvertible {
    /// The file's path, as given.
    public var path: String
    /// The system's error number (`errno`).
    public var errno: Int32

    /// `cannot read <path>: <reason>`.
    public var description: String {
        "cannot read \(path): \(String(cString: strerror(errno)))"
    }

    /// The contents of the file at `path`.
    static func read(_ path: String) throws(ModuleFileError) -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw ModuleFileError(path: path, errno: errno()) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            bytes += chunk[0..<count]
            if count < chunk.count {
                if ferror(file) != 0 { throw ModuleFileError(path: path, errno: errno()) }
                return bytes
            }
        }
    }

    private static func errno() -> Int32 {
        #if canImport(Glibc)
        Glibc.errno
        #else
        Darwin.errno
        #endif
    }
}
