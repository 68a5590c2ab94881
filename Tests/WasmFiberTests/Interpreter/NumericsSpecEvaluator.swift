import WasmFormat
import WasmText

#if canImport(WasmFiber)
@testable import WasmFiber
#else
@testable import Numerics
#endif

/// A tiny evaluator of *straight-line* numeric functions, so that the spec scripts' numeric
/// assertions can check the operations of `Interpreter/Numerics` without an interpreter.
///
/// It accepts a body made only of `local.get/set/tee`, constants, `drop`, `select` and numeric
/// instructions (no control flow, calls or memory) and runs it on a stack of `WastValue`s (bit
/// patterns). Anything else makes the function unsupported, and its assertions are skipped.
struct NumericsSpecFunction {
    /// The declared (non-parameter) locals, zero-initialised.
    var declaredLocals: [WastValue]
    /// The body, without its final `end`.
    var code: [WasmFormat.Instruction]

    /// The exported functions of a module that this evaluator can run, by export name.
    static func exports(ofModule bytes: [UInt8]) throws -> [String: NumericsSpecFunction] {
        let module = try WasmFormat.decodeModule(bytes, decodeFunctionBodies: true)
        let importedFunctions = module.importCounts.functions
        var result: [String: NumericsSpecFunction] = [:]
        for export in module.exports where export.kind == .function {
            let defined = Int(export.index) - importedFunctions
            guard defined >= 0, defined < module.functionBodies.count else { continue }
            let body = module.functionBodies[defined]
            var locals: [WastValue] = []
            var supported = true
            for declaration in body.locals {
                guard let zero = zero(of: declaration.type), declaration.count <= 64 else { supported = false; break }
                locals += Array(repeating: zero, count: Int(declaration.count))
            }
            var reader = module.instructions(of: body)
            var code = try reader.readAll()
            code.removeLast()  // the final `end`
            if supported && code.allSatisfy({ isSupported($0.opcode) }) {
                result[export.name] = NumericsSpecFunction(declaredLocals: locals, code: code)
            }
        }
        return result
    }

    private static func zero(of type: ValueType) -> WastValue? {
        switch type {
        case .i32: .i32(0)
        case .i64: .i64(0)
        case .f32: .f32(0)
        case .f64: .f64(0)
        default: nil
        }
    }

    private static func isSupported(_ opcode: WasmFormat.Opcode) -> Bool {
        switch opcode {
        case .localGet, .localSet, .localTee, .drop, .select, .i32Const, .i64Const, .f32Const, .f64Const: true
        case .i32TruncSatF32S, .i32TruncSatF32U, .i32TruncSatF64S, .i32TruncSatF64U: true
        case .i64TruncSatF32S, .i64TruncSatF32U, .i64TruncSatF64S, .i64TruncSatF64U: true
        // The numeric opcodes from `i32.eqz` to `i64.extend32_s` are contiguous in `Opcode`.
        default: (WasmFormat.Opcode.i32Eqz.rawValue...WasmFormat.Opcode.i64Extend32S.rawValue).contains(opcode.rawValue)
        }
    }

    /// Runs the function; `nil` if the code does something this evaluator does not model.
    func run(_ arguments: [WastValue]) throws(NumericTrap) -> [WastValue]? {
        var machine = NumericsSpecMachine(locals: arguments + declaredLocals)
        for instruction in code {
            guard try machine.execute(instruction) else { return nil }
        }
        return machine.stack
    }
}

/// A value the machine pops and pushes as a typed Swift value.
protocol NumericsSpecOperand {
    init?(_ value: WastValue)
    var wastValue: WastValue { get }
}

extension UInt32: NumericsSpecOperand {
    init?(_ value: WastValue) { guard case .i32(let bits) = value else { return nil }; self = bits }
    var wastValue: WastValue { .i32(self) }
}

extension UInt64: NumericsSpecOperand {
    init?(_ value: WastValue) { guard case .i64(let bits) = value else { return nil }; self = bits }
    var wastValue: WastValue { .i64(self) }
}

extension Float: NumericsSpecOperand {
    init?(_ value: WastValue) { guard case .f32(let bits) = value else { return nil }; self.init(bitPattern: bits) }
    var wastValue: WastValue { .f32(bitPattern) }
}

extension Double: NumericsSpecOperand {
    init?(_ value: WastValue) { guard case .f64(let bits) = value else { return nil }; self.init(bitPattern: bits) }
    var wastValue: WastValue { .f64(bitPattern) }
}

extension Bool: NumericsSpecOperand {
    init?(_ value: WastValue) { return nil }
    var wastValue: WastValue { .i32(self ? 1 : 0) }
}

/// The operand stack and locals of one evaluation.
struct NumericsSpecMachine {
    var locals: [WastValue]
    var stack: [WastValue] = []

    private mutating func pop<T: NumericsSpecOperand>(_: T.Type) -> T? {
        guard let value = stack.popLast() else { return nil }
        return T(value)
    }

    private mutating func unary<A: NumericsSpecOperand, R: NumericsSpecOperand>(
        _ op: (A) throws(NumericTrap) -> R
    ) throws(NumericTrap) -> Bool {
        guard let a = pop(A.self) else { return false }
        stack.append(try op(a).wastValue)
        return true
    }

    private mutating func binary<A: NumericsSpecOperand, R: NumericsSpecOperand>(
        _ op: (A, A) throws(NumericTrap) -> R
    ) throws(NumericTrap) -> Bool {
        guard let b = pop(A.self), let a = pop(A.self) else { return false }
        stack.append(try op(a, b).wastValue)
        return true
    }

    /// Executes one instruction; `false` if it is not modelled (or the stack is ill-typed).
    mutating func execute(_ instruction: WasmFormat.Instruction) throws(NumericTrap) -> Bool {
        switch (instruction.opcode, instruction.immediates) {
        case (.i32Const, .i32(let value)): stack.append(.i32(UInt32(bitPattern: value)))
        case (.i64Const, .i64(let value)): stack.append(.i64(UInt64(bitPattern: value)))
        case (.f32Const, .f32(let bits)): stack.append(.f32(bits))
        case (.f64Const, .f64(let bits)): stack.append(.f64(bits))
        case (.localGet, .index(let index)):
            guard index < locals.count else { return false }
            stack.append(locals[Int(index)])
        case (.localSet, .index(let index)), (.localTee, .index(let index)):
            guard index < locals.count, let value = stack.last else { return false }
            locals[Int(index)] = value
            if instruction.opcode == .localSet { stack.removeLast() }
        case (.drop, _):
            guard stack.popLast() != nil else { return false }
        case (.select, _):
            guard let condition = pop(UInt32.self), let second = stack.popLast(), let first = stack.popLast() else {
                return false
            }
            stack.append(condition != 0 ? first : second)
        default:
            return try numeric(instruction.opcode)
        }
        return true
    }

    private mutating func numeric(_ opcode: WasmFormat.Opcode) throws(NumericTrap) -> Bool {
        switch opcode {
        case .i32Eqz: try unary(I32Ops.eqz)
        case .i32Eq: try binary(I32Ops.eq)
        case .i32Ne: try binary(I32Ops.ne)
        case .i32LtS: try binary(I32Ops.ltS)
        case .i32LtU: try binary(I32Ops.ltU)
        case .i32GtS: try binary(I32Ops.gtS)
        case .i32GtU: try binary(I32Ops.gtU)
        case .i32LeS: try binary(I32Ops.leS)
        case .i32LeU: try binary(I32Ops.leU)
        case .i32GeS: try binary(I32Ops.geS)
        case .i32GeU: try binary(I32Ops.geU)
        case .i64Eqz: try unary(I64Ops.eqz)
        case .i64Eq: try binary(I64Ops.eq)
        case .i64Ne: try binary(I64Ops.ne)
        case .i64LtS: try binary(I64Ops.ltS)
        case .i64LtU: try binary(I64Ops.ltU)
        case .i64GtS: try binary(I64Ops.gtS)
        case .i64GtU: try binary(I64Ops.gtU)
        case .i64LeS: try binary(I64Ops.leS)
        case .i64LeU: try binary(I64Ops.leU)
        case .i64GeS: try binary(I64Ops.geS)
        case .i64GeU: try binary(I64Ops.geU)
        case .f32Eq: try binary(F32Ops.eq)
        case .f32Ne: try binary(F32Ops.ne)
        case .f32Lt: try binary(F32Ops.lt)
        case .f32Gt: try binary(F32Ops.gt)
        case .f32Le: try binary(F32Ops.le)
        case .f32Ge: try binary(F32Ops.ge)
        case .f64Eq: try binary(F64Ops.eq)
        case .f64Ne: try binary(F64Ops.ne)
        case .f64Lt: try binary(F64Ops.lt)
        case .f64Gt: try binary(F64Ops.gt)
        case .f64Le: try binary(F64Ops.le)
        case .f64Ge: try binary(F64Ops.ge)
        case .i32Clz: try unary(I32Ops.clz)
        case .i32Ctz: try unary(I32Ops.ctz)
        case .i32Popcnt: try unary(I32Ops.popcnt)
        case .i32Add: try binary(I32Ops.add)
        case .i32Sub: try binary(I32Ops.sub)
        case .i32Mul: try binary(I32Ops.mul)
        case .i32DivS: try binary(I32Ops.divS)
        case .i32DivU: try binary(I32Ops.divU)
        case .i32RemS: try binary(I32Ops.remS)
        case .i32RemU: try binary(I32Ops.remU)
        case .i32And: try binary(I32Ops.and)
        case .i32Or: try binary(I32Ops.or)
        case .i32Xor: try binary(I32Ops.xor)
        case .i32Shl: try binary(I32Ops.shl)
        case .i32ShrS: try binary(I32Ops.shrS)
        case .i32ShrU: try binary(I32Ops.shrU)
        case .i32Rotl: try binary(I32Ops.rotl)
        case .i32Rotr: try binary(I32Ops.rotr)
        case .i64Clz: try unary(I64Ops.clz)
        case .i64Ctz: try unary(I64Ops.ctz)
        case .i64Popcnt: try unary(I64Ops.popcnt)
        case .i64Add: try binary(I64Ops.add)
        case .i64Sub: try binary(I64Ops.sub)
        case .i64Mul: try binary(I64Ops.mul)
        case .i64DivS: try binary(I64Ops.divS)
        case .i64DivU: try binary(I64Ops.divU)
        case .i64RemS: try binary(I64Ops.remS)
        case .i64RemU: try binary(I64Ops.remU)
        case .i64And: try binary(I64Ops.and)
        case .i64Or: try binary(I64Ops.or)
        case .i64Xor: try binary(I64Ops.xor)
        case .i64Shl: try binary(I64Ops.shl)
        case .i64ShrS: try binary(I64Ops.shrS)
        case .i64ShrU: try binary(I64Ops.shrU)
        case .i64Rotl: try binary(I64Ops.rotl)
        case .i64Rotr: try binary(I64Ops.rotr)
        case .f32Abs: try unary(F32Ops.abs)
        case .f32Neg: try unary(F32Ops.neg)
        case .f32Ceil: try unary(F32Ops.ceil)
        case .f32Floor: try unary(F32Ops.floor)
        case .f32Trunc: try unary(F32Ops.trunc)
        case .f32Nearest: try unary(F32Ops.nearest)
        case .f32Sqrt: try unary(F32Ops.sqrt)
        case .f32Add: try binary(F32Ops.add)
        case .f32Sub: try binary(F32Ops.sub)
        case .f32Mul: try binary(F32Ops.mul)
        case .f32Div: try binary(F32Ops.div)
        case .f32Min: try binary(F32Ops.min)
        case .f32Max: try binary(F32Ops.max)
        case .f32Copysign: try binary(F32Ops.copysign)
        case .f64Abs: try unary(F64Ops.abs)
        case .f64Neg: try unary(F64Ops.neg)
        case .f64Ceil: try unary(F64Ops.ceil)
        case .f64Floor: try unary(F64Ops.floor)
        case .f64Trunc: try unary(F64Ops.trunc)
        case .f64Nearest: try unary(F64Ops.nearest)
        case .f64Sqrt: try unary(F64Ops.sqrt)
        case .f64Add: try binary(F64Ops.add)
        case .f64Sub: try binary(F64Ops.sub)
        case .f64Mul: try binary(F64Ops.mul)
        case .f64Div: try binary(F64Ops.div)
        case .f64Min: try binary(F64Ops.min)
        case .f64Max: try binary(F64Ops.max)
        case .f64Copysign: try binary(F64Ops.copysign)
        case .i32WrapI64: try unary(I32Ops.wrapI64)
        case .i32TruncF32S: try unary(I32Ops.truncF32S)
        case .i32TruncF32U: try unary(I32Ops.truncF32U)
        case .i32TruncF64S: try unary(I32Ops.truncF64S)
        case .i32TruncF64U: try unary(I32Ops.truncF64U)
        case .i64ExtendI32S: try unary(I64Ops.extendI32S)
        case .i64ExtendI32U: try unary(I64Ops.extendI32U)
        case .i64TruncF32S: try unary(I64Ops.truncF32S)
        case .i64TruncF32U: try unary(I64Ops.truncF32U)
        case .i64TruncF64S: try unary(I64Ops.truncF64S)
        case .i64TruncF64U: try unary(I64Ops.truncF64U)
        case .f32ConvertI32S: try unary(F32Ops.convertI32S)
        case .f32ConvertI32U: try unary(F32Ops.convertI32U)
        case .f32ConvertI64S: try unary(F32Ops.convertI64S)
        case .f32ConvertI64U: try unary(F32Ops.convertI64U)
        case .f32DemoteF64: try unary(F32Ops.demoteF64)
        case .f64ConvertI32S: try unary(F64Ops.convertI32S)
        case .f64ConvertI32U: try unary(F64Ops.convertI32U)
        case .f64ConvertI64S: try unary(F64Ops.convertI64S)
        case .f64ConvertI64U: try unary(F64Ops.convertI64U)
        case .f64PromoteF32: try unary(F64Ops.promoteF32)
        case .i32ReinterpretF32: try unary(I32Ops.reinterpretF32)
        case .i64ReinterpretF64: try unary(I64Ops.reinterpretF64)
        case .f32ReinterpretI32: try unary(F32Ops.reinterpretI32)
        case .f64ReinterpretI64: try unary(F64Ops.reinterpretI64)
        case .i32Extend8S: try unary(I32Ops.extend8S)
        case .i32Extend16S: try unary(I32Ops.extend16S)
        case .i64Extend8S: try unary(I64Ops.extend8S)
        case .i64Extend16S: try unary(I64Ops.extend16S)
        case .i64Extend32S: try unary(I64Ops.extend32S)
        case .i32TruncSatF32S: try unary(I32Ops.truncSatF32S)
        case .i32TruncSatF32U: try unary(I32Ops.truncSatF32U)
        case .i32TruncSatF64S: try unary(I32Ops.truncSatF64S)
        case .i32TruncSatF64U: try unary(I32Ops.truncSatF64U)
        case .i64TruncSatF32S: try unary(I64Ops.truncSatF32S)
        case .i64TruncSatF32U: try unary(I64Ops.truncSatF32U)
        case .i64TruncSatF64S: try unary(I64Ops.truncSatF64S)
        case .i64TruncSatF64U: try unary(I64Ops.truncSatF64U)
        default: false
        }
    }
}
