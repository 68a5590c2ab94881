/// GC instructions (spec "Aggregate Reference Instructions" and `i31`, `any.convert_extern`,
/// `extern.convert_any`).
///
/// Packed fields (`i8`, `i16`) are read as `i32` and only with the signed/unsigned forms
/// (`struct.get_s`/`_u`, `array.get_s`/`_u`); unpacked fields only with the plain form.
/// Writes require a mutable field ("immutable field", "immutable array").

extension FunctionValidator {
    /// The operand type of a field of storage type `storage` (packed types widen to `i32`).
    @inline(__always)
    static func unpacked(_ storage: StorageType) -> ValueType {
        switch storage {
        case .value(let type): type
        case .i8, .i16: .i32
        }
    }

    /// Whether the storage type is packed (`i8`, `i16`).
    @inline(__always)
    static func isPacked(_ storage: StorageType) -> Bool {
        if case .value = storage { return false }
        return true
    }

    /// Whether `array.new_data`/`array.init_data` may fill an array of this element type.
    static func isNumericOrVector(_ storage: StorageType) -> Bool {
        switch storage {
        case .i8, .i16: true
        case .value(let type): type.isNumber || type == .v128
        }
    }

    /// Checks that a read's signedness suffix matches the field's packing.
    func checkSignedness(_ storage: StorageType, packedRead: Bool) throws(ValidationError) {
        if Self.isPacked(storage) != packedRead { throw mismatch() }
    }

    /// `(ref null $t)`, the type of an aggregate operand.
    @inline(__always)
    static func nullableReference(_ typeIndex: UInt32) -> ValueType {
        .ref(RefType(nullable: true, .concrete(typeIndex)))
    }

    mutating func aggregate(_ opcode: Opcode, _ immediates: Immediates) throws(ValidationError) {
        switch opcode {
        case .structNew, .structNewDefault:
            let typeIndex = immediates.index ?? 0
            let fields = try shared.context.structType(ofTypeIndex: typeIndex, at: offset)
            if opcode == .structNew {
                var index = fields.count
                while index > 0 {
                    index -= 1
                    try pop(Self.unpacked(fields[index].storage))
                }
            } else {
                for field in fields where !Self.isDefaultable(Self.unpacked(field.storage)) { throw mismatch() }
            }
            push(.ref(RefType(nullable: false, .concrete(typeIndex))))
        case .structGet, .structGetS, .structGetU, .structSet:
            let (typeIndex, fieldIndex) = immediates.indices ?? (0, 0)
            let fields = try shared.context.structType(ofTypeIndex: typeIndex, at: offset)
            guard Int(fieldIndex) < fields.count else { throw error("unknown field \(fieldIndex)") }
            let field = fields[Int(fieldIndex)]
            if opcode == .structSet {
                guard field.isMutable else { throw error("immutable field") }
                try pop(Self.unpacked(field.storage))
                try pop(Self.nullableReference(typeIndex))
            } else {
                try checkSignedness(field.storage, packedRead: opcode != .structGet)
                try pop(Self.nullableReference(typeIndex))
                push(Self.unpacked(field.storage))
            }
        case .arrayNew, .arrayNewDefault, .arrayNewFixed, .arrayNewData, .arrayNewElem:
            try arrayNew(opcode, immediates)
        case .arrayGet, .arrayGetS, .arrayGetU:
            let typeIndex = immediates.index ?? 0
            let element = try shared.context.arrayType(ofTypeIndex: typeIndex, at: offset)
            try checkSignedness(element.storage, packedRead: opcode != .arrayGet)
            try pop(.i32)
            try pop(Self.nullableReference(typeIndex))
            push(Self.unpacked(element.storage))
        case .arraySet:
            let typeIndex = immediates.index ?? 0
            let element = try mutableArray(typeIndex)
            try pop(Self.unpacked(element.storage))
            try pop(.i32)
            try pop(Self.nullableReference(typeIndex))
        case .arrayLen:
            try pop(.ref(RefType(nullable: true, .abstract(.array))))
            push(.i32)
        case .arrayFill:
            let typeIndex = immediates.index ?? 0
            let element = try mutableArray(typeIndex)
            try pop(.i32)
            try pop(Self.unpacked(element.storage))
            try pop(.i32)
            try pop(Self.nullableReference(typeIndex))
        case .arrayCopy:
            let (destinationIndex, sourceIndex) = immediates.indices ?? (0, 0)
            let destination = try mutableArray(destinationIndex)
            let source = try shared.context.arrayType(ofTypeIndex: sourceIndex, at: offset)
            guard isStorageSubtype(source.storage, destination.storage) else { throw error("array types do not match") }
            try pop(.i32)
            try pop(.i32)
            try pop(Self.nullableReference(sourceIndex))
            try pop(.i32)
            try pop(Self.nullableReference(destinationIndex))
        case .arrayInitData, .arrayInitElem:
            let (typeIndex, segment) = immediates.indices ?? (0, 0)
            let element = try mutableArray(typeIndex)
            if opcode == .arrayInitData {
                guard Self.isNumericOrVector(element.storage) else { throw error("array type is not numeric or vector") }
                try shared.context.checkData(segment, at: offset)
            } else {
                let elementType = try shared.context.elementType(segment, at: offset)
                guard isSubtype(.ref(elementType), Self.unpacked(element.storage)) else { throw mismatch() }
            }
            try pop(.i32)
            try pop(.i32)
            try pop(.i32)
            try pop(Self.nullableReference(typeIndex))
        case .refI31:
            try pop(.i32)
            push(.ref(RefType(nullable: false, .abstract(.i31))))
        case .i31GetS, .i31GetU:
            try pop(.ref(RefType(nullable: true, .abstract(.i31))))
            push(.i32)
        case .anyConvertExtern, .externConvertAny:
            let (from, to): (AbstractHeapType, AbstractHeapType) = opcode == .anyConvertExtern ? (.extern, .any) : (.any, .extern)
            let actual = try pop(.ref(RefType(nullable: true, .abstract(from))))
            var nullable = false
            if case .ref(let reference) = actual { nullable = reference.isNullable }
            push(.ref(RefType(nullable: nullable, .abstract(to))))
        default:
            throw mismatch()
        }
    }

    /// `array.new`, `array.new_default`, `array.new_fixed`, `array.new_data`, `array.new_elem`.
    mutating func arrayNew(_ opcode: Opcode, _ immediates: Immediates) throws(ValidationError) {
        let typeIndex: UInt32
        var second: UInt32 = 0
        if case .indices(let first, let other) = immediates {
            typeIndex = first
            second = other
        } else {
            typeIndex = immediates.index ?? 0
        }
        let element = try shared.context.arrayType(ofTypeIndex: typeIndex, at: offset)
        let type = Self.unpacked(element.storage)
        switch opcode {
        case .arrayNew:
            try pop(.i32)
            try pop(type)
        case .arrayNewDefault:
            guard Self.isDefaultable(type) else { throw mismatch() }
            try pop(.i32)
        case .arrayNewFixed:
            // Operands beyond the frame's are Unknown (unreachable code) or missing: no need to
            // pop them one by one (the count is a u32).
            let available = height - frameHeight
            if Int(second) > available && !frameUnreachable { throw mismatch() }
            for _ in 0..<min(Int(second), available) { try pop(type) }
        case .arrayNewData:
            guard Self.isNumericOrVector(element.storage) else { throw error("array type is not numeric or vector") }
            try shared.context.checkData(second, at: offset)
            try pop(.i32)
            try pop(.i32)
        default:
            let elementType = try shared.context.elementType(second, at: offset)
            guard isSubtype(.ref(elementType), type) else { throw mismatch() }
            try pop(.i32)
            try pop(.i32)
        }
        push(.ref(RefType(nullable: false, .concrete(typeIndex))))
    }

    /// The element field of a mutable array type ("immutable array" otherwise).
    func mutableArray(_ typeIndex: UInt32) throws(ValidationError) -> FieldType {
        let element = try shared.context.arrayType(ofTypeIndex: typeIndex, at: offset)
        guard element.isMutable else { throw error("immutable array") }
        return element
    }

    /// Storage subtyping: packed types only match themselves.
    func isStorageSubtype(_ a: StorageType, _ b: StorageType) -> Bool {
        switch (a, b) {
        case (.i8, .i8), (.i16, .i16): true
        case (.value(let x), .value(let y)): isSubtype(x, y)
        default: false
        }
    }
}
