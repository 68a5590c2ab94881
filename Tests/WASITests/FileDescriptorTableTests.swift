import Foundation
import Testing
@testable import WasmFiberWASI

@Suite("WASI fd table")
struct FileDescriptorTableTests {
    @Test func preopensFollowStdioInOrderWithTheirGuestNames() throws {
        let fx = try WASISandboxFixture(), t = try fx.table(.manualWalk)
        #expect(t.openCount == 5)
        #expect(try t.prestat(3) == .directory(nameLength: 8))
        #expect(try t.prestatDirName(3) == wasiPath("/sandbox"))
        #expect(try t.prestatDirName(4) == wasiPath("/other"))
        #expect(wasiErrno { _ = try t.prestat(0) } == .badf) // stdio is no preopen
        #expect(wasiErrno { _ = try t.prestat(5) } == .badf)
        var small = [UInt8](repeating: 0, count: 3)
        #expect(wasiErrno { _ = try small.withUnsafeMutableBytes { try t.prestatDirName(4, into: $0) } } == .nametoolong)
        var exact = [UInt8](repeating: 0, count: 6)
        #expect(try exact.withUnsafeMutableBytes { try t.prestatDirName(4, into: $0) } == 6)
        #expect(exact == wasiPath("/other"))
        #expect(try t.fdstat(3).fileType == .directory)
    }

    @Test func aMissingPreopenDirectoryFailsTheTable() throws {
        let fx = try WASISandboxFixture()
        #expect(wasiErrno {
            _ = try WASIFileDescriptorTable(preopens: [WASIPreopen(hostPath: fx.root), WASIPreopen(hostPath: fx.root + "/nope")])
        } == .noent)
        #expect(WASIPreopen(argument: "/a/b::/guest") == WASIPreopen(hostPath: "/a/b", guestPath: "/guest"))
        #expect(WASIPreopen(argument: "/a/b").guestPath == "/a/b")
    }

    @Test func badFileDescriptorsAreBadf() throws {
        let fx = try WASISandboxFixture(), t = try fx.table(.manualWalk)
        #expect(wasiErrno { try t.close(99) } == .badf)
        #expect(wasiErrno { try t.writeText(42, "x") } == .badf)
        #expect(wasiErrno { _ = try t.open("file.txt", at: 77) } == .badf)
        #expect(wasiErrno { try t.renumber(3, to: 50) } == .badf) // target must be open
        let fd = try t.open("file.txt")
        try t.close(fd)
        #expect(wasiErrno { try t.close(fd) } == .badf)
        #expect(wasiErrno { _ = try t.readText(fd) } == .badf)
        // A file is not a directory to resolve paths from.
        let file = try t.open("file.txt")
        #expect(wasiErrno { _ = try t.open("x", at: file) } == .notdir)
    }

    @Test func closingAPreopenIsAllowedAndItStopsBeingOne() throws {
        let fx = try WASISandboxFixture(), t = try fx.table(.manualWalk)
        try t.close(3)
        #expect(!t.isOpen(3))
        #expect(wasiErrno { _ = try t.prestat(3) } == .badf)
        #expect(wasiErrno { _ = try t.open("file.txt", at: 3) } == .badf)
        // The freed number is reused, and is an ordinary file now.
        let fd = try t.open("moved", at: 4, oflags: .creat, rights: wasiReadWriteRights.union(.pathCreateFile))
        #expect(fd == 3)
        #expect(wasiErrno { _ = try t.prestat(3) } == .badf)
    }

    @Test func renumberMovesAnFdOntoAnotherAndClosesIt() throws {
        let fx = try WASISandboxFixture(), t = try fx.table(.manualWalk)
        let a = try t.open("file.txt"), b = try t.open("sub/inner.txt")
        try t.renumber(a, to: b)
        #expect(!t.isOpen(a))
        #expect(try t.readText(b) == "hello")
        try t.renumber(b, to: b)
        #expect(t.isOpen(b))
        // A preopen moved keeps its name and its rights.
        try t.renumber(4, to: b)
        #expect(try t.prestatDirName(b) == wasiPath("/other"))
        #expect(!t.isOpen(4))
        #expect(try t.open(".", at: b, oflags: .directory) == 4)
    }

    @Test func writingAFileOpenedReadOnlyIsNotCapable() throws {
        let fx = try WASISandboxFixture(), t = try fx.table(.manualWalk)
        let ro = try t.open("file.txt", rights: [.fdRead, .fdSeek])
        #expect(wasiErrno { try t.writeText(ro, "x") } == .notcapable)
        #expect(try t.readText(ro) == "hello")
        let wo = try t.open("file.txt", rights: [.fdWrite])
        #expect(wasiErrno { _ = try t.readText(wo) } == .notcapable)
        try t.writeText(wo, "J")
        #expect(fx.contents("root/file.txt") == "Jello")
        // A file keeps only file rights; asking for more than the directory passes on fails.
        #expect(try t.fdstat(ro).rightsBase == [.fdRead, .fdSeek])
        #expect(try t.fdstat(t.open("file.txt", rights: .all)).rightsBase == .regularFile)
        let dir = try t.pathOpen(3, lookupFlags: [], path: wasiPath("sub"), oflags: .directory,
                                 rightsBase: [.pathOpen], rightsInheriting: [.fdRead], fdflags: [])
        #expect(wasiErrno { _ = try t.open("inner.txt", at: dir, rights: [.fdRead, .fdWrite], inheriting: []) } == .notcapable)
        #expect(try t.readText(t.open("inner.txt", at: dir, rights: [.fdRead], inheriting: [])) == "inner")
        #expect(wasiErrno { try t.pathCreateDirectory(dir, path: wasiPath("x")) } == .notcapable)
        #expect(wasiErrno { _ = try t.open("new", at: dir, oflags: .creat, rights: [.fdRead], inheriting: []) } == .notcapable)
    }

    @Test func stdoutCanBeCapturedInMemory() throws {
        let fx = try WASISandboxFixture(), capture = WASIOutputCapture()
        let t = try fx.table(.manualWalk, stdout: .capture(capture))
        try t.writeText(1, "hello, ")
        try t.writeText(1, "world\n")
        #expect(capture.text == "hello, world\n")
        let input = try WASIFileDescriptorTable(stdin: .input(wasiPath("typed")), stdout: .capture(capture))
        #expect(try input.readText(0) == "typed")
        #expect(try input.readText(0) == "")
    }

    @Test func theFdCountIsBounded() throws {
        let fx = try WASISandboxFixture(), t = try fx.table(.manualWalk, maxDescriptors: 8)
        for _ in 0..<3 { _ = try t.open("file.txt") }
        #expect(t.openCount == 8)
        #expect(wasiErrno { _ = try t.open("file.txt") } == .mfile)
        #expect(wasiErrno { _ = try fx.table(.manualWalk, maxDescriptors: 4) } == .mfile)
    }

    @Test func errnoValuesAreThoseOfPreview1() {
        #expect(WASIErrno.allCases.count == 77)
        #expect(WASIErrno.allCases.map(\.rawValue) == Array(0...76))
        #expect(WASIErrno.toobig.description == "2big")
        #expect(WASIErrno.notcapable.description == "notcapable")
        #expect(WASIErrno(posix: ENOENT) == .noent)
        #expect(WASIErrno(posix: ELOOP) == .loop)
        #expect(WASIErrno(posix: EXDEV) == .xdev)
        #expect(WASIErrno(posix: EWOULDBLOCK) == .again)
        #expect(WASIErrno(posix: 0) == .success)
        #expect(WASIErrno(posix: 9999) == .io)
        #expect(WASIRights.sockAccept.rawValue == 1 << 29)
        #expect(WASIRights.pathUnlinkFile.rawValue == 1 << 26)
        #expect(WASIOFlags.trunc.rawValue == 8)
        #expect(WASIFileType.symbolicLink.rawValue == 7)
    }
}
