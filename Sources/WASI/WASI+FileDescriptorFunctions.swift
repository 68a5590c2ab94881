import WasmFiber

// The `fd_*` functions: argument decoding and result layout; the work is in
// `WASIFileDescriptorTable`. Layouts (preview 1, little-endian):
//   prestat  (8)   0 tag u8 (0 = dir) · 4 name length u32
//   fdstat   (24)  0 filetype u8 · 2 flags u16 · 8 rights base u64 · 16 rights inheriting u64
//   filestat (64)  0 dev · 8 ino · 16 filetype u8 · 24 nlink · 32 size · 40 atim · 48 mtim · 56 ctim

extension WASI {
    func fileDescriptorFunctions() -> [(String, Function)] {
        [
            ("fd_advise", function("iIIi") { [self] caller, slots in answer(caller, slots) { wasi, _, a throws(WASIErrno) in
                guard let advice = UInt8(exactly: a.u32(3)).flatMap(WASIAdvice.init) else { throw .inval }
                try wasi.fileDescriptors.advise(a.u32(0), offset: a.u64(1), length: a.u64(2), advice: advice)
            } }),
            ("fd_allocate", function("iII") { [self] caller, slots in answer(caller, slots) { wasi, _, a throws(WASIErrno) in
                try wasi.fileDescriptors.allocate(a.u32(0), offset: a.u64(1), length: a.u64(2))
            } }),
            ("fd_close", function("i") { [self] caller, slots in answer(caller, slots) { wasi, _, a throws(WASIErrno) in
                try wasi.fileDescriptors.close(a.u32(0))
            } }),
            ("fd_datasync", function("i") { [self] caller, slots in answer(caller, slots) { wasi, _, a throws(WASIErrno) in
                try wasi.fileDescriptors.datasync(a.u32(0))
            } }),
            ("fd_sync", function("i") { [self] caller, slots in answer(caller, slots) { wasi, _, a throws(WASIErrno) in
                try wasi.fileDescriptors.sync(a.u32(0))
            } }),
            ("fd_fdstat_get", function("ii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                let stat = try wasi.fileDescriptors.fdstat(a.u32(0))
                let record = try memory.address(a.u32(1), count: 24)
                record.initializeMemory(as: UInt8.self, repeating: 0, count: 24)
                record.storeBytes(of: stat.fileType.rawValue, as: UInt8.self)
                record.storeBytes(of: stat.flags.rawValue.littleEndian, toByteOffset: 2, as: UInt16.self)
                record.storeBytes(of: stat.rightsBase.rawValue.littleEndian, toByteOffset: 8, as: UInt64.self)
                record.storeBytes(of: stat.rightsInheriting.rawValue.littleEndian, toByteOffset: 16, as: UInt64.self)
            } }),
            ("fd_fdstat_set_flags", function("ii") { [self] caller, slots in answer(caller, slots) { wasi, _, a throws(WASIErrno) in
                guard let flags = UInt16(exactly: a.u32(1)).map(WASIFdFlags.init), flags.rawValue & ~0x1F == 0 else { throw .inval }
                try wasi.fileDescriptors.setFlags(a.u32(0), flags)
            } }),
            ("fd_fdstat_set_rights", function("iII") { [self] caller, slots in answer(caller, slots) { wasi, _, a throws(WASIErrno) in
                try wasi.fileDescriptors.setRights(a.u32(0), base: WASIRights(rawValue: a.u64(1)), inheriting: WASIRights(rawValue: a.u64(2)))
            } }),
            ("fd_filestat_get", function("ii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                let record = try memory.address(a.u32(1), count: 64)
                try wasi.fileDescriptors.filestat(a.u32(0)).store(at: record)
            } }),
            ("fd_filestat_set_size", function("iI") { [self] caller, slots in answer(caller, slots) { wasi, _, a throws(WASIErrno) in
                try wasi.fileDescriptors.setSize(a.u32(0), a.u64(1))
            } }),
            ("fd_filestat_set_times", function("iIIi") { [self] caller, slots in answer(caller, slots) { wasi, _, a throws(WASIErrno) in
                try wasi.fileDescriptors.setTimes(a.u32(0), atim: a.u64(1), mtim: a.u64(2), fstFlags: try fstFlags(a.u32(3)))
            } }),
            ("fd_pread", function("iiiIi") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                let vectors = try memory.ioVectors(a.u32(1), count: a.u32(2))
                _ = try memory.address(a.u32(4), count: 4)
                let count = try wasi.fileDescriptors.pread(a.u32(0), vectors: vectors, offset: a.u64(3))
                try memory.storeU32(UInt32(count), at: a.u32(4))
            } }),
            ("fd_pwrite", function("iiiIi") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                let vectors = try memory.ioVectors(a.u32(1), count: a.u32(2)).map(UnsafeRawBufferPointer.init)
                _ = try memory.address(a.u32(4), count: 4)
                let count = try wasi.fileDescriptors.pwrite(a.u32(0), vectors: vectors, offset: a.u64(3))
                try memory.storeU32(UInt32(count), at: a.u32(4))
            } }),
            ("fd_read", function("iiii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                let vectors = try memory.ioVectors(a.u32(1), count: a.u32(2))
                _ = try memory.address(a.u32(3), count: 4)
                let count = try wasi.fileDescriptors.read(a.u32(0), vectors: vectors)
                try memory.storeU32(UInt32(count), at: a.u32(3))
            } }),
            ("fd_write", function("iiii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                let vectors = try memory.ioVectors(a.u32(1), count: a.u32(2)).map(UnsafeRawBufferPointer.init)
                _ = try memory.address(a.u32(3), count: 4)
                let count = try wasi.fileDescriptors.write(a.u32(0), vectors: vectors)
                try memory.storeU32(UInt32(count), at: a.u32(3))
            } }),
            ("fd_prestat_get", function("ii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                let record = try memory.address(a.u32(1), count: 8)
                guard case .directory(let length) = try wasi.fileDescriptors.prestat(a.u32(0)) else { throw .badf }
                record.initializeMemory(as: UInt8.self, repeating: 0, count: 8)
                record.storeBytes(of: length.littleEndian, toByteOffset: 4, as: UInt32.self)
            } }),
            ("fd_prestat_dir_name", function("iii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                _ = try wasi.fileDescriptors.prestatDirName(a.u32(0), into: memory.bytes(a.u32(1), count: Int(a.u32(2))))
            } }),
            ("fd_readdir", function("iiiIi") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                let buffer = try memory.bytes(a.u32(1), count: Int(a.u32(2)))
                _ = try memory.address(a.u32(4), count: 4)
                let used = try wasi.fileDescriptors.readdir(a.u32(0), into: buffer, cookie: a.u64(3))
                try memory.storeU32(UInt32(used), at: a.u32(4))
            } }),
            ("fd_renumber", function("ii") { [self] caller, slots in answer(caller, slots) { wasi, _, a throws(WASIErrno) in
                try wasi.fileDescriptors.renumber(a.u32(0), to: a.u32(1))
            } }),
            ("fd_seek", function("iIii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                guard let whence = UInt8(exactly: a.u32(2)).flatMap(WASIWhence.init) else { throw .inval }
                _ = try memory.address(a.u32(3), count: 8)
                let offset = try wasi.fileDescriptors.seek(a.u32(0), offset: Int64(bitPattern: a.u64(1)), whence: whence)
                try memory.storeU64(offset, at: a.u32(3))
            } }),
            ("fd_tell", function("ii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                _ = try memory.address(a.u32(1), count: 8)
                try memory.storeU64(try wasi.fileDescriptors.tell(a.u32(0)), at: a.u32(1))
            } }),
        ]
    }
}

/// A guest `fstflags` argument; unknown bits are `inval`.
func fstFlags(_ raw: UInt32) throws(WASIErrno) -> WASIFstFlags {
    guard raw & ~0xF == 0 else { throw .inval }
    return WASIFstFlags(rawValue: UInt16(raw))
}

extension WASIFilestat {
    /// Writes the 64-byte preview-1 `filestat` at `record`.
    func store(at record: UnsafeMutableRawPointer) {
        record.initializeMemory(as: UInt8.self, repeating: 0, count: 64)
        record.storeBytes(of: dev.littleEndian, toByteOffset: 0, as: UInt64.self)
        record.storeBytes(of: ino.littleEndian, toByteOffset: 8, as: UInt64.self)
        record.storeBytes(of: filetype.rawValue, toByteOffset: 16, as: UInt8.self)
        record.storeBytes(of: nlink.littleEndian, toByteOffset: 24, as: UInt64.self)
        record.storeBytes(of: size.littleEndian, toByteOffset: 32, as: UInt64.self)
        record.storeBytes(of: atim.littleEndian, toByteOffset: 40, as: UInt64.self)
        record.storeBytes(of: mtim.littleEndian, toByteOffset: 48, as: UInt64.self)
        record.storeBytes(of: ctim.littleEndian, toByteOffset: 56, as: UInt64.self)
    }
}
