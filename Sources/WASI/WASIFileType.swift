#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Preview-1 `filetype`: the type of a file as the guest sees it.
public enum WASIFileType: UInt8, Sendable {
    /// The type could not be determined (or is none of the others, e.g. a FIFO).
    case unknown = 0
    /// A block device.
    case blockDevice = 1
    /// A character device (a terminal, `/dev/null`).
    case characterDevice = 2
    /// A directory.
    case directory = 3
    /// A regular file.
    case regularFile = 4
    /// A datagram socket.
    case socketDgram = 5
    /// A byte-stream socket.
    case socketStream = 6
    /// A symbolic link (seen only where the final link is not followed).
    case symbolicLink = 7

    /// The type encoded in a host `st_mode`.
    public init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFBLK: self = .blockDevice
        case S_IFCHR: self = .characterDevice
        case S_IFDIR: self = .directory
        case S_IFREG: self = .regularFile
        case S_IFLNK: self = .symbolicLink
        case S_IFSOCK: self = .socketStream // preview 1 cannot tell stream from datagram here
        default: self = .unknown
        }
    }
}

/// Preview-1 `filestat`: what `fd_filestat_get` and `path_filestat_get` report. Times are
/// nanoseconds since the Unix epoch.
public struct WASIFilestat: Sendable, Equatable {
    /// Device ID of the device containing the file.
    public var dev: UInt64
    /// File serial number.
    public var ino: UInt64
    /// File type.
    public var filetype: WASIFileType
    /// Number of hard links to the file.
    public var nlink: UInt64
    /// For regular files, the size in bytes; for symbolic links, the length of the target.
    public var size: UInt64
    /// Last data access time.
    public var atim: UInt64
    /// Last data modification time.
    public var mtim: UInt64
    /// Last file status change time.
    public var ctim: UInt64

    /// Converts a host `stat`.
    init(_ st: stat) {
        #if canImport(Darwin)
        let (a, m, c) = (st.st_atimespec, st.st_mtimespec, st.st_ctimespec)
        #else
        let (a, m, c) = (st.st_atim, st.st_mtim, st.st_ctim)
        #endif
        func ns(_ t: timespec) -> UInt64 { UInt64(truncatingIfNeeded: t.tv_sec) &* 1_000_000_000 &+ UInt64(truncatingIfNeeded: t.tv_nsec) }
        dev = UInt64(truncatingIfNeeded: st.st_dev)
        ino = UInt64(truncatingIfNeeded: st.st_ino)
        filetype = WASIFileType(mode: st.st_mode)
        nlink = UInt64(truncatingIfNeeded: st.st_nlink)
        size = UInt64(truncatingIfNeeded: st.st_size)
        atim = ns(a)
        mtim = ns(m)
        ctim = ns(c)
    }
}
