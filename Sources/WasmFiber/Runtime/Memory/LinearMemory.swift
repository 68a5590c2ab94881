import CContext
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// WebAssembly memory is little-endian; the accessors (atomics in particular) use host integers.
#if _endian(big)
#error("WasmFiber's linear memory requires a little-endian host")
#endif

/// One WebAssembly linear memory instance: memory32 or memory64, shared or not.
///
/// **The base address never moves.** At creation the memory reserves, with one inaccessible
/// `mmap(PROT_NONE, MAP_NORESERVE)`, the address space for the largest size it can ever reach,
/// and `memory.grow` only commits more of it (`mprotect` to read/write). So ``grow(by:)`` never
/// copies, an interpreter may keep ``base`` and ``byteCount`` in registers (reloading
/// ``byteCount`` after anything that can grow the memory), and a shared memory can grow while
/// other threads access it.
///
/// **How much is reserved.** The maximum, if declared; otherwise 4 GiB for memory32 (its
/// 65,536-page limit) and ``Configuration/reservationLimit`` (16 GiB by default) for memory64.
/// The reservation limit caps every memory, so a memory64 whose maximum exceeds it can only grow
/// up to it: `memory.grow` beyond the reservation fails with -1, which the spec permits.
/// Untouched reserved space costs neither RAM nor commit charge, and a memory costs at most two
/// kernel mappings (committed prefix + reserved rest), so thousands of memories fit in one
/// process (x86_64 offers 128 TiB of user address space, i.e. ~30,000 4-GiB reservations).
///
/// **Fallback.** Once the live memories of the process have reserved
/// ``Configuration/addressSpaceBudget`` (64 TiB by default, half of x86_64's user address space,
/// so stacks and `malloc` keep the rest), a new memory reserves only its initial size plus
/// ``Configuration/fallbackHeadroom`` (1 GiB). And if the kernel refuses a reservation (address
/// space exhausted, a `ulimit -v`), the memory tries successively halved reservations down to
/// exactly its initial size. ``reservedByteCount`` tells what a memory got. Growth beyond the
/// reservation fails with -1 rather than moving the memory: a moving base would invalidate the
/// interpreter's cached base, and is impossible for shared memories anyway. (The budget check
/// is approximate under concurrent creation, which only matters near the budget.)
///
/// **Threads.** An unshared memory is used by one thread at a time (the worker that runs its
/// instance). A shared memory may be accessed from several threads at once: its plain accesses
/// race as the WebAssembly memory model allows (never undefined behaviour at the Swift level, as
/// they go through raw pointers), its atomic accesses are sequentially consistent, and concurrent
/// growers are serialised by a lock.
public final class LinearMemory: @unchecked Sendable {
    /// The size of a WebAssembly page: 64 KiB.
    public static let pageSize = 65_536

    /// The largest size in pages the spec allows for a memory32 (4 GiB).
    public static let memory32PageLimit: UInt64 = 1 << 16
    /// The largest size in pages the spec allows for a memory64 (2^64 bytes).
    public static let memory64PageLimit: UInt64 = 1 << 48

    /// Engine-wide choices about how memories use the address space.
    public struct Configuration: Sendable, Equatable {
        /// The most address space reserved for one memory, in bytes (rounded down to whole
        /// pages). Memories whose maximum reach is larger can grow only this far.
        public var reservationLimit: UInt64
        /// The address space all live memories of the process may reserve together before new
        /// memories reserve only their initial size plus ``fallbackHeadroom``. Keeps thousands
        /// of 4-GiB reservations from exhausting the address space that stacks and `malloc`
        /// need too (x86_64 Linux gives a process 128 TiB).
        public var addressSpaceBudget: UInt64
        /// Growth room reserved beyond the initial size once the budget is spent.
        public var fallbackHeadroom: UInt64

        /// A configuration; by default 16 GiB per memory at most, 64 TiB for all memories, and
        /// 1 GiB of growth room per memory beyond that budget.
        public init(reservationLimit: UInt64 = 16 << 30, addressSpaceBudget: UInt64 = 64 << 40,
                    fallbackHeadroom: UInt64 = 1 << 30) {
            self.reservationLimit = reservationLimit
            self.addressSpaceBudget = addressSpaceBudget
            self.fallbackHeadroom = fallbackHeadroom
        }

        /// 16 GiB per memory at most: every memory32 gets its full 4 GiB.
        public static let `default` = Configuration()
    }

    /// The first byte of the memory. Fixed for the memory's lifetime.
    public let base: UnsafeMutableRawPointer
    /// The current size in bytes, published with a release store after the pages are committed.
    @usableFromInline let sizeWord: UnsafeMutablePointer<UInt>
    /// Serialises growers (shared memories may be grown by several threads).
    private let growLock: UnsafeMutablePointer<pthread_mutex_t>
    /// Bytes of address space mapped (the reservation rounded up to whole host pages, ≥ 1 page).
    private let mappedBytes: Int
    /// The host's page size (commits are rounded up to it).
    private let hostPageSize: Int

    /// Whether addresses are 64-bit (memory64 proposal).
    public let isMemory64: Bool
    /// Whether the memory is shared between threads (threads proposal).
    public let isShared: Bool
    /// The declared initial size in pages.
    public let minimum: UInt64
    /// The declared maximum size in pages, if any.
    public let maximum: UInt64?
    /// Bytes of address space reserved: the memory can never grow beyond this.
    public let reservedByteCount: Int
    /// The largest size in pages ``grow(by:)`` can reach: the declared maximum (or the address
    /// type's limit), capped by the reservation.
    public let pageLimit: UInt64

    /// The current size in bytes. One ordinary load; for a shared memory another thread may grow
    /// the memory at any time, so the value is a lower bound of the size by the time it is used
    /// (which is what a bounds check needs: memories never shrink).
    @inlinable public var byteCount: Int {
        @inline(__always) get { Int(bitPattern: wf_atomic_load_word_relaxed(sizeWord)) }
    }

    /// The current size in pages (`memory.size`).
    public var sizeInPages: UInt64 {
        UInt64(wf_atomic_load_word_acquire(sizeWord)) / UInt64(Self.pageSize)
    }

    /// Creates a memory of `minimum` pages (zeroed) that can grow up to `maximum` pages.
    ///
    /// - Throws: ``MemoryCreationError/invalidLimits(_:)`` for limits the memory type forbids
    ///   (the validator normally rejects them first), ``MemoryCreationError/exceedsEngineLimit(minimumBytes:limit:)``
    ///   when even the initial size exceeds the reservation limit, and
    ///   ``MemoryCreationError/mappingFailed(errno:)`` when the kernel refuses the initial pages.
    public init(minimum: UInt64, maximum: UInt64? = nil, isMemory64: Bool = false,
                isShared: Bool = false, configuration: Configuration = .default)
        throws(MemoryCreationError)
    {
        let typeLimit = isMemory64 ? Self.memory64PageLimit : Self.memory32PageLimit
        guard minimum <= typeLimit else { throw .invalidLimits("minimum \(minimum) exceeds \(typeLimit) pages") }
        if let maximum {
            guard maximum <= typeLimit else { throw .invalidLimits("maximum \(maximum) exceeds \(typeLimit) pages") }
            guard minimum <= maximum else { throw .invalidLimits("minimum \(minimum) exceeds maximum \(maximum)") }
        } else if isShared {
            throw .invalidLimits("a shared memory needs a maximum")
        }
        let page = UInt64(Self.pageSize)
        let limitPages = Swift.min(configuration.reservationLimit, UInt64(Int.max)) / page
        guard minimum <= limitPages else {
            throw .exceedsEngineLimit(minimumBytes: minimum * page, limit: limitPages * page)
        }
        let wantedPages = Swift.min(maximum ?? typeLimit, limitPages)
        let hostPage = Int(sysconf(Int32(_SC_PAGESIZE)))
        let initialBytes = Int(minimum * page)

        var wantedBytes = Int(wantedPages * page)
        let budget = Int(clamping: configuration.addressSpaceBudget)
        let (wantedTotal, overflows) = Int(bitPattern: wf_atomic_load_word_relaxed(liveReservedBytes))
            .addingReportingOverflow(wantedBytes)
        if overflows || wantedTotal > budget {
            // Over budget: keep the growth room modest (whole pages), never below the initial size.
            let headroom = Int(clamping: configuration.fallbackHeadroom / page * page)
            wantedBytes = Swift.min(wantedBytes, initialBytes + Swift.min(headroom, Int.max - initialBytes))
        }
        let (mapping, mappedBytes, reservedBytes) = try Self.reserve(
            wantedBytes: wantedBytes, minimumBytes: initialBytes, hostPage: hostPage)
        if initialBytes > 0 {
            guard mprotect(mapping, Self.roundUp(initialBytes, hostPage), PROT_READ | PROT_WRITE) == 0 else {
                let error = errno
                munmap(mapping, mappedBytes)
                throw .mappingFailed(errno: error)
            }
        }
        _ = wf_atomic_add64(liveReservedBytes, UInt64(mappedBytes))

        self.base = mapping
        self.mappedBytes = mappedBytes
        self.hostPageSize = hostPage
        self.reservedByteCount = reservedBytes
        self.pageLimit = Swift.min(maximum ?? typeLimit, UInt64(reservedBytes) / page)
        self.isMemory64 = isMemory64
        self.isShared = isShared
        self.minimum = minimum
        self.maximum = maximum
        sizeWord = .allocate(capacity: 1)
        sizeWord.initialize(to: UInt(initialBytes))
        growLock = .allocate(capacity: 1)
        growLock.initialize(to: pthread_mutex_t())
        pthread_mutex_init(growLock, nil)
    }

    deinit {
        munmap(base, mappedBytes)
        _ = wf_atomic_sub64(liveReservedBytes, UInt64(mappedBytes))
        pthread_mutex_destroy(growLock)
        growLock.deallocate()
        sizeWord.deallocate()
    }

    /// `memory.grow`: adds `delta` zeroed pages and returns the previous size in pages, or -1
    /// when the memory cannot grow that far (beyond its maximum, the address type's limit, the
    /// reservation, or the kernel's commit limit). Growing by 0 returns the current size.
    ///
    /// `delta` is the operand read as unsigned (for memory32, zero-extend the `i32`). The base
    /// address does not change; existing contents stay where they are.
    @discardableResult
    public func grow(by delta: UInt64) -> Int64 {
        pthread_mutex_lock(growLock)
        defer { pthread_mutex_unlock(growLock) }
        let oldBytes = Int(wf_atomic_load_word_relaxed(sizeWord))
        let oldPages = UInt64(oldBytes / Self.pageSize)
        guard delta <= pageLimit - oldPages else { return -1 }
        if delta == 0 { return Int64(oldPages) }
        let newBytes = Int((oldPages + delta) * UInt64(Self.pageSize))
        let start = Self.roundUp(oldBytes, hostPageSize), end = Self.roundUp(newBytes, hostPageSize)
        if end > start {
            guard mprotect(base + start, end - start, PROT_READ | PROT_WRITE) == 0 else { return -1 }
        }
        wf_atomic_store_word_release(sizeWord, UInt(newBytes))
        return Int64(oldPages)
    }

    /// Reserves `wantedBytes` of inaccessible address space, or — if the kernel refuses — the
    /// largest of successively halved sizes, down to exactly `minimumBytes`.
    /// Returns the mapping, the bytes mapped and the bytes usable by the memory.
    private static func reserve(wantedBytes: Int, minimumBytes: Int, hostPage: Int)
        throws(MemoryCreationError) -> (UnsafeMutableRawPointer, mapped: Int, usable: Int)
    {
        var attempt = wantedBytes
        while true {
            let length = Swift.max(roundUp(attempt, hostPage), hostPage)
            let mapping = mmap(nil, length, PROT_NONE, mapFlags, -1, 0)
            if let mapping, mapping != UnsafeMutableRawPointer(bitPattern: -1) {
                return (mapping, length, attempt)
            }
            let error = errno
            if attempt <= minimumBytes { throw .mappingFailed(errno: error) }
            // Halve, in whole pages, but never below the initial size.
            attempt = Swift.max(attempt / 2 / pageSize * pageSize, minimumBytes)
        }
    }

    #if canImport(Darwin)
    private static let mapFlags = MAP_PRIVATE | MAP_ANON | MAP_NORESERVE
    #else
    private static let mapFlags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE
    #endif

    /// Bytes of address space reserved by all live memories of the process.
    static var totalReservedBytes: Int { Int(bitPattern: wf_atomic_load_word_relaxed(liveReservedBytes)) }

    private static func roundUp(_ value: Int, _ multiple: Int) -> Int {
        (value + multiple - 1) / multiple * multiple
    }
}

/// Bytes of address space reserved by all live memories (updated atomically; read by
/// ``LinearMemory/Configuration/addressSpaceBudget``).
nonisolated(unsafe) private let liveReservedBytes: UnsafeMutablePointer<UInt> = {
    let word = UnsafeMutablePointer<UInt>.allocate(capacity: 1)
    word.initialize(to: 0)
    return word
}()
