import Foundation
import Testing
import WasmFiber
import WasmFiberWASI

/// The preview-1 functions at the boundary: every signature links, and bad guest input gets
/// an errno (never a crash): pointers outside memory → `fault`, closed fds → `badf`, missing
/// rights → `notcapable`, out-of-range enums → `inval`.
@Suite("WASI host functions")
struct WASIHostFunctionTests {
    /// Every `wasi_snapshot_preview1` function with its witx signature (`i` i32, `I` i64;
    /// all return an errno except `proc_exit`).
    static let signatures: [(String, String)] = [
        ("args_get", "ii"), ("args_sizes_get", "ii"), ("environ_get", "ii"), ("environ_sizes_get", "ii"),
        ("clock_res_get", "ii"), ("clock_time_get", "iIi"),
        ("fd_advise", "iIIi"), ("fd_allocate", "iII"), ("fd_close", "i"), ("fd_datasync", "i"),
        ("fd_fdstat_get", "ii"), ("fd_fdstat_set_flags", "ii"), ("fd_fdstat_set_rights", "iII"),
        ("fd_filestat_get", "ii"), ("fd_filestat_set_size", "iI"), ("fd_filestat_set_times", "iIIi"),
        ("fd_pread", "iiiIi"), ("fd_prestat_get", "ii"), ("fd_prestat_dir_name", "iii"), ("fd_pwrite", "iiiIi"),
        ("fd_read", "iiii"), ("fd_readdir", "iiiIi"), ("fd_renumber", "ii"), ("fd_seek", "iIii"),
        ("fd_sync", "i"), ("fd_tell", "ii"), ("fd_write", "iiii"),
        ("path_create_directory", "iii"), ("path_filestat_get", "iiiii"), ("path_filestat_set_times", "iiiiIIi"),
        ("path_link", "iiiiiii"), ("path_open", "iiiiiIIii"), ("path_readlink", "iiiiii"),
        ("path_remove_directory", "iii"), ("path_rename", "iiiiii"), ("path_symlink", "iiiii"),
        ("path_unlink_file", "iii"), ("poll_oneoff", "iiii"), ("proc_raise", "i"), ("sched_yield", ""),
        ("random_get", "ii"), ("sock_accept", "iii"), ("sock_recv", "iiiiii"), ("sock_send", "iiiii"),
        ("sock_shutdown", "ii"),
    ]

    /// A module importing every function (and `proc_exit`), each re-exported as `NAME` so a
    /// test can call it with any arguments; one page of memory.
    static let everyImport: String = {
        var wat = "(module\n"
        for (name, shape) in signatures {
            let params = shape.map { $0 == "I" ? "i64" : "i32" }.joined(separator: " ")
            wat += "  (import \"wasi_snapshot_preview1\" \"\(name)\" (func $\(name) (param \(params)) (result i32)))\n"
        }
        wat += "  (import \"wasi_snapshot_preview1\" \"proc_exit\" (func $proc_exit (param i32)))\n"
        wat += "  (memory (export \"memory\") 1)\n"
        for (name, shape) in signatures {
            let params = shape.map { $0 == "I" ? "i64" : "i32" }.joined(separator: " ")
            let gets = shape.indices.map { "(local.get \(shape.distance(from: shape.startIndex, to: $0)))" }.joined(separator: " ")
            wat += "  (func (export \"\(name)\") (param \(params)) (result i32) (call $\(name) \(gets)))\n"
        }
        wat += "  (func (export \"exit_deep\") (param i32) (call $inner (local.get 0)))\n"
        wat += "  (func $inner (param i32) (call $proc_exit (local.get 0)) (unreachable)))\n"
        return wat
    }()

    /// An instance of `everyImport` with `scratch` preopened as fd 3 (`"."`) and captured stdout.
    static func instance(_ scratch: WASIScratch, stdout: WASIOutputCapture = WASIOutputCapture()) throws -> Instance {
        let wasi = try WASI(arguments: ["prog", "arg"], environment: ["K": "V"],
                            preopens: [WASIPreopen(hostPath: scratch.path, guestPath: ".")], stdout: .capture(stdout))
        return try Instance(Module(wat: everyImport), imports: wasi.imports, engine: Engine())
    }

    /// Calls export `name` with i32/i64 arguments given as `Int64`s (by the signature).
    static func errno(_ instance: Instance, _ name: String, _ arguments: Int64...) throws -> WASIErrno? {
        let shape = signatures.first { $0.0 == name }!.1
        let values = zip(shape, arguments).map { $0 == "I" ? Value.i64($1) : Value.i32(Int32(truncatingIfNeeded: $1)) }
        let results = try instance.call(name, values)
        guard case .i32(let raw)? = results.first else { return nil }
        return WASIErrno(rawValue: UInt16(raw))
    }

    @Test func everyPreviewOneFunctionLinksWithItsSignature() throws {
        let scratch = try WASIScratch()
        _ = try Self.instance(scratch) // instantiation checks each import's type
        let wasi = try WASI()
        let defined = Set(Self.signatures.map(\.0) + ["proc_exit"])
        for name in defined { #expect(wasi.imports[WASI.moduleName, name] != nil, "\(name)") }
    }

    @Test func guestPointersOutsideMemoryAreFault() throws {
        let scratch = try WASIScratch()
        let i = try Self.instance(scratch)
        let end: Int64 = 65_536
        #expect(try Self.errno(i, "args_sizes_get", end - 2, 0) == .fault)
        #expect(try Self.errno(i, "args_sizes_get", 0xFFFF_FFFF, 0) == .fault)
        #expect(try Self.errno(i, "args_get", end - 4, 0) == .fault)
        #expect(try Self.errno(i, "environ_get", 0, end - 2) == .fault)
        #expect(try Self.errno(i, "clock_time_get", 1, 0, end - 4) == .fault)
        #expect(try Self.errno(i, "random_get", end - 10, 11) == .fault)
        #expect(try Self.errno(i, "random_get", 0, 0xFFFF_FFFF) == .fault)
        #expect(try Self.errno(i, "fd_write", 1, end - 4, 1, 0) == .fault, "iovec array out of memory")
        #expect(try Self.errno(i, "fd_write", 1, 0, 0x2000_0000, 0) == .fault, "iovec count beyond memory")
        #expect(try Self.errno(i, "path_open", 3, 0, end - 1, 2, 0, 0, 0, 0, 100) == .fault, "path out of memory")
        #expect(try Self.errno(i, "path_create_directory", 3, 0xFFFF_FF00, 0x200) == .fault, "wrapping path")
        #expect(try Self.errno(i, "fd_prestat_dir_name", 3, end, 1) == .fault)
        #expect(try Self.errno(i, "fd_readdir", 3, end - 8, 16, 0, 0) == .fault)
        #expect(try Self.errno(i, "poll_oneoff", end - 40, 0, 1, 100) == .fault)
        #expect(try Self.errno(i, "fd_filestat_get", 3, end - 63) == .fault)
        #expect(try Self.errno(i, "fd_fdstat_get", 1, end - 23) == .fault)
    }

    @Test func aBufferWithABadIovecElementWritesNothing() throws {
        let scratch = try WASIScratch()
        let stdout = WASIOutputCapture()
        let i = try Self.instance(scratch, stdout: stdout)
        let memory = try #require(i.memory("memory"))
        // iovec 0 = (100, 3) good, iovec 1 = (65535, 2) crosses the end.
        for (offset, value) in [(0, 100), (4, 3), (8, 65_535), (12, 2)] { try memory.store(UInt32(value), at: offset) }
        #expect(try Self.errno(i, "fd_write", 1, 0, 2, 16) == .fault)
        #expect(stdout.bytes.isEmpty)
    }

    @Test func closedDescriptorsAreBadf() throws {
        let scratch = try WASIScratch()
        let i = try Self.instance(scratch)
        #expect(try Self.errno(i, "fd_write", 99, 0, 0, 16) == .badf)
        #expect(try Self.errno(i, "fd_read", 4, 0, 0, 16) == .badf)
        #expect(try Self.errno(i, "fd_close", 4) == .badf)
        #expect(try Self.errno(i, "fd_seek", 77, 0, 0, 16) == .badf)
        #expect(try Self.errno(i, "fd_prestat_get", 4, 16) == .badf, "wasi-libc stops looking for preopens here")
        #expect(try Self.errno(i, "path_open", 42, 0, 0, 1, 0, 0, 0, 0, 16) == .badf)
        #expect(try Self.errno(i, "sock_recv", 42, 0, 0, 0, 16, 20) == .badf)
    }

    @Test func missingRightsAreNotCapable() throws {
        let scratch = try WASIScratch()
        let i = try Self.instance(scratch)
        #expect(try Self.errno(i, "fd_write", 3, 0, 0, 16) == .notcapable, "a directory has no fd_write")
        #expect(try Self.errno(i, "fd_seek", 3, 0, 0, 16) == .notcapable)
        // Drop path_open from the preopen: opening beneath it is refused from now on.
        let rights = WASIRights.directory.subtracting(.pathOpen)
        #expect(try Self.errno(i, "fd_fdstat_set_rights", 3, Int64(rights.rawValue), Int64(WASIRights.all.rawValue)) == .success)
        let memory = try #require(i.memory("memory"))
        try memory.write(Array("x".utf8), at: 200)
        #expect(try Self.errno(i, "path_open", 3, 0, 200, 1, 1, 0, 0, 0, 16) == .notcapable)
        #expect(try Self.errno(i, "fd_fdstat_set_rights", 3, Int64(WASIRights.all.rawValue), 0) == .notcapable, "rights never grow")
    }

    @Test func outOfRangeArgumentsAreInval() throws {
        let scratch = try WASIScratch()
        let i = try Self.instance(scratch)
        #expect(try Self.errno(i, "clock_time_get", 99, 0, 16) == .inval)
        #expect(try Self.errno(i, "clock_res_get", 4, 16) == .inval)
        #expect(try Self.errno(i, "fd_seek", 1, 0, 9, 16) == .inval)
        #expect(try Self.errno(i, "fd_advise", 3, 0, 0, 99) == .inval)
        #expect(try Self.errno(i, "fd_filestat_set_times", 3, 0, 0, 0x10) == .inval)
        #expect(try Self.errno(i, "poll_oneoff", 0, 100, 0, 200) == .inval, "no subscriptions")
    }

    @Test func socketsAndSignalsAreUnsupported() throws {
        let scratch = try WASIScratch()
        let i = try Self.instance(scratch)
        #expect(try Self.errno(i, "sock_accept", 1, 0, 16) == .notsup)
        #expect(try Self.errno(i, "sock_send", 1, 0, 0, 0, 16) == .notsup)
        #expect(try Self.errno(i, "sock_shutdown", 1, 2) == .notsup)
        #expect(try Self.errno(i, "proc_raise", 6) == .nosys)
    }

    @Test func argumentsAndEnvironmentAreLaidOutAsCStrings() throws {
        let scratch = try WASIScratch()
        let i = try Self.instance(scratch)
        let memory = try #require(i.memory("memory"))
        #expect(try Self.errno(i, "args_sizes_get", 0, 4) == .success)
        #expect(try memory.load(UInt32.self, at: 0) == 2)
        #expect(try memory.load(UInt32.self, at: 4) == 9) // "prog\0arg\0"
        #expect(try Self.errno(i, "args_get", 100, 200) == .success)
        #expect(try memory.load(UInt32.self, at: 100) == 200)
        #expect(try memory.load(UInt32.self, at: 104) == 205)
        #expect(try memory.read(at: 200, count: 9) == Array("prog\0arg\0".utf8))
        #expect(try Self.errno(i, "environ_get", 300, 400) == .success)
        #expect(try memory.read(at: 400, count: 4) == Array("K=V\0".utf8))
    }

    @Test func procExitFromANestedCallUnwindsToTheEntry() throws {
        let scratch = try WASIScratch()
        let i = try Self.instance(scratch)
        do {
            try i.call("exit_deep", Int32(300))
            Issue.record("exit_deep returned")
        } catch let trap as Trap {
            #expect(trap.hostError as? WASIExit == WASIExit(code: 300))
        }
        // The instance is usable afterwards: nothing was left on its stack.
        #expect(try Self.errno(i, "sched_yield") == .success)
    }

    @Test func readdirHandsOutCookiesAndTruncatedRecords() throws {
        let scratch = try WASIScratch()
        for name in ["alpha", "beta"] { try Data().write(to: scratch.url.appendingPathComponent(name)) }
        let i = try Self.instance(scratch)
        let memory = try #require(i.memory("memory"))
        #expect(try Self.errno(i, "fd_readdir", 3, 1000, 4096, 0, 0) == .success)
        let used = try Int(memory.load(UInt32.self, at: 0))
        var names: [String] = [], offset = 1000, cookies: [UInt64] = []
        while offset < 1000 + used {
            cookies.append(try memory.load(UInt64.self, at: offset))
            let length = try Int(memory.load(UInt32.self, at: offset + 16))
            names.append(try memory.string(at: offset + 24, count: length))
            offset += 24 + length
        }
        #expect(names.sorted() == [".", "..", "alpha", "beta"])
        #expect(cookies == [1, 2, 3, 4])
        // A buffer smaller than one record is filled completely: the caller must grow it.
        #expect(try Self.errno(i, "fd_readdir", 3, 2000, 10, 0, 0) == .success)
        #expect(try memory.load(UInt32.self, at: 0) == 10)
        // Resuming at the last cookie hands out the rest; past the end there is nothing.
        #expect(try Self.errno(i, "fd_readdir", 3, 1000, 4096, 3, 0) == .success)
        #expect(try memory.string(at: 1024, count: Int(memory.load(UInt32.self, at: 1016))) == names[3])
        #expect(try Self.errno(i, "fd_readdir", 3, 1000, 4096, 4, 0) == .success)
        #expect(try memory.load(UInt32.self, at: 0) == 0)
    }
}
