/// Typing of constant expressions: global and table initializers, element items and segment
/// offsets.
///
/// Only the constant instructions are allowed ("constant expression required" otherwise):
/// `t.const`, `ref.null`, `ref.func`, `global.get` of an immutable global, the extended-const
/// `i32/i64.add/sub/mul`, and the GC allocations `struct.new(_default)`,
/// `array.new(_default/_fixed)`, `ref.i31`, `any.convert_extern` and `extern.convert_any`.
/// As in the reference interpreter, a type error is reported before a `global.get` of a
/// mutable global; an instruction outside the constant set is reported where it occurs (it
/// cannot be typed here).
extension ValidationContext {
    /// Checks that `expression` is constant and produces exactly one value of a subtype of
    /// `expected`.
    ///
    /// - Parameter visibleGlobals: how many globals (from index 0) the expression may read:
    ///   the imported ones for table initializers; those plus the earlier definitions for a
    ///   global's initializer; all for segments.
    func validateConstantExpression(
        _ expression: ConstantExpression, type expected: ValueType, visibleGlobals: Int
    ) throws(ValidationError) {
        var stack: [ValueType] = []
        var mutableGlobalAt: Int?
        let endOffset = max(expression.range.upperBound - 1, expression.range.lowerBound)

        func pop(_ type: ValueType, at offset: Int) throws(ValidationError) {
            guard let actual = stack.popLast(), isSubtype(actual, type) else {
                throw ValidationError("type mismatch", offset: offset)
            }
        }
        func unpacked(_ field: FieldType) -> ValueType {
            if case .value(let type) = field.storage { return type }
            return .i32
        }

        for instruction in expression.instructions {
            let offset = instruction.offset
            let immediates = instruction.immediates
            switch instruction.opcode {
            case .i32Const: stack.append(.i32)
            case .i64Const: stack.append(.i64)
            case .f32Const: stack.append(.f32)
            case .f64Const: stack.append(.f64)
            case .refNull:
                guard case .heapType(let heapType) = immediates else { throw ValidationError("type mismatch", offset: offset) }
                try validate(heapType, at: offset)
                stack.append(.ref(RefType(nullable: true, heapType)))
            case .refFunc:
                let index = immediates.index ?? 0
                let typeIndex = try typeIndex(ofFunction: index, at: offset)
                stack.append(.ref(RefType(nullable: false, .concrete(typeIndex))))
            case .globalGet:
                let index = immediates.index ?? 0
                guard Int(index) < visibleGlobals, Int(index) < globals.count else {
                    throw ValidationError("unknown global \(index)", offset: offset)
                }
                let type = globals[Int(index)]
                if type.isMutable && mutableGlobalAt == nil { mutableGlobalAt = offset }
                stack.append(type.valueType)
            case .i32Add, .i32Sub, .i32Mul, .i64Add, .i64Sub, .i64Mul:
                guard features.contains(.extendedConst) else {
                    throw ValidationError("constant expression required", offset: offset)
                }
                let type: ValueType = [.i32Add, .i32Sub, .i32Mul].contains(instruction.opcode) ? .i32 : .i64
                try pop(type, at: offset)
                try pop(type, at: offset)
                stack.append(type)
            case .structNew:
                let index = immediates.index ?? 0
                let fields = try structType(ofTypeIndex: index, at: offset)
                for field in fields.reversed() { try pop(unpacked(field), at: offset) }
                stack.append(.ref(RefType(nullable: false, .concrete(index))))
            case .structNewDefault:
                let index = immediates.index ?? 0
                let fields = try structType(ofTypeIndex: index, at: offset)
                for field in fields where !isDefaultable(unpacked(field)) {
                    throw ValidationError("type mismatch", offset: offset)
                }
                stack.append(.ref(RefType(nullable: false, .concrete(index))))
            case .arrayNew, .arrayNewDefault:
                let index = immediates.index ?? 0
                let field = try arrayType(ofTypeIndex: index, at: offset)
                try pop(.i32, at: offset)
                if instruction.opcode == .arrayNew {
                    try pop(unpacked(field), at: offset)
                } else if !isDefaultable(unpacked(field)) {
                    throw ValidationError("type mismatch", offset: offset)
                }
                stack.append(.ref(RefType(nullable: false, .concrete(index))))
            case .arrayNewFixed:
                guard case .indices(let index, let count) = immediates else {
                    throw ValidationError("type mismatch", offset: offset)
                }
                let field = try arrayType(ofTypeIndex: index, at: offset)
                guard count <= stack.count else { throw ValidationError("type mismatch", offset: offset) }
                for _ in 0..<count { try pop(unpacked(field), at: offset) }
                stack.append(.ref(RefType(nullable: false, .concrete(index))))
            case .refI31:
                try pop(.i32, at: offset)
                stack.append(.ref(RefType(nullable: false, .abstract(.i31))))
            case .anyConvertExtern, .externConvertAny:
                let (from, to): (AbstractHeapType, AbstractHeapType) =
                    instruction.opcode == .anyConvertExtern ? (.extern, .any) : (.any, .extern)
                guard let operand = stack.popLast(), case .ref(let reference) = operand,
                    isSubtype(reference, RefType(nullable: true, .abstract(from)))
                else { throw ValidationError("type mismatch", offset: offset) }
                stack.append(.ref(RefType(nullable: reference.isNullable, .abstract(to))))
            default:
                throw ValidationError("constant expression required", offset: offset)
            }
        }
        guard stack.count == 1, isSubtype(stack[0], expected) else {
            throw ValidationError("type mismatch", offset: endOffset)
        }
        if let offset = mutableGlobalAt { throw ValidationError("constant expression required", offset: offset) }
    }
}
