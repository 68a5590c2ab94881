import WasmFormat

// Evaluation of constant expressions (global and table initializers, element items, segment
// offsets) during instantiation, to slot-encoded values.
// https://webassembly.github.io/spec/core/valid/instructions.html#constant-expressions
//
// Validation has checked the expression (constant instructions only, one result of the right
// type, `global.get` of immutable globals that precede it), so the evaluator trusts the stack
// shape. WebAssembly 3.0's extended constants (`i32/i64.add/sub/mul`) wrap as the ordinary
// instructions do. Of the GC allocations allowed in constant expressions, arrays
// (`array.new`, `array.new_default`, `array.new_fixed`) are made (see `ArrayInstance`); the
// others (`struct.new`, `ref.i31`, `any.convert_extern`, `extern.convert_any`) need the GC
// proposal's object model and fail instantiation with an ``InstantiationError``.

extension ModuleInstance {
    /// The value of `expression`, reading the functions and the globals created so far.
    func evaluate(_ expression: ConstantExpression) throws(InstantiationError) -> UInt64 {
        var stack: [UInt64] = []
        stack.reserveCapacity(2)
        for instruction in expression.instructions {
            switch (instruction.opcode, instruction.immediates) {
            case (.i32Const, .i32(let value)): stack.append(UInt64(UInt32(bitPattern: value)))
            case (.i64Const, .i64(let value)): stack.append(UInt64(bitPattern: value))
            case (.f32Const, .f32(let bits)): stack.append(UInt64(bits))
            case (.f64Const, .f64(let bits)): stack.append(bits)
            case (.refNull, _): stack.append(Reference.null)
            case (.refFunc, .index(let index)): stack.append(Reference.function(functions[Int(index)]))
            case (.globalGet, .index(let index)): stack.append(globals[Int(index)].value)
            case (.i32Add, _), (.i32Sub, _), (.i32Mul, _):
                let b = UInt32(truncatingIfNeeded: stack.removeLast()), a = UInt32(truncatingIfNeeded: stack.removeLast())
                let result = switch instruction.opcode {
                case .i32Add: a &+ b
                case .i32Sub: a &- b
                default: a &* b
                }
                stack.append(UInt64(result))
            case (.i64Add, _), (.i64Sub, _), (.i64Mul, _):
                let b = stack.removeLast(), a = stack.removeLast()
                let result = switch instruction.opcode {
                case .i64Add: a &+ b
                case .i64Sub: a &- b
                default: a &* b
                }
                stack.append(result)
            case (.arrayNewDefault, .index(let typeIndex)):
                let length = stack.removeLast()
                stack.append(try makeArray(typeIndex, Array(repeating: 0, count: try arrayLength(length))))
            case (.arrayNew, .index(let typeIndex)):
                let length = stack.removeLast(), value = stack.removeLast()
                stack.append(try makeArray(typeIndex, Array(repeating: value, count: try arrayLength(length))))
            case (.arrayNewFixed, .indices(let typeIndex, let count)):
                let elements = Array(stack.suffix(Int(count)))
                stack.removeLast(Int(count))
                stack.append(try makeArray(typeIndex, elements))
            default:
                throw InstantiationError("constant expression instruction \(instruction.opcode.name) is not supported by this runtime yet")
            }
        }
        guard stack.count == 1 else {
            // Unreachable for a validated module.
            throw InstantiationError("constant expression left \(stack.count) values")
        }
        return stack[0]
    }

    /// A new array of type `typeIndex`, kept alive by the engine; its slot encoding.
    private func makeArray(_ typeIndex: UInt32, _ elements: [UInt64]) throws(InstantiationError) -> UInt64 {
        let array = ArrayInstance(typeID: typeIDs[Int(typeIndex)], elements: elements)
        engine.retain(array)
        return UInt64(UInt(bitPattern: Unmanaged.passUnretained(array).toOpaque()))
    }

    /// An `i32` array length as a count (arrays of more than 2^28 elements are refused, as an
    /// allocation this large from a constant expression is almost certainly a mistake).
    private func arrayLength(_ slot: UInt64) throws(InstantiationError) -> Int {
        let length = UInt32(truncatingIfNeeded: slot)
        guard length <= 1 << 28 else { throw InstantiationError("array of \(length) elements is too large") }
        return Int(length)
    }
}
