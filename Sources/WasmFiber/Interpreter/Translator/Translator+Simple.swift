import WasmFormat

/// The opcode mappings of the generated families (numeric operators, loads and stores).
extension Translator {
    // BEGIN GENERATED map (scripts/generate-interpreter-ops.py)
    /// The internal operator of a numeric instruction, and how many operands it takes.
    static func numericOp(_ opcode: Opcode) -> (op: Op, operands: Int)? {
        switch opcode {
        case .i32Eqz: (.i32Eqz, 1)
        case .i32Eq: (.i32Eq, 2)
        case .i32Ne: (.i32Ne, 2)
        case .i32LtS: (.i32LtS, 2)
        case .i32LtU: (.i32LtU, 2)
        case .i32GtS: (.i32GtS, 2)
        case .i32GtU: (.i32GtU, 2)
        case .i32LeS: (.i32LeS, 2)
        case .i32LeU: (.i32LeU, 2)
        case .i32GeS: (.i32GeS, 2)
        case .i32GeU: (.i32GeU, 2)
        case .i64Eqz: (.i64Eqz, 1)
        case .i64Eq: (.i64Eq, 2)
        case .i64Ne: (.i64Ne, 2)
        case .i64LtS: (.i64LtS, 2)
        case .i64LtU: (.i64LtU, 2)
        case .i64GtS: (.i64GtS, 2)
        case .i64GtU: (.i64GtU, 2)
        case .i64LeS: (.i64LeS, 2)
        case .i64LeU: (.i64LeU, 2)
        case .i64GeS: (.i64GeS, 2)
        case .i64GeU: (.i64GeU, 2)
        case .f32Eq: (.f32Eq, 2)
        case .f32Ne: (.f32Ne, 2)
        case .f32Lt: (.f32Lt, 2)
        case .f32Gt: (.f32Gt, 2)
        case .f32Le: (.f32Le, 2)
        case .f32Ge: (.f32Ge, 2)
        case .f64Eq: (.f64Eq, 2)
        case .f64Ne: (.f64Ne, 2)
        case .f64Lt: (.f64Lt, 2)
        case .f64Gt: (.f64Gt, 2)
        case .f64Le: (.f64Le, 2)
        case .f64Ge: (.f64Ge, 2)
        case .i32Clz: (.i32Clz, 1)
        case .i32Ctz: (.i32Ctz, 1)
        case .i32Popcnt: (.i32Popcnt, 1)
        case .i32Extend8S: (.i32Extend8S, 1)
        case .i32Extend16S: (.i32Extend16S, 1)
        case .i32Add: (.i32Add, 2)
        case .i32Sub: (.i32Sub, 2)
        case .i32Mul: (.i32Mul, 2)
        case .i32And: (.i32And, 2)
        case .i32Or: (.i32Or, 2)
        case .i32Xor: (.i32Xor, 2)
        case .i32Shl: (.i32Shl, 2)
        case .i32ShrS: (.i32ShrS, 2)
        case .i32ShrU: (.i32ShrU, 2)
        case .i32Rotl: (.i32Rotl, 2)
        case .i32Rotr: (.i32Rotr, 2)
        case .i32DivS: (.i32DivS, 2)
        case .i32DivU: (.i32DivU, 2)
        case .i32RemS: (.i32RemS, 2)
        case .i32RemU: (.i32RemU, 2)
        case .i64Clz: (.i64Clz, 1)
        case .i64Ctz: (.i64Ctz, 1)
        case .i64Popcnt: (.i64Popcnt, 1)
        case .i64Extend8S: (.i64Extend8S, 1)
        case .i64Extend16S: (.i64Extend16S, 1)
        case .i64Extend32S: (.i64Extend32S, 1)
        case .i64Add: (.i64Add, 2)
        case .i64Sub: (.i64Sub, 2)
        case .i64Mul: (.i64Mul, 2)
        case .i64And: (.i64And, 2)
        case .i64Or: (.i64Or, 2)
        case .i64Xor: (.i64Xor, 2)
        case .i64Shl: (.i64Shl, 2)
        case .i64ShrS: (.i64ShrS, 2)
        case .i64ShrU: (.i64ShrU, 2)
        case .i64Rotl: (.i64Rotl, 2)
        case .i64Rotr: (.i64Rotr, 2)
        case .i64DivS: (.i64DivS, 2)
        case .i64DivU: (.i64DivU, 2)
        case .i64RemS: (.i64RemS, 2)
        case .i64RemU: (.i64RemU, 2)
        case .f32Abs: (.f32Abs, 1)
        case .f32Neg: (.f32Neg, 1)
        case .f32Ceil: (.f32Ceil, 1)
        case .f32Floor: (.f32Floor, 1)
        case .f32Trunc: (.f32Trunc, 1)
        case .f32Nearest: (.f32Nearest, 1)
        case .f32Sqrt: (.f32Sqrt, 1)
        case .f32Add: (.f32Add, 2)
        case .f32Sub: (.f32Sub, 2)
        case .f32Mul: (.f32Mul, 2)
        case .f32Div: (.f32Div, 2)
        case .f32Min: (.f32Min, 2)
        case .f32Max: (.f32Max, 2)
        case .f32Copysign: (.f32Copysign, 2)
        case .f64Abs: (.f64Abs, 1)
        case .f64Neg: (.f64Neg, 1)
        case .f64Ceil: (.f64Ceil, 1)
        case .f64Floor: (.f64Floor, 1)
        case .f64Trunc: (.f64Trunc, 1)
        case .f64Nearest: (.f64Nearest, 1)
        case .f64Sqrt: (.f64Sqrt, 1)
        case .f64Add: (.f64Add, 2)
        case .f64Sub: (.f64Sub, 2)
        case .f64Mul: (.f64Mul, 2)
        case .f64Div: (.f64Div, 2)
        case .f64Min: (.f64Min, 2)
        case .f64Max: (.f64Max, 2)
        case .f64Copysign: (.f64Copysign, 2)
        case .i32WrapI64: (.i32WrapI64, 1)
        case .i32TruncF32S: (.i32TruncF32S, 1)
        case .i32TruncF32U: (.i32TruncF32U, 1)
        case .i32TruncF64S: (.i32TruncF64S, 1)
        case .i32TruncF64U: (.i32TruncF64U, 1)
        case .i64ExtendI32S: (.i64ExtendI32S, 1)
        case .i64ExtendI32U: (.i64ExtendI32U, 1)
        case .i64TruncF32S: (.i64TruncF32S, 1)
        case .i64TruncF32U: (.i64TruncF32U, 1)
        case .i64TruncF64S: (.i64TruncF64S, 1)
        case .i64TruncF64U: (.i64TruncF64U, 1)
        case .f32ConvertI32S: (.f32ConvertI32S, 1)
        case .f32ConvertI32U: (.f32ConvertI32U, 1)
        case .f32ConvertI64S: (.f32ConvertI64S, 1)
        case .f32ConvertI64U: (.f32ConvertI64U, 1)
        case .f32DemoteF64: (.f32DemoteF64, 1)
        case .f64ConvertI32S: (.f64ConvertI32S, 1)
        case .f64ConvertI32U: (.f64ConvertI32U, 1)
        case .f64ConvertI64S: (.f64ConvertI64S, 1)
        case .f64ConvertI64U: (.f64ConvertI64U, 1)
        case .f64PromoteF32: (.f64PromoteF32, 1)
        case .i32ReinterpretF32: (.i32ReinterpretF32, 1)
        case .i64ReinterpretF64: (.i64ReinterpretF64, 1)
        case .f32ReinterpretI32: (.f32ReinterpretI32, 1)
        case .f64ReinterpretI64: (.f64ReinterpretI64, 1)
        case .i32TruncSatF32S: (.i32TruncSatF32S, 1)
        case .i32TruncSatF32U: (.i32TruncSatF32U, 1)
        case .i32TruncSatF64S: (.i32TruncSatF64S, 1)
        case .i32TruncSatF64U: (.i32TruncSatF64U, 1)
        case .i64TruncSatF32S: (.i64TruncSatF32S, 1)
        case .i64TruncSatF32U: (.i64TruncSatF32U, 1)
        case .i64TruncSatF64S: (.i64TruncSatF64S, 1)
        case .i64TruncSatF64U: (.i64TruncSatF64U, 1)
        default: nil
        }
    }

    /// The operator with an immediate second operand for a binary operator, if there is one.
    static func immediateVariant(_ op: Op) -> Op? {
        switch op {
        case .i32Add: .i32AddImm
        case .i32Sub: .i32SubImm
        case .i32Mul: .i32MulImm
        case .i32And: .i32AndImm
        case .i32Or: .i32OrImm
        case .i32Xor: .i32XorImm
        case .i32Shl: .i32ShlImm
        case .i32ShrS: .i32ShrSImm
        case .i32ShrU: .i32ShrUImm
        case .i32Rotl: .i32RotlImm
        case .i32Rotr: .i32RotrImm
        case .i32Eq: .i32EqImm
        case .i32Ne: .i32NeImm
        case .i32LtS: .i32LtSImm
        case .i32LtU: .i32LtUImm
        case .i32GtS: .i32GtSImm
        case .i32GtU: .i32GtUImm
        case .i32LeS: .i32LeSImm
        case .i32LeU: .i32LeUImm
        case .i32GeS: .i32GeSImm
        case .i32GeU: .i32GeUImm
        case .i64Add: .i64AddImm
        case .i64Sub: .i64SubImm
        case .i64Mul: .i64MulImm
        case .i64And: .i64AndImm
        case .i64Or: .i64OrImm
        case .i64Xor: .i64XorImm
        case .i64Shl: .i64ShlImm
        case .i64ShrS: .i64ShrSImm
        case .i64ShrU: .i64ShrUImm
        case .i64Rotl: .i64RotlImm
        case .i64Rotr: .i64RotrImm
        case .i64Eq: .i64EqImm
        case .i64Ne: .i64NeImm
        case .i64LtS: .i64LtSImm
        case .i64LtU: .i64LtUImm
        case .i64GtS: .i64GtSImm
        case .i64GtU: .i64GtUImm
        case .i64LeS: .i64LeSImm
        case .i64LeU: .i64LeUImm
        case .i64GeS: .i64GeSImm
        case .i64GeU: .i64GeUImm
        case .f32Add: .f32AddImm
        case .f32Sub: .f32SubImm
        case .f32Mul: .f32MulImm
        case .f32Div: .f32DivImm
        case .f32Min: .f32MinImm
        case .f32Max: .f32MaxImm
        case .f32Eq: .f32EqImm
        case .f32Ne: .f32NeImm
        case .f32Lt: .f32LtImm
        case .f32Gt: .f32GtImm
        case .f32Le: .f32LeImm
        case .f32Ge: .f32GeImm
        case .f64Add: .f64AddImm
        case .f64Sub: .f64SubImm
        case .f64Mul: .f64MulImm
        case .f64Div: .f64DivImm
        case .f64Min: .f64MinImm
        case .f64Max: .f64MaxImm
        case .f64Eq: .f64EqImm
        case .f64Ne: .f64NeImm
        case .f64Lt: .f64LtImm
        case .f64Gt: .f64GtImm
        case .f64Le: .f64LeImm
        case .f64Ge: .f64GeImm
        default: nil
        }
    }

    /// Whether a binary operator gives the same result with its operands swapped.
    static func isCommutative(_ op: Op) -> Bool {
        switch op {
        case .i32Add, .i32Mul, .i32And, .i32Or, .i32Xor, .i32Eq, .i32Ne, .i64Add, .i64Mul, .i64And, .i64Or, .i64Xor, .i64Eq, .i64Ne, .f32Add, .f32Mul, .f64Add, .f64Mul: true
        default: false
        }
    }

    /// The compare-and-branch operator for an integer comparison (either form), and the
    /// comparison that is its negation (same form), and whether that form has an immediate.
    static func branchVariant(_ op: Op) -> (branch: Op, inverse: Op, immediate: Bool)? {
        switch op {
        case .i32Eq: (.brIfI32Eq, .i32Ne, false)
        case .i32EqImm: (.brIfI32EqImm, .i32NeImm, true)
        case .i32Ne: (.brIfI32Ne, .i32Eq, false)
        case .i32NeImm: (.brIfI32NeImm, .i32EqImm, true)
        case .i32LtS: (.brIfI32LtS, .i32GeS, false)
        case .i32LtSImm: (.brIfI32LtSImm, .i32GeSImm, true)
        case .i32LtU: (.brIfI32LtU, .i32GeU, false)
        case .i32LtUImm: (.brIfI32LtUImm, .i32GeUImm, true)
        case .i32GtS: (.brIfI32GtS, .i32LeS, false)
        case .i32GtSImm: (.brIfI32GtSImm, .i32LeSImm, true)
        case .i32GtU: (.brIfI32GtU, .i32LeU, false)
        case .i32GtUImm: (.brIfI32GtUImm, .i32LeUImm, true)
        case .i32LeS: (.brIfI32LeS, .i32GtS, false)
        case .i32LeSImm: (.brIfI32LeSImm, .i32GtSImm, true)
        case .i32LeU: (.brIfI32LeU, .i32GtU, false)
        case .i32LeUImm: (.brIfI32LeUImm, .i32GtUImm, true)
        case .i32GeS: (.brIfI32GeS, .i32LtS, false)
        case .i32GeSImm: (.brIfI32GeSImm, .i32LtSImm, true)
        case .i32GeU: (.brIfI32GeU, .i32LtU, false)
        case .i32GeUImm: (.brIfI32GeUImm, .i32LtUImm, true)
        case .i64Eq: (.brIfI64Eq, .i64Ne, false)
        case .i64EqImm: (.brIfI64EqImm, .i64NeImm, true)
        case .i64Ne: (.brIfI64Ne, .i64Eq, false)
        case .i64NeImm: (.brIfI64NeImm, .i64EqImm, true)
        case .i64LtS: (.brIfI64LtS, .i64GeS, false)
        case .i64LtSImm: (.brIfI64LtSImm, .i64GeSImm, true)
        case .i64LtU: (.brIfI64LtU, .i64GeU, false)
        case .i64LtUImm: (.brIfI64LtUImm, .i64GeUImm, true)
        case .i64GtS: (.brIfI64GtS, .i64LeS, false)
        case .i64GtSImm: (.brIfI64GtSImm, .i64LeSImm, true)
        case .i64GtU: (.brIfI64GtU, .i64LeU, false)
        case .i64GtUImm: (.brIfI64GtUImm, .i64LeUImm, true)
        case .i64LeS: (.brIfI64LeS, .i64GtS, false)
        case .i64LeSImm: (.brIfI64LeSImm, .i64GtSImm, true)
        case .i64LeU: (.brIfI64LeU, .i64GtU, false)
        case .i64LeUImm: (.brIfI64LeUImm, .i64GtUImm, true)
        case .i64GeS: (.brIfI64GeS, .i64LtS, false)
        case .i64GeSImm: (.brIfI64GeSImm, .i64LtSImm, true)
        case .i64GeU: (.brIfI64GeU, .i64LtU, false)
        case .i64GeUImm: (.brIfI64GeUImm, .i64LtUImm, true)
        default: nil
        }
    }

    /// Whether a record of `op` only writes its result to the slot at byte 8 (from operands
    /// it reads first), so that the result can go straight to a local instead.
    static func writesResultOnly(_ op: Op) -> Bool {
        switch op {
        case .copy, .const, .globalGet, .select, .i32Eqz, .i32Eq,
             .i32Ne, .i32LtS, .i32LtU, .i32GtS, .i32GtU, .i32LeS,
             .i32LeU, .i32GeS, .i32GeU, .i64Eqz, .i64Eq, .i64Ne,
             .i64LtS, .i64LtU, .i64GtS, .i64GtU, .i64LeS, .i64LeU,
             .i64GeS, .i64GeU, .f32Eq, .f32Ne, .f32Lt, .f32Gt,
             .f32Le, .f32Ge, .f64Eq, .f64Ne, .f64Lt, .f64Gt,
             .f64Le, .f64Ge, .i32Clz, .i32Ctz, .i32Popcnt, .i32Extend8S,
             .i32Extend16S, .i32Add, .i32Sub, .i32Mul, .i32And, .i32Or,
             .i32Xor, .i32Shl, .i32ShrS, .i32ShrU, .i32Rotl, .i32Rotr,
             .i32DivS, .i32DivU, .i32RemS, .i32RemU, .i64Clz, .i64Ctz,
             .i64Popcnt, .i64Extend8S, .i64Extend16S, .i64Extend32S, .i64Add, .i64Sub,
             .i64Mul, .i64And, .i64Or, .i64Xor, .i64Shl, .i64ShrS,
             .i64ShrU, .i64Rotl, .i64Rotr, .i64DivS, .i64DivU, .i64RemS,
             .i64RemU, .f32Abs, .f32Neg, .f32Ceil, .f32Floor, .f32Trunc,
             .f32Nearest, .f32Sqrt, .f32Add, .f32Sub, .f32Mul, .f32Div,
             .f32Min, .f32Max, .f32Copysign, .f64Abs, .f64Neg, .f64Ceil,
             .f64Floor, .f64Trunc, .f64Nearest, .f64Sqrt, .f64Add, .f64Sub,
             .f64Mul, .f64Div, .f64Min, .f64Max, .f64Copysign, .i32WrapI64,
             .i32TruncF32S, .i32TruncF32U, .i32TruncF64S, .i32TruncF64U, .i64ExtendI32S, .i64ExtendI32U,
             .i64TruncF32S, .i64TruncF32U, .i64TruncF64S, .i64TruncF64U, .f32ConvertI32S, .f32ConvertI32U,
             .f32ConvertI64S, .f32ConvertI64U, .f32DemoteF64, .f64ConvertI32S, .f64ConvertI32U, .f64ConvertI64S,
             .f64ConvertI64U, .f64PromoteF32, .i32ReinterpretF32, .i64ReinterpretF64, .f32ReinterpretI32, .f64ReinterpretI64,
             .i32TruncSatF32S, .i32TruncSatF32U, .i32TruncSatF64S, .i32TruncSatF64U, .i64TruncSatF32S, .i64TruncSatF32U,
             .i64TruncSatF64S, .i64TruncSatF64U, .i32Load, .i64Load, .i32Load8S, .i32Load8U,
             .i32Load16S, .i32Load16U, .i64Load8S, .i64Load8U, .i64Load16S, .i64Load16U,
             .i64Load32S, .i64Load32U, .f32Load, .f64Load, .i32LoadM, .i64LoadM,
             .i32Load8SM, .i32Load8UM, .i32Load16SM, .i32Load16UM, .i64Load8SM, .i64Load8UM,
             .i64Load16SM, .i64Load16UM, .i64Load32SM, .i64Load32UM, .f32LoadM, .f64LoadM,
             .i32AddImm, .i32SubImm, .i32MulImm, .i32AndImm, .i32OrImm, .i32XorImm,
             .i32ShlImm, .i32ShrSImm, .i32ShrUImm, .i32RotlImm, .i32RotrImm, .i32EqImm,
             .i32NeImm, .i32LtSImm, .i32LtUImm, .i32GtSImm, .i32GtUImm, .i32LeSImm,
             .i32LeUImm, .i32GeSImm, .i32GeUImm, .i64AddImm, .i64SubImm, .i64MulImm,
             .i64AndImm, .i64OrImm, .i64XorImm, .i64ShlImm, .i64ShrSImm, .i64ShrUImm,
             .i64RotlImm, .i64RotrImm, .i64EqImm, .i64NeImm, .i64LtSImm, .i64LtUImm,
             .i64GtSImm, .i64GtUImm, .i64LeSImm, .i64LeUImm, .i64GeSImm, .i64GeUImm,
             .f32AddImm, .f32SubImm, .f32MulImm, .f32DivImm, .f32MinImm, .f32MaxImm,
             .f32EqImm, .f32NeImm, .f32LtImm, .f32GtImm, .f32LeImm, .f32GeImm,
             .f64AddImm, .f64SubImm, .f64MulImm, .f64DivImm, .f64MinImm, .f64MaxImm,
             .f64EqImm, .f64NeImm, .f64LtImm, .f64GtImm, .f64LeImm, .f64GeImm: true
        default: false
        }
    }

    /// The internal operators of a plain load or store (memory 0 through the registers, any
    /// memory by its object), and whether it stores.
    static func memoryOp(_ opcode: Opcode) -> (op: Op, anyMemory: Op, isStore: Bool)? {
        switch opcode {
        case .i32Load: (.i32Load, .i32LoadM, false)
        case .i64Load: (.i64Load, .i64LoadM, false)
        case .i32Load8S: (.i32Load8S, .i32Load8SM, false)
        case .i32Load8U: (.i32Load8U, .i32Load8UM, false)
        case .i32Load16S: (.i32Load16S, .i32Load16SM, false)
        case .i32Load16U: (.i32Load16U, .i32Load16UM, false)
        case .i64Load8S: (.i64Load8S, .i64Load8SM, false)
        case .i64Load8U: (.i64Load8U, .i64Load8UM, false)
        case .i64Load16S: (.i64Load16S, .i64Load16SM, false)
        case .i64Load16U: (.i64Load16U, .i64Load16UM, false)
        case .i64Load32S: (.i64Load32S, .i64Load32SM, false)
        case .i64Load32U: (.i64Load32U, .i64Load32UM, false)
        case .f32Load: (.f32Load, .f32LoadM, false)
        case .f64Load: (.f64Load, .f64LoadM, false)
        case .i32Store: (.i32Store, .i32StoreM, true)
        case .i64Store: (.i64Store, .i64StoreM, true)
        case .i32Store8: (.i32Store8, .i32Store8M, true)
        case .i32Store16: (.i32Store16, .i32Store16M, true)
        case .i64Store8: (.i64Store8, .i64Store8M, true)
        case .i64Store16: (.i64Store16, .i64Store16M, true)
        case .i64Store32: (.i64Store32, .i64Store32M, true)
        case .f32Store: (.f32Store, .f32StoreM, true)
        case .f64Store: (.f64Store, .f64StoreM, true)
        default: nil
        }
    }
    // END GENERATED map
}
