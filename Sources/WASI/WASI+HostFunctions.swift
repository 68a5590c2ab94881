import WasmFiber
import WasmFormat

// How a WASI function becomes a host function. Each body reads its arguments straight from the
// slot buffer (`Arguments`), reaches guest memory through `WASIGuestMemory` (base pointer, one
// bounds check per access), and throws a `WASIErrno` (typed: no boxing) that becomes its i32
// result. So a call costs one closure call and no allocation, array or existential on the way.

/// The arguments of one WASI call, read from the host function's slot buffer.
struct WASIArguments {
    let slots: UnsafeMutablePointer<UInt64>

    /// Argument `index`, an `i32`, as the unsigned value WASI means by it.
    @inline(__always) func u32(_ index: Int) -> UInt32 { UInt32(truncatingIfNeeded: slots[index]) }
    /// Argument `index`, an `i64`.
    @inline(__always) func u64(_ index: Int) -> UInt64 { slots[index] }
}

extension WASI {
    /// A WASI function body: the configuration, the caller's memory, the arguments.
    typealias Body = (WASI, WASIGuestMemory, WASIArguments) throws(WASIErrno) -> Void

    /// Parameter shapes of the preview-1 functions: `i` an i32, `I` an i64.
    private static func parameters(_ shape: String) -> [ValueType] {
        shape.map { $0 == "I" ? .i64 : .i32 }
    }

    /// A host function `(shape) -> i32` (the errno) running `body` on the slot buffer.
    func function(_ shape: String, _ body: @escaping (Caller, UnsafeMutablePointer<UInt64>) -> Void) -> Function {
        Function(slotType: FunctionType(parameters: Self.parameters(shape), results: [.i32]), body)
    }

    /// Runs one WASI call: `body` gets this configuration, the caller's memory and the
    /// arguments, and what it throws becomes the errno in slot 0 (0 when it returns). Always
    /// inlined into each function's closure, so `body` is no closure of its own at run time.
    @inline(__always)
    func answer(_ caller: Caller, _ slots: UnsafeMutablePointer<UInt64>, _ body: Body) {
        let memory = caller.firstMemoryBytes.map { WASIGuestMemory(base: $0.baseAddress!, size: $0.count) } ?? .none
        do throws(WASIErrno) {
            try body(self, memory, WASIArguments(slots: slots))
            slots[0] = 0
        } catch {
            slots[0] = UInt64(error.rawValue)
        }
    }

    /// The preview-1 functions, by name.
    func hostFunctions() -> [(String, Function)] {
        var functions = processFunctions()
        functions += fileDescriptorFunctions()
        functions += pathFunctions()
        return functions
    }

    /// Arguments, environment, clocks, randomness, exit, yield, polling, sockets.
    private func processFunctions() -> [(String, Function)] {
        [
            ("args_sizes_get", function("ii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                try memory.storeU32(UInt32(wasi.argumentBlob.offsets.count), at: a.u32(0))
                try memory.storeU32(UInt32(wasi.argumentBlob.bytes.count), at: a.u32(1))
            } }),
            ("args_get", function("ii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                try wasi.argumentBlob.write(pointers: a.u32(0), buffer: a.u32(1), into: memory)
            } }),
            ("environ_sizes_get", function("ii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                try memory.storeU32(UInt32(wasi.environmentBlob.offsets.count), at: a.u32(0))
                try memory.storeU32(UInt32(wasi.environmentBlob.bytes.count), at: a.u32(1))
            } }),
            ("environ_get", function("ii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                try wasi.environmentBlob.write(pointers: a.u32(0), buffer: a.u32(1), into: memory)
            } }),
            ("clock_res_get", function("ii") { [self] caller, slots in answer(caller, slots) { _, memory, a throws(WASIErrno) in
                guard let clock = WASIClock(rawValue: a.u32(0)) else { throw .inval }
                try memory.storeU64(try clock.resolution(), at: a.u32(1))
            } }),
            ("clock_time_get", function("iIi") { [self] caller, slots in answer(caller, slots) { _, memory, a throws(WASIErrno) in
                guard let clock = WASIClock(rawValue: a.u32(0)) else { throw .inval }
                try memory.storeU64(try clock.now(), at: a.u32(2))
            } }),
            ("random_get", function("ii") { [self] caller, slots in answer(caller, slots) { _, memory, a throws(WASIErrno) in
                try wasiFillRandom(memory.bytes(a.u32(0), count: Int(a.u32(1))))
            } }),
            ("sched_yield", function("") { [self] caller, slots in answer(caller, slots) { _, _, _ throws(WASIErrno) in
                _ = hostSchedYield()
            } }),
            ("proc_raise", function("i") { [self] caller, slots in answer(caller, slots) { _, _, _ throws(WASIErrno) in
                throw .nosys // signals do not exist for a WASI guest
            } }),
            ("proc_exit", procExitFunction()),
            ("poll_oneoff", function("iiii") { [self] caller, slots in answer(caller, slots) { wasi, memory, a throws(WASIErrno) in
                try wasi.pollOneoff(memory, subscriptions: a.u32(0), events: a.u32(1), count: a.u32(2), eventCount: a.u32(3))
            } }),
            // Sockets: preview 1 can only use sockets the host passed in, and WasmFiber passes
            // none, so these answer for a bad fd (`badf`), else `notsup`.
            ("sock_accept", socketFunction("iii")),
            ("sock_recv", socketFunction("iiiiii")),
            ("sock_send", socketFunction("iiiii")),
            ("sock_shutdown", socketFunction("ii")),
        ]
    }

    /// `proc_exit(code)`: throws ``WASIExit``, which unwinds the WebAssembly stack to the call
    /// that entered the instance.
    private func procExitFunction() -> Function {
        Function(slotType: FunctionType(parameters: [.i32], results: [])) { _, slots in
            throw WASIExit(code: UInt32(truncatingIfNeeded: slots[0]))
        }
    }

    private func socketFunction(_ shape: String) -> Function {
        function(shape) { [self] caller, slots in
            answer(caller, slots) { wasi, _, a throws(WASIErrno) in
                _ = try wasi.fileDescriptors.entry(a.u32(0))
                throw .notsup
            }
        }
    }
}

extension WASIGuestMemory {
    /// No memory: every access is `fault` (a caller without a memory).
    static var none: WASIGuestMemory { WASIGuestMemory(base: UnsafeMutableRawPointer(bitPattern: 0x1000)!, size: 0) }
}
