#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A host directory made reachable to the guest (`--dir HOST[::GUEST]`). Preopens get WASI fds
/// 3, 4, … in the order given; the guest finds them with `fd_prestat_get` /
/// `fd_prestat_dir_name` and resolves every path beneath one of them.
public struct WASIPreopen: Sendable, Equatable {
    /// The directory on the host.
    public var hostPath: String
    /// The name the guest sees (what `fd_prestat_dir_name` returns), e.g. `"/sandbox"` or `"."`.
    public var guestPath: String

    /// A preopen of `hostPath`, visible to the guest as `guestPath` (default: the host path).
    public init(hostPath: String, guestPath: String? = nil) {
        self.hostPath = hostPath
        self.guestPath = guestPath ?? hostPath
    }

    /// Parses `HOST[::GUEST]`, the `--dir` syntax.
    public init(argument: String) {
        if let range = argument.firstRange(of: "::") {
            self.init(hostPath: String(argument[..<range.lowerBound]), guestPath: String(argument[range.upperBound...]))
        } else {
            self.init(hostPath: argument)
        }
    }

    /// Opens the host directory (the fd that the table keeps for the preopen).
    func open() throws(WASIErrno) -> Int32 {
        let fd = hostPath.withCString { hostOpen($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { throw .current }
        return fd
    }
}

/// Preview-1 `prestat`: what `fd_prestat_get` describes (only directories exist in preview 1).
public enum WASIPrestat: Sendable, Equatable {
    /// A preopened directory whose guest name is `nameLength` bytes long.
    case directory(nameLength: UInt32)
}

/// `open(2)` under a name that does not collide with `WASIPreopen.open`.
@inline(__always)
private func hostOpen(_ path: UnsafePointer<CChar>, _ flags: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.open(path, flags)
    #else
    Darwin.open(path, flags)
    #endif
}
