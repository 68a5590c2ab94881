#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One entry of a directory listing, as `fd_readdir` describes it.
public struct WASIDirectoryEntry: Sendable, Equatable {
    /// The entry's file serial number.
    public var ino: UInt64
    /// The entry's type (a link is `symbolicLink`: listings never follow links).
    public var type: WASIFileType
    /// The entry's name (no `/`, not NUL-terminated).
    public var name: [UInt8]
}

extension WASIFileDescriptorTable {
    /// Size of a preview-1 `dirent` header: `d_next` u64, `d_ino` u64, `d_namlen` u32,
    /// `d_type` u8, padding to 24.
    static let direntHeaderSize = 24

    /// `fd_readdir` (needs `fd_readdir` on a directory): fills `buffer` with `dirent` records
    /// (header + name) from position `cookie` on and returns the bytes used. The listing
    /// includes `.` and `..`; cookie `n` resumes at the `n`-th entry (`d_next` of each record
    /// is its successor's cookie). A record that does not fit is cut off at the end of the
    /// buffer, so a full buffer tells the caller to go on from the last whole record's cookie.
    ///
    /// The listing is read from the host when `cookie` is 0 and kept for later cookies.
    public func readdir(_ fd: UInt32, into buffer: UnsafeMutableRawBufferPointer, cookie: UInt64) throws(WASIErrno) -> Int {
        let entry = try entry(fd, requiring: .fdReaddir)
        guard entry.fileType == .directory, let host = entry.hostFD else { throw .notdir }
        let listing: [WASIDirectoryEntry]
        if cookie == 0 || entry.listing == nil {
            listing = try Self.readListing(host)
            entries[Int(fd)]?.listing = listing
        } else {
            listing = entry.listing!
        }
        var used = 0
        var index = cookie
        var record = [UInt8](repeating: 0, count: Self.direntHeaderSize)
        while index < UInt64(listing.count), used < buffer.count {
            let item = listing[Int(index)]
            record.withUnsafeMutableBytes { header in
                header.storeBytes(of: (index + 1).littleEndian, toByteOffset: 0, as: UInt64.self)
                header.storeBytes(of: item.ino.littleEndian, toByteOffset: 8, as: UInt64.self)
                header.storeBytes(of: UInt32(item.name.count).littleEndian, toByteOffset: 16, as: UInt32.self)
                header.storeBytes(of: item.type.rawValue, toByteOffset: 20, as: UInt8.self)
            }
            for part in [record, item.name] {
                let count = min(part.count, buffer.count - used)
                part.withUnsafeBytes { source in
                    UnsafeMutableRawBufferPointer(rebasing: buffer[used..<(used + count)]).copyMemory(from: UnsafeRawBufferPointer(rebasing: source[..<count]))
                }
                used += count
            }
            index += 1
        }
        return used
    }

    /// Every entry of the host directory `directory` (through a descriptor of its own, so the
    /// guest fd's offset is untouched), in the host's order.
    static func readListing(_ directory: Int32) throws(WASIErrno) -> [WASIDirectoryEntry] {
        let fd = openat(directory, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .current }
        guard let stream = fdopendir(fd) else {
            let failure = WASIErrno.current
            wasiHostClose(fd)
            throw failure
        }
        defer { closedir(stream) }
        var listing: [WASIDirectoryEntry] = []
        while true {
            errno = 0
            guard let record = hostReaddir(stream) else {
                if errno != 0 { throw .current }
                return listing
            }
            let name = withUnsafeBytes(of: &record.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            var type = fileType(direntType: record.pointee.d_type)
            if type == nil {
                var st = stat()
                type = (name + [0]).withUnsafeBufferPointer { cName in
                    cName.withMemoryRebound(to: CChar.self) {
                        fstatat(directory, $0.baseAddress!, &st, AT_SYMLINK_NOFOLLOW) == 0 ? WASIFileType(mode: st.st_mode) : .unknown
                    }
                }
            }
            listing.append(WASIDirectoryEntry(ino: UInt64(record.pointee.d_ino), type: type ?? .unknown, name: name))
        }
    }

    /// The type in a `dirent`'s `d_type`; `nil` when the file system did not say.
    private static func fileType(direntType: UInt8) -> WASIFileType? {
        switch Int32(direntType) {
        case Int32(DT_BLK): .blockDevice
        case Int32(DT_CHR): .characterDevice
        case Int32(DT_DIR): .directory
        case Int32(DT_REG): .regularFile
        case Int32(DT_LNK): .symbolicLink
        case Int32(DT_SOCK): .socketStream
        case Int32(DT_FIFO): .unknown
        default: nil
        }
    }
}

@inline(__always) private func hostReaddir(_ stream: OpaquePointer) -> UnsafeMutablePointer<dirent>? {
    #if canImport(Glibc)
    Glibc.readdir(stream)
    #else
    Darwin.readdir(stream)
    #endif
}
