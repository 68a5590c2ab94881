#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `wasi_snapshot_preview1` `errno` value: what every WASI function returns to the guest.
///
/// Raw values are exactly those of the preview-1 witx (`success` = 0 … `notcapable` = 76), so a
/// case converts to the guest's `u16` with `rawValue`. Case names are the witx names, except
/// `2big`, which Swift cannot spell and is `toobig`. Operations in `WASI/` throw this type
/// (typed throws: no boxing), and the import layer returns `error.rawValue`.
public enum WASIErrno: UInt16, Error, Sendable, CaseIterable, CustomStringConvertible {
    /// No error occurred.
    case success = 0
    /// Argument list too long (`2big`).
    case toobig = 1
    /// Permission denied.
    case acces = 2
    /// Address in use.
    case addrinuse = 3
    /// Address not available.
    case addrnotavail = 4
    /// Address family not supported.
    case afnosupport = 5
    /// Resource unavailable, or operation would block.
    case again = 6
    /// Connection already in progress.
    case already = 7
    /// Bad file descriptor.
    case badf = 8
    /// Bad message.
    case badmsg = 9
    /// Device or resource busy.
    case busy = 10
    /// Operation canceled.
    case canceled = 11
    /// No child processes.
    case child = 12
    /// Connection aborted.
    case connaborted = 13
    /// Connection refused.
    case connrefused = 14
    /// Connection reset.
    case connreset = 15
    /// Resource deadlock would occur.
    case deadlk = 16
    /// Destination address required.
    case destaddrreq = 17
    /// Mathematics argument out of domain of function.
    case dom = 18
    /// Reserved.
    case dquot = 19
    /// File exists.
    case exist = 20
    /// Bad address.
    case fault = 21
    /// File too large.
    case fbig = 22
    /// Host is unreachable.
    case hostunreach = 23
    /// Identifier removed.
    case idrm = 24
    /// Illegal byte sequence.
    case ilseq = 25
    /// Operation in progress.
    case inprogress = 26
    /// Interrupted function.
    case intr = 27
    /// Invalid argument.
    case inval = 28
    /// I/O error.
    case io = 29
    /// Socket is connected.
    case isconn = 30
    /// Is a directory.
    case isdir = 31
    /// Too many levels of symbolic links.
    case loop = 32
    /// File descriptor value too large.
    case mfile = 33
    /// Too many links.
    case mlink = 34
    /// Message too large.
    case msgsize = 35
    /// Reserved.
    case multihop = 36
    /// Filename too long.
    case nametoolong = 37
    /// Network is down.
    case netdown = 38
    /// Connection aborted by network.
    case netreset = 39
    /// Network unreachable.
    case netunreach = 40
    /// Too many files open in system.
    case nfile = 41
    /// No buffer space available.
    case nobufs = 42
    /// No such device.
    case nodev = 43
    /// No such file or directory.
    case noent = 44
    /// Executable file format error.
    case noexec = 45
    /// No locks available.
    case nolck = 46
    /// Reserved.
    case nolink = 47
    /// Not enough space.
    case nomem = 48
    /// No message of the desired type.
    case nomsg = 49
    /// Protocol not available.
    case noprotoopt = 50
    /// No space left on device.
    case nospc = 51
    /// Function not supported.
    case nosys = 52
    /// The socket is not connected.
    case notconn = 53
    /// Not a directory or a symbolic link to a directory.
    case notdir = 54
    /// Directory not empty.
    case notempty = 55
    /// State not recoverable.
    case notrecoverable = 56
    /// Not a socket.
    case notsock = 57
    /// Not supported, or operation not supported on socket.
    case notsup = 58
    /// Inappropriate I/O control operation.
    case notty = 59
    /// No such device or address.
    case nxio = 60
    /// Value too large to be stored in data type.
    case overflow = 61
    /// Previous owner died.
    case ownerdead = 62
    /// Operation not permitted.
    case perm = 63
    /// Broken pipe.
    case pipe = 64
    /// Protocol error.
    case proto = 65
    /// Protocol not supported.
    case protonosupport = 66
    /// Protocol wrong type for socket.
    case prototype = 67
    /// Result too large.
    case range = 68
    /// Read-only file system.
    case rofs = 69
    /// Invalid seek.
    case spipe = 70
    /// No such process.
    case srch = 71
    /// Reserved.
    case stale = 72
    /// Connection timed out.
    case timedout = 73
    /// Text file busy.
    case txtbsy = 74
    /// Cross-device link.
    case xdev = 75
    /// Extension: capabilities insufficient. WasmFiber's answer to every attempt to leave a
    /// preopened directory (`..` above it, absolute paths, escaping symlinks) and to every
    /// operation on an fd that lacks the needed right.
    case notcapable = 76

    /// The witx name, e.g. `"noent"` (and `"2big"`).
    public var description: String { Self.names[Int(rawValue)] }

    private static let names: [String] = [
        "success", "2big", "acces", "addrinuse", "addrnotavail", "afnosupport", "again", "already",
        "badf", "badmsg", "busy", "canceled", "child", "connaborted", "connrefused", "connreset",
        "deadlk", "destaddrreq", "dom", "dquot", "exist", "fault", "fbig", "hostunreach", "idrm",
        "ilseq", "inprogress", "intr", "inval", "io", "isconn", "isdir", "loop", "mfile", "mlink",
        "msgsize", "multihop", "nametoolong", "netdown", "netreset", "netunreach", "nfile",
        "nobufs", "nodev", "noent", "noexec", "nolck", "nolink", "nomem", "nomsg", "noprotoopt",
        "nospc", "nosys", "notconn", "notdir", "notempty", "notrecoverable", "notsock", "notsup",
        "notty", "nxio", "overflow", "ownerdead", "perm", "pipe", "proto", "protonosupport",
        "prototype", "range", "rofs", "spipe", "srch", "stale", "timedout", "txtbsy", "xdev",
        "notcapable",
    ]

    /// Maps a host (POSIX) `errno` value to its preview-1 counterpart. Values with no
    /// counterpart become `io`; `0` becomes `success`.
    ///
    /// `EXDEV` maps to `xdev` here; the path resolver turns the `EXDEV` that `openat2`'s
    /// `RESOLVE_BENEATH` reports for an escape into `notcapable` itself.
    public init(posix code: Int32) {
        switch code {
        case 0: self = .success
        case E2BIG: self = .toobig
        case EACCES: self = .acces
        case EADDRINUSE: self = .addrinuse
        case EADDRNOTAVAIL: self = .addrnotavail
        case EAFNOSUPPORT: self = .afnosupport
        case EAGAIN, EWOULDBLOCK: self = .again
        case EALREADY: self = .already
        case EBADF: self = .badf
        case EBADMSG: self = .badmsg
        case EBUSY: self = .busy
        case ECANCELED: self = .canceled
        case ECHILD: self = .child
        case ECONNABORTED: self = .connaborted
        case ECONNREFUSED: self = .connrefused
        case ECONNRESET: self = .connreset
        case EDEADLK: self = .deadlk
        case EDESTADDRREQ: self = .destaddrreq
        case EDOM: self = .dom
        case EDQUOT: self = .dquot
        case EEXIST: self = .exist
        case EFAULT: self = .fault
        case EFBIG: self = .fbig
        case EHOSTUNREACH: self = .hostunreach
        case EIDRM: self = .idrm
        case EILSEQ: self = .ilseq
        case EINPROGRESS: self = .inprogress
        case EINTR: self = .intr
        case EINVAL: self = .inval
        case EIO: self = .io
        case EISCONN: self = .isconn
        case EISDIR: self = .isdir
        case ELOOP: self = .loop
        case EMFILE: self = .mfile
        case EMLINK: self = .mlink
        case EMSGSIZE: self = .msgsize
        case EMULTIHOP: self = .multihop
        case ENAMETOOLONG: self = .nametoolong
        case ENETDOWN: self = .netdown
        case ENETRESET: self = .netreset
        case ENETUNREACH: self = .netunreach
        case ENFILE: self = .nfile
        case ENOBUFS: self = .nobufs
        case ENODEV: self = .nodev
        case ENOENT: self = .noent
        case ENOEXEC: self = .noexec
        case ENOLCK: self = .nolck
        case ENOLINK: self = .nolink
        case ENOMEM: self = .nomem
        case ENOMSG: self = .nomsg
        case ENOPROTOOPT: self = .noprotoopt
        case ENOSPC: self = .nospc
        case ENOSYS: self = .nosys
        case ENOTCONN: self = .notconn
        case ENOTDIR: self = .notdir
        case ENOTEMPTY: self = .notempty
        case ENOTRECOVERABLE: self = .notrecoverable
        case ENOTSOCK: self = .notsock
        case ENOTSUP, EOPNOTSUPP: self = .notsup
        case ENOTTY: self = .notty
        case ENXIO: self = .nxio
        case EOVERFLOW: self = .overflow
        case EOWNERDEAD: self = .ownerdead
        case EPERM: self = .perm
        case EPIPE: self = .pipe
        case EPROTO: self = .proto
        case EPROTONOSUPPORT: self = .protonosupport
        case EPROTOTYPE: self = .prototype
        case ERANGE: self = .range
        case EROFS: self = .rofs
        case ESPIPE: self = .spipe
        case ESRCH: self = .srch
        case ESTALE: self = .stale
        case ETIMEDOUT: self = .timedout
        case ETXTBSY: self = .txtbsy
        case EXDEV: self = .xdev
        default: self = .io
        }
    }

    /// The preview-1 value of the calling thread's current host `errno`.
    static var current: WASIErrno { WASIErrno(posix: errno) }
}
