/// Validation of function bodies: the algorithm of the specification's appendix
/// ("Validation Algorithm"), extended with typed references, GC, exceptions (both encodings),
/// threads and stack switching.
///
/// The state is the spec's: an operand stack of value types or *Unknown* (`nil`, the bottom
/// type that unreachable code produces), and a stack of control frames, each with its start
/// (parameter) and end (result) types, the operand height at its entry, an unreachable flag
/// and its kind. The instruction families live in the `FunctionValidator+….swift` files.

/// Validates the body of the defined function `functionIndex` (an index in the function index
/// space) against the module described by `context`.
///
/// `validateModule` calls this for every defined function. It allocates a few arrays per call;
/// a caller validating many functions can keep one `FunctionValidator` and call
/// `validate(_:functionIndex:)` on it, which reuses them.
public func validateFunctionBody(
    _ body: FunctionBody, functionIndex: Int, context: ValidationContext
) throws(ValidationError) {
    var validator = FunctionValidator(context: context)
    try validator.validate(body, functionIndex: functionIndex)
}

/// The type checker of function bodies, as a value that keeps its stacks between functions.
///
/// Two ways to drive it:
/// - `validate(_:functionIndex:)` reads and checks a whole body.
/// - A later pass that needs the stack types at each instruction (the interpreter's
///   translator, which assigns operand-stack slots) calls `begin(_:functionIndex:)` once and
///   then `validate(_:reader:)` for each instruction it reads, passing the reader that read
///   it (`inout`, so that it is not copied per instruction; it is only read, for the vector
///   immediates). Between calls, `operandCount`, `operandType(depth:)`, `controlDepth`,
///   `frame(depth:)` (with `types(_:)` for its start and end types) and `isUnreachable`
///   describe the state *after* the instruction, so the translator never re-implements the
///   typing rules: for example the operand-stack slot of a result is `operandCount - 1`, and
///   a branch's target frame is `frame(depth: label)`.
///
/// Frames and operand types are plain data, and the arrays behind the stacks keep their
/// capacity from one function to the next: validating an instruction allocates nothing.
public struct FunctionValidator: Sendable {
    /// The module-level facts the body is checked against.
    public var context: ValidationContext { shared.context }

    /// What does not change while validating: the context and the opcode tables, held by
    /// reference. (`ValidationContext` is a large struct: read through a stored property of
    /// this `mutating` value, it was copied, and its arrays retained, by every handler.)
    final class Shared: Sendable {
        let context: ValidationContext
        let families = FunctionValidator.familyTable
        let numericSignatures = FunctionValidator.numericSignatureTable
        let memoryAccesses = FunctionValidator.memoryAccessTable

        /// What `Module.instructions(of:)` needs, held here so that starting a body does not
        /// copy the `Module` struct out of the context (a retain and release of each of its
        /// arrays per function: ~30 M instructions for 5,000 functions).
        let bytes: [UInt8]
        let moduleFeatures: FeatureSet
        let hasDataCount: Bool
        /// The fast path of each opcode byte (see `FunctionValidator+FastPath.swift`).
        let fastOpcodes: [FastOpcode]

        init(_ context: ValidationContext) {
            self.context = context
            bytes = context.module.bytes
            moduleFeatures = context.module.features
            hasDataCount = context.module.dataCount != nil
            fastOpcodes = FastOpcode.table
        }
    }

    let shared: Shared

    /// The operand stack's storage (`height` entries are on the stack); `nil` is the spec's
    /// Unknown.
    var operands: [ValueType?] = []
    var height = 0
    /// The control stack; the function's own frame is at index 0.
    var frames: [ControlFrame] = []
    /// `frames.last!.height` and `.unreachable`, cached for `pop()`.
    var frameHeight = 0
    var frameUnreachable = false

    /// The types of the parameters and locals, when expanded (`localRuns` is empty then).
    var localTypes: [ValueType] = []
    /// For functions with very many locals: (one past the last index, type) per run.
    var localRuns: [(end: UInt64, type: ValueType)] = []
    var localCount: UInt64 = 0
    /// Initialization of non-defaultable locals (function references): the set state per
    /// local, and the locals set since the entry of each open frame (`ControlFrame.initHeight`).
    var localIsSet: [Bool] = []
    var localIsSetSparse: Set<UInt32> = []
    var initStack: [UInt32] = []

    /// The start and end types of the open frames (see `TypeSpan`).
    var typePool: [ValueType] = []
    /// The function's result types (for `return` and tail calls), in `typePool`.
    var returnTypes = TypeSpan(start: 0, count: 0)
    /// Where errors are reported: the current instruction and function.
    var offset = 0
    var functionIndex = 0

    /// A validator for bodies of the module described by `context`.
    public init(context: ValidationContext) {
        shared = Shared(context)
    }

    /// Functions with at most this many locals get an expanded local type array.
    static let expandedLocalLimit: UInt64 = 1 << 16

    // MARK: Driving

    /// Validates one function body.
    public mutating func validate(_ body: FunctionBody, functionIndex: Int) throws(ValidationError) {
        var reader = InstructionReader(
            bytes: shared.bytes, range: body.code, features: shared.moduleFeatures, hasDataCount: shared.hasDataCount)
        try begin(body, functionIndex: functionIndex)
        while true {
            if try validateSimple(&reader) { continue }
            if try !validateGeneral(&reader) { break }
        }
        if !frames.isEmpty { throw error("unexpected end of function") }
    }

    /// Reads the next instruction with `read()` and checks it; `false` after the body's end.
    /// Kept out of line so that the fast path's loop stays small (fewer spilled registers).
    @inline(never)
    mutating func validateGeneral(_ reader: inout InstructionReader) throws(ValidationError) -> Bool {
        let next: Instruction?
        do { next = try reader.read() } catch {
            throw ValidationError(error.message, offset: error.offset, function: functionIndex)
        }
        guard let instruction = next else { return false }
        try validate(instruction, reader: &reader)
        return true
    }

    /// Resets the state for the body of `functionIndex`: its locals and the function frame.
    public mutating func begin(_ body: FunctionBody, functionIndex: Int) throws(ValidationError) {
        self.functionIndex = functionIndex
        offset = body.offset
        height = 0
        frames.removeAll(keepingCapacity: true)
        initStack.removeAll(keepingCapacity: true)
        localIsSetSparse.removeAll()
        let type: FunctionType
        do { type = try functionType(ofFunction: UInt32(truncatingIfNeeded: functionIndex)) } catch {
            throw self.error(error.message)
        }
        try setUpLocals(parameters: type.parameters, body)
        typePool.removeAll(keepingCapacity: true)
        typePool.append(contentsOf: type.results)
        returnTypes = TypeSpan(start: 0, count: type.results.count)
        frames.append(ControlFrame(
            kind: .function, params: TypeSpan(start: 0, count: 0), results: returnTypes, height: 0, initHeight: 0))
        frameHeight = 0
        frameUnreachable = false
    }

    /// Checks one instruction, read by `reader` (which holds its vector immediates), and
    /// applies its effect to the stacks.
    @inline(__always)
    public mutating func validate(_ instruction: Instruction, reader: inout InstructionReader) throws(ValidationError) {
        offset = instruction.offset
        let immediates = instruction.immediates
        guard !frames.isEmpty else { throw error("instruction after the end of the function") }
        do throws(ValidationError) {
            switch shared.families[Int(instruction.opcode.rawValue)] {
            case .numeric: try numeric(instruction.opcode)
            case .memory: try memoryAccess(instruction.opcode, immediates)
            case .control: try control(instruction.opcode, immediates, &reader)
            case .variable: try variable(instruction.opcode, immediates, &reader)
            case .reference: try reference(instruction.opcode, immediates)
            case .gc: try aggregate(instruction.opcode, immediates)
            case .stackSwitching: try stackSwitching(instruction.opcode, immediates, &reader)
            case .unsupported: throw error("unsupported instruction \(instruction.opcode.name)")
            }
        } catch {
            // Errors from `context` lookups carry the offset but not the function.
            var located = error
            located.function = functionIndex
            if located.offset == nil { located.offset = offset }
            throw located
        }
    }

    // MARK: State for other passes

    /// The number of operands on the stack (including those of enclosing frames).
    public var operandCount: Int { height }
    /// The type of the operand `depth` below the top (0 = top); `nil` if Unknown. In
    /// unreachable code a reference may have the heap type `FunctionValidator.bottom`.
    public func operandType(depth: Int) -> ValueType? { operands[height - 1 - depth] }
    /// The number of open control frames (the function's frame included).
    public var controlDepth: Int { frames.count }
    /// The frame `depth` below the innermost one (0 = innermost), as a label depth counts.
    public func frame(depth: Int) -> ControlFrame { frames[frames.count - 1 - depth] }
    /// Whether the rest of the current block is unreachable (stack-polymorphic).
    public var isUnreachable: Bool { frameUnreachable }

    // MARK: Errors

    /// An error at the current instruction.
    @inline(__always)
    func error(_ message: String) -> ValidationError {
        ValidationError(message, offset: offset, function: functionIndex)
    }

    /// The most common error.
    @inline(__always)
    func mismatch() -> ValidationError { error("type mismatch") }

    // MARK: Parametric and variable instructions

    mutating func variable(
        _ opcode: Opcode, _ immediates: Immediates, _ reader: inout InstructionReader
    ) throws(ValidationError) {
        switch opcode {
        case .drop:
            _ = try pop()
        case .select:
            try pop(.i32)
            let first = try pop()
            let second = try pop()
            if case .ref = first { throw mismatch() }
            if case .ref = second { throw mismatch() }
            if let first, let second, first != second { throw mismatch() }
            push(first ?? second)
        case .selectT:
            guard case .valueTypes(let list) = immediates else { throw mismatch() }
            let types = reader.valueTypes(list)
            guard types.count == 1, let type = types.first else { throw error("invalid result arity") }
            try shared.context.validate(type, at: offset)
            try pop(.i32)
            try pop(type)
            try pop(type)
            push(type)
        case .localGet:
            let index = immediates.index ?? 0
            let type = try localType(index)
            guard isSet(index, type) else { throw error("uninitialized local \(index)") }
            push(type)
        case .localSet:
            let index = immediates.index ?? 0
            let type = try localType(index)
            try pop(type)
            setLocal(index, type)
        case .localTee:
            let index = immediates.index ?? 0
            let type = try localType(index)
            try pop(type)
            setLocal(index, type)
            push(type)
        case .globalGet:
            push(try shared.context.global(immediates.index ?? 0, at: offset).valueType)
        case .globalSet:
            let global = try shared.context.global(immediates.index ?? 0, at: offset)
            guard global.isMutable else { throw error("immutable global") }
            try pop(global.valueType)
        default:
            throw mismatch()
        }
    }

    // MARK: Locals

    mutating func setUpLocals(parameters: [ValueType], _ body: FunctionBody) throws(ValidationError) {
        localTypes.removeAll(keepingCapacity: true)
        localRuns.removeAll(keepingCapacity: true)
        localIsSet.removeAll(keepingCapacity: true)
        localCount = UInt64(parameters.count) + body.localCount
        for declaration in body.locals {
            do { try shared.context.validate(declaration.type, at: body.offset) } catch { throw self.error(error.message) }
        }
        if localCount <= Self.expandedLocalLimit {
            // Plain loops: `append(contentsOf: repeatElement(…))` cost ~800 instructions per
            // function for the few locals a function usually has.
            localTypes.append(contentsOf: parameters)
            for _ in 0..<parameters.count { localIsSet.append(true) }
            for declaration in body.locals {
                let type = declaration.type
                let isSet = Self.isDefaultable(type)
                for _ in 0..<declaration.count {
                    localTypes.append(type)
                    localIsSet.append(isSet)
                }
            }
        } else {
            var end: UInt64 = 0
            for parameter in parameters {
                end += 1
                localRuns.append((end, parameter))
            }
            for declaration in body.locals where declaration.count > 0 {
                end += UInt64(declaration.count)
                localRuns.append((end, declaration.type))
            }
        }
    }

    /// The type of local `index`, or "unknown local".
    @inline(__always)
    func localType(_ index: UInt32) throws(ValidationError) -> ValueType {
        guard UInt64(index) < localCount else { throw error("unknown local \(index)") }
        if localRuns.isEmpty { return localTypes[Int(index)] }
        var low = 0, high = localRuns.count - 1
        while low < high {
            let middle = (low + high) / 2
            if localRuns[middle].end <= UInt64(index) { low = middle + 1 } else { high = middle }
        }
        return localRuns[low].type
    }

    /// Whether a local of `type` may be read at this point.
    @inline(__always)
    func isSet(_ index: UInt32, _ type: ValueType) -> Bool {
        if localRuns.isEmpty { return localIsSet[Int(index)] }
        return Self.isDefaultable(type) || localIsSetSparse.contains(index)
    }

    /// Records that a local has been set (until the end of the current block).
    @inline(__always)
    mutating func setLocal(_ index: UInt32, _ type: ValueType) {
        guard !isSet(index, type) else { return }
        if localRuns.isEmpty { localIsSet[Int(index)] = true } else { localIsSetSparse.insert(index) }
        initStack.append(index)
    }

    mutating func unsetLocal(_ index: UInt32) {
        if localRuns.isEmpty { localIsSet[Int(index)] = false } else { localIsSetSparse.remove(index) }
    }
}

/// A block type's parameter or result types, held without allocating for the common zero-
/// and one-type cases and sharing the module's arrays otherwise.
enum TypeList: Sendable, Hashable {
    case empty
    case one(ValueType)
    case many([ValueType])

    /// The list of `types`.
    init(_ types: [ValueType]) {
        switch types.count {
        case 0: self = .empty
        case 1: self = .one(types[0])
        default: self = .many(types)
        }
    }

    /// The number of types.
    @inline(__always)
    var count: Int {
        switch self {
        case .empty: 0
        case .one: 1
        case .many(let types): types.count
        }
    }

    /// The type at `index` (0-based, in stack order: the last is on top).
    @inline(__always)
    subscript(index: Int) -> ValueType {
        switch self {
        case .empty: preconditionFailure("index out of range")
        case .one(let type): type
        case .many(let types): types[index]
        }
    }
}

extension FunctionValidator {
    /// Type equality, inlined (the synthesized `==` is an out-of-line call).
    @inline(__always)
    static func same(_ a: ValueType, _ b: ValueType) -> Bool {
        switch (a, b) {
        case (.i32, .i32), (.i64, .i64), (.f32, .f32), (.f64, .f64), (.v128, .v128): true
        case (.ref(let x), .ref(let y)): x.isNullable == y.isNullable && x.heapType == y.heapType
        default: false
        }
    }

    /// Whether locals (and fields) of `type` have a default value: all but non-null references.
    @inline(__always)
    static func isDefaultable(_ type: ValueType) -> Bool {
        if case .ref(let reference) = type { return reference.isNullable }
        return true
    }
}
