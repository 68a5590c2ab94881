#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The preview-1 `fd_*` functions beyond open, close, read and write of one buffer: vectored and
// positioned transfers, seeking, flags, rights, sizes, times, syncing and hints. Each checks the
// fd's rights first (`badf` for a closed number, `notcapable` for a missing right), then makes
// one host call. In-memory stdio (captures and inputs) behaves as a pipe: no seeking (`spipe`),
// no size, nothing to sync.

/// Preview-1 `whence` of `fd_seek`.
public enum WASIWhence: UInt8, Sendable {
    /// From the start of the file.
    case set = 0
    /// From the current offset.
    case cur = 1
    /// From the end of the file.
    case end = 2
}

/// Preview-1 `advice` of `fd_advise`.
public enum WASIAdvice: UInt8, Sendable {
    /// No particular pattern.
    case normal = 0
    /// Sequential access.
    case sequential = 1
    /// Random access.
    case random = 2
    /// The data will be needed soon.
    case willNeed = 3
    /// The data will not be needed soon.
    case dontNeed = 4
    /// The data will be accessed once.
    case noReuse = 5
}

extension WASIFileDescriptorTable {
    /// `fd_write` of several buffers, in order (needs `fd_write`). Returns the bytes written,
    /// which may be fewer than asked (a short write), as for `writev`.
    public func write(_ fd: UInt32, vectors: [UnsafeRawBufferPointer]) throws(WASIErrno) -> Int {
        if vectors.count == 1 { return try write(fd, vectors[0]) }
        switch try entry(fd, requiring: .fdWrite).backing {
        case .capture(let capture):
            for vector in vectors { capture.append(vector) }
            return vectors.reduce(0) { $0 + $1.count }
        case .input:
            throw .badf
        case .host(let host, _):
            let iovecs = vectors.map { iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count) }
            return try retryingInterrupts { iovecs.withUnsafeBufferPointer { writev(host, $0.baseAddress, Int32($0.count)) } }
        }
    }

    /// `fd_read` into several buffers, in order (needs `fd_read`). Returns the bytes read
    /// (0 at end of file).
    public func read(_ fd: UInt32, vectors: [UnsafeMutableRawBufferPointer]) throws(WASIErrno) -> Int {
        if vectors.count == 1 { return try read(fd, into: vectors[0]) }
        switch try entry(fd, requiring: .fdRead).backing {
        case .capture:
            return 0
        case .input(let input):
            var total = 0
            for vector in vectors {
                let count = input.read(into: vector)
                total += count
                if count < vector.count { break }
            }
            return total
        case .host(let host, _):
            let iovecs = vectors.map { iovec(iov_base: $0.baseAddress, iov_len: $0.count) }
            return try retryingInterrupts { iovecs.withUnsafeBufferPointer { readv(host, $0.baseAddress, Int32($0.count)) } }
        }
    }

    /// `fd_pread`: reads at `offset` without moving the fd's offset (needs `fd_read` and
    /// `fd_seek`).
    public func pread(_ fd: UInt32, vectors: [UnsafeMutableRawBufferPointer], offset: UInt64) throws(WASIErrno) -> Int {
        let host = try seekableHostFD(fd, requiring: [.fdRead, .fdSeek])
        guard offset <= UInt64(Int64.max) else { throw .inval }
        let iovecs = vectors.map { iovec(iov_base: $0.baseAddress, iov_len: $0.count) }
        return try retryingInterrupts { iovecs.withUnsafeBufferPointer { preadv(host, $0.baseAddress, Int32($0.count), off_t(offset)) } }
    }

    /// `fd_pwrite`: writes at `offset` without moving the fd's offset (needs `fd_write` and
    /// `fd_seek`).
    public func pwrite(_ fd: UInt32, vectors: [UnsafeRawBufferPointer], offset: UInt64) throws(WASIErrno) -> Int {
        let host = try seekableHostFD(fd, requiring: [.fdWrite, .fdSeek])
        guard offset <= UInt64(Int64.max) else { throw .inval }
        let iovecs = vectors.map { iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count) }
        return try retryingInterrupts { iovecs.withUnsafeBufferPointer { pwritev(host, $0.baseAddress, Int32($0.count), off_t(offset)) } }
    }

    /// `fd_seek`: moves the offset and returns the new one (needs `fd_seek`; a zero move from
    /// the current offset needs only `fd_tell`). A resulting negative offset is `inval`.
    public func seek(_ fd: UInt32, offset: Int64, whence: WASIWhence) throws(WASIErrno) -> UInt64 {
        let rights: WASIRights = offset == 0 && whence == .cur ? .fdTell : .fdSeek
        let host = try seekableHostFD(fd, requiring: rights)
        let origin: Int32 = switch whence {
        case .set: SEEK_SET
        case .cur: SEEK_CUR
        case .end: SEEK_END
        }
        let result = lseek(host, off_t(offset), origin)
        guard result >= 0 else { throw .current }
        return UInt64(result)
    }

    /// `fd_tell`: the current offset (needs `fd_tell`).
    public func tell(_ fd: UInt32) throws(WASIErrno) -> UInt64 {
        let host = try seekableHostFD(fd, requiring: .fdTell)
        let result = lseek(host, 0, SEEK_CUR)
        guard result >= 0 else { throw .current }
        return UInt64(result)
    }

    /// `fd_fdstat_set_flags` (needs `fd_fdstat_set_flags`): `append` and `nonblock` can be
    /// switched; asking to change the synchronisation flags is `notsup` (no host can change
    /// them on an open file).
    public func setFlags(_ fd: UInt32, _ flags: WASIFdFlags) throws(WASIErrno) {
        let current = try entry(fd, requiring: .fdFdstatSetFlags)
        let synchronisation: WASIFdFlags = [.dsync, .rsync, .sync]
        guard flags.intersection(synchronisation) == current.flags.intersection(synchronisation) else { throw .notsup }
        if let host = current.hostFD {
            let old = fcntl(host, F_GETFL)
            guard old >= 0 else { throw .current }
            var new = old & ~(O_APPEND | O_NONBLOCK)
            if flags.contains(.append) { new |= O_APPEND }
            if flags.contains(.nonblock) { new |= O_NONBLOCK }
            guard fcntl(host, F_SETFL, new) == 0 else { throw .current }
        }
        entries[Int(fd)]?.flags = flags
    }

    /// `fd_fdstat_set_rights`: drops rights (the new sets must lie within the current ones;
    /// asking for more is `notcapable`). Rights only ever shrink.
    public func setRights(_ fd: UInt32, base: WASIRights, inheriting: WASIRights) throws(WASIErrno) {
        let current = try entry(fd)
        guard current.rightsBase.isSuperset(of: base), current.rightsInheriting.isSuperset(of: inheriting) else { throw .notcapable }
        entries[Int(fd)]?.rightsBase = base
        entries[Int(fd)]?.rightsInheriting = inheriting
    }

    /// `fd_filestat_set_size` (needs `fd_filestat_set_size`): truncates or extends with zeros.
    public func setSize(_ fd: UInt32, _ size: UInt64) throws(WASIErrno) {
        let host = try seekableHostFD(fd, requiring: .fdFilestatSetSize)
        guard size <= UInt64(Int64.max) else { throw .inval }
        guard ftruncate(host, off_t(size)) == 0 else { throw .current }
    }

    /// `fd_filestat_set_times` (needs `fd_filestat_set_times`): sets access and/or modification
    /// time (nanoseconds since the epoch, or now) per `fstFlags`; a time both given and now is
    /// `inval`.
    public func setTimes(_ fd: UInt32, atim: UInt64, mtim: UInt64, fstFlags: WASIFstFlags) throws(WASIErrno) {
        let entry = try entry(fd, requiring: .fdFilestatSetTimes)
        var times = (try wasiTimespec(value: atim, set: fstFlags.contains(.atim), now: fstFlags.contains(.atimNow)),
                     try wasiTimespec(value: mtim, set: fstFlags.contains(.mtim), now: fstFlags.contains(.mtimNow)))
        guard let host = entry.hostFD else { return }
        let result = withUnsafePointer(to: &times) { pair in
            pair.withMemoryRebound(to: timespec.self, capacity: 2) { futimens(host, $0) }
        }
        guard result == 0 else { throw .current }
    }

    /// `fd_sync` (needs `fd_sync`): data and metadata reach the device.
    public func sync(_ fd: UInt32) throws(WASIErrno) {
        guard let host = try entry(fd, requiring: .fdSync).hostFD else { return }
        guard fsync(host) == 0 else { throw .current }
    }

    /// `fd_datasync` (needs `fd_datasync`): data reaches the device.
    public func datasync(_ fd: UInt32) throws(WASIErrno) {
        guard let host = try entry(fd, requiring: .fdDatasync).hostFD else { return }
        #if canImport(Darwin)
        guard fsync(host) == 0 else { throw .current }
        #else
        guard fdatasync(host) == 0 else { throw .current }
        #endif
    }

    /// `fd_advise` (needs `fd_advise`): an access-pattern hint for `[offset, offset + length)`.
    public func advise(_ fd: UInt32, offset: UInt64, length: UInt64, advice: WASIAdvice) throws(WASIErrno) {
        let host = try seekableHostFD(fd, requiring: .fdAdvise)
        guard offset <= UInt64(Int64.max), length <= UInt64(Int64.max) else { throw .inval }
        #if canImport(Darwin)
        _ = (host, advice) // macOS has no posix_fadvise; the hint is dropped.
        #else
        let hint: Int32 = switch advice {
        case .normal: POSIX_FADV_NORMAL
        case .sequential: POSIX_FADV_SEQUENTIAL
        case .random: POSIX_FADV_RANDOM
        case .willNeed: POSIX_FADV_WILLNEED
        case .dontNeed: POSIX_FADV_DONTNEED
        case .noReuse: POSIX_FADV_NOREUSE
        }
        let result = posix_fadvise(host, off_t(offset), off_t(length), hint)
        guard result == 0 else { throw WASIErrno(posix: result) }
        #endif
    }

    /// `fd_allocate` (needs `fd_allocate`): makes `[offset, offset + length)` part of the file
    /// (extending it, never shrinking it).
    public func allocate(_ fd: UInt32, offset: UInt64, length: UInt64) throws(WASIErrno) {
        let host = try seekableHostFD(fd, requiring: .fdAllocate)
        let (end, overflow) = offset.addingReportingOverflow(length)
        guard !overflow, end <= UInt64(Int64.max) else { throw .fbig }
        #if canImport(Darwin)
        var st = stat()
        guard fstat(host, &st) == 0 else { throw .current }
        if UInt64(st.st_size) < end, ftruncate(host, off_t(end)) != 0 { throw .current }
        #else
        let result = posix_fallocate(host, off_t(offset), off_t(length))
        guard result == 0 else { throw WASIErrno(posix: result) }
        #endif
    }

    // MARK: Helpers

    /// The host fd of `fd` (with `rights`) for an operation only files have: in-memory stdio
    /// is a pipe (`spipe`).
    func seekableHostFD(_ fd: UInt32, requiring rights: WASIRights) throws(WASIErrno) -> Int32 {
        guard let host = try entry(fd, requiring: rights).hostFD else { throw .spipe }
        return host
    }
}

/// Runs a host transfer until it is not interrupted; its byte count, or the errno.
func retryingInterrupts(_ call: () -> Int) throws(WASIErrno) -> Int {
    while true {
        let result = call()
        if result >= 0 { return result }
        if errno != EINTR { throw .current }
    }
}
