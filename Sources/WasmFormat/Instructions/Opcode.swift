/// The identity of an instruction, for `switch`ing in the validator and the translator.
///
/// One case per row of `InstructionTable.all`, in the same order: the raw value is the row
/// index, so `info` is an array access and a `switch` over `Opcode` compiles to a jump table.
/// Case names are the table names in lower camel case (`i32.trunc_sat_f32_s` →
/// `i32TruncSatF32S`, `ref.cast null` → `refCastNull`). The table is the source; when a row is
/// added there, add the case here at the same position (`InstructionTableTests` checks both).
public enum Opcode: UInt16, CaseIterable, Sendable, BitwiseCopyable {
    case unreachable
    case nop
    case block
    case loop
    case `if`
    case `else`
    case `try`
    case `catch`
    case `throw`
    case rethrow
    case throwRef
    case end
    case br
    case brIf
    case brTable
    case `return`
    case call
    case callIndirect
    case returnCall
    case returnCallIndirect
    case callRef
    case returnCallRef
    case delegate
    case catchAll
    case drop
    case select
    case selectT
    case tryTable
    case localGet
    case localSet
    case localTee
    case globalGet
    case globalSet
    case tableGet
    case tableSet
    case i32Load
    case i64Load
    case f32Load
    case f64Load
    case i32Load8S
    case i32Load8U
    case i32Load16S
    case i32Load16U
    case i64Load8S
    case i64Load8U
    case i64Load16S
    case i64Load16U
    case i64Load32S
    case i64Load32U
    case i32Store
    case i64Store
    case f32Store
    case f64Store
    case i32Store8
    case i32Store16
    case i64Store8
    case i64Store16
    case i64Store32
    case memorySize
    case memoryGrow
    case i32Const
    case i64Const
    case f32Const
    case f64Const
    case i32Eqz
    case i32Eq
    case i32Ne
    case i32LtS
    case i32LtU
    case i32GtS
    case i32GtU
    case i32LeS
    case i32LeU
    case i32GeS
    case i32GeU
    case i64Eqz
    case i64Eq
    case i64Ne
    case i64LtS
    case i64LtU
    case i64GtS
    case i64GtU
    case i64LeS
    case i64LeU
    case i64GeS
    case i64GeU
    case f32Eq
    case f32Ne
    case f32Lt
    case f32Gt
    case f32Le
    case f32Ge
    case f64Eq
    case f64Ne
    case f64Lt
    case f64Gt
    case f64Le
    case f64Ge
    case i32Clz
    case i32Ctz
    case i32Popcnt
    case i32Add
    case i32Sub
    case i32Mul
    case i32DivS
    case i32DivU
    case i32RemS
    case i32RemU
    case i32And
    case i32Or
    case i32Xor
    case i32Shl
    case i32ShrS
    case i32ShrU
    case i32Rotl
    case i32Rotr
    case i64Clz
    case i64Ctz
    case i64Popcnt
    case i64Add
    case i64Sub
    case i64Mul
    case i64DivS
    case i64DivU
    case i64RemS
    case i64RemU
    case i64And
    case i64Or
    case i64Xor
    case i64Shl
    case i64ShrS
    case i64ShrU
    case i64Rotl
    case i64Rotr
    case f32Abs
    case f32Neg
    case f32Ceil
    case f32Floor
    case f32Trunc
    case f32Nearest
    case f32Sqrt
    case f32Add
    case f32Sub
    case f32Mul
    case f32Div
    case f32Min
    case f32Max
    case f32Copysign
    case f64Abs
    case f64Neg
    case f64Ceil
    case f64Floor
    case f64Trunc
    case f64Nearest
    case f64Sqrt
    case f64Add
    case f64Sub
    case f64Mul
    case f64Div
    case f64Min
    case f64Max
    case f64Copysign
    case i32WrapI64
    case i32TruncF32S
    case i32TruncF32U
    case i32TruncF64S
    case i32TruncF64U
    case i64ExtendI32S
    case i64ExtendI32U
    case i64TruncF32S
    case i64TruncF32U
    case i64TruncF64S
    case i64TruncF64U
    case f32ConvertI32S
    case f32ConvertI32U
    case f32ConvertI64S
    case f32ConvertI64U
    case f32DemoteF64
    case f64ConvertI32S
    case f64ConvertI32U
    case f64ConvertI64S
    case f64ConvertI64U
    case f64PromoteF32
    case i32ReinterpretF32
    case i64ReinterpretF64
    case f32ReinterpretI32
    case f64ReinterpretI64
    case i32Extend8S
    case i32Extend16S
    case i64Extend8S
    case i64Extend16S
    case i64Extend32S
    case refNull
    case refIsNull
    case refFunc
    case refEq
    case refAsNonNull
    case brOnNull
    case brOnNonNull
    case contNew
    case contBind
    case suspend
    case resume
    case resumeThrow
    case resumeThrowRef
    case `switch`
    case structNew
    case structNewDefault
    case structGet
    case structGetS
    case structGetU
    case structSet
    case arrayNew
    case arrayNewDefault
    case arrayNewFixed
    case arrayNewData
    case arrayNewElem
    case arrayGet
    case arrayGetS
    case arrayGetU
    case arraySet
    case arrayLen
    case arrayFill
    case arrayCopy
    case arrayInitData
    case arrayInitElem
    case refTest
    case refTestNull
    case refCast
    case refCastNull
    case brOnCast
    case brOnCastFail
    case anyConvertExtern
    case externConvertAny
    case refI31
    case i31GetS
    case i31GetU
    case i32TruncSatF32S
    case i32TruncSatF32U
    case i32TruncSatF64S
    case i32TruncSatF64U
    case i64TruncSatF32S
    case i64TruncSatF32U
    case i64TruncSatF64S
    case i64TruncSatF64U
    case memoryInit
    case dataDrop
    case memoryCopy
    case memoryFill
    case tableInit
    case elemDrop
    case tableCopy
    case tableGrow
    case tableSize
    case tableFill
    case memoryAtomicNotify
    case memoryAtomicWait32
    case memoryAtomicWait64
    case atomicFence
    case i32AtomicLoad
    case i64AtomicLoad
    case i32AtomicLoad8U
    case i32AtomicLoad16U
    case i64AtomicLoad8U
    case i64AtomicLoad16U
    case i64AtomicLoad32U
    case i32AtomicStore
    case i64AtomicStore
    case i32AtomicStore8
    case i32AtomicStore16
    case i64AtomicStore8
    case i64AtomicStore16
    case i64AtomicStore32
    case i32AtomicRmwAdd
    case i64AtomicRmwAdd
    case i32AtomicRmw8AddU
    case i32AtomicRmw16AddU
    case i64AtomicRmw8AddU
    case i64AtomicRmw16AddU
    case i64AtomicRmw32AddU
    case i32AtomicRmwSub
    case i64AtomicRmwSub
    case i32AtomicRmw8SubU
    case i32AtomicRmw16SubU
    case i64AtomicRmw8SubU
    case i64AtomicRmw16SubU
    case i64AtomicRmw32SubU
    case i32AtomicRmwAnd
    case i64AtomicRmwAnd
    case i32AtomicRmw8AndU
    case i32AtomicRmw16AndU
    case i64AtomicRmw8AndU
    case i64AtomicRmw16AndU
    case i64AtomicRmw32AndU
    case i32AtomicRmwOr
    case i64AtomicRmwOr
    case i32AtomicRmw8OrU
    case i32AtomicRmw16OrU
    case i64AtomicRmw8OrU
    case i64AtomicRmw16OrU
    case i64AtomicRmw32OrU
    case i32AtomicRmwXor
    case i64AtomicRmwXor
    case i32AtomicRmw8XorU
    case i32AtomicRmw16XorU
    case i64AtomicRmw8XorU
    case i64AtomicRmw16XorU
    case i64AtomicRmw32XorU
    case i32AtomicRmwXchg
    case i64AtomicRmwXchg
    case i32AtomicRmw8XchgU
    case i32AtomicRmw16XchgU
    case i64AtomicRmw8XchgU
    case i64AtomicRmw16XchgU
    case i64AtomicRmw32XchgU
    case i32AtomicRmwCmpxchg
    case i64AtomicRmwCmpxchg
    case i32AtomicRmw8CmpxchgU
    case i32AtomicRmw16CmpxchgU
    case i64AtomicRmw8CmpxchgU
    case i64AtomicRmw16CmpxchgU
    case i64AtomicRmw32CmpxchgU

    /// The table row describing this instruction.
    @inlinable public var info: InstructionInfo { InstructionTable.all[Int(rawValue)] }

    /// The text-format name (see `InstructionTable` for the suffixed names).
    public var name: String { info.name }

    /// The instruction with this encoding, or `nil` if none is in the table. O(1): single-byte
    /// opcodes and each prefix have a dense lookup array.
    public init?(_ encoding: Encoding) {
        let code = Int(encoding.code)
        let table: [UInt16]
        switch encoding.prefix {
        case nil: table = OpcodeLookup.single
        case 0xFB: table = OpcodeLookup.gc
        case 0xFC: table = OpcodeLookup.misc
        case 0xFE: table = OpcodeLookup.atomic
        default: return nil
        }
        guard encoding.code <= UInt32(Int32.max), code < table.count, let op = Opcode(rawValue: table[code]) else {
            return nil
        }
        self = op
    }
}

/// Dense arrays from opcode byte / sub-opcode to `Opcode` raw value (`UInt16.max` = none),
/// built once from the table.
enum OpcodeLookup {
    static let single = build(prefix: nil, size: 256)
    static let gc = build(prefix: 0xFB, size: 32)
    static let misc = build(prefix: 0xFC, size: 32)
    static let atomic = build(prefix: 0xFE, size: 0x50)

    private static func build(prefix: UInt8?, size: Int) -> [UInt16] {
        var table = [UInt16](repeating: .max, count: size)
        for (index, info) in InstructionTable.all.enumerated()
        where info.encoding.prefix == prefix && Int(info.encoding.code) < size {
            table[Int(info.encoding.code)] = UInt16(index)
        }
        return table
    }
}
