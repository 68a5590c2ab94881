/// The one table of WebAssembly instructions (name, encoding, immediates) that the decoder,
/// the validator, the text parser and any printer share, so that an instruction is described
/// exactly once.
///
/// The table itself lives in `InstructionTable.swift`; this file defines its vocabulary.

/// How an instruction is encoded: a single opcode byte, or a prefix byte followed by a
/// LEB128 `u32` sub-opcode (`0xFB` GC, `0xFC` misc/bulk, `0xFD` SIMD, `0xFE` atomics).
public struct Encoding: Hashable, Sendable, CustomStringConvertible {
    /// The prefix byte, or `nil` for single-byte opcodes.
    public let prefix: UInt8?
    /// The opcode byte (no prefix) or the sub-opcode (with a prefix).
    public let code: UInt32

    /// A single-byte opcode.
    public init(_ code: UInt8) { self.prefix = nil; self.code = UInt32(code) }
    /// A prefixed opcode: the prefix byte and the `u32` sub-opcode.
    public init(prefix: UInt8, _ code: UInt32) { self.prefix = prefix; self.code = code }

    /// A readable form, for diagnostics and test failures.
    public var description: String {
        if let prefix { return "0x\(String(prefix, radix: 16)) \(code)" }
        return "0x\(String(code, radix: 16))"
    }
}

/// One immediate operand, in the order it appears in the **binary** encoding.
///
/// The text format sometimes orders immediates differently (for example `call_indirect`
/// and `memory.init`); the text parser knows those exceptions.
public enum Immediate: Hashable, Sendable {
    /// A block type: empty (`0x40`), a value type, or a type index (s33).
    case blockType
    /// A label index (`u32` relative depth).
    case label
    /// `br_table`: a vector of label indices followed by the default label.
    case labelTable
    case function
    case type
    case table
    case memory
    case local
    case global
    case tag
    case elem
    case data
    /// A field index of a struct type (`u32`).
    case field
    /// A plain `u32` count or length (for example `array.new_fixed`'s element count).
    case u32
    /// A memory argument: alignment flags (bit 6 set means a memory index follows),
    /// optional memory index, offset (u64 for memory64, u32 otherwise).
    case memArg
    /// A memory argument followed by a lane index byte (SIMD only; listed for completeness).
    case memArgLane
    case i32
    case i64
    case f32
    case f64
    /// A single byte that must be `0x00` (for example `atomic.fence`'s reserved byte).
    case zeroByte
    /// A vector of value types (`select` with types).
    case valueTypes
    /// A heap type (s33: an abstract heap type byte or a type index).
    case heapType
    /// `br_on_cast` / `br_on_cast_fail`: a flags byte (bit 0: source nullable,
    /// bit 1: target nullable), a label, then two heap types.
    case castFlags
    /// `try_table`: a vector of catch clauses (`catch`, `catch_ref`, `catch_all`,
    /// `catch_all_ref`), each with its tag (where present) and label.
    case catchClauses
    /// `resume` / `resume_throw`: a vector of handler clauses (`(on $tag $label)` is
    /// `0x00 tag label`, `(on $tag switch)` is `0x01 tag`).
    case handlers
}

/// Everything that is known about an instruction without context.
public struct InstructionInfo: Hashable, Sendable {
    /// The text-format mnemonic, for example `"i32.add"` or `"memory.atomic.wait32"`.
    public let name: String
    /// The binary encoding.
    public let encoding: Encoding
    /// The immediates in binary order.
    public let immediates: [Immediate]
    /// The proposal (feature) that introduced the instruction.
    public let feature: Feature

    /// A table row: name, encoding, immediates in binary order, feature.
    public init(_ name: String, _ encoding: Encoding, _ immediates: [Immediate] = [], _ feature: Feature = .mvp) {
        self.name = name
        self.encoding = encoding
        self.immediates = immediates
        self.feature = feature
    }
}

/// The WebAssembly features (proposals) an embedder can switch on or off.
public enum Feature: String, Hashable, Sendable, CaseIterable {
    case mvp
    case signExtension = "sign-extension"
    case saturatingFloatToInt = "saturating-float-to-int"
    case multiValue = "multi-value"
    case bulkMemory = "bulk-memory"
    case referenceTypes = "reference-types"
    case extendedConst = "extended-const"
    case tailCall = "tail-call"
    case functionReferences = "function-references"
    case exceptions = "exceptions"
    case legacyExceptions = "legacy-exceptions"
    case gc = "gc"
    case multiMemory = "multi-memory"
    case memory64 = "memory64"
    case threads = "threads"
    case stackSwitching = "stack-switching"
    case simd = "simd"
}
