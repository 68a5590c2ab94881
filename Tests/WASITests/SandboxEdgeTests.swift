import Foundation
import Testing
@testable import WasmFiberWASI

/// Corners of path resolution: creation through links, trailing slashes, `.` and `..` as the
/// final component. Each runs under every strategy.
@Suite("WASI sandbox edges")
struct SandboxEdgeTests {
    static let create = wasiReadWriteRights.union(.pathCreateFile)

    @Test(arguments: wasiStrategies)
    func creatingThroughADanglingLinkStaysInside(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        try fx.link("dangling_out", "../outside/planted")
        #expect(wasiErrno { _ = try t.open("dangling_out", oflags: .creat, rights: Self.create) } == .notcapable)
        #expect(!fx.exists("outside/planted"))
        // A dangling link inside creates its target (POSIX open with O_CREAT follows it).
        let fd = try t.open("dangling", oflags: .creat, rights: Self.create)
        try t.writeText(fd, "now")
        #expect(fx.contents("root/missing") == "now")
        // Without symlink_follow the final link is refused, not written through.
        #expect(wasiErrno { _ = try t.open("link_inside", follow: false, oflags: .creat, rights: Self.create) } == .loop)
    }

    @Test(arguments: wasiStrategies)
    func dotAndDotDotAsTheFinalComponent(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        let root = try t.pathFilestatGet(3, lookupFlags: [], path: wasiPath("."))
        #expect(root.filetype == .directory)
        #expect(try t.pathFilestatGet(3, lookupFlags: [], path: wasiPath("sub/..")).ino == root.ino)
        #expect(try t.pathFilestatGet(3, lookupFlags: [], path: wasiPath("link_dir/..")).ino == root.ino)
        #expect(wasiErrno { _ = try t.pathFilestatGet(3, lookupFlags: [], path: wasiPath("link_dir/../..")) } == .notcapable)
        #expect(wasiErrno { try t.pathUnlinkFile(3, path: wasiPath("sub/..")) } == .isdir)
        #expect(wasiErrno { try t.pathRename(3, oldPath: wasiPath("."), newFD: 3, newPath: wasiPath("x")) } != .success)
        #expect(fx.exists("root"))
    }

    @Test(arguments: wasiStrategies)
    func trailingSlashesDemandDirectories(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        try t.pathCreateDirectory(3, path: wasiPath("made/"))
        #expect(try t.pathFilestatGet(3, lookupFlags: [], path: wasiPath("made")).filetype == .directory)
        #expect(wasiErrno { _ = try t.pathFilestatGet(3, lookupFlags: [], path: wasiPath("file.txt/")) } == .notdir)
        #expect(wasiErrno { try t.pathRename(3, oldPath: wasiPath("file.txt"), newFD: 3, newPath: wasiPath("f/")) } == .notdir)
        #expect(wasiErrno { try t.pathRename(3, oldPath: wasiPath("file.txt/"), newFD: 3, newPath: wasiPath("f")) } == .notdir)
        try t.pathRename(3, oldPath: wasiPath("made/"), newFD: 3, newPath: wasiPath("renamed/"))
        #expect(fx.exists("root/renamed"))
        #expect(wasiErrno { _ = try t.open("new/", oflags: .creat, rights: Self.create) } == .isdir)
        #expect(wasiErrno { try t.pathSymlink(target: wasiPath("file.txt"), 3, newPath: wasiPath("l/")) } == .noent)
        #expect(try t.fdstat(t.open("link_dir/", follow: false)).fileType == .directory)
    }

    @Test(arguments: wasiStrategies)
    func malformedPathsAreRefusedBeforeTheHostSeesThem(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        #expect(wasiErrno { _ = try t.pathOpen(3, lookupFlags: [], path: [0x66, 0, 0x67], oflags: [], rightsBase: wasiReadRights, rightsInheriting: [], fdflags: []) } == .inval)
        #expect(wasiErrno { _ = try t.open(String(repeating: "a/", count: 2100)) } == .nametoolong)
        #expect(wasiErrno { _ = try t.open(String(repeating: "n", count: 300)) } == .nametoolong)
        #expect(wasiErrno { try t.pathSymlink(target: [], 3, newPath: wasiPath("empty")) } == .noent)
        #expect(try t.readText(t.open("sub//inner.txt")) == "inner")
    }

    @Test(arguments: wasiStrategies)
    func truncatingNeedsTheSetSizeRight(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        let dir = try t.pathOpen(3, lookupFlags: [], path: wasiPath("."), oflags: .directory,
                                 rightsBase: [.pathOpen], rightsInheriting: .all, fdflags: [])
        #expect(wasiErrno { _ = try t.open("file.txt", at: dir, oflags: .trunc, rights: [.fdWrite]) } == .notcapable)
        #expect(fx.contents("root/file.txt") == "hello")
        _ = try t.open("file.txt", oflags: .trunc, rights: [.fdWrite])
        #expect(fx.contents("root/file.txt") == "")
    }
}
