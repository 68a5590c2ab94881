/// Preview-1 `fdflags`: file descriptor flags (`fd_fdstat_set_flags`, `path_open`).
public struct WASIFdFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    /// Wraps a guest `fdflags` value.
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// Append mode: data written to the file is always appended to its end.
    public static let append = WASIFdFlags(rawValue: 1 << 0)
    /// Write according to synchronized I/O data integrity completion.
    public static let dsync = WASIFdFlags(rawValue: 1 << 1)
    /// Non-blocking mode.
    public static let nonblock = WASIFdFlags(rawValue: 1 << 2)
    /// Synchronized read I/O operations.
    public static let rsync = WASIFdFlags(rawValue: 1 << 3)
    /// Write according to synchronized I/O file integrity completion.
    public static let sync = WASIFdFlags(rawValue: 1 << 4)
}

/// Preview-1 `lookupflags`: how the *final* component of a path is resolved. Intermediate
/// symbolic links are always followed (and must stay inside the directory).
public struct WASILookupFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    /// Wraps a guest `lookupflags` value.
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// Follow a final symbolic link. Without it, `path_open` refuses a final link (`loop`, as
    /// `O_NOFOLLOW` does) and `path_filestat_get` describes the link itself (`lstat`).
    public static let symlinkFollow = WASILookupFlags(rawValue: 1 << 0)
}

/// Preview-1 `oflags`: how `path_open` opens or creates.
public struct WASIOFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    /// Wraps a guest `oflags` value.
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// Create the file if it does not exist (`O_CREAT`).
    public static let creat = WASIOFlags(rawValue: 1 << 0)
    /// Fail unless the path names a directory (`O_DIRECTORY`).
    public static let directory = WASIOFlags(rawValue: 1 << 1)
    /// With `creat`, fail if the file exists (`O_EXCL`).
    public static let excl = WASIOFlags(rawValue: 1 << 2)
    /// Truncate the file to size 0 (`O_TRUNC`).
    public static let trunc = WASIOFlags(rawValue: 1 << 3)
}

/// Preview-1 `fstflags`: which timestamps `*_filestat_set_times` changes, and how.
public struct WASIFstFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    /// Wraps a guest `fstflags` value.
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// Set the access time to the given value.
    public static let atim = WASIFstFlags(rawValue: 1 << 0)
    /// Set the access time to the current time.
    public static let atimNow = WASIFstFlags(rawValue: 1 << 1)
    /// Set the modification time to the given value.
    public static let mtim = WASIFstFlags(rawValue: 1 << 2)
    /// Set the modification time to the current time.
    public static let mtimNow = WASIFstFlags(rawValue: 1 << 3)
}
