import Foundation
import Testing
@testable import WasmFiberWASI

/// Every path test runs under each resolution strategy this host has.
@Suite("WASI sandbox")
struct SandboxTests {
    @Test(arguments: wasiStrategies)
    func dotDotAboveThePreopenIsNotCapable(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        #expect(wasiErrno { _ = try t.open("..") } == .notcapable)
        #expect(wasiErrno { _ = try t.open("../outside/secret.txt") } == .notcapable)
        #expect(wasiErrno { _ = try t.open("sub/../../outside/secret.txt") } == .notcapable)
        #expect(wasiErrno { _ = try t.pathFilestatGet(3, lookupFlags: [], path: wasiPath("sub/deeper/../../..")) } == .notcapable)
        #expect(wasiErrno { try t.pathCreateDirectory(3, path: wasiPath("../made")) } == .notcapable)
        #expect(!fx.exists("made"))
    }

    @Test(arguments: wasiStrategies)
    func absolutePathsAreNotCapable(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        #expect(wasiErrno { _ = try t.open("/etc/passwd") } == .notcapable)
        #expect(wasiErrno { _ = try t.open(fx.root + "/file.txt") } == .notcapable)
        #expect(wasiErrno { try t.pathUnlinkFile(3, path: wasiPath("/tmp/x")) } == .notcapable)
    }

    @Test(arguments: wasiStrategies)
    func dotDotThatStaysInsideResolves(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        let fd = try t.open("sub/../file.txt")
        #expect(try t.readText(fd) == "hello")
        #expect(try t.readText(t.open("sub/deeper/../../sub/./inner.txt")) == "inner")
        #expect(try t.readText(t.open("link_dir/../file.txt")) == "hello")
        #expect(try t.open(".", oflags: .directory) > 4)
    }

    @Test(arguments: wasiStrategies)
    func escapingSymlinksAreNotCapable(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        #expect(wasiErrno { _ = try t.open("link_escape") } == .notcapable)
        #expect(wasiErrno { _ = try t.open("link_escape_dir/secret.txt") } == .notcapable)
        #expect(wasiErrno { _ = try t.open("link_abs") } == .notcapable)
        #expect(wasiErrno { _ = try t.open("link_abs/passwd") } == .notcapable)
        #expect(wasiErrno { _ = try t.pathFilestatGet(3, lookupFlags: .symlinkFollow, path: wasiPath("link_escape")) } == .notcapable)
        #expect(wasiErrno { try t.pathCreateDirectory(3, path: wasiPath("link_escape_dir/made")) } == .notcapable)
        #expect(!fx.exists("outside/made"))
    }

    @Test(arguments: wasiStrategies)
    func symlinksInsideResolve(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        #expect(try t.readText(t.open("link_inside")) == "inner")
        #expect(try t.readText(t.open("link_dir/inner.txt")) == "inner")
    }

    @Test(arguments: wasiStrategies)
    func symlinkLoopsAreLoop(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        #expect(wasiErrno { _ = try t.open("loop_a") } == .loop)
        #expect(wasiErrno { _ = try t.open("loop_a/x") } == .loop)
        #expect(wasiErrno { _ = try t.pathFilestatGet(3, lookupFlags: .symlinkFollow, path: wasiPath("loop_b")) } == .loop)
    }

    @Test(arguments: wasiStrategies)
    func chainsLongerThanFortyLinksAreLoop(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        // 40 expansions are allowed (Linux's MAXSYMLINKS, which openat2 applies), 41 are not.
        #expect(try t.readText(t.open("c0")) == "hello")
        #expect(wasiErrno { _ = try t.open("d0") } == .loop)
        // The same bound for links in the middle of a path.
        #expect(wasiErrno { _ = try t.open("dc0/inner.txt") } == .loop)
        #expect(try t.readText(t.open("dc1/inner.txt")) == "inner")
    }

    @Test(arguments: wasiStrategies)
    func finalSymlinkIsNotFollowedWithoutTheFlag(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        // path_open: O_NOFOLLOW semantics.
        #expect(wasiErrno { _ = try t.open("link_inside", follow: false) } == .loop)
        // Escaping links are then not an escape: the link itself is described.
        let link = try t.pathFilestatGet(3, lookupFlags: [], path: wasiPath("link_escape"))
        #expect(link.filetype == .symbolicLink)
        #expect(link.size == UInt64("../outside/secret.txt".utf8.count))
        let target = try t.pathFilestatGet(3, lookupFlags: .symlinkFollow, path: wasiPath("link_inside"))
        #expect(target.filetype == .regularFile)
        #expect(target.size == 5)
        // Intermediate links are always followed.
        #expect(try t.readText(t.open("link_dir/inner.txt", follow: false)) == "inner")
        // A trailing slash resolves the final link.
        #expect(try t.pathFilestatGet(3, lookupFlags: [], path: wasiPath("link_dir/")).filetype == .directory)
    }

    @Test(arguments: wasiStrategies)
    func createExclusiveOnAnExistingFileIsExist(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        let all = wasiReadWriteRights.union(.pathCreateFile)
        #expect(wasiErrno { _ = try t.open("file.txt", oflags: [.creat, .excl], rights: all) } == .exist)
        // Even when the name is a link (O_EXCL never follows).
        #expect(wasiErrno { _ = try t.open("dangling", oflags: [.creat, .excl], rights: all) } == .exist)
        let fd = try t.open("new.txt", oflags: [.creat, .excl], rights: all)
        try t.writeText(fd, "made")
        #expect(fx.contents("root/new.txt") == "made")
    }

    @Test(arguments: wasiStrategies)
    func directoryFlagOnAFileIsNotDir(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        #expect(wasiErrno { _ = try t.open("file.txt", oflags: .directory) } == .notdir)
        #expect(wasiErrno { _ = try t.open("file.txt/") } == .notdir)
        #expect(wasiErrno { _ = try t.open("file.txt/x") } == .notdir)
        #expect(wasiErrno { _ = try t.open("missing") } == .noent)
        #expect(wasiErrno { _ = try t.open("", oflags: .directory) } == .noent)
        #expect(wasiErrno { _ = try t.open("x", oflags: [.creat, .directory], rights: wasiReadRights.union(.pathCreateFile)) } == .inval)
        #expect(try t.fdstat(t.open("link_dir", oflags: .directory)).fileType == .directory)
    }

    @Test(arguments: wasiStrategies)
    func renameAcrossPreopensWorksAndCannotEscape(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        try t.pathRename(3, oldPath: wasiPath("file.txt"), newFD: 4, newPath: wasiPath("moved.txt"))
        #expect(fx.contents("other/moved.txt") == "hello")
        #expect(!fx.exists("root/file.txt"))
        try t.pathRename(4, oldPath: wasiPath("moved.txt"), newFD: 3, newPath: wasiPath("sub/back.txt"))
        #expect(fx.contents("root/sub/back.txt") == "hello")
        #expect(wasiErrno { try t.pathRename(3, oldPath: wasiPath("sub/back.txt"), newFD: 4, newPath: wasiPath("../outside/stolen")) } == .notcapable)
        #expect(wasiErrno { try t.pathRename(3, oldPath: wasiPath("../outside/secret.txt"), newFD: 3, newPath: wasiPath("got")) } == .notcapable)
        #expect(wasiErrno { try t.pathRename(3, oldPath: wasiPath("sub/back.txt"), newFD: 3, newPath: wasiPath("link_escape_dir/stolen")) } == .notcapable)
        #expect(!fx.exists("outside/stolen"))
        // The link itself moves, not its target.
        try t.pathRename(3, oldPath: wasiPath("link_escape"), newFD: 3, newPath: wasiPath("renamed_link"))
        #expect(try t.pathReadlink(3, path: wasiPath("renamed_link")) == wasiPath("../outside/secret.txt"))
        #expect(fx.contents("outside/secret.txt") == "secret")
    }

    @Test(arguments: wasiStrategies)
    func readlinkReturnsRelativeTextAndRefusesAbsoluteTargets(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        // An absolute target names a host path: revealing it would leak the host's layout.
        #expect(wasiErrno { _ = try t.pathReadlink(3, path: wasiPath("link_abs")) } == .notcapable)
        #expect(try t.pathReadlink(3, path: wasiPath("link_escape")) == wasiPath("../outside/secret.txt"))
        #expect(wasiErrno { _ = try t.pathReadlink(3, path: wasiPath("file.txt")) } == .inval)
        #expect(wasiErrno { _ = try t.pathReadlink(3, path: wasiPath("missing")) } == .noent)
        #expect(wasiErrno { _ = try t.pathReadlink(3, path: wasiPath("link_escape_dir/secret.txt")) } == .notcapable)
    }

    @Test(arguments: wasiStrategies)
    func symlinkStoresRelativeTextAndRefusesAbsoluteTargets(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        try t.pathSymlink(target: wasiPath("sub/inner.txt"), 3, newPath: wasiPath("made_link"))
        #expect(try t.pathReadlink(3, path: wasiPath("made_link")) == wasiPath("sub/inner.txt"))
        #expect(try t.readText(t.open("made_link")) == "inner")
        #expect(wasiErrno { try t.pathSymlink(target: wasiPath("/etc/passwd"), 3, newPath: wasiPath("abs")) } == .notcapable)
        #expect(!fx.exists("root/abs"))
        // An escaping relative target is stored, but never resolves.
        try t.pathSymlink(target: wasiPath("../outside/secret.txt"), 3, newPath: wasiPath("esc"))
        #expect(wasiErrno { _ = try t.open("esc") } == .notcapable)
        #expect(wasiErrno { try t.pathSymlink(target: wasiPath("x"), 3, newPath: wasiPath("file.txt")) } == .exist)
        #expect(wasiErrno { try t.pathSymlink(target: wasiPath("x"), 3, newPath: wasiPath("../outside/planted")) } == .notcapable)
    }

    @Test(arguments: wasiStrategies)
    func unlinkingADirectoryIsIsDir(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        #expect(wasiErrno { try t.pathUnlinkFile(3, path: wasiPath("emptydir")) } == .isdir)
        #expect(wasiErrno { try t.pathUnlinkFile(3, path: wasiPath("file.txt/")) } == .notdir)
        try t.pathUnlinkFile(3, path: wasiPath("link_dir")) // the link, not the directory
        #expect(fx.exists("root/sub/inner.txt"))
        try t.pathUnlinkFile(3, path: wasiPath("file.txt"))
        #expect(!fx.exists("root/file.txt"))
        #expect(wasiErrno { try t.pathUnlinkFile(3, path: wasiPath("link_escape_dir/secret.txt")) } == .notcapable)
        #expect(fx.exists("outside/secret.txt"))
    }

    @Test(arguments: wasiStrategies)
    func removingANonEmptyDirectoryIsNotEmpty(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        #expect(wasiErrno { try t.pathRemoveDirectory(3, path: wasiPath("nonempty")) } == .notempty)
        #expect(wasiErrno { try t.pathRemoveDirectory(3, path: wasiPath("file.txt")) } == .notdir)
        #expect(wasiErrno { try t.pathRemoveDirectory(3, path: wasiPath("link_dir")) } == .notdir)
        #expect(wasiErrno { try t.pathRemoveDirectory(3, path: wasiPath(".")) } == .inval)
        #expect(wasiErrno { try t.pathRemoveDirectory(3, path: wasiPath("..")) } == .notcapable)
        try t.pathRemoveDirectory(3, path: wasiPath("emptydir/"))
        #expect(!fx.exists("root/emptydir"))
    }

    @Test(arguments: wasiStrategies)
    func createDirectoryAndHardLinksStayInside(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        try t.pathCreateDirectory(3, path: wasiPath("sub/newdir"))
        #expect(try t.pathFilestatGet(3, lookupFlags: [], path: wasiPath("sub/newdir")).filetype == .directory)
        #expect(wasiErrno { try t.pathCreateDirectory(3, path: wasiPath("sub")) } == .exist)
        #expect(wasiErrno { try t.pathCreateDirectory(3, path: wasiPath(".")) } == .exist)
        try t.pathLink(3, lookupFlags: [], oldPath: wasiPath("file.txt"), newFD: 4, newPath: wasiPath("hard.txt"))
        #expect(fx.contents("other/hard.txt") == "hello")
        #expect(try t.pathFilestatGet(3, lookupFlags: [], path: wasiPath("file.txt")).nlink == 2)
        #expect(wasiErrno { try t.pathLink(3, lookupFlags: [], oldPath: wasiPath("link_escape_dir/secret.txt"), newFD: 3, newPath: wasiPath("s")) } == .notcapable)
        #expect(wasiErrno { try t.pathLink(3, lookupFlags: .symlinkFollow, oldPath: wasiPath("link_escape"), newFD: 3, newPath: wasiPath("s")) } == .notcapable)
        #expect(!fx.exists("root/s"))
        // With symlink_follow the link's target is linked, without it the link itself.
        try t.pathLink(3, lookupFlags: .symlinkFollow, oldPath: wasiPath("link_inside"), newFD: 3, newPath: wasiPath("inner_hard"))
        #expect(try t.pathFilestatGet(3, lookupFlags: [], path: wasiPath("inner_hard")).filetype == .regularFile)
    }

    @Test(arguments: wasiStrategies)
    func filestatSetTimesFollowsOnlyWithTheFlag(_ strategy: WASIResolutionStrategy) throws {
        let fx = try WASISandboxFixture(), t = try fx.table(strategy)
        let when: UInt64 = 1_000_000_000 * 1_234_567
        try t.pathFilestatSetTimes(3, lookupFlags: .symlinkFollow, path: wasiPath("link_inside"), atim: when, mtim: when + 5, fstFlags: [.atim, .mtim])
        let stat = try t.pathFilestatGet(3, lookupFlags: [], path: wasiPath("sub/inner.txt"))
        #expect(stat.atim == when)
        #expect(stat.mtim == when + 5)
        #expect(try t.pathFilestatGet(3, lookupFlags: [], path: wasiPath("link_inside")).mtim != when + 5)
        #expect(wasiErrno { try t.pathFilestatSetTimes(3, lookupFlags: [], path: wasiPath("file.txt"), atim: 0, mtim: 0, fstFlags: [.atim, .atimNow]) } == .inval)
        #expect(wasiErrno { try t.pathFilestatSetTimes(3, lookupFlags: .symlinkFollow, path: wasiPath("link_escape"), atim: 0, mtim: 0, fstFlags: .mtimNow) } == .notcapable)
    }

    @Test func bothStrategiesGiveTheSameAnswers() throws {
        let paths = [
            "file.txt", "sub/inner.txt", "sub/../file.txt", "..", "../outside", "/etc", "link_inside",
            "link_dir/inner.txt", "link_escape", "link_escape_dir/secret.txt", "link_abs", "loop_a",
            "c0", "c1", "d0", "dc0/inner.txt", "dc1/inner.txt", "dangling", "file.txt/", "sub/", "sub//inner.txt",
            "./sub/./deeper/..", "sub/deeper/../../..", "link_dir/..", "link_dir/../..", "missing/x", "", ".",
        ]
        func answers(_ strategy: WASIResolutionStrategy) throws -> [String] {
            let fx = try WASISandboxFixture(), t = try fx.table(strategy)
            var out: [String] = []
            for path in paths {
                for follow in [false, true] {
                    let lookup: WASILookupFlags = follow ? .symlinkFollow : []
                    let open = wasiErrno { let fd = try t.open(path, follow: follow); try t.close(fd) }
                    var type = "-"
                    let stat = wasiErrno { type = "\(try t.pathFilestatGet(3, lookupFlags: lookup, path: wasiPath(path)).filetype)" }
                    out.append("\(path) follow=\(follow): open \(open) stat \(stat) \(type)")
                }
            }
            return out
        }
        let manual = try answers(.manualWalk)
        #expect(manual.contains("link_escape follow=true: open notcapable stat notcapable -"))
        guard WASIResolutionStrategy.openat2Available else { return }
        #expect(try answers(.openat2) == manual)
    }
}
