/// Decodes a function body (or a constant expression) one instruction at a time.
///
/// This is what the validator and the interpreter's translator consume:
///
/// ```swift
/// var reader = module.instructions(of: module.functionBodies[0])
/// while let instruction = try reader.read() {
///     switch instruction.opcode {
///     case .localGet: ... instruction.immediates.index! ...
///     default: ...
///     }
/// }
/// ```
///
/// Why a pull reader returning a small value rather than a visitor protocol or a decoded
/// array: a consumer keeps its own state in its own loop (a `switch` over `Opcode`, which is a
/// dense `UInt16` enum and so compiles to a jump table); an `Instruction` is plain data, so
/// nothing is allocated or reference-counted per instruction (vector immediates go to pools
/// in the reader that grow amortized: `branchTargets(_:)`, `valueTypes(_:)`,
/// `catchClauses(_:)`, `handlers(_:)`); and the decoding itself is driven by
/// `InstructionTable` (each row's immediates are turned once into a compact decode entry), so
/// the table is the one description of the encoding.
///
/// The reader tracks block nesting only to know where the body ends: `read()` returns `nil`
/// after the `end` that closes the body, and reports a missing final `end`, trailing bytes,
/// and opcodes of disabled features. Everything else (types, labels, indices) is the
/// validator's business.
public struct InstructionReader: Sendable {
    /// The byte cursor (internal: the validator's fast path reads simple instructions from
    /// it directly, see `FunctionValidator+FastPath.swift`).
    var reader: BinaryReader
    /// The features whose instructions are accepted.
    public let features: FeatureSet
    /// Whether the module has a data count section (required by instructions that use data
    /// segment indices).
    public let hasDataCount: Bool
    private let isFunctionBody: Bool
    /// The declared end of the body (one past its final `end`).
    let end: Int
    /// The decode entries by opcode byte (held directly: one indirection less per instruction).
    private let single: [DecodeEntry]
    private let tables: DecodeTables
    /// Memory / table indices outside `memarg` are the reserved byte `0x00` (features off).
    private let memoryIndexIsZeroByte: Bool
    private let tableIndexIsZeroByte: Bool
    /// The number of open blocks, counting the body itself; 0 once the final `end` was read.
    public internal(set) var depth: Int

    /// Pools of the vector immediates read so far (valid for the reader's lifetime).
    private var labelPool: [UInt32] = []
    private var valueTypePool: [ValueType] = []
    private var catchPool: [CatchClause] = []
    private var handlerPool: [HandlerClause] = []

    /// `br_table`'s targets.
    public func branchTargets(_ table: BranchTable) -> ArraySlice<UInt32> { labelPool[table.targets.range] }
    /// `select t`'s types.
    public func valueTypes(_ list: ImmediateList) -> ArraySlice<ValueType> { valueTypePool[list.range] }
    /// `try_table`'s catch clauses.
    public func catchClauses(_ list: ImmediateList) -> ArraySlice<CatchClause> { catchPool[list.range] }
    /// The handler clauses of `resume`, `resume_throw` and `resume_throw_ref`.
    public func handlers(_ list: ImmediateList) -> ArraySlice<HandlerClause> { handlerPool[list.range] }

    /// A reader over `bytes[range]`: a function body's instructions (`FunctionBody.code`) or,
    /// with `isFunctionBody: false`, a constant expression. Either must end with the `end`
    /// that closes it.
    public init(
        bytes: [UInt8], range: Range<Int>, features: FeatureSet = .default,
        hasDataCount: Bool = true, isFunctionBody: Bool = true
    ) {
        let clamped = range.clamped(to: 0..<bytes.count)
        // Reads may run past the declared end (bounded by the module), as the reference
        // interpreter's do, so that an instruction straddling a wrong body size reports the
        // same error; `end` is checked when the body's final `end` is read.
        self.reader = BinaryReader(bytes: bytes, range: clamped.lowerBound..<bytes.count)
        self.end = clamped.upperBound
        self.features = features
        self.hasDataCount = hasDataCount
        self.isFunctionBody = isFunctionBody
        self.tables = DecodeTables.shared
        self.single = DecodeTables.shared.single
        self.memoryIndexIsZeroByte = !features.contains(.multiMemory)
        self.tableIndexIsZeroByte = !features.contains(.referenceTypes)
        self.depth = 1
    }

    /// The offset of the next instruction.
    public var offset: Int { reader.position }

    /// Whether the final `end` has been read.
    public var isAtEnd: Bool { depth == 0 }

    /// The next instruction, or `nil` after the body's final `end` (which is returned as an
    /// instruction itself, with `depth` then 0). Bytes after the final `end`, or a last
    /// instruction that runs past the declared end, are "section size mismatch".
    public mutating func read() throws(DecodingError) -> Instruction? {
        guard depth > 0 else { return nil }
        guard reader.position < end else {
            if reader.position == end { throw missingEnd() }
            throw DecodingError(.sectionSizeMismatch, at: end)  // the last instruction ran past the end
        }
        let offset = reader.position
        let byte = reader.bytes[offset]
        reader.position += 1
        let entry: DecodeEntry
        switch byte {
        case 0xFB, 0xFC, 0xFE:
            let sub = try reader.readU32()
            let lookup = byte == 0xFB ? tables.gc : (byte == 0xFC ? tables.misc : tables.atomic)
            guard Int(sub) < lookup.count, lookup[Int(sub)].isLegal else {
                throw DecodingError(.illegalOpcode(Encoding(prefix: byte, sub)), at: offset)
            }
            entry = lookup[Int(sub)]
        case 0xFD:
            throw DecodingError(.simdNotSupported, at: offset)
        default:
            entry = single[Int(byte)]
            guard entry.isLegal else { throw DecodingError(.illegalOpcode(Encoding(byte)), at: offset) }
        }
        let opcode = entry.opcode
        guard features.rawValue & entry.featureBit != 0 else {
            throw DecodingError(.featureDisabled(opcode.info.feature), at: offset)
        }
        if entry.usesData && !hasDataCount { throw DecodingError(.dataCountSectionRequired, at: offset) }
        let immediates = try readImmediates(entry)
        switch entry.nesting {
        case .opens: depth += 1
        case .closes:
            if opcode == .delegate && depth == 1 { throw DecodingError(.misplacedOpcode("DELEGATE"), at: offset) }
            depth -= 1
            if depth == 0 && isFunctionBody && reader.position != end {
                throw DecodingError(.sectionSizeMismatch, at: reader.position)  // bytes after the final `end`
            }
        case .none: break
        }
        return Instruction(opcode, immediates, offset: offset)
    }

    /// Reads the remaining instructions, the final `end` included.
    public mutating func readAll() throws(DecodingError) -> [Instruction] {
        var result: [Instruction] = []
        while let instruction = try read() { result.append(instruction) }
        return result
    }

    /// Skips the remaining instructions, checking their encoding only.
    ///
    /// The common one-byte instructions are skipped by `skipSimple()`, the rest (and the
    /// body's final `end`) are read by `read()`; both check the same rules, so the errors are
    /// the same.
    public mutating func skipAll() throws(DecodingError) {
        while depth > 0 {
            if try skipSimple() { continue }
            _ = try read()
        }
    }

    /// Skips the next instruction if its opcode is a one-byte one whose immediates are simple
    /// (none, one LEB128 number, a float, a `memarg` or a block type), which is what most
    /// code is; returns `false`, having read nothing, if `read()` must take it. The decoding
    /// is `read()`'s, without building an `Instruction` (about 3× fewer instructions per
    /// skipped instruction; see Benchmarks/README.md).
    @inline(__always)
    private mutating func skipSimple() throws(DecodingError) -> Bool {
        let start = reader.position
        guard start < end else { return false }
        let skip = tables.skip[Int(reader.bytes[start])]
        guard skip.kind != .slow, features.rawValue & skip.featureBit != 0 else { return false }
        if skip.kind == .end && depth <= 1 { return false }  // the final `end` checks the size
        reader.position = start + 1
        switch skip.kind {
        case .slow, .none: break
        case .u32: _ = try reader.readU32()
        case .s32: _ = try reader.readS32()
        case .s64: _ = try reader.readS64()
        case .f32: _ = try reader.readF32Bits()
        case .f64: _ = try reader.readF64Bits()
        case .memArg: _ = try readMemArg()
        case .blockType:
            _ = try readBlockType()
            depth += 1
        case .end: depth -= 1
        }
        return true
    }

    /// The error for a body that ran out before its final `end`. For function bodies it
    /// reproduces the reference interpreter's observable message, which depends on the byte
    /// that follows the body: it would read on and take a following `0x0B` as the `end`
    /// ("section size mismatch"), stop at any other byte ("END opcode expected"), or hit the
    /// end of the module.
    private func missingEnd() -> DecodingError {
        let at = end
        guard isFunctionBody else { return DecodingError(.unexpectedEndOfSection, at: at) }
        guard at < reader.bytes.count else { return DecodingError(.unexpectedEndOfSection, at: at) }
        return DecodingError(reader.bytes[at] == 0x0B ? .sectionSizeMismatch : .endOpcodeExpected, at: at)
    }

    // MARK: Immediates

    @inline(__always)
    private mutating func readImmediates(_ entry: DecodeEntry) throws(DecodingError) -> Immediates {
        switch entry.shape {
        case .none:
            return .none
        case .zeroByte:
            guard try reader.readByte() == 0 else { throw DecodingError(.zeroByteExpected, at: reader.position - 1) }
            return .none
        case .index:
            return .index(try readIndex(entry.first))
        case .indices:
            let first = try readIndex(entry.first)
            return .indices(first, try readIndex(entry.second))
        case .blockType:
            return .blockType(try readBlockType())
        case .branchTable:
            let count = try reader.readCount()
            let start = labelPool.count
            for _ in 0..<count { labelPool.append(try reader.readU32()) }  // each consumes a byte or throws
            let targets = ImmediateList(start: UInt32(start), count: UInt32(count))
            return .branchTable(BranchTable(targets: targets, defaultTarget: try reader.readU32()))
        case .memArg:
            return .memArg(try readMemArg())
        case .i32:
            return .i32(try reader.readS32())
        case .i64:
            return .i64(try reader.readS64())
        case .f32:
            return .f32(try reader.readF32Bits())
        case .f64:
            return .f64(try reader.readF64Bits())
        case .valueTypes:
            let count = try reader.readCount()
            let start = valueTypePool.count
            for _ in 0..<count { valueTypePool.append(try reader.readValueType(features)) }
            return .valueTypes(ImmediateList(start: UInt32(start), count: UInt32(count)))
        case .heapType:
            return .heapType(try reader.readHeapType(features))
        case .cast:
            let flags = try reader.readByte()
            guard flags & ~0x03 == 0 else { throw DecodingError(.malformedCastFlags, at: reader.position - 1) }
            let label = try reader.readU32()
            let source = try reader.readHeapType(features)
            let target = try reader.readHeapType(features)
            return .cast(CastImmediate(
                label: label,
                source: RefType(nullable: flags & 0x01 != 0, source),
                target: RefType(nullable: flags & 0x02 != 0, target)))
        case .tryTable:
            let blockType = try readBlockType()
            let count = try reader.readCount()
            let start = catchPool.count
            for _ in 0..<count { catchPool.append(try reader.readCatchClause()) }
            return .tryTable(blockType, ImmediateList(start: UInt32(start), count: UInt32(count)))
        case .resume:
            let type = try reader.readU32()
            return .resume(typeIndex: type, tag: nil, handlers: try readHandlers())
        case .resumeThrow:
            let type = try reader.readU32()
            let tag = try reader.readU32()
            return .resume(typeIndex: type, tag: tag, handlers: try readHandlers())
        }
    }

    /// An index immediate. Without multi-memory a memory index, and without reference types
    /// a table index, is the reserved byte `0x00` of the older encodings.
    @inline(__always)
    private mutating func readIndex(_ kind: Immediate) throws(DecodingError) -> UInt32 {
        if (kind == .memory && memoryIndexIsZeroByte) || (kind == .table && tableIndexIsZeroByte) {
            guard try reader.readByte() == 0 else { throw DecodingError(.zeroByteExpected, at: reader.position - 1) }
            return 0
        }
        return try reader.readU32()
    }

    /// `blocktype`: `0x40`, a value type, or a non-negative s33 type index.
    mutating func readBlockType() throws(DecodingError) -> BlockType {
        let start = reader.position
        let first = try reader.readByte()
        if first == 0x40 { return .empty }
        reader.position = start
        if first & 0xC0 == 0x40 { return .value(try reader.readValueType(features)) }
        let value = try reader.readS33()
        if value >= 0 {
            try reader.require(.multiValue, features, at: start)
            return .typeIndex(UInt32(value))
        }
        reader.position = start
        return .value(try reader.readValueType(features))
    }

    /// `memarg`: flags (`u32` < 0x80; bit 6 means a memory index follows), then the offset
    /// (`u64` with memory64, else `u32`).
    mutating func readMemArg() throws(DecodingError) -> MemArg {
        let start = reader.position
        let flags = try reader.readU32()
        guard flags < 0x80 else { throw DecodingError(.malformedMemopFlags, at: start) }
        var memory: UInt32 = 0
        if flags & 0x40 != 0 {
            try reader.require(.multiMemory, features, at: start)
            memory = try reader.readU32()
        }
        let offset = features.contains(.memory64) ? try reader.readU64() : UInt64(try reader.readU32())
        return MemArg(align: flags & 0x3F, memory: memory, offset: offset)
    }

    private mutating func readHandlers() throws(DecodingError) -> ImmediateList {
        let count = try reader.readCount()
        let first = handlerPool.count
        for _ in 0..<count {
            let start = reader.position
            switch try reader.readByte() {
            case 0x00:
                let tag = try reader.readU32()
                handlerPool.append(.onLabel(tag: tag, label: try reader.readU32()))
            case 0x01:
                handlerPool.append(.onSwitch(tag: try reader.readU32()))
            default:
                throw DecodingError(.malformedHandlerClause, at: start)
            }
        }
        return ImmediateList(start: UInt32(first), count: UInt32(count))
    }
}

extension BinaryReader {
    /// `catch`: `0x00 tag label`, `0x01 tag label`, `0x02 label`, `0x03 label`.
    mutating func readCatchClause() throws(DecodingError) -> CatchClause {
        let start = position
        switch try readByte() {
        case 0x00:
            let tag = try readU32()
            return .catch(tag: tag, label: try readU32())
        case 0x01:
            let tag = try readU32()
            return .catchRef(tag: tag, label: try readU32())
        case 0x02: return .catchAll(label: try readU32())
        case 0x03: return .catchAllRef(label: try readU32())
        default: throw DecodingError(.malformedCatchClause, at: start)
        }
    }
}

// MARK: - Decode tables

/// The decoder's view of one table row, computed once from `InstructionTable.all`.
struct DecodeEntry: Sendable {
    enum Shape: UInt8, Sendable {
        case none, zeroByte, index, indices, blockType, branchTable, memArg
        case i32, i64, f32, f64, valueTypes, heapType, cast, tryTable, resume, resumeThrow
    }

    enum Nesting: UInt8, Sendable { case none, opens, closes }

    var opcode: Opcode
    var shape: Shape
    var first: Immediate
    var second: Immediate
    var featureBit: UInt32
    var usesData: Bool
    var nesting: Nesting
    /// `false` for the placeholder of an unassigned opcode.
    var isLegal = true

    /// The placeholder of an unassigned opcode in a lookup array.
    static let illegal: DecodeEntry = {
        var entry = DecodeEntry(opcode: .unreachable, InstructionInfo("", Encoding(0), []))!
        entry.isLegal = false
        return entry
    }()

    /// The decode entry for a table row; `nil` if its immediates have no shape (a table bug
    /// that `InstructionTableTests` would catch).
    init?(opcode: Opcode, _ info: InstructionInfo) {
        self.opcode = opcode
        let immediates = info.immediates
        func isIndex(_ immediate: Immediate) -> Bool {
            switch immediate {
            case .label, .function, .type, .table, .memory, .local, .global, .tag, .elem, .data, .field, .u32: true
            default: false
            }
        }
        first = immediates.first ?? .u32
        second = immediates.count > 1 ? immediates[1] : .u32
        switch immediates {
        case []: shape = .none
        case [.zeroByte]: shape = .zeroByte
        case [.blockType]: shape = .blockType
        case [.labelTable]: shape = .branchTable
        case [.memArg]: shape = .memArg
        case [.i32]: shape = .i32
        case [.i64]: shape = .i64
        case [.f32]: shape = .f32
        case [.f64]: shape = .f64
        case [.valueTypes]: shape = .valueTypes
        case [.heapType]: shape = .heapType
        case [.castFlags]: shape = .cast
        case [.blockType, .catchClauses]: shape = .tryTable
        case [.type, .handlers]: shape = .resume
        case [.type, .tag, .handlers]: shape = .resumeThrow
        case let list where list.count == 1 && isIndex(list[0]): shape = .index
        case let list where list.count == 2 && isIndex(list[0]) && isIndex(list[1]): shape = .indices
        default: return nil
        }
        featureBit = info.feature.bit
        usesData = immediates.contains(.data)
        switch info.name {
        case "block", "loop", "if", "try", "try_table": nesting = .opens
        case "end", "delegate": nesting = .closes
        default: nesting = .none
        }
    }
}

/// Dense arrays from opcode byte / sub-opcode to decode entry (one load per opcode), built
/// once from the table and shared by every reader (one reference to retain per reader
/// instead of several static accesses per instruction).
final class DecodeTables: Sendable {
    static let shared = DecodeTables()

    let single: [DecodeEntry]
    let gc: [DecodeEntry]
    let misc: [DecodeEntry]
    let atomic: [DecodeEntry]
    /// `InstructionReader.skipSimple()`'s view of each one-byte opcode.
    let skip: [SkipEntry]

    private init() {
        func build(_ lookup: [UInt16]) -> [DecodeEntry] {
            lookup.map { raw in
                guard let opcode = Opcode(rawValue: raw) else { return .illegal }
                let info = opcode.info
                return DecodeEntry(opcode: opcode, info)
                    ?? DecodeEntry(opcode: opcode, InstructionInfo(info.name, info.encoding, [], info.feature))!
            }
        }
        single = build(OpcodeLookup.single)
        gc = build(OpcodeLookup.gc)
        misc = build(OpcodeLookup.misc)
        atomic = build(OpcodeLookup.atomic)
        skip = single.map(SkipEntry.init)
    }
}

/// How `InstructionReader.skipSimple()` skips a one-byte opcode's immediates, and the
/// feature it needs; `.slow` for opcodes that `read()` must take (illegal, prefixed, nesting
/// other than blocks and `end`, zero-byte or vector immediates, data segment indices).
struct SkipEntry: Sendable {
    enum Kind: UInt8, Sendable { case slow, none, u32, s32, s64, f32, f64, memArg, blockType, end }

    var kind: Kind
    var featureBit: UInt32

    /// The skip entry of a decode entry.
    init(_ entry: DecodeEntry) {
        featureBit = entry.featureBit
        guard entry.isLegal, !entry.usesData else {
            kind = .slow
            return
        }
        switch (entry.shape, entry.nesting) {
        case (.none, .none): kind = .none
        case (.none, .closes) where entry.opcode == .end: kind = .end
        case (.index, .none) where entry.first != .memory && entry.first != .table: kind = .u32
        case (.i32, .none): kind = .s32
        case (.i64, .none): kind = .s64
        case (.f32, .none): kind = .f32
        case (.f64, .none): kind = .f64
        case (.memArg, .none): kind = .memArg
        case (.blockType, .opens): kind = .blockType
        default: kind = .slow
        }
    }
}
