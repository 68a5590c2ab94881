// Process memory as the kernel and malloc see it, for the idle-continuation benchmark.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum ProcessMemory {
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Resident set size in bytes (/proc/self/statm, second field).
    static func residentBytes() -> Int {
        let fields = contents("/proc/self/statm").split(separator: " ")
        return (fields.count > 1 ? Int(fields[1]) ?? 0 : 0) * pageSize
    }

    /// Page-table memory in bytes (/proc/self/status, VmPTE): not part of the RSS.
    static func pageTableBytes() -> Int {
        for line in contents("/proc/self/status").split(separator: "\n") where line.hasPrefix("VmPTE:") {
            return (Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0) * 1024
        }
        return 0
    }

    /// A mapping of /proc/self/maps.
    struct Mapping: Hashable {
        var start: UInt
        var end: UInt
        var permissions: Substring
        var size: UInt { end - start }
    }

    static func mappings() -> [Mapping] {
        contents("/proc/self/maps").split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", maxSplits: 2)
            guard fields.count >= 2 else { return nil }
            let range = fields[0].split(separator: "-")
            guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16) else { return nil }
            return Mapping(start: start, end: end, permissions: fields[1])
        }
    }

    /// The start addresses of the stacks that WasmFiber's pool maps: `stackSize` bytes of
    /// read-write memory right above an inaccessible guard of `guardSize` bytes.
    static func guardedStacks(stackSize: Int, guardSize: Int) -> Set<UInt> {
        let list = mappings()
        var stacks = Set<UInt>()
        for (guardMapping, next) in zip(list, list.dropFirst())
        where guardMapping.permissions.hasPrefix("---p") && guardMapping.size == UInt(guardSize)
            && next.start == guardMapping.end && next.permissions.hasPrefix("rw") && next.size >= UInt(stackSize) {
            stacks.insert(next.start)
        }
        return stacks
    }

    /// Pages of [start, start + length) that are mapped (mincore), and of those the ones that
    /// are the kernel's shared zero page (only read, never written: not in the RSS), from
    /// /proc/self/pagemap. Without the rights to see page frame numbers (not root), no page
    /// counts as the zero page.
    static func residentPages(_ start: UInt, _ length: Int) -> (mapped: Int, zero: Int) {
        let pages = (length + pageSize - 1) / pageSize
        var vector = [UInt8](repeating: 0, count: pages)
        guard mincore(UnsafeMutableRawPointer(bitPattern: start), length, &vector) == 0 else { return (0, 0) }
        var (mapped, zero) = (0, 0)
        for (i, flags) in vector.enumerated() where flags & 1 != 0 {
            mapped += 1
            if let zeroFrame, frame(of: start + UInt(i * pageSize)) == zeroFrame { zero += 1 }
        }
        return (mapped, zero)
    }

    private static let pagemap: Int32 = open("/proc/self/pagemap", O_RDONLY)

    /// The page frame number mapped at `address`, or nil (not present, or hidden from us).
    static func frame(of address: UInt) -> UInt64? {
        var entry: UInt64 = 0
        let offset = off_t(address / UInt(pageSize)) * 8
        guard pagemap >= 0, pread(pagemap, &entry, 8, offset) == 8, entry >> 63 == 1 else { return nil }
        let pfn = entry & ((1 << 55) - 1)
        return pfn == 0 ? nil : pfn
    }

    /// The zero page's frame number: that of a fresh anonymous page that was only read.
    static let zeroFrame: UInt64? = {
        guard let page = mmap(nil, pageSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), page != MAP_FAILED else { return nil }
        defer { munmap(page, pageSize) }
        let byte = page.load(as: UInt8.self)
        precondition(byte == 0)
        return frame(of: UInt(bitPattern: page))
    }()

    /// The whole of a /proc file (they report a size of 0, so read until the end).
    private static func contents(_ path: String) -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
