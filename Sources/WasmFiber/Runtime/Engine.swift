import CContext
import Synchronization
import WasmFormat

/// How an ``Engine`` runs WebAssembly.
public struct EngineConfiguration: Sendable, Equatable {
    /// The proposals modules may use (by default everything this runtime implements).
    public var features: FeatureSet
    /// The native stack of every fiber that runs WebAssembly, in bytes (reserved; pages are
    /// committed as the stack deepens). Deep recursion ends with the trap
    /// `call stack exhausted` when this stack, or the value stack, is used up.
    public var stackSize: Int
    /// The operand and local storage of one fiber, in 64-bit slots.
    public var valueStackSlots: Int
    /// The stack of every continuation, in bytes (reserved; committed as used): a quarter
    /// holds the continuation's operands and locals, the rest its native frames, of which
    /// 128 KiB stay free for host functions it calls. At least 256 KiB.
    ///
    /// An idle continuation costs what it touched — one 4 KiB page when it suspended near its
    /// start — plus about 1 KiB of runtime objects.
    public var continuationStackSize: Int
    /// Whether each continuation stack has a guard region below it (the default). A guarded
    /// stack costs two kernel mappings, and Linux allows `vm.max_map_count` (65,530 by default)
    /// per process, so about 30,000 continuations can be alive at once. Unguarded stacks are
    /// carved 256 to a mapping, so millions fit; WebAssembly on them cannot overflow (the
    /// interpreter checks the stack at every call), but a host function called from a
    /// continuation that uses more than its 128 KiB of native stack would overwrite a
    /// neighbouring stack instead of faulting.
    public var guardsContinuationStacks: Bool
    /// How many nested host → WebAssembly calls (each on a fresh fiber) may be active at once
    /// on one thread before the next one traps `call stack exhausted`.
    public var maxReentryDepth: Int
    /// Idle stacks the engine keeps mapped per thread for reuse.
    public var idleStacks: Int
    /// Translate every function at instantiation instead of on its first call.
    public var translatesEagerly: Bool
    /// How linear memories reserve address space.
    public var memory: LinearMemory.Configuration

    /// The defaults: 8 MiB native stacks, 1 Mi value slots (8 MiB, committed lazily), 1 MiB
    /// guarded continuation stacks, 1,000 nested re-entries, 16 idle stacks, lazy translation.
    public init(
        features: FeatureSet = .default, stackSize: Int = 8 << 20, valueStackSlots: Int = 1 << 20,
        continuationStackSize: Int = 1 << 20, guardsContinuationStacks: Bool = true,
        maxReentryDepth: Int = 1_000, idleStacks: Int = 16, translatesEagerly: Bool = false,
        memory: LinearMemory.Configuration = .default
    ) {
        self.features = features
        self.stackSize = stackSize
        self.valueStackSlots = valueStackSlots
        self.continuationStackSize = continuationStackSize
        self.guardsContinuationStacks = guardsContinuationStacks
        self.maxReentryDepth = maxReentryDepth
        self.idleStacks = idleStacks
        self.translatesEagerly = translatesEagerly
        self.memory = memory
    }
}

/// The runtime's store: it owns every instance, function, table, memory, global, tag and
/// exception created through it, and keeps them alive as long as it lives (references between
/// them are plain addresses).
///
/// An engine and everything it owns is used by one thread at a time; calls from the host run
/// WebAssembly on fibers of the calling thread, so no native frame ever migrates.
public final class Engine: @unchecked Sendable {
    /// The configuration it was made with.
    public let configuration: EngineConfiguration

    /// Guards `owned` and `pools`.
    private let lock = Mutex(())
    /// Everything this engine keeps alive, by identity (so retaining an object twice keeps
    /// one entry: host code may store the same function reference many times).
    private nonisolated(unsafe) var owned: [ObjectIdentifier: AnyObject] = [:]
    /// One stack pool per thread that ran WebAssembly through this engine, and one for the
    /// continuations made on that thread.
    private nonisolated(unsafe) var pools: [UInt: StackPool] = [:]
    private nonisolated(unsafe) var continuationPools: [UInt: StackPool] = [:]

    /// The continuations made by code of this engine (used by the thread running it).
    let continuations = ContinuationRegistry()

    /// An engine with `configuration`.
    public init(_ configuration: EngineConfiguration = EngineConfiguration()) {
        self.configuration = configuration
    }

    deinit {
        continuations.cancelAll(engine: self)
    }

    /// Keeps `object` alive as long as the engine (once, however often it is retained).
    func retain(_ object: AnyObject) {
        lock.withLock { _ in owned[ObjectIdentifier(object)] = object }
    }

    /// Calls `body` with every object the engine keeps alive (the collector's roots).
    func forEachOwned(_ body: (AnyObject) -> Void) {
        let objects = lock.withLock { _ in Array(owned.values) }
        for object in objects { body(object) }
    }

    /// The calling thread's pool of fiber stacks for this engine.
    func stackPool() throws(FiberError) -> StackPool {
        try pool(forContinuations: false, StackPool.Configuration(stackSize: configuration.stackSize, hotCount: configuration.idleStacks))
    }

    /// The calling thread's pool of continuation stacks for this engine.
    func continuationStackPool() throws(FiberError) -> StackPool {
        try pool(forContinuations: true, StackPool.Configuration(
            stackSize: configuration.continuationStackSize,
            guardSize: configuration.guardsContinuationStacks ? StackPool.Configuration.default.guardSize : 0,
            hotCount: 64))
    }

    /// The calling thread's pool of one kind, made on first use.
    private func pool(forContinuations: Bool, _ poolConfiguration: StackPool.Configuration) throws(FiberError) -> StackPool {
        let thread = UInt(bitPattern: wf_thread_token())
        let existing = lock.withLock { _ in forContinuations ? continuationPools[thread] : pools[thread] }
        if let existing { return existing }
        let pool = try StackPool(poolConfiguration)
        lock.withLock { _ in
            if forContinuations { continuationPools[thread] = pool } else { pools[thread] = pool }
        }
        return pool
    }
}
