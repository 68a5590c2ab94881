/// Reference instructions (spec "Reference Instructions": `ref.null`, `ref.is_null`,
/// `ref.as_non_null`, `ref.func`, `ref.eq`, `ref.test`, `ref.cast`), table instructions
/// (`table.*` with table64 address types, `elem.drop`), and the subtyping the validator
/// uses everywhere, which adds the algorithm's bottom reference type to the context's.

extension FunctionValidator {
    /// The heap type `bot` of the validation algorithm: what `pop_ref` returns for an Unknown
    /// operand, a subtype of every heap type. It never leaves the validator (no module has
    /// 2^32 - 1 types).
    public static let bottom = HeapType.concrete(.max)

    /// `a <: b`, with Unknown handled by the callers and `bot` here.
    @inline(__always)
    func isSubtype(_ a: ValueType, _ b: ValueType) -> Bool {
        if Self.same(a, b) { return true }
        guard case .ref(let x) = a, case .ref(let y) = b else { return false }
        return isSubtype(x, y)
    }

    @inline(__always)
    func isSubtype(_ a: RefType, _ b: RefType) -> Bool {
        if a.heapType == Self.bottom { return !a.isNullable || b.isNullable }
        if b.heapType == Self.bottom { return false }
        return shared.context.isSubtype(a, b)
    }

    /// `(ref null top)` for the hierarchy of `heapType` (what `ref.test`/`ref.cast` accept).
    func topReference(of heapType: HeapType) -> ValueType {
        .ref(RefType(nullable: true, .abstract(shared.context.topHeapType(of: heapType))))
    }

    /// A cast's target must be valid and outside the continuation hierarchy ("invalid cast":
    /// stack switching makes continuations uncastable).
    func checkCastable(_ heapType: HeapType) throws(ValidationError) {
        try shared.context.validate(heapType, at: offset)
        if shared.context.topHeapType(of: heapType) == .cont { throw error("invalid cast") }
    }

    mutating func reference(_ opcode: Opcode, _ immediates: Immediates) throws(ValidationError) {
        switch opcode {
        case .refNull:
            guard case .heapType(let heapType) = immediates else { throw mismatch() }
            try shared.context.validate(heapType, at: offset)
            push(.ref(RefType(nullable: true, heapType)))
        case .refIsNull:
            _ = try popReference()
            push(.i32)
        case .refAsNonNull:
            let reference = try popReference()
            push(.ref(RefType(nullable: false, reference.heapType)))
        case .refFunc:
            let index = immediates.index ?? 0
            let typeIndex = try shared.context.typeIndex(ofFunction: index, at: offset)
            guard shared.context.isDeclared(function: index) else { throw error("undeclared function reference") }
            push(.ref(RefType(nullable: false, .concrete(typeIndex))))
        case .refEq:
            let eqRef = ValueType.ref(RefType(nullable: true, .abstract(.eq)))
            try pop(eqRef)
            try pop(eqRef)
            push(.i32)
        case .refTest, .refTestNull, .refCast, .refCastNull:
            guard case .heapType(let heapType) = immediates else { throw mismatch() }
            try checkCastable(heapType)
            try pop(topReference(of: heapType))
            if opcode == .refTest || opcode == .refTestNull {
                push(.i32)
            } else {
                push(.ref(RefType(nullable: opcode == .refCastNull, heapType)))
            }
        default:
            try table(opcode, immediates)
        }
    }

    /// The type of the table named by an instruction, checked.
    @inline(__always)
    func table(_ index: UInt32) throws(ValidationError) -> TableType {
        try shared.context.table(index, at: offset)
    }

    mutating func table(_ opcode: Opcode, _ immediates: Immediates) throws(ValidationError) {
        switch opcode {
        case .tableGet:
            let table = try table(immediates.index ?? 0)
            try pop(table.addressType.valueType)
            push(.ref(table.elementType))
        case .tableSet:
            let table = try table(immediates.index ?? 0)
            try pop(.ref(table.elementType))
            try pop(table.addressType.valueType)
        case .tableSize:
            push(try table(immediates.index ?? 0).addressType.valueType)
        case .tableGrow:
            let table = try table(immediates.index ?? 0)
            try pop(table.addressType.valueType)
            try pop(.ref(table.elementType))
            push(table.addressType.valueType)
        case .tableFill:
            let table = try table(immediates.index ?? 0)
            try pop(table.addressType.valueType)
            try pop(.ref(table.elementType))
            try pop(table.addressType.valueType)
        case .tableCopy:
            let (destinationIndex, sourceIndex) = immediates.indices ?? (0, 0)
            let destination = try table(destinationIndex)
            let source = try table(sourceIndex)
            guard isSubtype(source.elementType, destination.elementType) else { throw mismatch() }
            let length: ValueType = destination.addressType == .i64 && source.addressType == .i64 ? .i64 : .i32
            try pop(length)
            try pop(source.addressType.valueType)
            try pop(destination.addressType.valueType)
        case .tableInit:
            let (elementIndex, tableIndex) = immediates.indices ?? (0, 0)
            let table = try table(tableIndex)
            let elementType = try shared.context.elementType(elementIndex, at: offset)
            guard isSubtype(elementType, table.elementType) else { throw mismatch() }
            try pop(.i32)
            try pop(.i32)
            try pop(table.addressType.valueType)
        case .elemDrop:
            _ = try shared.context.elementType(immediates.index ?? 0, at: offset)
        default:
            throw mismatch()
        }
    }
}
