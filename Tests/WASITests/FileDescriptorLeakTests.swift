import Foundation
import Testing
@testable import WasmFiberWASI

/// Every error path closes what it opened. Tests of other suites run in parallel and open fds
/// of their own, so the check allows some noise: a leak of one fd per failing call over a batch
/// of 7,000 calls (300 per kind) is far above it.
@Suite("WASI fd leaks", .serialized)
struct FileDescriptorLeakTests {
    static func openHostFDs() -> Int {
        #if os(Linux)
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
        #else
        (try? FileManager.default.contentsOfDirectory(atPath: "/dev/fd").count) ?? 0
        #endif
    }

    @Test(arguments: wasiStrategies)
    func failingCallsLeakNoHostFDs(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy, maxDescriptors: 6)
        _ = try t.open("file.txt") // the table is full: successful opens must give their fd back
        let before = Self.openHostFDs()
        let failing: [() throws -> Void] = [
            { _ = try t.open("../outside/secret.txt") },
            { _ = try t.open("link_escape") },
            { _ = try t.open("link_abs/passwd") },
            { _ = try t.open("loop_a") },
            { _ = try t.open("d0") },
            { _ = try t.open("dc0/inner.txt") },
            { _ = try t.open("sub/deeper/../../../x") },
            { _ = try t.open("file.txt/x") },
            { _ = try t.open("sub/missing") },
            { _ = try t.open("sub/deeper/missing/x") }, // fails with two directories entered
            { _ = try t.open("sub/inner.txt/x") },
            { _ = try t.open("link_dir/deeper/../../link_escape_dir/secret.txt") },
            { _ = try t.open("file.txt") }, // mfile after the host open succeeded
            { _ = try t.open("link_inside", follow: false) },
            { _ = try t.pathFilestatGet(3, lookupFlags: .symlinkFollow, path: wasiPath("link_escape_dir/secret.txt")) },
            { try t.pathRename(3, oldPath: wasiPath("sub/inner.txt"), newFD: 4, newPath: wasiPath("../x")) },
            { try t.pathRename(3, oldPath: wasiPath("missing"), newFD: 4, newPath: wasiPath("x")) },
            { try t.pathLink(3, lookupFlags: .symlinkFollow, oldPath: wasiPath("link_escape"), newFD: 4, newPath: wasiPath("x")) },
            { try t.pathUnlinkFile(3, path: wasiPath("emptydir")) },
            { try t.pathRemoveDirectory(3, path: wasiPath("nonempty")) },
            { try t.pathCreateDirectory(3, path: wasiPath("sub")) },
            { try t.pathSymlink(target: wasiPath("x"), 3, newPath: wasiPath("file.txt")) },
            { _ = try t.pathReadlink(3, path: wasiPath("file.txt")) },
        ]
        for _ in 0..<300 {
            for call in failing { #expect(wasiErrno(call) != .success) }
        }
        let after = Self.openHostFDs()
        #expect(after - before < 200, "host fds: \(before) before, \(after) after \(300 * failing.count) failing calls")
        #expect(t.openCount == 6)
    }

    @Test func droppingTheTableClosesItsHostFDs() throws {
        let fx = try WASISandboxFixture()
        let before = Self.openHostFDs()
        for _ in 0..<200 {
            let t = try fx.table(.manualWalk)
            for _ in 0..<5 { _ = try t.open("file.txt") }
        }
        #expect(Self.openHostFDs() - before < 200)
    }
}
