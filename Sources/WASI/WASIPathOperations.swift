#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The preview-1 `path_*` functions. Each resolves its path(s) with `WASISandbox` (never leaving
// the directory fd it was given), then acts with one `*at` call on the resolved directory fd and
// a plain name, never following a link there. Errors are thrown as `WASIErrno` (typed throws);
// every host fd opened on the way is owned by a `WASIHostFD` and closed on every path out.

extension WASIFileDescriptorTable {
    /// `path_open`: opens `path` beneath directory fd `dirfd` and returns the new guest fd.
    ///
    /// Rights: `dirfd` needs `path_open` (+ `path_create_file` with `creat`,
    /// `path_filestat_set_size` with `trunc`); the requested base and inheriting rights must lie
    /// within `dirfd`'s inheriting rights (`notcapable` otherwise). The new fd keeps the
    /// requested rights that apply to what was opened (directory or file rights).
    ///
    /// A final symbolic link is followed only with `symlinkFollow`; without it the open fails
    /// with `loop` (`notdir` with `directory`), as `O_NOFOLLOW` does; with `creat | excl` it is
    /// never followed (`exist`). `creat` with `directory` is `inval`.
    public func pathOpen(
        _ dirfd: UInt32, lookupFlags: WASILookupFlags, path: some Collection<UInt8>, oflags: WASIOFlags,
        rightsBase: WASIRights, rightsInheriting: WASIRights, fdflags: WASIFdFlags
    ) throws(WASIErrno) -> UInt32 {
        var needed: WASIRights = .pathOpen
        if oflags.contains(.creat) { needed.insert(.pathCreateFile) }
        if oflags.contains(.trunc) { needed.insert(.pathFilestatSetSize) }
        let root = try directory(dirfd, requiring: needed)
        let parent = try entry(dirfd)
        guard parent.rightsInheriting.isSuperset(of: rightsBase),
              parent.rightsInheriting.isSuperset(of: rightsInheriting) else { throw .notcapable }
        if oflags.contains(.creat) && oflags.contains(.directory) { throw .inval }

        let guestPath = try WASIGuestPath(path)
        if guestPath.trailingSlash && oflags.contains(.creat) { throw .isdir }
        let wantsDirectory = oflags.contains(.directory) || guestPath.trailingSlash
        // `creat | excl` never follows a final link (POSIX `O_EXCL`): the link itself exists.
        let exclusive = oflags.contains(.creat) && oflags.contains(.excl)
        let follow = !exclusive && (lookupFlags.contains(.symlinkFollow) || guestPath.trailingSlash)
        let resolved = try sandbox.resolve(guestPath, beneath: root, followFinal: follow)

        let readable = !rightsBase.isDisjoint(with: [.fdRead, .fdReaddir])
        let writable = !wantsDirectory && !rightsBase.isDisjoint(with: [.fdWrite, .fdAllocate, .fdFilestatSetSize])
        var flags: Int32 = O_CLOEXEC | O_NOFOLLOW
        flags |= writable ? (readable ? O_RDWR : O_WRONLY) : O_RDONLY
        if wantsDirectory { flags |= O_DIRECTORY }
        if oflags.contains(.creat) { flags |= O_CREAT }
        if oflags.contains(.excl) { flags |= O_EXCL }
        if oflags.contains(.trunc) { flags |= O_TRUNC }
        if fdflags.contains(.append) { flags |= O_APPEND }
        if fdflags.contains(.nonblock) { flags |= O_NONBLOCK }
        if fdflags.contains(.dsync) { flags |= O_DSYNC }
        if fdflags.contains(.sync) || fdflags.contains(.rsync) { flags |= O_SYNC }

        let opened = resolved.withName { openat(resolved.directory.raw, $0, flags, 0o666) }
        guard opened >= 0 else { throw .current }
        let file = WASIHostFD(opened)
        var st = stat()
        guard fstat(file.raw, &st) == 0 else { throw .current }
        let type = WASIFileType(mode: st.st_mode)
        let applicable: WASIRights = type == .directory ? .directory : (type == .regularFile ? .regularFile : .all)
        let number = try insert(Entry(
            backing: .host(file.raw, owned: true), fileType: type,
            rightsBase: rightsBase.intersection(applicable), rightsInheriting: rightsInheriting,
            flags: fdflags, preopenName: nil))
        _ = file.release()
        return number
    }

    /// `path_create_directory` (needs `path_create_directory`). An existing entry is `exist`.
    public func pathCreateDirectory(_ dirfd: UInt32, path: some Collection<UInt8>) throws(WASIErrno) {
        let root = try directory(dirfd, requiring: .pathCreateDirectory)
        let resolved = try sandbox.resolve(WASIGuestPath(path), beneath: root, followFinal: false)
        try check(resolved.withName { mkdirat(resolved.directory.raw, $0, 0o777) })
    }

    /// `path_remove_directory` (needs `path_remove_directory`): `notempty` for a directory
    /// with entries, `notdir` for anything else (a link to a directory too).
    public func pathRemoveDirectory(_ dirfd: UInt32, path: some Collection<UInt8>) throws(WASIErrno) {
        let root = try directory(dirfd, requiring: .pathRemoveDirectory)
        let resolved = try sandbox.resolve(WASIGuestPath(path), beneath: root, followFinal: false)
        let result = resolved.withName { unlinkat(resolved.directory.raw, $0, AT_REMOVEDIR) }
        // Linux says EEXIST or ENOTEMPTY for a non-empty directory; preview 1 wants notempty.
        if result != 0 && errno == EEXIST { throw .notempty }
        try check(result)
    }

    /// `path_unlink_file` (needs `path_unlink_file`): removes a file or a link (never follows
    /// it). A directory is `isdir` (also on macOS, whose `unlink` says `EPERM`).
    public func pathUnlinkFile(_ dirfd: UInt32, path: some Collection<UInt8>) throws(WASIErrno) {
        let root = try directory(dirfd, requiring: .pathUnlinkFile)
        let resolved = try sandbox.resolve(WASIGuestPath(path), beneath: root, followFinal: false)
        if resolved.trailingSlash {
            // `file/` names no file: a directory there is isdir, anything else notdir.
            throw try lstatType(resolved) == .directory ? .isdir : .notdir
        }
        let result = resolved.withName { unlinkat(resolved.directory.raw, $0, 0) }
        guard result != 0 else { return }
        let failure = WASIErrno.current
        if (failure == .perm || failure == .isdir), (try? lstatType(resolved)) == .directory { throw .isdir }
        throw failure
    }

    /// `path_rename` (needs `path_rename_source` on `fd`, `path_rename_target` on `newFD`, which
    /// may be another preopen). Both paths are resolved beneath their own fd; links are renamed,
    /// not followed. A trailing `/` on either side requires the source to be a directory.
    public func pathRename(
        _ fd: UInt32, oldPath: some Collection<UInt8>, newFD: UInt32, newPath: some Collection<UInt8>
    ) throws(WASIErrno) {
        let oldRoot = try directory(fd, requiring: .pathRenameSource)
        let newRoot = try directory(newFD, requiring: .pathRenameTarget)
        let old = try sandbox.resolve(WASIGuestPath(oldPath), beneath: oldRoot, followFinal: false)
        let new = try sandbox.resolve(WASIGuestPath(newPath), beneath: newRoot, followFinal: false)
        if old.trailingSlash || new.trailingSlash, try lstatType(old) != .directory { throw .notdir }
        let result = old.withName { oldName in
            new.withName { newName in renameat(old.directory.raw, oldName, new.directory.raw, newName) }
        }
        try check(result)
    }

    /// `path_symlink` (needs `path_symlink`): creates `newPath` as a link whose text is
    /// `target`, stored as given. An absolute target is refused with `notcapable`: it could
    /// never resolve inside the sandbox, and a host process following it would leave it
    /// (wasmtime refuses it too, with `perm`). Relative targets that climb out are stored —
    /// resolving them through WASI fails with `notcapable`.
    public func pathSymlink(target: some Collection<UInt8>, _ dirfd: UInt32, newPath: some Collection<UInt8>) throws(WASIErrno) {
        let root = try directory(dirfd, requiring: .pathSymlink)
        if target.first == UInt8(ascii: "/") { throw .notcapable }
        if target.contains(0) { throw .inval }
        if target.isEmpty { throw .noent }
        let resolved = try sandbox.resolve(WASIGuestPath(newPath), beneath: root, followFinal: false)
        if resolved.trailingSlash { throw (try? lstatType(resolved)) != nil ? .exist : .noent }
        let result = (Array(target) + [0]).withUnsafeBufferPointer { text in
            text.withMemoryRebound(to: CChar.self) { text in
                resolved.withName { symlinkat(text.baseAddress!, resolved.directory.raw, $0) }
            }
        }
        try check(result)
    }

    /// `path_readlink` (needs `path_readlink`): the stored text of the link at `path`. Not a
    /// link → `inval`. A link with an absolute target (one the host made: guests cannot) is
    /// `notcapable`: its text is a host path, which the sandbox does not reveal.
    public func pathReadlink(_ dirfd: UInt32, path: some Collection<UInt8>) throws(WASIErrno) -> [UInt8] {
        let root = try directory(dirfd, requiring: .pathReadlink)
        let resolved = try sandbox.resolve(WASIGuestPath(path), beneath: root, followFinal: false)
        if let text = try wasiReadLink(resolved.directory.raw, resolved.name) {
            if text.first == UInt8(ascii: "/") { throw .notcapable }
            return text
        }
        _ = try lstatType(resolved) // noent when there is nothing there
        throw .inval
    }

    /// `path_link` (needs `path_link_source` on `oldFD`, `path_link_target` on `newFD`): a hard
    /// link. With `symlinkFollow` a final link of `oldPath` is resolved (beneath `oldFD`) first.
    public func pathLink(
        _ oldFD: UInt32, lookupFlags: WASILookupFlags, oldPath: some Collection<UInt8>,
        newFD: UInt32, newPath: some Collection<UInt8>
    ) throws(WASIErrno) {
        let oldRoot = try directory(oldFD, requiring: .pathLinkSource)
        let newRoot = try directory(newFD, requiring: .pathLinkTarget)
        let old = try sandbox.resolve(WASIGuestPath(oldPath), beneath: oldRoot, followFinal: lookupFlags.contains(.symlinkFollow))
        let new = try sandbox.resolve(WASIGuestPath(newPath), beneath: newRoot, followFinal: false)
        if old.trailingSlash || new.trailingSlash { throw try lstatType(old) == .directory ? .perm : .notdir }
        let result = old.withName { oldName in
            new.withName { newName in linkat(old.directory.raw, oldName, new.directory.raw, newName, 0) }
        }
        try check(result)
    }

    /// `path_filestat_get` (needs `path_filestat_get`): `stat` with `symlinkFollow`, `lstat`
    /// without.
    public func pathFilestatGet(_ dirfd: UInt32, lookupFlags: WASILookupFlags, path: some Collection<UInt8>) throws(WASIErrno) -> WASIFilestat {
        let root = try directory(dirfd, requiring: .pathFilestatGet)
        let guestPath = try WASIGuestPath(path)
        let resolved = try sandbox.resolve(guestPath, beneath: root, followFinal: lookupFlags.contains(.symlinkFollow) || guestPath.trailingSlash)
        let st = try lstat(resolved)
        if resolved.trailingSlash && WASIFileType(mode: st.st_mode) != .directory { throw .notdir }
        return WASIFilestat(st)
    }

    /// `path_filestat_set_times` (needs `path_filestat_set_times`): sets access and/or
    /// modification time (nanoseconds since the epoch, or now) per `fstFlags`. Setting a time
    /// both to a value and to now is `inval`. Without `symlinkFollow` the link itself changes.
    public func pathFilestatSetTimes(
        _ dirfd: UInt32, lookupFlags: WASILookupFlags, path: some Collection<UInt8>,
        atim: UInt64, mtim: UInt64, fstFlags: WASIFstFlags
    ) throws(WASIErrno) {
        let root = try directory(dirfd, requiring: .pathFilestatSetTimes)
        var times = (try wasiTimespec(value: atim, set: fstFlags.contains(.atim), now: fstFlags.contains(.atimNow)),
                     try wasiTimespec(value: mtim, set: fstFlags.contains(.mtim), now: fstFlags.contains(.mtimNow)))
        let guestPath = try WASIGuestPath(path)
        let resolved = try sandbox.resolve(guestPath, beneath: root, followFinal: lookupFlags.contains(.symlinkFollow) || guestPath.trailingSlash)
        let result = withUnsafePointer(to: &times) { pair in
            pair.withMemoryRebound(to: timespec.self, capacity: 2) { spec in
                resolved.withName { utimensat(resolved.directory.raw, $0, spec, AT_SYMLINK_NOFOLLOW) }
            }
        }
        try check(result)
    }

    // MARK: Helpers

    private func check(_ result: Int32) throws(WASIErrno) {
        if result != 0 { throw .current }
    }

    private func lstat(_ resolved: borrowing WASIResolvedPath) throws(WASIErrno) -> stat {
        var st = stat()
        let result = resolved.withName { fstatat(resolved.directory.raw, $0, &st, AT_SYMLINK_NOFOLLOW) }
        try check(result)
        return st
    }

    private func lstatType(_ resolved: borrowing WASIResolvedPath) throws(WASIErrno) -> WASIFileType {
        WASIFileType(mode: try lstat(resolved).st_mode)
    }
}

/// The `timespec` for one time of `*_filestat_set_times`.
func wasiTimespec(value: UInt64, set: Bool, now: Bool) throws(WASIErrno) -> timespec {
    if set && now { throw .inval }
    if now { return timespec(tv_sec: 0, tv_nsec: wasiUtimeNow) }
    if !set { return timespec(tv_sec: 0, tv_nsec: wasiUtimeOmit) }
    return timespec(tv_sec: Int(value / 1_000_000_000), tv_nsec: Int(value % 1_000_000_000))
}

// The `tv_nsec` markers of utimensat(2); glibc spells them as expressions Swift cannot import.
#if canImport(Darwin)
private let wasiUtimeNow = -1
private let wasiUtimeOmit = -2
#else
private let wasiUtimeNow = (1 << 30) - 1
private let wasiUtimeOmit = (1 << 30) - 2
#endif
