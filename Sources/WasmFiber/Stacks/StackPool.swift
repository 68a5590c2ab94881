import CContext
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A recycler of native stacks: every fiber and every WebAssembly continuation runs on a stack
/// taken from a pool, and gives it back when it finishes.
///
/// Taking an idle stack and giving it back touch only a free list (no system call). Idle
/// stacks beyond ``Configuration/hotCount`` give their pages back to the kernel; guarded idle
/// stacks beyond ``Configuration/coldCount`` are unmapped.
///
/// A pool belongs to the thread that created it: stacks are taken and returned on that thread
/// only (a stack never migrates between threads, see DESIGN §1).
///
/// **How many stacks fit.** A guarded stack costs two kernel mappings and Linux allows
/// `vm.max_map_count` (65,530 by default) per process, so the default configuration holds
/// about 32,000 live stacks per process. For more, use ``Configuration/unguarded(stackSize:)``:
/// stacks carved from slabs of 256 share a mapping (a million stacks then need ~8,000
/// mappings), at the price of having no guard page between neighbours — code on them must
/// bound its own depth, as the interpreter does at every function entry.
public final class StackPool {
    /// How a pool makes and keeps stacks.
    public struct Configuration: Sendable, Equatable {
        /// Usable bytes per stack (reserved, committed by the kernel as touched).
        public var stackSize: Int
        /// Bytes of inaccessible guard below each stack (≥ 64 KiB), or 0 for unguarded slab
        /// stacks.
        public var guardSize: Int
        /// Idle stacks kept ready as they are.
        public var hotCount: Int
        /// Further idle stacks kept after their pages were given back.
        public var coldCount: Int
        /// Stacks per slab, for unguarded pools.
        public var slabStacks: Int

        public init(stackSize: Int = 1 << 20, guardSize: Int = 64 << 10, hotCount: Int = 16,
                    coldCount: Int = 1024, slabStacks: Int = 256) {
            self.stackSize = stackSize
            self.guardSize = guardSize
            self.hotCount = hotCount
            self.coldCount = coldCount
            self.slabStacks = slabStacks
        }

        /// 1 MiB stacks with 64 KiB guards: room for host code running on top of WebAssembly.
        public static let `default` = Configuration()

        /// Stacks without guard pages, carved from slabs, for very many small fibers.
        public static func unguarded(stackSize: Int = 64 << 10) -> Configuration {
            Configuration(stackSize: stackSize, guardSize: 0)
        }
    }

    /// Counters of a pool.
    public struct Statistics: Sendable, Equatable {
        /// Stacks in use.
        public var live: Int
        /// Idle stacks ready as they are.
        public var hot: Int
        /// Idle stacks whose pages were given back.
        public var cold: Int
        /// Stacks that exist (live and idle).
        public var mapped: Int
        /// Stacks ever mapped.
        public var created: Int
        /// Stacks ever unmapped.
        public var unmapped: Int
    }

    @usableFromInline let pool: OpaquePointer
    @usableFromInline let owner: UnsafeRawPointer
    /// The configuration the pool was made with (sizes rounded to pages).
    public let configuration: Configuration

    /// Makes a pool owned by the calling thread.
    public init(_ configuration: Configuration = .default) throws(FiberError) {
        var config = wf_pool_config(
            stack_size: configuration.stackSize, guard_size: configuration.guardSize,
            hot_count: configuration.hotCount, cold_count: configuration.coldCount,
            slab_stacks: configuration.slabStacks)
        guard configuration.stackSize > 0, configuration.guardSize >= 0, configuration.hotCount >= 0,
              configuration.coldCount >= 0, configuration.slabStacks >= 0,
              let pool = wf_pool_create(&config) else {
            throw .invalidConfiguration(
                "stack size \(configuration.stackSize) must be ≥ 4 pages; guard size \(configuration.guardSize) must be 0 or ≥ \(WF_MIN_GUARD_SIZE)")
        }
        self.pool = pool
        self.owner = wf_thread_token()
        let actual = wf_pool_get_config(pool).pointee
        var rounded = configuration
        rounded.stackSize = actual.stack_size
        rounded.guardSize = actual.guard_size
        self.configuration = rounded
    }

    deinit {
        wf_pool_destroy(pool)
    }

    /// The calling thread's default pool (``Configuration/default``), made on first use.
    @inlinable public static var current: StackPool {
        if let existing = wf_thread_default_pool() {
            return Unmanaged<StackPool>.fromOpaque(existing).takeUnretainedValue()
        }
        return makeCurrent()
    }

    @usableFromInline static func makeCurrent() -> StackPool {
        if let existing = wf_thread_default_pool() {
            return Unmanaged<StackPool>.fromOpaque(existing).takeUnretainedValue()
        }
        // The default configuration is valid, so this cannot fail.
        let pool = try! StackPool()
        // The thread keeps one reference, dropped when it exits.
        let status = wf_thread_set_default_pool(Unmanaged.passRetained(pool).toOpaque()) { pool in
            Unmanaged<StackPool>.fromOpaque(pool!).release()
        }
        precondition(status == 0, "cannot register the thread's default stack pool (error \(status))")
        return pool
    }

    /// Whether the calling thread owns this pool.
    @inlinable @inline(__always) var isOwnedByCurrentThread: Bool { owner == wf_thread_token() }

    /// Takes a stack (mapping one if none is idle).
    @usableFromInline
    func acquire() throws(FiberError) -> UnsafeMutablePointer<wf_stack> {
        guard isOwnedByCurrentThread else { throw .wrongThread }
        guard let stack = wf_pool_acquire(pool) else { throw .stackUnavailable(errno: errno) }
        return stack
    }

    /// Gives a stack back. Only on the owner thread (checked by the callers).
    @usableFromInline
    func release(_ stack: UnsafeMutablePointer<wf_stack>) {
        wf_pool_release(pool, stack)
    }

    /// Gives the pages of every idle stack back to the kernel, keeping at most
    /// ``Configuration/hotCount`` guarded idle stacks mapped.
    public func trim() throws(FiberError) {
        guard isOwnedByCurrentThread else { throw .wrongThread }
        wf_pool_trim(pool)
    }

    /// The pool's counters.
    public var statistics: Statistics {
        let s = wf_pool_get_stats(pool)
        return Statistics(live: s.live, hot: s.hot, cold: s.cold, mapped: s.mapped,
                          created: s.created, unmapped: s.unmapped)
    }
}
