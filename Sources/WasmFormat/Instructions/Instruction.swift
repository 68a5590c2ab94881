/// One decoded instruction, as `InstructionReader` produces it: its identity (`Opcode`), the
/// byte offset of its opcode in the module, and its decoded immediates.
///
/// Immediates are grouped by *shape* rather than one enum case per instruction: the table
/// row (`opcode.info.immediates`) says what each value means, and the shape keeps the value
/// small and `switch`able. Most instructions have `.none`, `.index` or `.indices`.
///
/// An `Instruction` is plain data (no references), so producing, copying and dropping one
/// costs no reference counting. The four immediates that are vectors (`br_table`'s targets,
/// `select t`'s types, `try_table`'s catch clauses, the `resume` family's handlers) are
/// therefore stored by the reader, in pools that live as long as the reader, and the
/// instruction holds an `ImmediateList` into them: read them with
/// `InstructionReader.branchTargets(_:)`, `.valueTypes(_:)`, `.catchClauses(_:)` and
/// `.handlers(_:)`.
public struct Instruction: Hashable, Sendable, BitwiseCopyable, CustomStringConvertible {
    /// Which instruction this is.
    public var opcode: Opcode
    /// Byte offset of the opcode (its prefix byte, for prefixed instructions) in the module.
    public var offset: Int
    /// The decoded immediates.
    public var immediates: Immediates

    /// An instruction from its parts (the reader makes these; tests compare with them).
    public init(_ opcode: Opcode, _ immediates: Immediates = .none, offset: Int = 0) {
        self.opcode = opcode
        self.immediates = immediates
        self.offset = offset
    }

    /// A readable form, for diagnostics and test failures.
    public var description: String {
        immediates == .none ? opcode.name : "\(opcode.name) \(immediates)"
    }
}

/// The decoded immediates of an instruction, in binary order; see `InstructionTable` for
/// which `Immediate` each value is.
public enum Immediates: Hashable, Sendable, BitwiseCopyable {
    case none
    /// One index or `u32` (label, function, type, table, memory, local, global, tag, elem,
    /// data, field or count).
    case index(UInt32)
    /// Two indices in binary order, for example `call_indirect` (type, table),
    /// `struct.get` (type, field), `memory.init` (data, memory), `memory.copy` (dst, src),
    /// `table.init` (elem, table), `array.new_fixed` (type, count), `cont.bind`, `switch`.
    case indices(UInt32, UInt32)
    case blockType(BlockType)
    case branchTable(BranchTable)
    case memArg(MemArg)
    case i32(Int32)
    case i64(Int64)
    /// The IEEE 754 bit pattern (NaN payloads are preserved).
    case f32(UInt32)
    case f64(UInt64)
    /// `select t`: the annotated result types (valid only with exactly one); read them with
    /// `InstructionReader.valueTypes(_:)`.
    case valueTypes(ImmediateList)
    /// `ref.null`, `ref.test`, `ref.cast`.
    case heapType(HeapType)
    /// `br_on_cast` / `br_on_cast_fail`.
    case cast(CastImmediate)
    /// `try_table`: the block type and the catch clauses (`InstructionReader.catchClauses(_:)`).
    case tryTable(BlockType, ImmediateList)
    /// `resume` (tag `nil`), `resume_throw` (with its tag), `resume_throw_ref` (tag `nil`);
    /// the handler clauses are read with `InstructionReader.handlers(_:)`.
    case resume(typeIndex: UInt32, tag: UInt32?, handlers: ImmediateList)

    /// The single index of an `.index` immediate, else `nil`.
    public var index: UInt32? {
        if case .index(let value) = self { return value }
        return nil
    }

    /// The two indices of an `.indices` immediate, else `nil`.
    public var indices: (UInt32, UInt32)? {
        if case .indices(let first, let second) = self { return (first, second) }
        return nil
    }
}

/// The type of a block, loop, if, try or try_table.
public enum BlockType: Hashable, Sendable, BitwiseCopyable {
    /// `[] -> []`.
    case empty
    /// `[] -> [t]`.
    case value(ValueType)
    /// The function type at this type index (multi-value).
    case typeIndex(UInt32)
}

/// A vector immediate stored in one of an `InstructionReader`'s pools: which elements.
public struct ImmediateList: Hashable, Sendable, BitwiseCopyable {
    /// Index of the first element in the pool.
    public var start: UInt32
    /// Number of elements.
    public var count: UInt32

    /// A list of `count` pool elements from `start`.
    public init(start: UInt32, count: UInt32) {
        self.start = start
        self.count = count
    }

    /// The elements' positions in the pool.
    public var range: Range<Int> { Int(start)..<(Int(start) + Int(count)) }
}

/// `br_table`'s targets (relative label depths, in the reader's pool; read them with
/// `InstructionReader.branchTargets(_:)`) and its default target.
public struct BranchTable: Hashable, Sendable, BitwiseCopyable {
    /// The targets, in the reader's label pool.
    public var targets: ImmediateList
    /// The target taken when the operand is out of range.
    public var defaultTarget: UInt32

    /// A branch table from its targets and default.
    public init(targets: ImmediateList, defaultTarget: UInt32) {
        self.targets = targets
        self.defaultTarget = defaultTarget
    }
}

/// A memory access's static operands.
public struct MemArg: Hashable, Sendable, BitwiseCopyable {
    /// log2 of the alignment hint (the validator checks it against the natural alignment).
    public var align: UInt32
    /// The memory index (non-zero only with multi-memory).
    public var memory: UInt32
    /// The static offset (64-bit for memory64; the validator checks it for 32-bit memories).
    public var offset: UInt64

    /// A memory argument; memory 0 by default.
    public init(align: UInt32, memory: UInt32 = 0, offset: UInt64) {
        self.align = align
        self.memory = memory
        self.offset = offset
    }
}

/// `br_on_cast` / `br_on_cast_fail`: the label and the source and target reference types
/// (nullability from the flags byte).
public struct CastImmediate: Hashable, Sendable, BitwiseCopyable {
    /// The branch target (relative label depth).
    public var label: UInt32
    /// The operand's type.
    public var source: RefType
    /// The type cast to.
    public var target: RefType

    /// A cast immediate from its parts.
    public init(label: UInt32, source: RefType, target: RefType) {
        self.label = label
        self.source = source
        self.target = target
    }
}

/// One clause of `try_table`.
public enum CatchClause: Hashable, Sendable, BitwiseCopyable {
    /// `catch $tag $label` (`0x00`): branch with the tag's payload.
    case `catch`(tag: UInt32, label: UInt32)
    /// `catch_ref $tag $label` (`0x01`): payload plus the `exnref`.
    case catchRef(tag: UInt32, label: UInt32)
    /// `catch_all $label` (`0x02`).
    case catchAll(label: UInt32)
    /// `catch_all_ref $label` (`0x03`): the `exnref`.
    case catchAllRef(label: UInt32)
}

/// One handler clause of `resume` / `resume_throw` / `resume_throw_ref`.
public enum HandlerClause: Hashable, Sendable, BitwiseCopyable {
    /// `(on $tag $label)` (`0x00`): a suspension with `$tag` branches to `$label`.
    case onLabel(tag: UInt32, label: UInt32)
    /// `(on $tag switch)` (`0x01`): `$tag` may be used by `switch` to this continuation.
    case onSwitch(tag: UInt32)
}
