import CContext
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Atomic instructions (layout in `Translator+Atomics.swift`). Memories are used by one
/// thread so far, so `wait` on an unshared memory traps as the proposal says, and on a shared
/// one it can only time out.
extension Executor {
    @inline(never)
    static func atomicInstruction(_ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>) throws(ExecutionError) -> UnsafeMutableRawPointer {
        let memory = pc.memory(32).takeUnretainedValue()
        let (a, b, c) = (pc.slot(8), pc.slot(12), pc.slot(16))
        let widthCode = Int(pc.u32(20) & 0xFF)
        let width = AtomicWidth(rawValue: widthCode) ?? .bits32
        let offset = pc.u64(24)
        switch pc.load(as: Op.self) {
        case .atomicLoad:
            fp[a] = try memoryAccess { () throws(MemoryError) in try memory.atomicLoad(width, at: fp[b], offset: offset) }
        case .atomicStore:
            try memoryAccess { () throws(MemoryError) in try memory.atomicStore(width, fp[a], at: fp[b], offset: offset) }
        case .atomicRMW:
            let operation: AtomicOperation = switch pc.u32(20) >> 8 {
            case 0: .add
            case 1: .sub
            case 2: .and
            case 3: .or
            case 4: .xor
            default: .xchg
            }
            fp[a] = try memoryAccess { () throws(MemoryError) in try memory.atomicRMW(operation, width, fp[c], at: fp[b], offset: offset) }
        case .atomicCmpxchg:
            fp[a] = try memoryAccess { () throws(MemoryError) in
                try memory.atomicCompareExchange(width, expected: fp[b], replacement: fp[c], at: fp[a], offset: offset)
            }
        case .atomicNotify:
            _ = try memoryAccess { () throws(MemoryError) in try memory.checkedAtomicOffset(fp[b], offset: offset, width: .bits32) }
            fp[a] = 0   // no thread can be waiting: waiters need a second thread
        case .atomicWait32, .atomicWait64:
            let waitWidth: AtomicWidth = pc.load(as: Op.self) == .atomicWait32 ? .bits32 : .bits64
            let current = try memoryAccess { () throws(MemoryError) in try memory.atomicLoad(waitWidth, at: fp[a], offset: offset) }
            guard memory.isShared else { throw .trap(Trap(.other("expected shared memory"))) }
            let expected = waitWidth == .bits32 ? fp[b] & 0xFFFF_FFFF : fp[b]
            if current != expected {
                fp[a] = 1   // "not-equal"
            } else {
                let timeout = Int64(bitPattern: fp[c])
                guard timeout >= 0 else { throw .trap(Trap(.other("wait would block forever: no other thread can notify"))) }
                var request = timespec(tv_sec: Int(timeout / 1_000_000_000), tv_nsec: Int(timeout % 1_000_000_000))
                var remaining = timespec()
                while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
                fp[a] = 2   // "timed-out"
            }
        default:
            break
        }
        return pc + 40
    }
}
