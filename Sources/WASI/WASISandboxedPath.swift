import CContext
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Sandboxed path resolution: a guest path is resolved relative to a directory fd and may never
// name anything outside it. The two strategies share everything except one step — opening a
// directory path beneath the root, following every symbolic link in it:
//
//   * `openat2`: the kernel does it (`RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS`, Linux ≥ 5.6);
//   * `manualWalk`: one `openat(O_NOFOLLOW | O_DIRECTORY)` per component, symbolic links read
//     with `readlinkat` and spliced into the remaining path, `..` popping a stack of the
//     directories entered (so it can never climb above the root).
//
// The final component is handled the same way for both: its directory is opened as above, the
// component is read with `readlinkat`, and when the operation follows final links the target is
// appended to the directory's path and the whole path resolved again from the root. Operations
// then use the `*at` calls on (directory fd, plain name) and never follow a link there, so a
// link swapped in concurrently is acted on itself (or refused), never followed out.
//
// Errno choices (preview 1 leaves them open; the issue allows ENOTCAPABLE or EPERM):
//   * every way out — an absolute path, `..` above the starting directory, a link to an
//     absolute path or one that climbs out — is `notcapable`, whichever strategy noticed it
//     (openat2's `EXDEV` is translated; a genuine cross-device `rename` stays `xdev`);
//   * more than 40 link expansions (loops included) are `loop`;
//   * a final link without `symlink_follow`: `path_open` fails with `loop` (O_NOFOLLOW, as
//     wasmtime), `path_filestat_get` and friends act on the link itself (lstat);
//   * `path_symlink` with an absolute target is `notcapable` (wasmtime: `perm`).
//
// Known limits: a *host* process that moves a directory out of the preopen while a walk is
// inside it can make the manual walk continue from outside (openat2 detects that and retries;
// the guest alone cannot cause it, both ends of `path_rename` being sandboxed). Magic links
// (`/proc/…/fd/N`) inside a preopen are `loop` with openat2 and usually `notcapable` (absolute
// text) with the walk.

/// How guest paths are resolved beneath a directory. Both give the same answers.
public enum WASIResolutionStrategy: Sendable, CaseIterable {
    /// Linux `openat2` with `RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS`.
    case openat2
    /// A component-by-component walk with `openat(O_NOFOLLOW)` that expands links itself.
    case manualWalk

    /// `openat2` when this kernel has it (probed once), otherwise `manualWalk`.
    public static var preferred: WASIResolutionStrategy { probedStrategy }

    /// Whether `openat2` works here (false on macOS, old kernels, or under a seccomp filter
    /// that refuses it).
    public static var openat2Available: Bool { probedStrategy == .openat2 }
}

private let probedStrategy: WASIResolutionStrategy = {
    let fd = wf_wasi_openat2(AT_FDCWD, ".", wasiDirectoryOpenFlags, 0, WF_RESOLVE_BENEATH | WF_RESOLVE_NO_MAGICLINKS)
    if fd >= 0 {
        close(fd)
        return .openat2
    }
    // ENOSYS: no such system call (old kernel, not Linux); EPERM: a seccomp filter refuses it.
    // Any other error came from the call itself (e.g. an unsearchable working directory).
    return errno == ENOSYS || errno == EPERM ? .manualWalk : .openat2
}()

/// Symbolic links expanded in one resolution before it fails with `loop`. Linux allows 40
/// (`MAXSYMLINKS`), and `openat2` counts with that limit, so the manual walk uses the same
/// bound and both strategies agree on every chain length.
public let wasiMaxSymlinkExpansions = 40

/// Longest guest path accepted (`PATH_MAX` on Linux); longer paths fail with `nametoolong`.
let wasiMaxPathLength = 4096

/// A host file descriptor that this code owns: closed exactly once, when the value ends.
struct WASIHostFD: ~Copyable {
    let raw: Int32
    init(_ raw: Int32) { self.raw = raw }
    /// Gives up ownership without closing.
    consuming func release() -> Int32 {
        let raw = self.raw
        discard self
        return raw
    }
    deinit { close(raw) }
}

/// A guest path split at its final component.
struct WASIGuestPath: Equatable {
    /// Everything before the final component (empty: the starting directory itself).
    var directory: [UInt8]
    /// The final component: never empty, no `/`; may be `.` or `..`.
    var name: [UInt8]
    /// The path ended in `/`: the final component must be a directory.
    var trailingSlash: Bool

    /// Splits and checks a guest path: empty → `noent`, absolute → `notcapable`, a NUL byte →
    /// `inval`, longer than `PATH_MAX` → `nametoolong`.
    init(_ bytes: some Collection<UInt8>) throws(WASIErrno) {
        let slash = UInt8(ascii: "/")
        guard let first = bytes.first else { throw .noent }
        if first == slash { throw .notcapable }
        if bytes.contains(0) { throw .inval }
        if bytes.count >= wasiMaxPathLength { throw .nametoolong }
        var path = Array(bytes)
        trailingSlash = path.last == slash
        while path.last == slash { path.removeLast() }
        if let cut = path.lastIndex(of: slash) {
            directory = Array(path[..<cut])
            name = Array(path[(cut + 1)...])
        } else {
            directory = []
            name = path
        }
    }

    /// The whole path (without its trailing slash).
    var joined: [UInt8] { directory.isEmpty ? name : directory + [UInt8(ascii: "/")] + name }
    /// The final component is `.` or `..`: it names a directory, not an entry in one.
    var namesDirectoryItself: Bool { name == [0x2E] || name == [0x2E, 0x2E] }
}

/// A resolved path: the directory that holds the final entry, and the entry's name.
struct WASIResolvedPath: ~Copyable {
    /// The directory holding the entry (opened beneath the root; owned).
    let directory: WASIHostFD
    /// The entry's name in `directory`: a plain name, or `.` when the path named a directory
    /// itself (`sub/..`, `.`).
    let name: [UInt8]
    /// The guest path ended in `/`.
    let trailingSlash: Bool

    /// Calls `body` with the name as a C string.
    func withName<R>(_ body: (UnsafePointer<CChar>) -> R) -> R {
        (name + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
    }
}

/// Resolves guest paths beneath directory fds with one strategy.
struct WASISandbox {
    let strategy: WASIResolutionStrategy

    /// Resolves `path` beneath `root`. Intermediate links are always followed; the final one
    /// only if `followFinal` (then the result never names a link, unless the link was replaced
    /// concurrently).
    func resolve(_ path: WASIGuestPath, beneath root: Int32, followFinal: Bool) throws(WASIErrno) -> WASIResolvedPath {
        var path = path
        var expansions = 0
        while true {
            if path.namesDirectoryItself {
                let dir = try openDirectory(path.joined, beneath: root)
                return WASIResolvedPath(directory: dir, name: [0x2E], trailingSlash: path.trailingSlash)
            }
            let dir = try openDirectory(path.directory, beneath: root)
            guard followFinal, let target = try wasiReadLink(dir.raw, path.name) else {
                return WASIResolvedPath(directory: dir, name: path.name, trailingSlash: path.trailingSlash)
            }
            expansions += 1
            if expansions > wasiMaxSymlinkExpansions { throw .loop }
            if target.first == UInt8(ascii: "/") { throw .notcapable }
            if target.isEmpty { throw .noent }
            var next = path.directory.isEmpty ? target : path.directory + [UInt8(ascii: "/")] + target
            if path.trailingSlash { next.append(UInt8(ascii: "/")) }
            path = try WASIGuestPath(next)
        }
    }

    /// Opens the directory `path` (empty = `root` itself) beneath `root`, following every link.
    func openDirectory(_ path: [UInt8], beneath root: Int32) throws(WASIErrno) -> WASIHostFD {
        switch strategy {
        case .openat2: try openDirectoryWithOpenat2(path, beneath: root)
        case .manualWalk: try openDirectoryByWalking(path, beneath: root)
        }
    }

    private func openDirectoryWithOpenat2(_ path: [UInt8], beneath root: Int32) throws(WASIErrno) -> WASIHostFD {
        let cPath = (path.isEmpty ? [0x2E] : path) + [0]
        let flags = wasiDirectoryOpenFlags
        for _ in 0..<16 {
            let fd = cPath.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    wf_wasi_openat2(root, $0.baseAddress!, flags, 0, WF_RESOLVE_BENEATH | WF_RESOLVE_NO_MAGICLINKS)
                }
            }
            if fd >= 0 { return WASIHostFD(fd) }
            switch errno {
            case EXDEV: throw .notcapable // RESOLVE_BENEATH: `..` above the root or an absolute link
            case EAGAIN, EINTR: continue // a concurrent rename raced a `..`: the kernel asks to retry
            default: throw .current
            }
        }
        throw .again
    }

    private func openDirectoryByWalking(_ path: [UInt8], beneath root: Int32) throws(WASIErrno) -> WASIHostFD {
        // Components still to walk, last first, so that a link's target is pushed in front.
        var pending = Self.components(path).reversed() as [[UInt8]]
        var entered: [Int32] = [] // the directories walked into below `root`, innermost last
        defer { for fd in entered { close(fd) } }
        var expansions = 0
        while let component = pending.popLast() {
            if component == [0x2E] { continue }
            if component == [0x2E, 0x2E] {
                guard let parent = entered.popLast() else { throw .notcapable }
                close(parent)
                continue
            }
            let current = entered.last ?? root
            let fd = (component + [0]).withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { openat(current, $0.baseAddress!, wasiDirectoryOpenFlags | O_NOFOLLOW) }
            }
            if fd >= 0 { entered.append(fd); continue }
            let failure = errno
            // A link opened with O_NOFOLLOW | O_DIRECTORY fails with ENOTDIR (Linux) or ELOOP.
            guard failure == ENOTDIR || failure == ELOOP, let target = try wasiReadLink(current, component) else {
                throw WASIErrno(posix: failure)
            }
            expansions += 1
            if expansions > wasiMaxSymlinkExpansions { throw .loop }
            if target.first == UInt8(ascii: "/") { throw .notcapable }
            // A link to something that is not a directory still ends in ENOTDIR when opened;
            // an empty target is ENOENT, as the kernel says.
            if target.isEmpty { throw .noent }
            pending.append(contentsOf: Self.components(target).reversed())
        }
        if let innermost = entered.popLast() { return WASIHostFD(innermost) }
        let fd = openat(root, ".", wasiDirectoryOpenFlags)
        guard fd >= 0 else { throw .current }
        return WASIHostFD(fd)
    }

    private static func components(_ path: [UInt8]) -> [[UInt8]] {
        path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map(Array.init)
    }
}

/// Flags for a directory opened only to resolve names beneath it: `O_PATH` on Linux (search
/// permission suffices), read-only elsewhere.
let wasiDirectoryOpenFlags: Int32 = {
    let path = wf_wasi_o_path()
    return (path != 0 ? path : O_RDONLY) | O_DIRECTORY | O_CLOEXEC
}()

/// Reads the link `name` in `directory`: its target, `nil` when the entry is not a link or does
/// not exist, or the error (e.g. `acces`).
func wasiReadLink(_ directory: Int32, _ name: [UInt8]) throws(WASIErrno) -> [UInt8]? {
    var capacity = 256
    while true {
        var buffer = [UInt8](repeating: 0, count: capacity)
        let count = (name + [0]).withUnsafeBufferPointer { cName in
            cName.withMemoryRebound(to: CChar.self) { cName in
                buffer.withUnsafeMutableBytes { readlinkat(directory, cName.baseAddress!, $0.baseAddress!.assumingMemoryBound(to: CChar.self), capacity) }
            }
        }
        if count < 0 {
            switch errno {
            case EINVAL, ENOENT: return nil
            default: throw .current
            }
        }
        if count < capacity { return Array(buffer[..<count]) }
        if capacity >= 1 << 16 { throw .nametoolong }
        capacity *= 4
    }
}
