import CContext
import WasmFormat

/// Runs internal code. One activation of `execute` is one WebAssembly function activation:
/// WebAssembly calls are native calls of `execute` on the current fiber's stack, and tail
/// calls replace the function inside the loop, so they use no native stack.
///
/// Registers of the loop: `pc` (the current record), `fp` (slot 0 of the frame), `code` (the
/// function's code, for branch targets). Nothing on the loop's path retains or releases an
/// object: functions, memories, tables and globals are operands by unretained address.
enum Executor {
    /// Runs `function` with its arguments in `fp[0..<parameterCount]`; leaves its results in
    /// `fp[0..<resultCount]`.
    static func execute(
        _ callee: Unmanaged<FunctionInstance>, _ fp: UnsafeMutablePointer<UInt64>, _ context: ExecutionContext
    ) throws(ExecutionError) {
        unowned(unsafe) var function = callee.takeUnretainedValue()
        unowned(unsafe) var compiled = try Executor.compiled(function)
        guard wf_stack_pointer() > context.nativeLimit else { throw .trap(Trap(.callStackExhausted)) }
        try enter(compiled, fp, context)
        var code = compiled.code
        var pc = code
        while true {
            do throws(ExecutionError) {
                while true {
                    switch pc.load(as: Op.self) {
                    case .unreachable:
                        throw .trap(Trap(.unreachable))
                    case .unsupported:
                        let opcode = Opcode(rawValue: UInt16(pc.u32(8)))
                        throw .trap(Trap(.other("\(opcode?.info.name ?? "instruction") is not supported yet")))
                    case .copy:
                        fp[pc.slot(8)] = fp[pc.slot(12)]
                        pc += 16
                    case .const:
                        fp[pc.slot(8)] = pc.u64(16)
                        pc += 24
                    case .br:
                        pc = code + pc.slot(8)
                    case .brIf:
                        if fp[pc.slot(8)] & 0xFFFF_FFFF != 0 { pc = code + pc.slot(12) } else { pc += 16 }
                    case .brUnless:
                        if fp[pc.slot(8)] & 0xFFFF_FFFF == 0 { pc = code + pc.slot(12) } else { pc += 16 }
                    case .brOnNull:
                        if fp[pc.slot(8)] == 0 { pc = code + pc.slot(12) } else { pc += 16 }
                    case .brOnNonNull:
                        if fp[pc.slot(8)] != 0 { pc = code + pc.slot(12) } else { pc += 16 }
                    case .brTable:
                        let index = Int(fp[pc.slot(8)] & 0xFFFF_FFFF)
                        let last = pc.slot(12)
                        pc = code + pc.slot(16 + 4 * min(index, last))
                    case .ret:
                        let source = pc.slot(8)
                        let count = pc.slot(12)
                        if source != 0 { for i in 0..<count { fp[i] = fp[source + i] } }
                        return
                    case .select:
                        fp[pc.slot(8)] = fp[pc.slot(20)] & 0xFFFF_FFFF != 0 ? fp[pc.slot(12)] : fp[pc.slot(16)]
                        pc += 24

                    // MARK: Calls
                    case .call:
                        try execute(pc.object(16, as: FunctionInstance.self), fp + pc.slot(8), context)
                        pc += 24
                    case .callHost:
                        try callHost(pc.object(16, as: FunctionInstance.self), fp + pc.slot(8), function.instance, context)
                        pc += 24
                    case .callIndirect:
                        let callee = try indirectCallee(pc, fp)
                        try call(callee, fp + pc.slot(8), function.instance, context)
                        pc += 32
                    case .callRef:
                        let reference = fp[pc.slot(12)]
                        guard reference != 0 else { throw .trap(Trap(.nullFunctionReference)) }
                        try call(Reference.function(at: reference), fp + pc.slot(8), function.instance, context)
                        pc += 16
                    case .returnCall, .returnCallIndirect, .returnCallRef:
                        let callee: Unmanaged<FunctionInstance>
                        switch pc.load(as: Op.self) {
                        case .returnCall:
                            callee = pc.object(16, as: FunctionInstance.self)
                        case .returnCallIndirect:
                            callee = try indirectCallee(pc, fp)
                        default:
                            let reference = fp[pc.slot(12)]
                            guard reference != 0 else { throw .trap(Trap(.nullFunctionReference)) }
                            callee = Reference.function(at: reference)
                        }
                        let base = pc.slot(8)
                        let (isHost, parameterCount) = callee._withUnsafeGuaranteedRef { ($0.host != nil, $0.parameterCount) }
                        if base != 0 { for i in 0..<parameterCount { fp[i] = fp[base + i] } }
                        if isHost {
                            try callHost(callee, fp, function.instance, context)
                            return
                        }
                        function = callee.takeUnretainedValue()
                        compiled = try Executor.compiled(function)
                        try enter(compiled, fp, context)
                        code = compiled.code
                        pc = code

                    // MARK: Variables
                    case .globalGet:
                        fp[pc.slot(8)] = UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc.u64(16)))!.pointee
                        pc += 24
                    case .globalSet:
                        UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc.u64(16)))!.pointee = fp[pc.slot(8)]
                        pc += 24

                    // MARK: References
                    case .refIsNull:
                        fp[pc.slot(8)] = fp[pc.slot(12)] == 0 ? 1 : 0
                        pc += 16
                    case .refAsNonNull:
                        guard fp[pc.slot(8)] != 0 else { throw .trap(Trap(.nullReference)) }
                        pc += 16

                    // MARK: Memory, tables, exceptions, atomics (Executor+….swift)
                    case .memorySize, .memoryGrow, .memoryInit, .dataDrop, .memoryCopy, .memoryFill:
                        pc = try memoryInstruction(pc, fp, function.instance)
                    case .tableGet, .tableSet, .tableSize, .tableGrow, .tableFill, .tableCopy, .tableInit, .elemDrop:
                        pc = try tableInstruction(pc, fp, function.instance)
                    case .throw, .throwRef, .rethrow:
                        try throwInstruction(pc, fp, function.instance, context)
                    case .atomicLoad, .atomicStore, .atomicRMW, .atomicCmpxchg, .atomicNotify, .atomicWait32, .atomicWait64, .atomicFence:
                        pc = try atomicInstruction(pc, fp)

                    // BEGIN GENERATED cases (scripts/generate-interpreter-ops.py)
                        case .i32Eqz:
                            fp[pc.slot(8)] = (I32Ops.eqz(UInt32(truncatingIfNeeded: fp[pc.slot(12)])) ? 1 : 0)
                            pc += 16
                        case .i32Eq:
                            fp[pc.slot(8)] = (I32Ops.eq(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])) ? 1 : 0)
                            pc += 24
                        case .i32Ne:
                            fp[pc.slot(8)] = (I32Ops.ne(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])) ? 1 : 0)
                            pc += 24
                        case .i32LtS:
                            fp[pc.slot(8)] = (I32Ops.ltS(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])) ? 1 : 0)
                            pc += 24
                        case .i32LtU:
                            fp[pc.slot(8)] = (I32Ops.ltU(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])) ? 1 : 0)
                            pc += 24
                        case .i32GtS:
                            fp[pc.slot(8)] = (I32Ops.gtS(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])) ? 1 : 0)
                            pc += 24
                        case .i32GtU:
                            fp[pc.slot(8)] = (I32Ops.gtU(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])) ? 1 : 0)
                            pc += 24
                        case .i32LeS:
                            fp[pc.slot(8)] = (I32Ops.leS(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])) ? 1 : 0)
                            pc += 24
                        case .i32LeU:
                            fp[pc.slot(8)] = (I32Ops.leU(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])) ? 1 : 0)
                            pc += 24
                        case .i32GeS:
                            fp[pc.slot(8)] = (I32Ops.geS(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])) ? 1 : 0)
                            pc += 24
                        case .i32GeU:
                            fp[pc.slot(8)] = (I32Ops.geU(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])) ? 1 : 0)
                            pc += 24
                        case .i64Eqz:
                            fp[pc.slot(8)] = (I64Ops.eqz(fp[pc.slot(12)]) ? 1 : 0)
                            pc += 16
                        case .i64Eq:
                            fp[pc.slot(8)] = (I64Ops.eq(fp[pc.slot(12)], fp[pc.slot(16)]) ? 1 : 0)
                            pc += 24
                        case .i64Ne:
                            fp[pc.slot(8)] = (I64Ops.ne(fp[pc.slot(12)], fp[pc.slot(16)]) ? 1 : 0)
                            pc += 24
                        case .i64LtS:
                            fp[pc.slot(8)] = (I64Ops.ltS(fp[pc.slot(12)], fp[pc.slot(16)]) ? 1 : 0)
                            pc += 24
                        case .i64LtU:
                            fp[pc.slot(8)] = (I64Ops.ltU(fp[pc.slot(12)], fp[pc.slot(16)]) ? 1 : 0)
                            pc += 24
                        case .i64GtS:
                            fp[pc.slot(8)] = (I64Ops.gtS(fp[pc.slot(12)], fp[pc.slot(16)]) ? 1 : 0)
                            pc += 24
                        case .i64GtU:
                            fp[pc.slot(8)] = (I64Ops.gtU(fp[pc.slot(12)], fp[pc.slot(16)]) ? 1 : 0)
                            pc += 24
                        case .i64LeS:
                            fp[pc.slot(8)] = (I64Ops.leS(fp[pc.slot(12)], fp[pc.slot(16)]) ? 1 : 0)
                            pc += 24
                        case .i64LeU:
                            fp[pc.slot(8)] = (I64Ops.leU(fp[pc.slot(12)], fp[pc.slot(16)]) ? 1 : 0)
                            pc += 24
                        case .i64GeS:
                            fp[pc.slot(8)] = (I64Ops.geS(fp[pc.slot(12)], fp[pc.slot(16)]) ? 1 : 0)
                            pc += 24
                        case .i64GeU:
                            fp[pc.slot(8)] = (I64Ops.geU(fp[pc.slot(12)], fp[pc.slot(16)]) ? 1 : 0)
                            pc += 24
                        case .f32Eq:
                            fp[pc.slot(8)] = (F32Ops.eq(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)])), Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(16)]))) ? 1 : 0)
                            pc += 24
                        case .f32Ne:
                            fp[pc.slot(8)] = (F32Ops.ne(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)])), Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(16)]))) ? 1 : 0)
                            pc += 24
                        case .f32Lt:
                            fp[pc.slot(8)] = (F32Ops.lt(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)])), Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(16)]))) ? 1 : 0)
                            pc += 24
                        case .f32Gt:
                            fp[pc.slot(8)] = (F32Ops.gt(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)])), Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(16)]))) ? 1 : 0)
                            pc += 24
                        case .f32Le:
                            fp[pc.slot(8)] = (F32Ops.le(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)])), Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(16)]))) ? 1 : 0)
                            pc += 24
                        case .f32Ge:
                            fp[pc.slot(8)] = (F32Ops.ge(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)])), Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(16)]))) ? 1 : 0)
                            pc += 24
                        case .f64Eq:
                            fp[pc.slot(8)] = (F64Ops.eq(Double(bitPattern: fp[pc.slot(12)]), Double(bitPattern: fp[pc.slot(16)])) ? 1 : 0)
                            pc += 24
                        case .f64Ne:
                            fp[pc.slot(8)] = (F64Ops.ne(Double(bitPattern: fp[pc.slot(12)]), Double(bitPattern: fp[pc.slot(16)])) ? 1 : 0)
                            pc += 24
                        case .f64Lt:
                            fp[pc.slot(8)] = (F64Ops.lt(Double(bitPattern: fp[pc.slot(12)]), Double(bitPattern: fp[pc.slot(16)])) ? 1 : 0)
                            pc += 24
                        case .f64Gt:
                            fp[pc.slot(8)] = (F64Ops.gt(Double(bitPattern: fp[pc.slot(12)]), Double(bitPattern: fp[pc.slot(16)])) ? 1 : 0)
                            pc += 24
                        case .f64Le:
                            fp[pc.slot(8)] = (F64Ops.le(Double(bitPattern: fp[pc.slot(12)]), Double(bitPattern: fp[pc.slot(16)])) ? 1 : 0)
                            pc += 24
                        case .f64Ge:
                            fp[pc.slot(8)] = (F64Ops.ge(Double(bitPattern: fp[pc.slot(12)]), Double(bitPattern: fp[pc.slot(16)])) ? 1 : 0)
                            pc += 24
                        case .i32Clz:
                            fp[pc.slot(8)] = UInt64(I32Ops.clz(UInt32(truncatingIfNeeded: fp[pc.slot(12)])))
                            pc += 16
                        case .i32Ctz:
                            fp[pc.slot(8)] = UInt64(I32Ops.ctz(UInt32(truncatingIfNeeded: fp[pc.slot(12)])))
                            pc += 16
                        case .i32Popcnt:
                            fp[pc.slot(8)] = UInt64(I32Ops.popcnt(UInt32(truncatingIfNeeded: fp[pc.slot(12)])))
                            pc += 16
                        case .i32Extend8S:
                            fp[pc.slot(8)] = UInt64(I32Ops.extend8S(UInt32(truncatingIfNeeded: fp[pc.slot(12)])))
                            pc += 16
                        case .i32Extend16S:
                            fp[pc.slot(8)] = UInt64(I32Ops.extend16S(UInt32(truncatingIfNeeded: fp[pc.slot(12)])))
                            pc += 16
                        case .i32Add:
                            fp[pc.slot(8)] = UInt64(I32Ops.add(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])))
                            pc += 24
                        case .i32Sub:
                            fp[pc.slot(8)] = UInt64(I32Ops.sub(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])))
                            pc += 24
                        case .i32Mul:
                            fp[pc.slot(8)] = UInt64(I32Ops.mul(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])))
                            pc += 24
                        case .i32And:
                            fp[pc.slot(8)] = UInt64(I32Ops.and(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])))
                            pc += 24
                        case .i32Or:
                            fp[pc.slot(8)] = UInt64(I32Ops.or(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])))
                            pc += 24
                        case .i32Xor:
                            fp[pc.slot(8)] = UInt64(I32Ops.xor(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])))
                            pc += 24
                        case .i32Shl:
                            fp[pc.slot(8)] = UInt64(I32Ops.shl(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])))
                            pc += 24
                        case .i32ShrS:
                            fp[pc.slot(8)] = UInt64(I32Ops.shrS(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])))
                            pc += 24
                        case .i32ShrU:
                            fp[pc.slot(8)] = UInt64(I32Ops.shrU(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])))
                            pc += 24
                        case .i32Rotl:
                            fp[pc.slot(8)] = UInt64(I32Ops.rotl(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])))
                            pc += 24
                        case .i32Rotr:
                            fp[pc.slot(8)] = UInt64(I32Ops.rotr(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])))
                            pc += 24
                        case .i32DivS:
                            fp[pc.slot(8)] = UInt64(try numeric { () throws(NumericTrap) in try I32Ops.divS(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])) })
                            pc += 24
                        case .i32DivU:
                            fp[pc.slot(8)] = UInt64(try numeric { () throws(NumericTrap) in try I32Ops.divU(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])) })
                            pc += 24
                        case .i32RemS:
                            fp[pc.slot(8)] = UInt64(try numeric { () throws(NumericTrap) in try I32Ops.remS(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])) })
                            pc += 24
                        case .i32RemU:
                            fp[pc.slot(8)] = UInt64(try numeric { () throws(NumericTrap) in try I32Ops.remU(UInt32(truncatingIfNeeded: fp[pc.slot(12)]), UInt32(truncatingIfNeeded: fp[pc.slot(16)])) })
                            pc += 24
                        case .i64Clz:
                            fp[pc.slot(8)] = I64Ops.clz(fp[pc.slot(12)])
                            pc += 16
                        case .i64Ctz:
                            fp[pc.slot(8)] = I64Ops.ctz(fp[pc.slot(12)])
                            pc += 16
                        case .i64Popcnt:
                            fp[pc.slot(8)] = I64Ops.popcnt(fp[pc.slot(12)])
                            pc += 16
                        case .i64Extend8S:
                            fp[pc.slot(8)] = I64Ops.extend8S(fp[pc.slot(12)])
                            pc += 16
                        case .i64Extend16S:
                            fp[pc.slot(8)] = I64Ops.extend16S(fp[pc.slot(12)])
                            pc += 16
                        case .i64Extend32S:
                            fp[pc.slot(8)] = I64Ops.extend32S(fp[pc.slot(12)])
                            pc += 16
                        case .i64Add:
                            fp[pc.slot(8)] = I64Ops.add(fp[pc.slot(12)], fp[pc.slot(16)])
                            pc += 24
                        case .i64Sub:
                            fp[pc.slot(8)] = I64Ops.sub(fp[pc.slot(12)], fp[pc.slot(16)])
                            pc += 24
                        case .i64Mul:
                            fp[pc.slot(8)] = I64Ops.mul(fp[pc.slot(12)], fp[pc.slot(16)])
                            pc += 24
                        case .i64And:
                            fp[pc.slot(8)] = I64Ops.and(fp[pc.slot(12)], fp[pc.slot(16)])
                            pc += 24
                        case .i64Or:
                            fp[pc.slot(8)] = I64Ops.or(fp[pc.slot(12)], fp[pc.slot(16)])
                            pc += 24
                        case .i64Xor:
                            fp[pc.slot(8)] = I64Ops.xor(fp[pc.slot(12)], fp[pc.slot(16)])
                            pc += 24
                        case .i64Shl:
                            fp[pc.slot(8)] = I64Ops.shl(fp[pc.slot(12)], fp[pc.slot(16)])
                            pc += 24
                        case .i64ShrS:
                            fp[pc.slot(8)] = I64Ops.shrS(fp[pc.slot(12)], fp[pc.slot(16)])
                            pc += 24
                        case .i64ShrU:
                            fp[pc.slot(8)] = I64Ops.shrU(fp[pc.slot(12)], fp[pc.slot(16)])
                            pc += 24
                        case .i64Rotl:
                            fp[pc.slot(8)] = I64Ops.rotl(fp[pc.slot(12)], fp[pc.slot(16)])
                            pc += 24
                        case .i64Rotr:
                            fp[pc.slot(8)] = I64Ops.rotr(fp[pc.slot(12)], fp[pc.slot(16)])
                            pc += 24
                        case .i64DivS:
                            fp[pc.slot(8)] = try numeric { () throws(NumericTrap) in try I64Ops.divS(fp[pc.slot(12)], fp[pc.slot(16)]) }
                            pc += 24
                        case .i64DivU:
                            fp[pc.slot(8)] = try numeric { () throws(NumericTrap) in try I64Ops.divU(fp[pc.slot(12)], fp[pc.slot(16)]) }
                            pc += 24
                        case .i64RemS:
                            fp[pc.slot(8)] = try numeric { () throws(NumericTrap) in try I64Ops.remS(fp[pc.slot(12)], fp[pc.slot(16)]) }
                            pc += 24
                        case .i64RemU:
                            fp[pc.slot(8)] = try numeric { () throws(NumericTrap) in try I64Ops.remU(fp[pc.slot(12)], fp[pc.slot(16)]) }
                            pc += 24
                        case .f32Abs:
                            fp[pc.slot(8)] = UInt64(F32Ops.abs(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)]))).bitPattern)
                            pc += 16
                        case .f32Neg:
                            fp[pc.slot(8)] = UInt64(F32Ops.neg(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)]))).bitPattern)
                            pc += 16
                        case .f32Ceil:
                            fp[pc.slot(8)] = UInt64(F32Ops.ceil(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)]))).bitPattern)
                            pc += 16
                        case .f32Floor:
                            fp[pc.slot(8)] = UInt64(F32Ops.floor(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)]))).bitPattern)
                            pc += 16
                        case .f32Trunc:
                            fp[pc.slot(8)] = UInt64(F32Ops.trunc(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)]))).bitPattern)
                            pc += 16
                        case .f32Nearest:
                            fp[pc.slot(8)] = UInt64(F32Ops.nearest(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)]))).bitPattern)
                            pc += 16
                        case .f32Sqrt:
                            fp[pc.slot(8)] = UInt64(F32Ops.sqrt(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)]))).bitPattern)
                            pc += 16
                        case .f32Add:
                            fp[pc.slot(8)] = UInt64(F32Ops.add(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)])), Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(16)]))).bitPattern)
                            pc += 24
                        case .f32Sub:
                            fp[pc.slot(8)] = UInt64(F32Ops.sub(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)])), Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(16)]))).bitPattern)
                            pc += 24
                        case .f32Mul:
                            fp[pc.slot(8)] = UInt64(F32Ops.mul(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)])), Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(16)]))).bitPattern)
                            pc += 24
                        case .f32Div:
                            fp[pc.slot(8)] = UInt64(F32Ops.div(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)])), Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(16)]))).bitPattern)
                            pc += 24
                        case .f32Min:
                            fp[pc.slot(8)] = UInt64(F32Ops.min(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)])), Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(16)]))).bitPattern)
                            pc += 24
                        case .f32Max:
                            fp[pc.slot(8)] = UInt64(F32Ops.max(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)])), Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(16)]))).bitPattern)
                            pc += 24
                        case .f32Copysign:
                            fp[pc.slot(8)] = UInt64(F32Ops.copysign(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)])), Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(16)]))).bitPattern)
                            pc += 24
                        case .f64Abs:
                            fp[pc.slot(8)] = F64Ops.abs(Double(bitPattern: fp[pc.slot(12)])).bitPattern
                            pc += 16
                        case .f64Neg:
                            fp[pc.slot(8)] = F64Ops.neg(Double(bitPattern: fp[pc.slot(12)])).bitPattern
                            pc += 16
                        case .f64Ceil:
                            fp[pc.slot(8)] = F64Ops.ceil(Double(bitPattern: fp[pc.slot(12)])).bitPattern
                            pc += 16
                        case .f64Floor:
                            fp[pc.slot(8)] = F64Ops.floor(Double(bitPattern: fp[pc.slot(12)])).bitPattern
                            pc += 16
                        case .f64Trunc:
                            fp[pc.slot(8)] = F64Ops.trunc(Double(bitPattern: fp[pc.slot(12)])).bitPattern
                            pc += 16
                        case .f64Nearest:
                            fp[pc.slot(8)] = F64Ops.nearest(Double(bitPattern: fp[pc.slot(12)])).bitPattern
                            pc += 16
                        case .f64Sqrt:
                            fp[pc.slot(8)] = F64Ops.sqrt(Double(bitPattern: fp[pc.slot(12)])).bitPattern
                            pc += 16
                        case .f64Add:
                            fp[pc.slot(8)] = F64Ops.add(Double(bitPattern: fp[pc.slot(12)]), Double(bitPattern: fp[pc.slot(16)])).bitPattern
                            pc += 24
                        case .f64Sub:
                            fp[pc.slot(8)] = F64Ops.sub(Double(bitPattern: fp[pc.slot(12)]), Double(bitPattern: fp[pc.slot(16)])).bitPattern
                            pc += 24
                        case .f64Mul:
                            fp[pc.slot(8)] = F64Ops.mul(Double(bitPattern: fp[pc.slot(12)]), Double(bitPattern: fp[pc.slot(16)])).bitPattern
                            pc += 24
                        case .f64Div:
                            fp[pc.slot(8)] = F64Ops.div(Double(bitPattern: fp[pc.slot(12)]), Double(bitPattern: fp[pc.slot(16)])).bitPattern
                            pc += 24
                        case .f64Min:
                            fp[pc.slot(8)] = F64Ops.min(Double(bitPattern: fp[pc.slot(12)]), Double(bitPattern: fp[pc.slot(16)])).bitPattern
                            pc += 24
                        case .f64Max:
                            fp[pc.slot(8)] = F64Ops.max(Double(bitPattern: fp[pc.slot(12)]), Double(bitPattern: fp[pc.slot(16)])).bitPattern
                            pc += 24
                        case .f64Copysign:
                            fp[pc.slot(8)] = F64Ops.copysign(Double(bitPattern: fp[pc.slot(12)]), Double(bitPattern: fp[pc.slot(16)])).bitPattern
                            pc += 24
                        case .i32WrapI64:
                            fp[pc.slot(8)] = UInt64(I32Ops.wrapI64(fp[pc.slot(12)]))
                            pc += 16
                        case .i32TruncF32S:
                            fp[pc.slot(8)] = UInt64(try numeric { () throws(NumericTrap) in try I32Ops.truncF32S(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)]))) })
                            pc += 16
                        case .i32TruncF32U:
                            fp[pc.slot(8)] = UInt64(try numeric { () throws(NumericTrap) in try I32Ops.truncF32U(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)]))) })
                            pc += 16
                        case .i32TruncF64S:
                            fp[pc.slot(8)] = UInt64(try numeric { () throws(NumericTrap) in try I32Ops.truncF64S(Double(bitPattern: fp[pc.slot(12)])) })
                            pc += 16
                        case .i32TruncF64U:
                            fp[pc.slot(8)] = UInt64(try numeric { () throws(NumericTrap) in try I32Ops.truncF64U(Double(bitPattern: fp[pc.slot(12)])) })
                            pc += 16
                        case .i64ExtendI32S:
                            fp[pc.slot(8)] = I64Ops.extendI32S(UInt32(truncatingIfNeeded: fp[pc.slot(12)]))
                            pc += 16
                        case .i64ExtendI32U:
                            fp[pc.slot(8)] = I64Ops.extendI32U(UInt32(truncatingIfNeeded: fp[pc.slot(12)]))
                            pc += 16
                        case .i64TruncF32S:
                            fp[pc.slot(8)] = try numeric { () throws(NumericTrap) in try I64Ops.truncF32S(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)]))) }
                            pc += 16
                        case .i64TruncF32U:
                            fp[pc.slot(8)] = try numeric { () throws(NumericTrap) in try I64Ops.truncF32U(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)]))) }
                            pc += 16
                        case .i64TruncF64S:
                            fp[pc.slot(8)] = try numeric { () throws(NumericTrap) in try I64Ops.truncF64S(Double(bitPattern: fp[pc.slot(12)])) }
                            pc += 16
                        case .i64TruncF64U:
                            fp[pc.slot(8)] = try numeric { () throws(NumericTrap) in try I64Ops.truncF64U(Double(bitPattern: fp[pc.slot(12)])) }
                            pc += 16
                        case .f32ConvertI32S:
                            fp[pc.slot(8)] = UInt64(F32Ops.convertI32S(UInt32(truncatingIfNeeded: fp[pc.slot(12)])).bitPattern)
                            pc += 16
                        case .f32ConvertI32U:
                            fp[pc.slot(8)] = UInt64(F32Ops.convertI32U(UInt32(truncatingIfNeeded: fp[pc.slot(12)])).bitPattern)
                            pc += 16
                        case .f32ConvertI64S:
                            fp[pc.slot(8)] = UInt64(F32Ops.convertI64S(fp[pc.slot(12)]).bitPattern)
                            pc += 16
                        case .f32ConvertI64U:
                            fp[pc.slot(8)] = UInt64(F32Ops.convertI64U(fp[pc.slot(12)]).bitPattern)
                            pc += 16
                        case .f32DemoteF64:
                            fp[pc.slot(8)] = UInt64(F32Ops.demoteF64(Double(bitPattern: fp[pc.slot(12)])).bitPattern)
                            pc += 16
                        case .f64ConvertI32S:
                            fp[pc.slot(8)] = F64Ops.convertI32S(UInt32(truncatingIfNeeded: fp[pc.slot(12)])).bitPattern
                            pc += 16
                        case .f64ConvertI32U:
                            fp[pc.slot(8)] = F64Ops.convertI32U(UInt32(truncatingIfNeeded: fp[pc.slot(12)])).bitPattern
                            pc += 16
                        case .f64ConvertI64S:
                            fp[pc.slot(8)] = F64Ops.convertI64S(fp[pc.slot(12)]).bitPattern
                            pc += 16
                        case .f64ConvertI64U:
                            fp[pc.slot(8)] = F64Ops.convertI64U(fp[pc.slot(12)]).bitPattern
                            pc += 16
                        case .f64PromoteF32:
                            fp[pc.slot(8)] = F64Ops.promoteF32(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)]))).bitPattern
                            pc += 16
                        case .i32ReinterpretF32:
                            fp[pc.slot(8)] = UInt64(I32Ops.reinterpretF32(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)]))))
                            pc += 16
                        case .i64ReinterpretF64:
                            fp[pc.slot(8)] = I64Ops.reinterpretF64(Double(bitPattern: fp[pc.slot(12)]))
                            pc += 16
                        case .f32ReinterpretI32:
                            fp[pc.slot(8)] = UInt64(F32Ops.reinterpretI32(UInt32(truncatingIfNeeded: fp[pc.slot(12)])).bitPattern)
                            pc += 16
                        case .f64ReinterpretI64:
                            fp[pc.slot(8)] = F64Ops.reinterpretI64(fp[pc.slot(12)]).bitPattern
                            pc += 16
                        case .i32TruncSatF32S:
                            fp[pc.slot(8)] = UInt64(I32Ops.truncSatF32S(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)]))))
                            pc += 16
                        case .i32TruncSatF32U:
                            fp[pc.slot(8)] = UInt64(I32Ops.truncSatF32U(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)]))))
                            pc += 16
                        case .i32TruncSatF64S:
                            fp[pc.slot(8)] = UInt64(I32Ops.truncSatF64S(Double(bitPattern: fp[pc.slot(12)])))
                            pc += 16
                        case .i32TruncSatF64U:
                            fp[pc.slot(8)] = UInt64(I32Ops.truncSatF64U(Double(bitPattern: fp[pc.slot(12)])))
                            pc += 16
                        case .i64TruncSatF32S:
                            fp[pc.slot(8)] = I64Ops.truncSatF32S(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)])))
                            pc += 16
                        case .i64TruncSatF32U:
                            fp[pc.slot(8)] = I64Ops.truncSatF32U(Float(bitPattern: UInt32(truncatingIfNeeded: fp[pc.slot(12)])))
                            pc += 16
                        case .i64TruncSatF64S:
                            fp[pc.slot(8)] = I64Ops.truncSatF64S(Double(bitPattern: fp[pc.slot(12)]))
                            pc += 16
                        case .i64TruncSatF64U:
                            fp[pc.slot(8)] = I64Ops.truncSatF64U(Double(bitPattern: fp[pc.slot(12)]))
                            pc += 16
                        case .i32Load:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            let value = try memoryAccess { () throws(MemoryError) in try memory.i32Load(at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            fp[pc.slot(8)] = UInt64(value)
                            pc += 32
                        case .i64Load:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            let value = try memoryAccess { () throws(MemoryError) in try memory.i64Load(at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            fp[pc.slot(8)] = value
                            pc += 32
                        case .i32Load8S:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            let value = try memoryAccess { () throws(MemoryError) in try memory.i32Load8S(at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            fp[pc.slot(8)] = UInt64(value)
                            pc += 32
                        case .i32Load8U:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            let value = try memoryAccess { () throws(MemoryError) in try memory.i32Load8U(at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            fp[pc.slot(8)] = UInt64(value)
                            pc += 32
                        case .i32Load16S:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            let value = try memoryAccess { () throws(MemoryError) in try memory.i32Load16S(at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            fp[pc.slot(8)] = UInt64(value)
                            pc += 32
                        case .i32Load16U:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            let value = try memoryAccess { () throws(MemoryError) in try memory.i32Load16U(at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            fp[pc.slot(8)] = UInt64(value)
                            pc += 32
                        case .i64Load8S:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            let value = try memoryAccess { () throws(MemoryError) in try memory.i64Load8S(at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            fp[pc.slot(8)] = value
                            pc += 32
                        case .i64Load8U:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            let value = try memoryAccess { () throws(MemoryError) in try memory.i64Load8U(at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            fp[pc.slot(8)] = value
                            pc += 32
                        case .i64Load16S:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            let value = try memoryAccess { () throws(MemoryError) in try memory.i64Load16S(at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            fp[pc.slot(8)] = value
                            pc += 32
                        case .i64Load16U:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            let value = try memoryAccess { () throws(MemoryError) in try memory.i64Load16U(at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            fp[pc.slot(8)] = value
                            pc += 32
                        case .i64Load32S:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            let value = try memoryAccess { () throws(MemoryError) in try memory.i64Load32S(at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            fp[pc.slot(8)] = value
                            pc += 32
                        case .i64Load32U:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            let value = try memoryAccess { () throws(MemoryError) in try memory.i64Load32U(at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            fp[pc.slot(8)] = value
                            pc += 32
                        case .f32Load:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            let value = try memoryAccess { () throws(MemoryError) in try memory.f32LoadBits(at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            fp[pc.slot(8)] = UInt64(value)
                            pc += 32
                        case .f64Load:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            let value = try memoryAccess { () throws(MemoryError) in try memory.f64LoadBits(at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            fp[pc.slot(8)] = value
                            pc += 32
                        case .i32Store:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            try memoryAccess { () throws(MemoryError) in try memory.i32Store(UInt32(truncatingIfNeeded: fp[pc.slot(8)]), at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            pc += 32
                        case .i64Store:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            try memoryAccess { () throws(MemoryError) in try memory.i64Store(fp[pc.slot(8)], at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            pc += 32
                        case .i32Store8:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            try memoryAccess { () throws(MemoryError) in try memory.i32Store8(UInt32(truncatingIfNeeded: fp[pc.slot(8)]), at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            pc += 32
                        case .i32Store16:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            try memoryAccess { () throws(MemoryError) in try memory.i32Store16(UInt32(truncatingIfNeeded: fp[pc.slot(8)]), at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            pc += 32
                        case .i64Store8:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            try memoryAccess { () throws(MemoryError) in try memory.i64Store8(fp[pc.slot(8)], at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            pc += 32
                        case .i64Store16:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            try memoryAccess { () throws(MemoryError) in try memory.i64Store16(fp[pc.slot(8)], at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            pc += 32
                        case .i64Store32:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            try memoryAccess { () throws(MemoryError) in try memory.i64Store32(fp[pc.slot(8)], at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            pc += 32
                        case .f32Store:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            try memoryAccess { () throws(MemoryError) in try memory.f32StoreBits(UInt32(truncatingIfNeeded: fp[pc.slot(8)]), at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            pc += 32
                        case .f64Store:
                            unowned(unsafe) let memory = pc.memory(24).takeUnretainedValue()
                            try memoryAccess { () throws(MemoryError) in try memory.f64StoreBits(fp[pc.slot(8)], at: fp[pc.slot(12)], offset: pc.u64(16)) }
                            pc += 32
                    // END GENERATED cases
                    }
                }
            } catch {
                let offset = pc - code
                if case .exception(let exception, _) = error,
                   let handler = compiled.handler(for: exception, at: offset, in: function.instance) {
                    pc = code + catchException(exception, handler, fp, context)
                    continue
                }
                var propagated = error
                propagated.append(Trap.Frame(
                    functionIndex: function.index, name: function.name, offset: compiled.moduleOffset(ofCode: offset)))
                throw propagated
            }
        }
    }

    /// Checks that the frame of `compiled` fits in the value stack, and zeroes its declared locals.
    @inline(__always)
    static func enter(_ compiled: CompiledFunction, _ fp: UnsafeMutablePointer<UInt64>, _ context: ExecutionContext) throws(ExecutionError) {
        guard fp + compiled.frameSlots <= context.valueStackEnd else { throw .trap(Trap(.callStackExhausted)) }
        let locals = compiled.localCount - compiled.parameterCount
        if locals > 0 { (fp + compiled.parameterCount).update(repeating: 0, count: locals) }
    }

    /// The function's code, translated now if this is its first call.
    @inline(__always)
    static func compiled(_ function: FunctionInstance) throws(ExecutionError) -> CompiledFunction {
        if let compiled = function.compiled { return compiled }
        return try compile(function)
    }

    /// Translates a function on its first call.
    @inline(never)
    static func compile(_ function: FunctionInstance) throws(ExecutionError) -> CompiledFunction {
        if let compiled = function.compiled { return compiled }
        guard let instance = function.instance else { throw .trap(Trap(.other("host function has no code"))) }
        var translator = Translator(function: function, instance: instance)
        let compiled = try translator.translate()
        function.compiled = compiled
        return compiled
    }

    /// A call whose callee is known only at run time (WebAssembly or host).
    @inline(__always)
    static func call(
        _ callee: Unmanaged<FunctionInstance>, _ fp: UnsafeMutablePointer<UInt64>, _ caller: ModuleInstance?,
        _ context: ExecutionContext
    ) throws(ExecutionError) {
        if callee._withUnsafeGuaranteedRef({ $0.host == nil }) {
            try execute(callee, fp, context)
        } else {
            try callHost(callee, fp, caller, context)
        }
    }

    /// `call_indirect`'s callee: bounds, null and type checks (base@8 index@12 type@16 table@24).
    @inline(__always)
    static func indirectCallee(_ pc: UnsafeMutableRawPointer, _ fp: UnsafeMutablePointer<UInt64>) throws(ExecutionError) -> Unmanaged<FunctionInstance> {
        let index = fp[pc.slot(12)]
        unowned(unsafe) let table = pc.object(24, as: TableInstance.self).takeUnretainedValue()
        guard index < UInt64(table.count) else { throw .trap(Trap(.undefinedElement)) }
        let reference = table.elements[Int(index)]
        guard reference != 0 else { throw .trap(Trap(.uninitializedElement)) }
        let callee = Reference.function(at: reference)
        let expected = Int(pc.u32(16))
        let actual = callee._withUnsafeGuaranteedRef { $0.typeID }
        guard actual == expected || TypeRegistry.shared.isSubtype(actual, expected) else {
            throw .trap(Trap(.indirectCallTypeMismatch))
        }
        return callee
    }

    /// Runs a numeric operator that may trap.
    @inline(__always)
    static func numeric<T>(_ body: () throws(NumericTrap) -> T) throws(ExecutionError) -> T {
        do { return try body() } catch {
            switch error {
            case .integerDivideByZero: throw .trap(Trap(.integerDivideByZero))
            case .integerOverflow: throw .trap(Trap(.integerOverflow))
            case .invalidConversionToInteger: throw .trap(Trap(.invalidConversionToInteger))
            }
        }
    }
}

/// Runs a memory access that may be out of bounds.
@inline(__always)
func memoryAccess<T>(_ body: () throws(MemoryError) -> T) throws(ExecutionError) -> T {
    do { return try body() } catch {
        switch error {
        case .outOfBounds: throw .trap(Trap(.outOfBoundsMemoryAccess))
        case .unalignedAtomic: throw .trap(Trap(.unalignedAtomic))
        }
    }
}
