#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes a guest wrote to a captured stdout or stderr (for tests and embedders).
public final class WASIOutputCapture: @unchecked Sendable {
    // Unchecked: used only from the thread that runs the instance, like the table itself.
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []
    /// An empty capture.
    public init() {}
    /// The bytes as UTF-8 text (invalid sequences repaired).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    func append(_ data: UnsafeRawBufferPointer) { bytes.append(contentsOf: data) }
}

/// Where one of the standard streams (WASI fds 0, 1, 2) goes.
public enum WASIStdio: Sendable {
    /// The host process's own stream (same fd number), not closed by the table.
    case inherit
    /// Writes are appended to the capture; reads see end of file.
    case capture(WASIOutputCapture)
    /// Reads return these bytes, then end of file; writes are refused (`badf`).
    case input([UInt8])
}

/// The WASI file-descriptor table of one instance: guest fds → host fds (or in-memory stdio),
/// each with its rights. Layout: 0, 1, 2 = stdin, stdout, stderr; 3 … = the preopens in
/// order; then files and directories the guest opens (lowest free number first).
///
/// Not thread-safe: it belongs to the worker that runs the instance. Closing the table (or
/// dropping it) closes every host fd it owns.
public final class WASIFileDescriptorTable {
    /// What backs a guest fd.
    enum Backing {
        /// A host fd; `owned` fds are closed with the entry (inherited stdio is not).
        case host(Int32, owned: Bool)
        case capture(WASIOutputCapture)
        case input(WASIInputBuffer)
    }

    /// One open guest fd.
    struct Entry {
        var backing: Backing
        var fileType: WASIFileType
        var rightsBase: WASIRights
        var rightsInheriting: WASIRights
        var flags: WASIFdFlags
        /// The guest name, for a preopened directory.
        var preopenName: [UInt8]?
        /// The listing `fd_readdir` hands out, read at a call with cookie 0 and kept for the
        /// calls that continue it (cookies index into it).
        var listing: [WASIDirectoryEntry]? = nil

        /// The host fd, for entries backed by one.
        var hostFD: Int32? { if case .host(let fd, _) = backing { fd } else { nil } }
    }

    var entries: [Entry?] = []
    /// At most this many guest fds are open at once; further opens fail with `mfile`.
    public let maxDescriptors: Int
    /// The path resolution strategy every path operation uses.
    public let strategy: WASIResolutionStrategy
    var sandbox: WASISandbox { WASISandbox(strategy: strategy) }

    /// Opens the preopens and sets up the standard streams.
    ///
    /// - Throws: the errno of the first preopen that cannot be opened (nothing stays open), or
    ///   `mfile` if `maxDescriptors` cannot hold stdio and the preopens.
    public init(
        preopens: [WASIPreopen] = [],
        stdin: WASIStdio = .inherit, stdout: WASIStdio = .inherit, stderr: WASIStdio = .inherit,
        maxDescriptors: Int = 1024, strategy: WASIResolutionStrategy = .preferred
    ) throws(WASIErrno) {
        self.maxDescriptors = maxDescriptors
        self.strategy = strategy
        guard 3 + preopens.count <= maxDescriptors else { throw .mfile }
        for (number, stdio) in [stdin, stdout, stderr].enumerated() {
            entries.append(Self.stdioEntry(stdio, hostFD: Int32(number)))
        }
        for preopen in preopens {
            let fd: Int32
            do { fd = try preopen.open() } catch { closeAll(); throw error }
            entries.append(Entry(
                backing: .host(fd, owned: true), fileType: .directory,
                rightsBase: .directory, rightsInheriting: .all, flags: [],
                preopenName: Array(preopen.guestPath.utf8)))
        }
    }

    deinit { closeAll() }

    private static func stdioEntry(_ stdio: WASIStdio, hostFD: Int32) -> Entry {
        switch stdio {
        case .inherit:
            var st = stat()
            let type: WASIFileType = fstat(hostFD, &st) == 0 ? WASIFileType(mode: st.st_mode) : .characterDevice
            return Entry(backing: .host(hostFD, owned: false), fileType: type, rightsBase: .stdio, rightsInheriting: [], flags: [])
        // In-memory streams look like pipes (type `unknown`, as a host FIFO is), not like
        // terminals: a character device makes wasi-libc line-buffer stdout, so output would
        // differ between a captured run and a run with stdout on a pipe or file.
        case .capture(let capture):
            return Entry(backing: .capture(capture), fileType: .unknown, rightsBase: .stdio, rightsInheriting: [], flags: [])
        case .input(let bytes):
            return Entry(backing: .input(WASIInputBuffer(bytes)), fileType: .unknown, rightsBase: .stdio, rightsInheriting: [], flags: [])
        }
    }

    private func closeAll() {
        for index in entries.indices { entries[index].map(Self.release) }
        entries.removeAll()
    }

    private static func release(_ entry: Entry) {
        if case .host(let fd, true) = entry.backing { wasiHostClose(fd) }
    }

    // MARK: Lookup

    /// The entry for guest fd `fd`, which must have every right in `rights`.
    /// - Throws: `badf` for a number that is not open, `notcapable` for missing rights.
    func entry(_ fd: UInt32, requiring rights: WASIRights = []) throws(WASIErrno) -> Entry {
        guard Int(fd) < entries.count, let entry = entries[Int(fd)] else { throw .badf }
        guard entry.rightsBase.isSuperset(of: rights) else { throw .notcapable }
        return entry
    }

    /// The host directory fd behind guest fd `fd`, which must be a directory with `rights`.
    func directory(_ fd: UInt32, requiring rights: WASIRights) throws(WASIErrno) -> Int32 {
        let entry = try entry(fd, requiring: [])
        guard entry.fileType == .directory, let host = entry.hostFD else { throw .notdir }
        guard entry.rightsBase.isSuperset(of: rights) else { throw .notcapable }
        return host
    }

    /// Whether guest fd `fd` is open.
    public func isOpen(_ fd: UInt32) -> Bool { Int(fd) < entries.count && entries[Int(fd)] != nil }

    /// The number of open guest fds.
    public var openCount: Int { entries.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// Adds an entry at the lowest free number.
    /// - Throws: `mfile` when `maxDescriptors` are open (the caller still owns the host fd).
    func insert(_ entry: Entry) throws(WASIErrno) -> UInt32 {
        if let free = entries.firstIndex(where: { $0 == nil }) {
            entries[free] = entry
            return UInt32(free)
        }
        guard entries.count < maxDescriptors else { throw .mfile }
        entries.append(entry)
        return UInt32(entries.count - 1)
    }

    // MARK: fd operations

    /// `fd_close`: closes guest fd `fd` (a preopen too: preview 1 allows it, and the number
    /// stops being a preopen).
    public func close(_ fd: UInt32) throws(WASIErrno) {
        let entry = try entry(fd)
        entries[Int(fd)] = nil
        Self.release(entry)
    }

    /// `fd_renumber`: moves `from` onto `to`, closing what `to` held. Both must be open (as in
    /// wasmtime: preview 1 has no `dup2` onto a free number); `from` == `to` is a no-op.
    public func renumber(_ from: UInt32, to: UInt32) throws(WASIErrno) {
        let moving = try entry(from)
        let replaced = try entry(to)
        guard from != to else { return }
        entries[Int(to)] = moving
        entries[Int(from)] = nil
        Self.release(replaced)
    }

    /// `fd_prestat_get`: the prestat of a preopen. `badf` for any other fd.
    public func prestat(_ fd: UInt32) throws(WASIErrno) -> WASIPrestat {
        guard let name = try entry(fd).preopenName else { throw .badf }
        return .directory(nameLength: UInt32(name.count))
    }

    /// `fd_prestat_dir_name` data: the guest name of a preopen (not NUL-terminated).
    public func prestatDirName(_ fd: UInt32) throws(WASIErrno) -> [UInt8] {
        guard let name = try entry(fd).preopenName else { throw .badf }
        return name
    }

    /// `fd_prestat_dir_name`: copies the guest name into `buffer`; `nametoolong` if it does
    /// not fit. Returns the number of bytes written.
    public func prestatDirName(_ fd: UInt32, into buffer: UnsafeMutableRawBufferPointer) throws(WASIErrno) -> Int {
        let name = try prestatDirName(fd)
        guard name.count <= buffer.count else { throw .nametoolong }
        name.withUnsafeBytes { buffer.copyMemory(from: $0) }
        return name.count
    }

    /// `fd_fdstat_get`: file type, flags and rights of an fd.
    public func fdstat(_ fd: UInt32) throws(WASIErrno) -> (fileType: WASIFileType, flags: WASIFdFlags, rightsBase: WASIRights, rightsInheriting: WASIRights) {
        let e = try entry(fd)
        return (e.fileType, e.flags, e.rightsBase, e.rightsInheriting)
    }

    /// `fd_write` of one buffer (needs `fd_write`). Returns the bytes written.
    public func write(_ fd: UInt32, _ data: UnsafeRawBufferPointer) throws(WASIErrno) -> Int {
        switch try entry(fd, requiring: .fdWrite).backing {
        case .capture(let capture):
            capture.append(data)
            return data.count
        case .input:
            throw .badf
        case .host(let host, _):
            while true {
                let n = hostWrite(host, data.baseAddress, data.count)
                if n >= 0 { return n }
                if errno != EINTR { throw .current }
            }
        }
    }

    /// `fd_read` into one buffer (needs `fd_read`). Returns the bytes read (0 at end of file).
    public func read(_ fd: UInt32, into buffer: UnsafeMutableRawBufferPointer) throws(WASIErrno) -> Int {
        switch try entry(fd, requiring: .fdRead).backing {
        case .capture:
            return 0
        case .input(let input):
            return input.read(into: buffer)
        case .host(let host, _):
            while true {
                let n = hostRead(host, buffer.baseAddress, buffer.count)
                if n >= 0 { return n }
                if errno != EINTR { throw .current }
            }
        }
    }

    /// `fd_filestat_get` (needs `fd_filestat_get`).
    public func filestat(_ fd: UInt32) throws(WASIErrno) -> WASIFilestat {
        guard let host = try entry(fd, requiring: .fdFilestatGet).hostFD else {
            return WASIFilestat(stat())
        }
        var st = stat()
        guard fstat(host, &st) == 0 else { throw .current }
        return WASIFilestat(st)
    }
}

/// The unread rest of a `WASIStdio.input`.
final class WASIInputBuffer {
    private var bytes: [UInt8]
    private var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        bytes[offset..<offset + count].withUnsafeBytes { buffer.copyMemory(from: $0) }
        offset += count
        return count
    }
}

@inline(__always) private func hostWrite(_ fd: Int32, _ p: UnsafeRawPointer?, _ n: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, p, n)
    #else
    Darwin.write(fd, p, n)
    #endif
}

@inline(__always) private func hostRead(_ fd: Int32, _ p: UnsafeMutableRawPointer?, _ n: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, p, n)
    #else
    Darwin.read(fd, p, n)
    #endif
}

@inline(__always) func wasiHostClose(_ fd: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(fd)
    #else
    _ = Darwin.close(fd)
    #endif
}
