/// Preview-1 `rights`: what an fd may be used for. Every fd carries a *base* set (operations on
/// the fd itself, or paths resolved from it) and an *inheriting* set (the most that fds opened
/// through it may get). Bit positions are those of `wasi_snapshot_preview1`.
public struct WASIRights: OptionSet, Sendable, Hashable {
    public let rawValue: UInt64
    /// Wraps a guest `rights` value (unknown bits are kept; they grant nothing).
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// `fd_datasync`.
    public static let fdDatasync = WASIRights(rawValue: 1 << 0)
    /// `fd_read` (and `sock_recv`).
    public static let fdRead = WASIRights(rawValue: 1 << 1)
    /// `fd_seek` (implies `fd_tell`).
    public static let fdSeek = WASIRights(rawValue: 1 << 2)
    /// `fd_fdstat_set_flags`.
    public static let fdFdstatSetFlags = WASIRights(rawValue: 1 << 3)
    /// `fd_sync`.
    public static let fdSync = WASIRights(rawValue: 1 << 4)
    /// `fd_tell`.
    public static let fdTell = WASIRights(rawValue: 1 << 5)
    /// `fd_write` (and `sock_send`).
    public static let fdWrite = WASIRights(rawValue: 1 << 6)
    /// `fd_advise`.
    public static let fdAdvise = WASIRights(rawValue: 1 << 7)
    /// `fd_allocate`.
    public static let fdAllocate = WASIRights(rawValue: 1 << 8)
    /// `path_create_directory`.
    public static let pathCreateDirectory = WASIRights(rawValue: 1 << 9)
    /// `path_open` with `oflags.creat`.
    public static let pathCreateFile = WASIRights(rawValue: 1 << 10)
    /// `path_link` on the source directory.
    public static let pathLinkSource = WASIRights(rawValue: 1 << 11)
    /// `path_link` on the target directory.
    public static let pathLinkTarget = WASIRights(rawValue: 1 << 12)
    /// `path_open`.
    public static let pathOpen = WASIRights(rawValue: 1 << 13)
    /// `fd_readdir`.
    public static let fdReaddir = WASIRights(rawValue: 1 << 14)
    /// `path_readlink`.
    public static let pathReadlink = WASIRights(rawValue: 1 << 15)
    /// `path_rename` on the source directory.
    public static let pathRenameSource = WASIRights(rawValue: 1 << 16)
    /// `path_rename` on the target directory.
    public static let pathRenameTarget = WASIRights(rawValue: 1 << 17)
    /// `path_filestat_get`.
    public static let pathFilestatGet = WASIRights(rawValue: 1 << 18)
    /// Changing a file's size through a path (`path_open` with `oflags.trunc`).
    public static let pathFilestatSetSize = WASIRights(rawValue: 1 << 19)
    /// `path_filestat_set_times`.
    public static let pathFilestatSetTimes = WASIRights(rawValue: 1 << 20)
    /// `fd_filestat_get`.
    public static let fdFilestatGet = WASIRights(rawValue: 1 << 21)
    /// `fd_filestat_set_size`.
    public static let fdFilestatSetSize = WASIRights(rawValue: 1 << 22)
    /// `fd_filestat_set_times`.
    public static let fdFilestatSetTimes = WASIRights(rawValue: 1 << 23)
    /// `path_symlink`.
    public static let pathSymlink = WASIRights(rawValue: 1 << 24)
    /// `path_remove_directory`.
    public static let pathRemoveDirectory = WASIRights(rawValue: 1 << 25)
    /// `path_unlink_file`.
    public static let pathUnlinkFile = WASIRights(rawValue: 1 << 26)
    /// `poll_oneoff` fd-readiness subscriptions (needs `fd_read`/`fd_write` too).
    public static let pollFdReadwrite = WASIRights(rawValue: 1 << 27)
    /// `sock_shutdown`.
    public static let sockShutdown = WASIRights(rawValue: 1 << 28)
    /// `sock_accept`.
    public static let sockAccept = WASIRights(rawValue: 1 << 29)

    /// Every right preview 1 defines.
    public static let all = WASIRights(rawValue: (1 << 30) - 1)

    /// The rights that make sense on a regular file (what `path_open` keeps for one).
    public static let regularFile: WASIRights = [
        .fdDatasync, .fdRead, .fdSeek, .fdFdstatSetFlags, .fdSync, .fdTell, .fdWrite, .fdAdvise,
        .fdAllocate, .fdFilestatGet, .fdFilestatSetSize, .fdFilestatSetTimes, .pollFdReadwrite,
    ]

    /// The rights that make sense on a directory (what a preopen gets as its base set).
    public static let directory: WASIRights = [
        .fdFdstatSetFlags, .fdSync, .fdAdvise, .pathCreateDirectory, .pathCreateFile,
        .pathLinkSource, .pathLinkTarget, .pathOpen, .fdReaddir, .pathReadlink,
        .pathRenameSource, .pathRenameTarget, .pathFilestatGet, .pathFilestatSetSize,
        .pathFilestatSetTimes, .fdFilestatGet, .fdFilestatSetTimes, .pathSymlink,
        .pathRemoveDirectory, .pathUnlinkFile,
    ]

    /// The rights of an inherited character device or pipe (stdin, stdout, stderr).
    public static let stdio: WASIRights = [
        .fdRead, .fdWrite, .fdFdstatSetFlags, .fdFilestatGet, .pollFdReadwrite,
    ]
}
