import WasmFiber

// The `path_*` functions: argument decoding and result layout; resolution and the work are in
// `WASIPathOperations` / `WASISandboxedPath`. Every path is a (pointer, length) pair in guest
// memory, checked, and handed on without a copy.

extension WASI {
    func pathFunctions() -> [(String, Function)] {
        [
            ("path_create_directory", function("iii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                try wasi.fileDescriptors.pathCreateDirectory(a.u32(0), path: memory.bytes(a.u32(1), count: Int(a.u32(2))))
            } }),
            ("path_filestat_get", function("iiiii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                let path = try memory.bytes(a.u32(2), count: Int(a.u32(3)))
                let record = try memory.address(a.u32(4), count: 64)
                try wasi.fileDescriptors.pathFilestatGet(a.u32(0), lookupFlags: WASILookupFlags(rawValue: a.u32(1)), path: path).store(at: record)
            } }),
            ("path_filestat_set_times", function("iiiiIIi") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                let path = try memory.bytes(a.u32(2), count: Int(a.u32(3)))
                try wasi.fileDescriptors.pathFilestatSetTimes(a.u32(0), lookupFlags: WASILookupFlags(rawValue: a.u32(1)), path: path,
                                                              atim: a.u64(4), mtim: a.u64(5), fstFlags: fstFlags(a.u32(6)))
            } }),
            ("path_link", function("iiiiiii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                let old = try memory.bytes(a.u32(2), count: Int(a.u32(3)))
                let new = try memory.bytes(a.u32(5), count: Int(a.u32(6)))
                try wasi.fileDescriptors.pathLink(a.u32(0), lookupFlags: WASILookupFlags(rawValue: a.u32(1)), oldPath: old,
                                                  newFD: a.u32(4), newPath: new)
            } }),
            ("path_open", function("iiiiiIIii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                let path = try memory.bytes(a.u32(2), count: Int(a.u32(3)))
                _ = try memory.address(a.u32(8), count: 4)
                guard a.u32(4) & ~0xF == 0, a.u32(7) & ~0x1F == 0 else { throw .inval }
                let fd = try wasi.fileDescriptors.pathOpen(
                    a.u32(0), lookupFlags: WASILookupFlags(rawValue: a.u32(1)), path: path,
                    oflags: WASIOFlags(rawValue: UInt16(a.u32(4))),
                    rightsBase: WASIRights(rawValue: a.u64(5)), rightsInheriting: WASIRights(rawValue: a.u64(6)),
                    fdflags: WASIFdFlags(rawValue: UInt16(a.u32(7))))
                try memory.storeU32(fd, at: a.u32(8))
            } }),
            ("path_readlink", function("iiiiii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                let path = try memory.bytes(a.u32(1), count: Int(a.u32(2)))
                let buffer = try memory.bytes(a.u32(3), count: Int(a.u32(4)))
                _ = try memory.address(a.u32(5), count: 4)
                let text = try wasi.fileDescriptors.pathReadlink(a.u32(0), path: path)
                let count = min(text.count, buffer.count) // truncated, as readlink(2) does
                text.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                try memory.storeU32(UInt32(count), at: a.u32(5))
            } }),
            ("path_remove_directory", function("iii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                try wasi.fileDescriptors.pathRemoveDirectory(a.u32(0), path: memory.bytes(a.u32(1), count: Int(a.u32(2))))
            } }),
            ("path_rename", function("iiiiii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                let old = try memory.bytes(a.u32(1), count: Int(a.u32(2)))
                let new = try memory.bytes(a.u32(4), count: Int(a.u32(5)))
                try wasi.fileDescriptors.pathRename(a.u32(0), oldPath: old, newFD: a.u32(3), newPath: new)
            } }),
            ("path_symlink", function("iiiii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                let target = try memory.bytes(a.u32(0), count: Int(a.u32(1)))
                let new = try memory.bytes(a.u32(3), count: Int(a.u32(4)))
                try wasi.fileDescriptors.pathSymlink(target: target, a.u32(2), newPath: new)
            } }),
            ("path_unlink_file", function("iii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                try wasi.fileDescriptors.pathUnlinkFile(a.u32(0), path: memory.bytes(a.u32(1), count: Int(a.u32(2))))
            } }),
        ]
    }
}
