import Foundation
@testable import WasmFiberWASI

/// A temporary tree per test:
///
///     <tmp>/root/            preopen 3 ("/sandbox")
///         file.txt           "hello"
///         sub/inner.txt      "inner"   sub/deeper/
///         nonempty/x         emptydir/
///         link_inside -> sub/inner.txt      link_dir -> sub
///         link_escape -> ../outside/secret.txt   link_escape_dir -> ../outside
///         link_abs -> /etc   loop_a -> loop_b -> loop_a   dangling -> missing
///         c0 -> c1 -> … -> c39 -> file.txt  (40 links)   d0 -> … -> d40 -> file.txt (41)
///         dc0 -> … -> dc40 -> sub  (41 links to a directory)
///     <tmp>/other/           preopen 4 ("/other")
///     <tmp>/outside/secret.txt   never reachable
final class WASISandboxFixture {
    let base: URL
    var root: String { base.appendingPathComponent("root").path }
    var other: String { base.appendingPathComponent("other").path }
    var outside: String { base.appendingPathComponent("outside").path }

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("wf-wasi-\(UUID().uuidString)")
        let fm = FileManager.default
        for dir in ["root/sub/deeper", "root/nonempty", "root/emptydir", "other", "outside"] {
            try fm.createDirectory(atPath: base.appendingPathComponent(dir).path, withIntermediateDirectories: true)
        }
        try write("root/file.txt", "hello")
        try write("root/sub/inner.txt", "inner")
        try write("root/nonempty/x", "x")
        try write("outside/secret.txt", "secret")
        try link("link_inside", "sub/inner.txt")
        try link("link_dir", "sub")
        try link("link_escape", "../outside/secret.txt")
        try link("link_escape_dir", "../outside")
        try link("link_abs", "/etc")
        try link("loop_a", "loop_b")
        try link("loop_b", "loop_a")
        try link("dangling", "missing")
        for i in 0..<40 { try link("c\(i)", i == 39 ? "file.txt" : "c\(i + 1)") }
        for i in 0..<41 { try link("d\(i)", i == 40 ? "file.txt" : "d\(i + 1)") }
        for i in 0..<41 { try link("dc\(i)", i == 40 ? "sub" : "dc\(i + 1)") }
    }

    deinit { try? FileManager.default.removeItem(at: base) }

    func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: base.appendingPathComponent(relative))
    }

    func link(_ name: String, _ target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: root + "/" + name, withDestinationPath: target)
    }

    func exists(_ relative: String) -> Bool {
        var st = stat()
        return lstat(base.appendingPathComponent(relative).path, &st) == 0
    }

    func contents(_ relative: String) -> String? {
        (try? Data(contentsOf: base.appendingPathComponent(relative))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A table with `root` as fd 3 and `other` as fd 4.
    func table(_ strategy: WASIResolutionStrategy, stdout: WASIStdio = .inherit, maxDescriptors: Int = 1024) throws -> WASIFileDescriptorTable {
        try WASIFileDescriptorTable(
            preopens: [WASIPreopen(hostPath: root, guestPath: "/sandbox"), WASIPreopen(hostPath: other, guestPath: "/other")],
            stdout: stdout, maxDescriptors: maxDescriptors, strategy: strategy)
    }
}

/// The strategies this host can run (openat2 only where the kernel has it).
let wasiStrategies: [WASIResolutionStrategy] = WASIResolutionStrategy.openat2Available ? [.openat2, .manualWalk] : [.manualWalk]

/// The errno a WASI call ends with (`success` if it returns).
func wasiErrno(_ body: () throws -> Void) -> WASIErrno {
    do {
        try body()
        return .success
    } catch let error as WASIErrno {
        return error
    } catch {
        fatalError("not a WASIErrno: \(error)")
    }
}

/// Guest path bytes.
func wasiPath(_ s: String) -> [UInt8] { Array(s.utf8) }

/// Rights wasi-libc asks for on `open(O_RDONLY)` and `open(O_RDWR)`.
let wasiReadRights: WASIRights = [.fdRead, .fdSeek, .fdTell, .fdFilestatGet, .fdReaddir, .pathOpen, .pathFilestatGet]
let wasiReadWriteRights: WASIRights = wasiReadRights.union([.fdWrite, .fdFilestatSetSize])

extension WASIFileDescriptorTable {
    /// `path_open` with wasi-libc-like defaults.
    func open(_ path: String, at dirfd: UInt32 = 3, follow: Bool = true, oflags: WASIOFlags = [], rights: WASIRights = wasiReadRights, inheriting: WASIRights = .all) throws(WASIErrno) -> UInt32 {
        try pathOpen(dirfd, lookupFlags: follow ? .symlinkFollow : [], path: wasiPath(path), oflags: oflags,
                     rightsBase: rights, rightsInheriting: inheriting, fdflags: [])
    }

    /// Reads up to 64 bytes from `fd` as text.
    func readText(_ fd: UInt32) throws(WASIErrno) -> String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let result: Result<Int, WASIErrno> = buffer.withUnsafeMutableBytes { raw in Result { () throws(WASIErrno) in try read(fd, into: raw) } }
        return String(decoding: buffer[..<(try result.get())], as: UTF8.self)
    }

    /// Writes `text` to `fd`.
    @discardableResult
    func writeText(_ fd: UInt32, _ text: String) throws(WASIErrno) -> Int {
        let result: Result<Int, WASIErrno> = Array(text.utf8).withUnsafeBytes { raw in Result { () throws(WASIErrno) in try write(fd, raw) } }
        return try result.get()
    }
}
