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

    /// The compare-and-branch operators for a float comparison (either form): branching when
    /// it holds and when it does not, and whether that form has an immediate.
    static func floatBranchVariant(_ op: Op) -> (whenTrue: Op, whenFalse: Op, immediate: Bool)? {
        switch op {
        case .f32Eq: (.brIfF32Eq, .brUnlessF32Eq, false)
        case .f32EqImm: (.brIfF32EqImm, .brUnlessF32EqImm, true)
        case .f32Ne: (.brIfF32Ne, .brUnlessF32Ne, false)
        case .f32NeImm: (.brIfF32NeImm, .brUnlessF32NeImm, true)
        case .f32Lt: (.brIfF32Lt, .brUnlessF32Lt, false)
        case .f32LtImm: (.brIfF32LtImm, .brUnlessF32LtImm, true)
        case .f32Gt: (.brIfF32Gt, .brUnlessF32Gt, false)
        case .f32GtImm: (.brIfF32GtImm, .brUnlessF32GtImm, true)
        case .f32Le: (.brIfF32Le, .brUnlessF32Le, false)
        case .f32LeImm: (.brIfF32LeImm, .brUnlessF32LeImm, true)
        case .f32Ge: (.brIfF32Ge, .brUnlessF32Ge, false)
        case .f32GeImm: (.brIfF32GeImm, .brUnlessF32GeImm, true)
        case .f64Eq: (.brIfF64Eq, .brUnlessF64Eq, false)
        case .f64EqImm: (.brIfF64EqImm, .brUnlessF64EqImm, true)
        case .f64Ne: (.brIfF64Ne, .brUnlessF64Ne, false)
        case .f64NeImm: (.brIfF64NeImm, .brUnlessF64NeImm, true)
        case .f64Lt: (.brIfF64Lt, .brUnlessF64Lt, false)
        case .f64LtImm: (.brIfF64LtImm, .brUnlessF64LtImm, true)
        case .f64Gt: (.brIfF64Gt, .brUnlessF64Gt, false)
        case .f64GtImm: (.brIfF64GtImm, .brUnlessF64GtImm, true)
        case .f64Le: (.brIfF64Le, .brUnlessF64Le, false)
        case .f64LeImm: (.brIfF64LeImm, .brUnlessF64LeImm, true)
        case .f64Ge: (.brIfF64Ge, .brUnlessF64Ge, false)
        case .f64GeImm: (.brIfF64GeImm, .brUnlessF64GeImm, true)
        default: nil
        }
    }

    /// Whether a record of `op` only writes its result to the slot at byte 8 (from operands
    /// it reads first), so that the result can go straight to a local instead.
    static func writesResultOnly(_ op: Op) -> Bool {
        switch op {
        case .copy, .const, .globalGet, .select, .selectWide, .selectBits,
             .i32Eqz, .i32Eq, .i32Ne, .i32LtS, .i32LtU, .i32GtS,
             .i32GtU, .i32LeS, .i32LeU, .i32GeS, .i32GeU, .i64Eqz,
             .i64Eq, .i64Ne, .i64LtS, .i64LtU, .i64GtS, .i64GtU,
             .i64LeS, .i64LeU, .i64GeS, .i64GeU, .f32Eq, .f32Ne,
             .f32Lt, .f32Gt, .f32Le, .f32Ge, .f64Eq, .f64Ne,
             .f64Lt, .f64Gt, .f64Le, .f64Ge, .i32Clz, .i32Ctz,
             .i32Popcnt, .i32Extend8S, .i32Extend16S, .i32Add, .i32Sub, .i32Mul,
             .i32And, .i32Or, .i32Xor, .i32Shl, .i32ShrS, .i32ShrU,
             .i32Rotl, .i32Rotr, .i32DivS, .i32DivU, .i32RemS, .i32RemU,
             .i64Clz, .i64Ctz, .i64Popcnt, .i64Extend8S, .i64Extend16S, .i64Extend32S,
             .i64Add, .i64Sub, .i64Mul, .i64And, .i64Or, .i64Xor,
             .i64Shl, .i64ShrS, .i64ShrU, .i64Rotl, .i64Rotr, .i64DivS,
             .i64DivU, .i64RemS, .i64RemU, .f32Abs, .f32Neg, .f32Ceil,
             .f32Floor, .f32Trunc, .f32Nearest, .f32Sqrt, .f32Add, .f32Sub,
             .f32Mul, .f32Div, .f32Min, .f32Max, .f32Copysign, .f64Abs,
             .f64Neg, .f64Ceil, .f64Floor, .f64Trunc, .f64Nearest, .f64Sqrt,
             .f64Add, .f64Sub, .f64Mul, .f64Div, .f64Min, .f64Max,
             .f64Copysign, .i32WrapI64, .i32TruncF32S, .i32TruncF32U, .i32TruncF64S, .i32TruncF64U,
             .i64ExtendI32S, .i64ExtendI32U, .i64TruncF32S, .i64TruncF32U, .i64TruncF64S, .i64TruncF64U,
             .f32ConvertI32S, .f32ConvertI32U, .f32ConvertI64S, .f32ConvertI64U, .f32DemoteF64, .f64ConvertI32S,
             .f64ConvertI32U, .f64ConvertI64S, .f64ConvertI64U, .f64PromoteF32, .i32ReinterpretF32, .i64ReinterpretF64,
             .f32ReinterpretI32, .f64ReinterpretI64, .i32TruncSatF32S, .i32TruncSatF32U, .i32TruncSatF64S, .i32TruncSatF64U,
             .i64TruncSatF32S, .i64TruncSatF32U, .i64TruncSatF64S, .i64TruncSatF64U, .i32Load, .i64Load,
             .i32Load8S, .i32Load8U, .i32Load16S, .i32Load16U, .i64Load8S, .i64Load8U,
             .i64Load16S, .i64Load16U, .i64Load32S, .i64Load32U, .f32Load, .f64Load,
             .i32LoadM, .i64LoadM, .i32Load8SM, .i32Load8UM, .i32Load16SM, .i32Load16UM,
             .i64Load8SM, .i64Load8UM, .i64Load16SM, .i64Load16UM, .i64Load32SM, .i64Load32UM,
             .f32LoadM, .f64LoadM, .i32AddImm, .i32SubImm, .i32MulImm, .i32AndImm,
             .i32OrImm, .i32XorImm, .i32ShlImm, .i32ShrSImm, .i32ShrUImm, .i32RotlImm,
             .i32RotrImm, .i32EqImm, .i32NeImm, .i32LtSImm, .i32LtUImm, .i32GtSImm,
             .i32GtUImm, .i32LeSImm, .i32LeUImm, .i32GeSImm, .i32GeUImm, .i64AddImm,
             .i64SubImm, .i64MulImm, .i64AndImm, .i64OrImm, .i64XorImm, .i64ShlImm,
             .i64ShrSImm, .i64ShrUImm, .i64RotlImm, .i64RotrImm, .i64EqImm, .i64NeImm,
             .i64LtSImm, .i64LtUImm, .i64GtSImm, .i64GtUImm, .i64LeSImm, .i64LeUImm,
             .i64GeSImm, .i64GeUImm, .f32AddImm, .f32SubImm, .f32MulImm, .f32DivImm,
             .f32MinImm, .f32MaxImm, .f32EqImm, .f32NeImm, .f32LtImm, .f32GtImm,
             .f32LeImm, .f32GeImm, .f64AddImm, .f64SubImm, .f64MulImm, .f64DivImm,
             .f64MinImm, .f64MaxImm, .f64EqImm, .f64NeImm, .f64LtImm, .f64GtImm,
             .f64LeImm, .f64GeImm, .i32SubImmL, .i64SubImmL, .f32SubImmL, .f32DivImmL,
             .f64SubImmL, .f64DivImmL, .i32AddAdd, .i32AddAddImm, .i32AddImmAdd, .i32AddImmAddImm,
             .i32AddSub, .i32AddSubR, .i32AddSubImm, .i32AddImmSub, .i32AddImmSubR, .i32AddImmSubImm,
             .i32AddMul, .i32AddMulImm, .i32AddImmMul, .i32AddImmMulImm, .i32AddAnd, .i32AddAndImm,
             .i32AddImmAnd, .i32AddImmAndImm, .i32AddOr, .i32AddOrImm, .i32AddImmOr, .i32AddImmOrImm,
             .i32AddXor, .i32AddXorImm, .i32AddImmXor, .i32AddImmXorImm, .i32SubAdd, .i32SubAddImm,
             .i32SubImmAdd, .i32SubImmAddImm, .i32SubSub, .i32SubSubR, .i32SubSubImm, .i32SubImmSub,
             .i32SubImmSubR, .i32SubImmSubImm, .i32SubMul, .i32SubMulImm, .i32SubImmMul, .i32SubImmMulImm,
             .i32SubAnd, .i32SubAndImm, .i32SubImmAnd, .i32SubImmAndImm, .i32SubOr, .i32SubOrImm,
             .i32SubImmOr, .i32SubImmOrImm, .i32SubXor, .i32SubXorImm, .i32SubImmXor, .i32SubImmXorImm,
             .i32MulAdd, .i32MulAddImm, .i32MulImmAdd, .i32MulImmAddImm, .i32MulSub, .i32MulSubR,
             .i32MulSubImm, .i32MulImmSub, .i32MulImmSubR, .i32MulImmSubImm, .i32MulMul, .i32MulMulImm,
             .i32MulImmMul, .i32MulImmMulImm, .i32MulAnd, .i32MulAndImm, .i32MulImmAnd, .i32MulImmAndImm,
             .i32MulOr, .i32MulOrImm, .i32MulImmOr, .i32MulImmOrImm, .i32MulXor, .i32MulXorImm,
             .i32MulImmXor, .i32MulImmXorImm, .i32AndAdd, .i32AndAddImm, .i32AndImmAdd, .i32AndImmAddImm,
             .i32AndSub, .i32AndSubR, .i32AndSubImm, .i32AndImmSub, .i32AndImmSubR, .i32AndImmSubImm,
             .i32AndMul, .i32AndMulImm, .i32AndImmMul, .i32AndImmMulImm, .i32AndAnd, .i32AndAndImm,
             .i32AndImmAnd, .i32AndImmAndImm, .i32AndOr, .i32AndOrImm, .i32AndImmOr, .i32AndImmOrImm,
             .i32AndXor, .i32AndXorImm, .i32AndImmXor, .i32AndImmXorImm, .i32OrAdd, .i32OrAddImm,
             .i32OrImmAdd, .i32OrImmAddImm, .i32OrSub, .i32OrSubR, .i32OrSubImm, .i32OrImmSub,
             .i32OrImmSubR, .i32OrImmSubImm, .i32OrMul, .i32OrMulImm, .i32OrImmMul, .i32OrImmMulImm,
             .i32OrAnd, .i32OrAndImm, .i32OrImmAnd, .i32OrImmAndImm, .i32OrOr, .i32OrOrImm,
             .i32OrImmOr, .i32OrImmOrImm, .i32OrXor, .i32OrXorImm, .i32OrImmXor, .i32OrImmXorImm,
             .i32XorAdd, .i32XorAddImm, .i32XorImmAdd, .i32XorImmAddImm, .i32XorSub, .i32XorSubR,
             .i32XorSubImm, .i32XorImmSub, .i32XorImmSubR, .i32XorImmSubImm, .i32XorMul, .i32XorMulImm,
             .i32XorImmMul, .i32XorImmMulImm, .i32XorAnd, .i32XorAndImm, .i32XorImmAnd, .i32XorImmAndImm,
             .i32XorOr, .i32XorOrImm, .i32XorImmOr, .i32XorImmOrImm, .i32XorXor, .i32XorXorImm,
             .i32XorImmXor, .i32XorImmXorImm, .i32ShlAdd, .i32ShlAddImm, .i32ShlImmAdd, .i32ShlImmAddImm,
             .i32ShlSub, .i32ShlSubR, .i32ShlSubImm, .i32ShlImmSub, .i32ShlImmSubR, .i32ShlImmSubImm,
             .i32ShlMul, .i32ShlMulImm, .i32ShlImmMul, .i32ShlImmMulImm, .i32ShlAnd, .i32ShlAndImm,
             .i32ShlImmAnd, .i32ShlImmAndImm, .i32ShlOr, .i32ShlOrImm, .i32ShlImmOr, .i32ShlImmOrImm,
             .i32ShlXor, .i32ShlXorImm, .i32ShlImmXor, .i32ShlImmXorImm, .i32ShrSAdd, .i32ShrSAddImm,
             .i32ShrSImmAdd, .i32ShrSImmAddImm, .i32ShrSSub, .i32ShrSSubR, .i32ShrSSubImm, .i32ShrSImmSub,
             .i32ShrSImmSubR, .i32ShrSImmSubImm, .i32ShrSMul, .i32ShrSMulImm, .i32ShrSImmMul, .i32ShrSImmMulImm,
             .i32ShrSAnd, .i32ShrSAndImm, .i32ShrSImmAnd, .i32ShrSImmAndImm, .i32ShrSOr, .i32ShrSOrImm,
             .i32ShrSImmOr, .i32ShrSImmOrImm, .i32ShrSXor, .i32ShrSXorImm, .i32ShrSImmXor, .i32ShrSImmXorImm,
             .i32ShrUAdd, .i32ShrUAddImm, .i32ShrUImmAdd, .i32ShrUImmAddImm, .i32ShrUSub, .i32ShrUSubR,
             .i32ShrUSubImm, .i32ShrUImmSub, .i32ShrUImmSubR, .i32ShrUImmSubImm, .i32ShrUMul, .i32ShrUMulImm,
             .i32ShrUImmMul, .i32ShrUImmMulImm, .i32ShrUAnd, .i32ShrUAndImm, .i32ShrUImmAnd, .i32ShrUImmAndImm,
             .i32ShrUOr, .i32ShrUOrImm, .i32ShrUImmOr, .i32ShrUImmOrImm, .i32ShrUXor, .i32ShrUXorImm,
             .i32ShrUImmXor, .i32ShrUImmXorImm, .i64AddAdd, .i64AddAddImm, .i64AddImmAdd, .i64AddImmAddImm,
             .i64AddSub, .i64AddSubR, .i64AddSubImm, .i64AddImmSub, .i64AddImmSubR, .i64AddImmSubImm,
             .i64AddMul, .i64AddMulImm, .i64AddImmMul, .i64AddImmMulImm, .i64AddAnd, .i64AddAndImm,
             .i64AddImmAnd, .i64AddImmAndImm, .i64AddOr, .i64AddOrImm, .i64AddImmOr, .i64AddImmOrImm,
             .i64AddXor, .i64AddXorImm, .i64AddImmXor, .i64AddImmXorImm, .i64SubAdd, .i64SubAddImm,
             .i64SubImmAdd, .i64SubImmAddImm, .i64SubSub, .i64SubSubR, .i64SubSubImm, .i64SubImmSub,
             .i64SubImmSubR, .i64SubImmSubImm, .i64SubMul, .i64SubMulImm, .i64SubImmMul, .i64SubImmMulImm,
             .i64SubAnd, .i64SubAndImm, .i64SubImmAnd, .i64SubImmAndImm, .i64SubOr, .i64SubOrImm,
             .i64SubImmOr, .i64SubImmOrImm, .i64SubXor, .i64SubXorImm, .i64SubImmXor, .i64SubImmXorImm,
             .i64MulAdd, .i64MulAddImm, .i64MulImmAdd, .i64MulImmAddImm, .i64MulSub, .i64MulSubR,
             .i64MulSubImm, .i64MulImmSub, .i64MulImmSubR, .i64MulImmSubImm, .i64MulMul, .i64MulMulImm,
             .i64MulImmMul, .i64MulImmMulImm, .i64MulAnd, .i64MulAndImm, .i64MulImmAnd, .i64MulImmAndImm,
             .i64MulOr, .i64MulOrImm, .i64MulImmOr, .i64MulImmOrImm, .i64MulXor, .i64MulXorImm,
             .i64MulImmXor, .i64MulImmXorImm, .i64AndAdd, .i64AndAddImm, .i64AndImmAdd, .i64AndImmAddImm,
             .i64AndSub, .i64AndSubR, .i64AndSubImm, .i64AndImmSub, .i64AndImmSubR, .i64AndImmSubImm,
             .i64AndMul, .i64AndMulImm, .i64AndImmMul, .i64AndImmMulImm, .i64AndAnd, .i64AndAndImm,
             .i64AndImmAnd, .i64AndImmAndImm, .i64AndOr, .i64AndOrImm, .i64AndImmOr, .i64AndImmOrImm,
             .i64AndXor, .i64AndXorImm, .i64AndImmXor, .i64AndImmXorImm, .i64OrAdd, .i64OrAddImm,
             .i64OrImmAdd, .i64OrImmAddImm, .i64OrSub, .i64OrSubR, .i64OrSubImm, .i64OrImmSub,
             .i64OrImmSubR, .i64OrImmSubImm, .i64OrMul, .i64OrMulImm, .i64OrImmMul, .i64OrImmMulImm,
             .i64OrAnd, .i64OrAndImm, .i64OrImmAnd, .i64OrImmAndImm, .i64OrOr, .i64OrOrImm,
             .i64OrImmOr, .i64OrImmOrImm, .i64OrXor, .i64OrXorImm, .i64OrImmXor, .i64OrImmXorImm,
             .i64XorAdd, .i64XorAddImm, .i64XorImmAdd, .i64XorImmAddImm, .i64XorSub, .i64XorSubR,
             .i64XorSubImm, .i64XorImmSub, .i64XorImmSubR, .i64XorImmSubImm, .i64XorMul, .i64XorMulImm,
             .i64XorImmMul, .i64XorImmMulImm, .i64XorAnd, .i64XorAndImm, .i64XorImmAnd, .i64XorImmAndImm,
             .i64XorOr, .i64XorOrImm, .i64XorImmOr, .i64XorImmOrImm, .i64XorXor, .i64XorXorImm,
             .i64XorImmXor, .i64XorImmXorImm, .i64ShlAdd, .i64ShlAddImm, .i64ShlImmAdd, .i64ShlImmAddImm,
             .i64ShlSub, .i64ShlSubR, .i64ShlSubImm, .i64ShlImmSub, .i64ShlImmSubR, .i64ShlImmSubImm,
             .i64ShlMul, .i64ShlMulImm, .i64ShlImmMul, .i64ShlImmMulImm, .i64ShlAnd, .i64ShlAndImm,
             .i64ShlImmAnd, .i64ShlImmAndImm, .i64ShlOr, .i64ShlOrImm, .i64ShlImmOr, .i64ShlImmOrImm,
             .i64ShlXor, .i64ShlXorImm, .i64ShlImmXor, .i64ShlImmXorImm, .i64ShrSAdd, .i64ShrSAddImm,
             .i64ShrSImmAdd, .i64ShrSImmAddImm, .i64ShrSSub, .i64ShrSSubR, .i64ShrSSubImm, .i64ShrSImmSub,
             .i64ShrSImmSubR, .i64ShrSImmSubImm, .i64ShrSMul, .i64ShrSMulImm, .i64ShrSImmMul, .i64ShrSImmMulImm,
             .i64ShrSAnd, .i64ShrSAndImm, .i64ShrSImmAnd, .i64ShrSImmAndImm, .i64ShrSOr, .i64ShrSOrImm,
             .i64ShrSImmOr, .i64ShrSImmOrImm, .i64ShrSXor, .i64ShrSXorImm, .i64ShrSImmXor, .i64ShrSImmXorImm,
             .i64ShrUAdd, .i64ShrUAddImm, .i64ShrUImmAdd, .i64ShrUImmAddImm, .i64ShrUSub, .i64ShrUSubR,
             .i64ShrUSubImm, .i64ShrUImmSub, .i64ShrUImmSubR, .i64ShrUImmSubImm, .i64ShrUMul, .i64ShrUMulImm,
             .i64ShrUImmMul, .i64ShrUImmMulImm, .i64ShrUAnd, .i64ShrUAndImm, .i64ShrUImmAnd, .i64ShrUImmAndImm,
             .i64ShrUOr, .i64ShrUOrImm, .i64ShrUImmOr, .i64ShrUImmOrImm, .i64ShrUXor, .i64ShrUXorImm,
             .i64ShrUImmXor, .i64ShrUImmXorImm, .f32AddAdd, .f32AddAddImm, .f32AddImmAdd, .f32AddImmAddImm,
             .f32AddSub, .f32AddSubR, .f32AddSubImm, .f32AddImmSub, .f32AddImmSubR, .f32AddImmSubImm,
             .f32AddMul, .f32AddMulImm, .f32AddImmMul, .f32AddImmMulImm, .f32SubAdd, .f32SubAddImm,
             .f32SubImmAdd, .f32SubImmAddImm, .f32SubSub, .f32SubSubR, .f32SubSubImm, .f32SubImmSub,
             .f32SubImmSubR, .f32SubImmSubImm, .f32SubMul, .f32SubMulImm, .f32SubImmMul, .f32SubImmMulImm,
             .f32MulAdd, .f32MulAddImm, .f32MulImmAdd, .f32MulImmAddImm, .f32MulSub, .f32MulSubR,
             .f32MulSubImm, .f32MulImmSub, .f32MulImmSubR, .f32MulImmSubImm, .f32MulMul, .f32MulMulImm,
             .f32MulImmMul, .f32MulImmMulImm, .f64AddAdd, .f64AddAddImm, .f64AddImmAdd, .f64AddImmAddImm,
             .f64AddSub, .f64AddSubR, .f64AddSubImm, .f64AddImmSub, .f64AddImmSubR, .f64AddImmSubImm,
             .f64AddMul, .f64AddMulImm, .f64AddImmMul, .f64AddImmMulImm, .f64SubAdd, .f64SubAddImm,
             .f64SubImmAdd, .f64SubImmAddImm, .f64SubSub, .f64SubSubR, .f64SubSubImm, .f64SubImmSub,
             .f64SubImmSubR, .f64SubImmSubImm, .f64SubMul, .f64SubMulImm, .f64SubImmMul, .f64SubImmMulImm,
             .f64MulAdd, .f64MulAddImm, .f64MulImmAdd, .f64MulImmAddImm, .f64MulSub, .f64MulSubR,
             .f64MulSubImm, .f64MulImmSub, .f64MulImmSubR, .f64MulImmSubImm, .f64MulMul, .f64MulMulImm,
             .f64MulImmMul, .f64MulImmMulImm, .i32LoadAddImm, .i64LoadAddImm, .i32Load8SAddImm, .i32Load8UAddImm,
             .i32Load16SAddImm, .i32Load16UAddImm, .i64Load8SAddImm, .i64Load8UAddImm, .i64Load16SAddImm, .i64Load16UAddImm,
             .i64Load32SAddImm, .i64Load32UAddImm, .f32LoadAddImm, .f64LoadAddImm, .i32LoadAdd, .i32LoadSub,
             .i32LoadSubR, .i32LoadMul, .i32LoadAnd, .i32LoadOr, .i32LoadXor, .i64LoadAdd,
             .i64LoadSub, .i64LoadSubR, .i64LoadMul, .i64LoadAnd, .i64LoadOr, .i64LoadXor,
             .i32Load8SAdd, .i32Load8SSub, .i32Load8SSubR, .i32Load8SMul, .i32Load8SAnd, .i32Load8SOr,
             .i32Load8SXor, .i32Load8UAdd, .i32Load8USub, .i32Load8USubR, .i32Load8UMul, .i32Load8UAnd,
             .i32Load8UOr, .i32Load8UXor, .i32Load16SAdd, .i32Load16SSub, .i32Load16SSubR, .i32Load16SMul,
             .i32Load16SAnd, .i32Load16SOr, .i32Load16SXor, .i32Load16UAdd, .i32Load16USub, .i32Load16USubR,
             .i32Load16UMul, .i32Load16UAnd, .i32Load16UOr, .i32Load16UXor, .i64Load8SAdd, .i64Load8SSub,
             .i64Load8SSubR, .i64Load8SMul, .i64Load8SAnd, .i64Load8SOr, .i64Load8SXor, .i64Load8UAdd,
             .i64Load8USub, .i64Load8USubR, .i64Load8UMul, .i64Load8UAnd, .i64Load8UOr, .i64Load8UXor,
             .i64Load16SAdd, .i64Load16SSub, .i64Load16SSubR, .i64Load16SMul, .i64Load16SAnd, .i64Load16SOr,
             .i64Load16SXor, .i64Load16UAdd, .i64Load16USub, .i64Load16USubR, .i64Load16UMul, .i64Load16UAnd,
             .i64Load16UOr, .i64Load16UXor, .i64Load32SAdd, .i64Load32SSub, .i64Load32SSubR, .i64Load32SMul,
             .i64Load32SAnd, .i64Load32SOr, .i64Load32SXor, .i64Load32UAdd, .i64Load32USub, .i64Load32USubR,
             .i64Load32UMul, .i64Load32UAnd, .i64Load32UOr, .i64Load32UXor, .f32LoadAdd, .f32LoadSub,
             .f32LoadSubR, .f32LoadMul, .f64LoadAdd, .f64LoadSub, .f64LoadSubR, .f64LoadMul,
             .i32LoadIndexed, .i64LoadIndexed, .i32Load8SIndexed, .i32Load8UIndexed, .i32Load16SIndexed, .i32Load16UIndexed,
             .i64Load8SIndexed, .i64Load8UIndexed, .i64Load16SIndexed, .i64Load16UIndexed, .i64Load32SIndexed, .i64Load32UIndexed,
             .f32LoadIndexed, .f64LoadIndexed, .i32LoadConstant, .i64LoadConstant, .i32Load8SConstant, .i32Load8UConstant,
             .i32Load16SConstant, .i32Load16UConstant, .i64Load8SConstant, .i64Load8UConstant, .i64Load16SConstant, .i64Load16UConstant,
             .i64Load32SConstant, .i64Load32UConstant, .f32LoadConstant, .f64LoadConstant: true
        default: false
        }
    }

    /// Whether a record of `op` can fail (trap, throw, or end the run with an error): a
    /// peephole may not move another failing record across it.
    static func canFail(_ op: Op) -> Bool {
        switch op {
        case .unreachable, .unsupported, .call, .callHost, .callIndirect, .callRef,
             .returnCall, .returnCallIndirect, .returnCallRef, .refAsNonNull, .memorySize, .memoryGrow,
             .memoryInit, .dataDrop, .memoryCopy, .memoryFill, .tableGet, .tableSet,
             .tableSize, .tableGrow, .tableFill, .tableCopy, .tableInit, .elemDrop,
             .throw, .throwRef, .rethrow, .contNew, .contBind, .resume,
             .resumeThrow, .resumeThrowRef, .suspend, .switchContinuation, .atomicLoad, .atomicStore,
             .atomicRMW, .atomicCmpxchg, .atomicNotify, .atomicWait32, .atomicWait64, .atomicFence,
             .i32DivS, .i32DivU, .i32RemS, .i32RemU, .i64DivS, .i64DivU,
             .i64RemS, .i64RemU, .i32TruncF32S, .i32TruncF32U, .i32TruncF64S, .i32TruncF64U,
             .i64TruncF32S, .i64TruncF32U, .i64TruncF64S, .i64TruncF64U, .i32Load, .i64Load,
             .i32Load8S, .i32Load8U, .i32Load16S, .i32Load16U, .i64Load8S, .i64Load8U,
             .i64Load16S, .i64Load16U, .i64Load32S, .i64Load32U, .f32Load, .f64Load,
             .i32Store, .i64Store, .i32Store8, .i32Store16, .i64Store8, .i64Store16,
             .i64Store32, .f32Store, .f64Store, .i32LoadM, .i64LoadM, .i32Load8SM,
             .i32Load8UM, .i32Load16SM, .i32Load16UM, .i64Load8SM, .i64Load8UM, .i64Load16SM,
             .i64Load16UM, .i64Load32SM, .i64Load32UM, .f32LoadM, .f64LoadM, .i32StoreM,
             .i64StoreM, .i32Store8M, .i32Store16M, .i64Store8M, .i64Store16M, .i64Store32M,
             .f32StoreM, .f64StoreM, .i32LoadAddImm, .i64LoadAddImm, .i32Load8SAddImm, .i32Load8UAddImm,
             .i32Load16SAddImm, .i32Load16UAddImm, .i64Load8SAddImm, .i64Load8UAddImm, .i64Load16SAddImm, .i64Load16UAddImm,
             .i64Load32SAddImm, .i64Load32UAddImm, .f32LoadAddImm, .f64LoadAddImm, .i32LoadConstant, .i64LoadConstant,
             .i32Load8SConstant, .i32Load8UConstant, .i32Load16SConstant, .i32Load16UConstant, .i64Load8SConstant, .i64Load8UConstant,
             .i64Load16SConstant, .i64Load16UConstant, .i64Load32SConstant, .i64Load32UConstant, .f32LoadConstant, .f64LoadConstant,
             .i32StoreConstant, .i64StoreConstant, .i32Store8Constant, .i32Store16Constant, .i64Store8Constant, .i64Store16Constant,
             .i64Store32Constant, .f32StoreConstant, .f64StoreConstant, .i32LoadIndexed, .i64LoadIndexed, .i32Load8SIndexed,
             .i32Load8UIndexed, .i32Load16SIndexed, .i32Load16UIndexed, .i64Load8SIndexed, .i64Load8UIndexed, .i64Load16SIndexed,
             .i64Load16UIndexed, .i64Load32SIndexed, .i64Load32UIndexed, .f32LoadIndexed, .f64LoadIndexed, .i32LoadAdd,
             .i32LoadSub, .i32LoadSubR, .i32LoadMul, .i32LoadAnd, .i32LoadOr, .i32LoadXor,
             .i64LoadAdd, .i64LoadSub, .i64LoadSubR, .i64LoadMul, .i64LoadAnd, .i64LoadOr,
             .i64LoadXor, .i32Load8SAdd, .i32Load8SSub, .i32Load8SSubR, .i32Load8SMul, .i32Load8SAnd,
             .i32Load8SOr, .i32Load8SXor, .i32Load8UAdd, .i32Load8USub, .i32Load8USubR, .i32Load8UMul,
             .i32Load8UAnd, .i32Load8UOr, .i32Load8UXor, .i32Load16SAdd, .i32Load16SSub, .i32Load16SSubR,
             .i32Load16SMul, .i32Load16SAnd, .i32Load16SOr, .i32Load16SXor, .i32Load16UAdd, .i32Load16USub,
             .i32Load16USubR, .i32Load16UMul, .i32Load16UAnd, .i32Load16UOr, .i32Load16UXor, .i64Load8SAdd,
             .i64Load8SSub, .i64Load8SSubR, .i64Load8SMul, .i64Load8SAnd, .i64Load8SOr, .i64Load8SXor,
             .i64Load8UAdd, .i64Load8USub, .i64Load8USubR, .i64Load8UMul, .i64Load8UAnd, .i64Load8UOr,
             .i64Load8UXor, .i64Load16SAdd, .i64Load16SSub, .i64Load16SSubR, .i64Load16SMul, .i64Load16SAnd,
             .i64Load16SOr, .i64Load16SXor, .i64Load16UAdd, .i64Load16USub, .i64Load16USubR, .i64Load16UMul,
             .i64Load16UAnd, .i64Load16UOr, .i64Load16UXor, .i64Load32SAdd, .i64Load32SSub, .i64Load32SSubR,
             .i64Load32SMul, .i64Load32SAnd, .i64Load32SOr, .i64Load32SXor, .i64Load32UAdd, .i64Load32USub,
             .i64Load32USubR, .i64Load32UMul, .i64Load32UAnd, .i64Load32UOr, .i64Load32UXor, .f32LoadAdd,
             .f32LoadSub, .f32LoadSubR, .f32LoadMul, .f64LoadAdd, .f64LoadSub, .f64LoadSubR,
             .f64LoadMul, .i32AddStore, .i32AddImmStore, .i32SubStore, .i32SubImmStore, .i32MulStore,
             .i32MulImmStore, .i32AndStore, .i32AndImmStore, .i32OrStore, .i32OrImmStore, .i32XorStore,
             .i32XorImmStore, .i32ShlStore, .i32ShlImmStore, .i32ShrSStore, .i32ShrSImmStore, .i32ShrUStore,
             .i32ShrUImmStore, .i64AddStore, .i64AddImmStore, .i64SubStore, .i64SubImmStore, .i64MulStore,
             .i64MulImmStore, .i64AndStore, .i64AndImmStore, .i64OrStore, .i64OrImmStore, .i64XorStore,
             .i64XorImmStore, .i64ShlStore, .i64ShlImmStore, .i64ShrSStore, .i64ShrSImmStore, .i64ShrUStore,
             .i64ShrUImmStore, .f32AddStore, .f32AddImmStore, .f32SubStore, .f32SubImmStore, .f32MulStore,
             .f32MulImmStore, .f32DivStore, .f32DivImmStore, .f64AddStore, .f64AddImmStore, .f64SubStore,
             .f64SubImmStore, .f64MulStore, .f64MulImmStore, .f64DivStore, .f64DivImmStore, .i32StoreImm,
             .i64StoreImm, .i32Store8Imm, .i32Store16Imm, .i64Store8Imm, .i64Store16Imm, .i64Store32Imm,
             .f32StoreImm, .f64StoreImm, .i32AddMemory, .i32AddImmMemory, .i32SubMemory, .i32SubImmMemory,
             .i32MulMemory, .i32MulImmMemory, .i32AndMemory, .i32AndImmMemory, .i32OrMemory, .i32OrImmMemory,
             .i32XorMemory, .i32XorImmMemory, .i64AddMemory, .i64AddImmMemory, .i64SubMemory, .i64SubImmMemory,
             .i64MulMemory, .i64MulImmMemory, .i64AndMemory, .i64AndImmMemory, .i64OrMemory, .i64OrImmMemory,
             .i64XorMemory, .i64XorImmMemory, .f32AddMemory, .f32AddImmMemory, .f32SubMemory, .f32SubImmMemory,
             .f32MulMemory, .f32MulImmMemory, .f64AddMemory, .f64AddImmMemory, .f64SubMemory, .f64SubImmMemory,
             .f64MulMemory, .f64MulImmMemory, .i32StoreAddImm, .i64StoreAddImm, .i32Store8AddImm, .i32Store16AddImm,
             .i64Store8AddImm, .i64Store16AddImm, .i64Store32AddImm, .f32StoreAddImm, .f64StoreAddImm, .i32StoreIndexed,
             .i64StoreIndexed, .i32Store8Indexed, .i32Store16Indexed, .i64Store8Indexed, .i64Store16Indexed, .i64Store32Indexed,
             .f32StoreIndexed, .f64StoreIndexed, .i32StoreImmAddImm, .i64StoreImmAddImm, .i32Store8ImmAddImm, .i32Store16ImmAddImm,
             .i64Store8ImmAddImm, .i64Store16ImmAddImm, .i64Store32ImmAddImm, .f32StoreImmAddImm, .f64StoreImmAddImm, .i32StoreImmIndexed,
             .i64StoreImmIndexed, .i32Store8ImmIndexed, .i32Store16ImmIndexed, .i64Store8ImmIndexed, .i64Store16ImmIndexed, .i64Store32ImmIndexed,
             .f32StoreImmIndexed, .f64StoreImmIndexed: true
        default: false
        }
    }

    /// The operator with an immediate first operand for a non-commutative binary operator.
    static func immediateLeftVariant(_ op: Op) -> Op? {
        switch op {
        case .i32Sub: .i32SubImmL
        case .i64Sub: .i64SubImmL
        case .f32Sub: .f32SubImmL
        case .f32Div: .f32DivImmL
        case .f64Sub: .f64SubImmL
        case .f64Div: .f64DivImmL
        default: nil
        }
    }

    /// The chained operator for `second` (a binary operator) consuming the result of `first`
    /// (a binary operator, or its immediate form) as its first operand, or with `reversed` its
    /// second; with `immediate`, `second`'s other operand is an immediate. Also says whether
    /// `first` is an immediate form (its second operand an immediate at byte 16).
    static func chainedVariant(_ first: Op, _ second: Op, reversed: Bool, immediate: Bool) -> (op: Op, firstHasImmediate: Bool)? {
        switch (first, second, reversed, immediate) {
        case (.i32Add, .i32Add, false, false): (.i32AddAdd, false)
        case (.i32Add, .i32Add, false, true): (.i32AddAddImm, false)
        case (.i32AddImm, .i32Add, false, false): (.i32AddImmAdd, true)
        case (.i32AddImm, .i32Add, false, true): (.i32AddImmAddImm, true)
        case (.i32Add, .i32Sub, false, false): (.i32AddSub, false)
        case (.i32Add, .i32Sub, true, false): (.i32AddSubR, false)
        case (.i32Add, .i32Sub, false, true): (.i32AddSubImm, false)
        case (.i32AddImm, .i32Sub, false, false): (.i32AddImmSub, true)
        case (.i32AddImm, .i32Sub, true, false): (.i32AddImmSubR, true)
        case (.i32AddImm, .i32Sub, false, true): (.i32AddImmSubImm, true)
        case (.i32Add, .i32Mul, false, false): (.i32AddMul, false)
        case (.i32Add, .i32Mul, false, true): (.i32AddMulImm, false)
        case (.i32AddImm, .i32Mul, false, false): (.i32AddImmMul, true)
        case (.i32AddImm, .i32Mul, false, true): (.i32AddImmMulImm, true)
        case (.i32Add, .i32And, false, false): (.i32AddAnd, false)
        case (.i32Add, .i32And, false, true): (.i32AddAndImm, false)
        case (.i32AddImm, .i32And, false, false): (.i32AddImmAnd, true)
        case (.i32AddImm, .i32And, false, true): (.i32AddImmAndImm, true)
        case (.i32Add, .i32Or, false, false): (.i32AddOr, false)
        case (.i32Add, .i32Or, false, true): (.i32AddOrImm, false)
        case (.i32AddImm, .i32Or, false, false): (.i32AddImmOr, true)
        case (.i32AddImm, .i32Or, false, true): (.i32AddImmOrImm, true)
        case (.i32Add, .i32Xor, false, false): (.i32AddXor, false)
        case (.i32Add, .i32Xor, false, true): (.i32AddXorImm, false)
        case (.i32AddImm, .i32Xor, false, false): (.i32AddImmXor, true)
        case (.i32AddImm, .i32Xor, false, true): (.i32AddImmXorImm, true)
        case (.i32Sub, .i32Add, false, false): (.i32SubAdd, false)
        case (.i32Sub, .i32Add, false, true): (.i32SubAddImm, false)
        case (.i32SubImm, .i32Add, false, false): (.i32SubImmAdd, true)
        case (.i32SubImm, .i32Add, false, true): (.i32SubImmAddImm, true)
        case (.i32Sub, .i32Sub, false, false): (.i32SubSub, false)
        case (.i32Sub, .i32Sub, true, false): (.i32SubSubR, false)
        case (.i32Sub, .i32Sub, false, true): (.i32SubSubImm, false)
        case (.i32SubImm, .i32Sub, false, false): (.i32SubImmSub, true)
        case (.i32SubImm, .i32Sub, true, false): (.i32SubImmSubR, true)
        case (.i32SubImm, .i32Sub, false, true): (.i32SubImmSubImm, true)
        case (.i32Sub, .i32Mul, false, false): (.i32SubMul, false)
        case (.i32Sub, .i32Mul, false, true): (.i32SubMulImm, false)
        case (.i32SubImm, .i32Mul, false, false): (.i32SubImmMul, true)
        case (.i32SubImm, .i32Mul, false, true): (.i32SubImmMulImm, true)
        case (.i32Sub, .i32And, false, false): (.i32SubAnd, false)
        case (.i32Sub, .i32And, false, true): (.i32SubAndImm, false)
        case (.i32SubImm, .i32And, false, false): (.i32SubImmAnd, true)
        case (.i32SubImm, .i32And, false, true): (.i32SubImmAndImm, true)
        case (.i32Sub, .i32Or, false, false): (.i32SubOr, false)
        case (.i32Sub, .i32Or, false, true): (.i32SubOrImm, false)
        case (.i32SubImm, .i32Or, false, false): (.i32SubImmOr, true)
        case (.i32SubImm, .i32Or, false, true): (.i32SubImmOrImm, true)
        case (.i32Sub, .i32Xor, false, false): (.i32SubXor, false)
        case (.i32Sub, .i32Xor, false, true): (.i32SubXorImm, false)
        case (.i32SubImm, .i32Xor, false, false): (.i32SubImmXor, true)
        case (.i32SubImm, .i32Xor, false, true): (.i32SubImmXorImm, true)
        case (.i32Mul, .i32Add, false, false): (.i32MulAdd, false)
        case (.i32Mul, .i32Add, false, true): (.i32MulAddImm, false)
        case (.i32MulImm, .i32Add, false, false): (.i32MulImmAdd, true)
        case (.i32MulImm, .i32Add, false, true): (.i32MulImmAddImm, true)
        case (.i32Mul, .i32Sub, false, false): (.i32MulSub, false)
        case (.i32Mul, .i32Sub, true, false): (.i32MulSubR, false)
        case (.i32Mul, .i32Sub, false, true): (.i32MulSubImm, false)
        case (.i32MulImm, .i32Sub, false, false): (.i32MulImmSub, true)
        case (.i32MulImm, .i32Sub, true, false): (.i32MulImmSubR, true)
        case (.i32MulImm, .i32Sub, false, true): (.i32MulImmSubImm, true)
        case (.i32Mul, .i32Mul, false, false): (.i32MulMul, false)
        case (.i32Mul, .i32Mul, false, true): (.i32MulMulImm, false)
        case (.i32MulImm, .i32Mul, false, false): (.i32MulImmMul, true)
        case (.i32MulImm, .i32Mul, false, true): (.i32MulImmMulImm, true)
        case (.i32Mul, .i32And, false, false): (.i32MulAnd, false)
        case (.i32Mul, .i32And, false, true): (.i32MulAndImm, false)
        case (.i32MulImm, .i32And, false, false): (.i32MulImmAnd, true)
        case (.i32MulImm, .i32And, false, true): (.i32MulImmAndImm, true)
        case (.i32Mul, .i32Or, false, false): (.i32MulOr, false)
        case (.i32Mul, .i32Or, false, true): (.i32MulOrImm, false)
        case (.i32MulImm, .i32Or, false, false): (.i32MulImmOr, true)
        case (.i32MulImm, .i32Or, false, true): (.i32MulImmOrImm, true)
        case (.i32Mul, .i32Xor, false, false): (.i32MulXor, false)
        case (.i32Mul, .i32Xor, false, true): (.i32MulXorImm, false)
        case (.i32MulImm, .i32Xor, false, false): (.i32MulImmXor, true)
        case (.i32MulImm, .i32Xor, false, true): (.i32MulImmXorImm, true)
        case (.i32And, .i32Add, false, false): (.i32AndAdd, false)
        case (.i32And, .i32Add, false, true): (.i32AndAddImm, false)
        case (.i32AndImm, .i32Add, false, false): (.i32AndImmAdd, true)
        case (.i32AndImm, .i32Add, false, true): (.i32AndImmAddImm, true)
        case (.i32And, .i32Sub, false, false): (.i32AndSub, false)
        case (.i32And, .i32Sub, true, false): (.i32AndSubR, false)
        case (.i32And, .i32Sub, false, true): (.i32AndSubImm, false)
        case (.i32AndImm, .i32Sub, false, false): (.i32AndImmSub, true)
        case (.i32AndImm, .i32Sub, true, false): (.i32AndImmSubR, true)
        case (.i32AndImm, .i32Sub, false, true): (.i32AndImmSubImm, true)
        case (.i32And, .i32Mul, false, false): (.i32AndMul, false)
        case (.i32And, .i32Mul, false, true): (.i32AndMulImm, false)
        case (.i32AndImm, .i32Mul, false, false): (.i32AndImmMul, true)
        case (.i32AndImm, .i32Mul, false, true): (.i32AndImmMulImm, true)
        case (.i32And, .i32And, false, false): (.i32AndAnd, false)
        case (.i32And, .i32And, false, true): (.i32AndAndImm, false)
        case (.i32AndImm, .i32And, false, false): (.i32AndImmAnd, true)
        case (.i32AndImm, .i32And, false, true): (.i32AndImmAndImm, true)
        case (.i32And, .i32Or, false, false): (.i32AndOr, false)
        case (.i32And, .i32Or, false, true): (.i32AndOrImm, false)
        case (.i32AndImm, .i32Or, false, false): (.i32AndImmOr, true)
        case (.i32AndImm, .i32Or, false, true): (.i32AndImmOrImm, true)
        case (.i32And, .i32Xor, false, false): (.i32AndXor, false)
        case (.i32And, .i32Xor, false, true): (.i32AndXorImm, false)
        case (.i32AndImm, .i32Xor, false, false): (.i32AndImmXor, true)
        case (.i32AndImm, .i32Xor, false, true): (.i32AndImmXorImm, true)
        case (.i32Or, .i32Add, false, false): (.i32OrAdd, false)
        case (.i32Or, .i32Add, false, true): (.i32OrAddImm, false)
        case (.i32OrImm, .i32Add, false, false): (.i32OrImmAdd, true)
        case (.i32OrImm, .i32Add, false, true): (.i32OrImmAddImm, true)
        case (.i32Or, .i32Sub, false, false): (.i32OrSub, false)
        case (.i32Or, .i32Sub, true, false): (.i32OrSubR, false)
        case (.i32Or, .i32Sub, false, true): (.i32OrSubImm, false)
        case (.i32OrImm, .i32Sub, false, false): (.i32OrImmSub, true)
        case (.i32OrImm, .i32Sub, true, false): (.i32OrImmSubR, true)
        case (.i32OrImm, .i32Sub, false, true): (.i32OrImmSubImm, true)
        case (.i32Or, .i32Mul, false, false): (.i32OrMul, false)
        case (.i32Or, .i32Mul, false, true): (.i32OrMulImm, false)
        case (.i32OrImm, .i32Mul, false, false): (.i32OrImmMul, true)
        case (.i32OrImm, .i32Mul, false, true): (.i32OrImmMulImm, true)
        case (.i32Or, .i32And, false, false): (.i32OrAnd, false)
        case (.i32Or, .i32And, false, true): (.i32OrAndImm, false)
        case (.i32OrImm, .i32And, false, false): (.i32OrImmAnd, true)
        case (.i32OrImm, .i32And, false, true): (.i32OrImmAndImm, true)
        case (.i32Or, .i32Or, false, false): (.i32OrOr, false)
        case (.i32Or, .i32Or, false, true): (.i32OrOrImm, false)
        case (.i32OrImm, .i32Or, false, false): (.i32OrImmOr, true)
        case (.i32OrImm, .i32Or, false, true): (.i32OrImmOrImm, true)
        case (.i32Or, .i32Xor, false, false): (.i32OrXor, false)
        case (.i32Or, .i32Xor, false, true): (.i32OrXorImm, false)
        case (.i32OrImm, .i32Xor, false, false): (.i32OrImmXor, true)
        case (.i32OrImm, .i32Xor, false, true): (.i32OrImmXorImm, true)
        case (.i32Xor, .i32Add, false, false): (.i32XorAdd, false)
        case (.i32Xor, .i32Add, false, true): (.i32XorAddImm, false)
        case (.i32XorImm, .i32Add, false, false): (.i32XorImmAdd, true)
        case (.i32XorImm, .i32Add, false, true): (.i32XorImmAddImm, true)
        case (.i32Xor, .i32Sub, false, false): (.i32XorSub, false)
        case (.i32Xor, .i32Sub, true, false): (.i32XorSubR, false)
        case (.i32Xor, .i32Sub, false, true): (.i32XorSubImm, false)
        case (.i32XorImm, .i32Sub, false, false): (.i32XorImmSub, true)
        case (.i32XorImm, .i32Sub, true, false): (.i32XorImmSubR, true)
        case (.i32XorImm, .i32Sub, false, true): (.i32XorImmSubImm, true)
        case (.i32Xor, .i32Mul, false, false): (.i32XorMul, false)
        case (.i32Xor, .i32Mul, false, true): (.i32XorMulImm, false)
        case (.i32XorImm, .i32Mul, false, false): (.i32XorImmMul, true)
        case (.i32XorImm, .i32Mul, false, true): (.i32XorImmMulImm, true)
        case (.i32Xor, .i32And, false, false): (.i32XorAnd, false)
        case (.i32Xor, .i32And, false, true): (.i32XorAndImm, false)
        case (.i32XorImm, .i32And, false, false): (.i32XorImmAnd, true)
        case (.i32XorImm, .i32And, false, true): (.i32XorImmAndImm, true)
        case (.i32Xor, .i32Or, false, false): (.i32XorOr, false)
        case (.i32Xor, .i32Or, false, true): (.i32XorOrImm, false)
        case (.i32XorImm, .i32Or, false, false): (.i32XorImmOr, true)
        case (.i32XorImm, .i32Or, false, true): (.i32XorImmOrImm, true)
        case (.i32Xor, .i32Xor, false, false): (.i32XorXor, false)
        case (.i32Xor, .i32Xor, false, true): (.i32XorXorImm, false)
        case (.i32XorImm, .i32Xor, false, false): (.i32XorImmXor, true)
        case (.i32XorImm, .i32Xor, false, true): (.i32XorImmXorImm, true)
        case (.i32Shl, .i32Add, false, false): (.i32ShlAdd, false)
        case (.i32Shl, .i32Add, false, true): (.i32ShlAddImm, false)
        case (.i32ShlImm, .i32Add, false, false): (.i32ShlImmAdd, true)
        case (.i32ShlImm, .i32Add, false, true): (.i32ShlImmAddImm, true)
        case (.i32Shl, .i32Sub, false, false): (.i32ShlSub, false)
        case (.i32Shl, .i32Sub, true, false): (.i32ShlSubR, false)
        case (.i32Shl, .i32Sub, false, true): (.i32ShlSubImm, false)
        case (.i32ShlImm, .i32Sub, false, false): (.i32ShlImmSub, true)
        case (.i32ShlImm, .i32Sub, true, false): (.i32ShlImmSubR, true)
        case (.i32ShlImm, .i32Sub, false, true): (.i32ShlImmSubImm, true)
        case (.i32Shl, .i32Mul, false, false): (.i32ShlMul, false)
        case (.i32Shl, .i32Mul, false, true): (.i32ShlMulImm, false)
        case (.i32ShlImm, .i32Mul, false, false): (.i32ShlImmMul, true)
        case (.i32ShlImm, .i32Mul, false, true): (.i32ShlImmMulImm, true)
        case (.i32Shl, .i32And, false, false): (.i32ShlAnd, false)
        case (.i32Shl, .i32And, false, true): (.i32ShlAndImm, false)
        case (.i32ShlImm, .i32And, false, false): (.i32ShlImmAnd, true)
        case (.i32ShlImm, .i32And, false, true): (.i32ShlImmAndImm, true)
        case (.i32Shl, .i32Or, false, false): (.i32ShlOr, false)
        case (.i32Shl, .i32Or, false, true): (.i32ShlOrImm, false)
        case (.i32ShlImm, .i32Or, false, false): (.i32ShlImmOr, true)
        case (.i32ShlImm, .i32Or, false, true): (.i32ShlImmOrImm, true)
        case (.i32Shl, .i32Xor, false, false): (.i32ShlXor, false)
        case (.i32Shl, .i32Xor, false, true): (.i32ShlXorImm, false)
        case (.i32ShlImm, .i32Xor, false, false): (.i32ShlImmXor, true)
        case (.i32ShlImm, .i32Xor, false, true): (.i32ShlImmXorImm, true)
        case (.i32ShrS, .i32Add, false, false): (.i32ShrSAdd, false)
        case (.i32ShrS, .i32Add, false, true): (.i32ShrSAddImm, false)
        case (.i32ShrSImm, .i32Add, false, false): (.i32ShrSImmAdd, true)
        case (.i32ShrSImm, .i32Add, false, true): (.i32ShrSImmAddImm, true)
        case (.i32ShrS, .i32Sub, false, false): (.i32ShrSSub, false)
        case (.i32ShrS, .i32Sub, true, false): (.i32ShrSSubR, false)
        case (.i32ShrS, .i32Sub, false, true): (.i32ShrSSubImm, false)
        case (.i32ShrSImm, .i32Sub, false, false): (.i32ShrSImmSub, true)
        case (.i32ShrSImm, .i32Sub, true, false): (.i32ShrSImmSubR, true)
        case (.i32ShrSImm, .i32Sub, false, true): (.i32ShrSImmSubImm, true)
        case (.i32ShrS, .i32Mul, false, false): (.i32ShrSMul, false)
        case (.i32ShrS, .i32Mul, false, true): (.i32ShrSMulImm, false)
        case (.i32ShrSImm, .i32Mul, false, false): (.i32ShrSImmMul, true)
        case (.i32ShrSImm, .i32Mul, false, true): (.i32ShrSImmMulImm, true)
        case (.i32ShrS, .i32And, false, false): (.i32ShrSAnd, false)
        case (.i32ShrS, .i32And, false, true): (.i32ShrSAndImm, false)
        case (.i32ShrSImm, .i32And, false, false): (.i32ShrSImmAnd, true)
        case (.i32ShrSImm, .i32And, false, true): (.i32ShrSImmAndImm, true)
        case (.i32ShrS, .i32Or, false, false): (.i32ShrSOr, false)
        case (.i32ShrS, .i32Or, false, true): (.i32ShrSOrImm, false)
        case (.i32ShrSImm, .i32Or, false, false): (.i32ShrSImmOr, true)
        case (.i32ShrSImm, .i32Or, false, true): (.i32ShrSImmOrImm, true)
        case (.i32ShrS, .i32Xor, false, false): (.i32ShrSXor, false)
        case (.i32ShrS, .i32Xor, false, true): (.i32ShrSXorImm, false)
        case (.i32ShrSImm, .i32Xor, false, false): (.i32ShrSImmXor, true)
        case (.i32ShrSImm, .i32Xor, false, true): (.i32ShrSImmXorImm, true)
        case (.i32ShrU, .i32Add, false, false): (.i32ShrUAdd, false)
        case (.i32ShrU, .i32Add, false, true): (.i32ShrUAddImm, false)
        case (.i32ShrUImm, .i32Add, false, false): (.i32ShrUImmAdd, true)
        case (.i32ShrUImm, .i32Add, false, true): (.i32ShrUImmAddImm, true)
        case (.i32ShrU, .i32Sub, false, false): (.i32ShrUSub, false)
        case (.i32ShrU, .i32Sub, true, false): (.i32ShrUSubR, false)
        case (.i32ShrU, .i32Sub, false, true): (.i32ShrUSubImm, false)
        case (.i32ShrUImm, .i32Sub, false, false): (.i32ShrUImmSub, true)
        case (.i32ShrUImm, .i32Sub, true, false): (.i32ShrUImmSubR, true)
        case (.i32ShrUImm, .i32Sub, false, true): (.i32ShrUImmSubImm, true)
        case (.i32ShrU, .i32Mul, false, false): (.i32ShrUMul, false)
        case (.i32ShrU, .i32Mul, false, true): (.i32ShrUMulImm, false)
        case (.i32ShrUImm, .i32Mul, false, false): (.i32ShrUImmMul, true)
        case (.i32ShrUImm, .i32Mul, false, true): (.i32ShrUImmMulImm, true)
        case (.i32ShrU, .i32And, false, false): (.i32ShrUAnd, false)
        case (.i32ShrU, .i32And, false, true): (.i32ShrUAndImm, false)
        case (.i32ShrUImm, .i32And, false, false): (.i32ShrUImmAnd, true)
        case (.i32ShrUImm, .i32And, false, true): (.i32ShrUImmAndImm, true)
        case (.i32ShrU, .i32Or, false, false): (.i32ShrUOr, false)
        case (.i32ShrU, .i32Or, false, true): (.i32ShrUOrImm, false)
        case (.i32ShrUImm, .i32Or, false, false): (.i32ShrUImmOr, true)
        case (.i32ShrUImm, .i32Or, false, true): (.i32ShrUImmOrImm, true)
        case (.i32ShrU, .i32Xor, false, false): (.i32ShrUXor, false)
        case (.i32ShrU, .i32Xor, false, true): (.i32ShrUXorImm, false)
        case (.i32ShrUImm, .i32Xor, false, false): (.i32ShrUImmXor, true)
        case (.i32ShrUImm, .i32Xor, false, true): (.i32ShrUImmXorImm, true)
        case (.i64Add, .i64Add, false, false): (.i64AddAdd, false)
        case (.i64Add, .i64Add, false, true): (.i64AddAddImm, false)
        case (.i64AddImm, .i64Add, false, false): (.i64AddImmAdd, true)
        case (.i64AddImm, .i64Add, false, true): (.i64AddImmAddImm, true)
        case (.i64Add, .i64Sub, false, false): (.i64AddSub, false)
        case (.i64Add, .i64Sub, true, false): (.i64AddSubR, false)
        case (.i64Add, .i64Sub, false, true): (.i64AddSubImm, false)
        case (.i64AddImm, .i64Sub, false, false): (.i64AddImmSub, true)
        case (.i64AddImm, .i64Sub, true, false): (.i64AddImmSubR, true)
        case (.i64AddImm, .i64Sub, false, true): (.i64AddImmSubImm, true)
        case (.i64Add, .i64Mul, false, false): (.i64AddMul, false)
        case (.i64Add, .i64Mul, false, true): (.i64AddMulImm, false)
        case (.i64AddImm, .i64Mul, false, false): (.i64AddImmMul, true)
        case (.i64AddImm, .i64Mul, false, true): (.i64AddImmMulImm, true)
        case (.i64Add, .i64And, false, false): (.i64AddAnd, false)
        case (.i64Add, .i64And, false, true): (.i64AddAndImm, false)
        case (.i64AddImm, .i64And, false, false): (.i64AddImmAnd, true)
        case (.i64AddImm, .i64And, false, true): (.i64AddImmAndImm, true)
        case (.i64Add, .i64Or, false, false): (.i64AddOr, false)
        case (.i64Add, .i64Or, false, true): (.i64AddOrImm, false)
        case (.i64AddImm, .i64Or, false, false): (.i64AddImmOr, true)
        case (.i64AddImm, .i64Or, false, true): (.i64AddImmOrImm, true)
        case (.i64Add, .i64Xor, false, false): (.i64AddXor, false)
        case (.i64Add, .i64Xor, false, true): (.i64AddXorImm, false)
        case (.i64AddImm, .i64Xor, false, false): (.i64AddImmXor, true)
        case (.i64AddImm, .i64Xor, false, true): (.i64AddImmXorImm, true)
        case (.i64Sub, .i64Add, false, false): (.i64SubAdd, false)
        case (.i64Sub, .i64Add, false, true): (.i64SubAddImm, false)
        case (.i64SubImm, .i64Add, false, false): (.i64SubImmAdd, true)
        case (.i64SubImm, .i64Add, false, true): (.i64SubImmAddImm, true)
        case (.i64Sub, .i64Sub, false, false): (.i64SubSub, false)
        case (.i64Sub, .i64Sub, true, false): (.i64SubSubR, false)
        case (.i64Sub, .i64Sub, false, true): (.i64SubSubImm, false)
        case (.i64SubImm, .i64Sub, false, false): (.i64SubImmSub, true)
        case (.i64SubImm, .i64Sub, true, false): (.i64SubImmSubR, true)
        case (.i64SubImm, .i64Sub, false, true): (.i64SubImmSubImm, true)
        case (.i64Sub, .i64Mul, false, false): (.i64SubMul, false)
        case (.i64Sub, .i64Mul, false, true): (.i64SubMulImm, false)
        case (.i64SubImm, .i64Mul, false, false): (.i64SubImmMul, true)
        case (.i64SubImm, .i64Mul, false, true): (.i64SubImmMulImm, true)
        case (.i64Sub, .i64And, false, false): (.i64SubAnd, false)
        case (.i64Sub, .i64And, false, true): (.i64SubAndImm, false)
        case (.i64SubImm, .i64And, false, false): (.i64SubImmAnd, true)
        case (.i64SubImm, .i64And, false, true): (.i64SubImmAndImm, true)
        case (.i64Sub, .i64Or, false, false): (.i64SubOr, false)
        case (.i64Sub, .i64Or, false, true): (.i64SubOrImm, false)
        case (.i64SubImm, .i64Or, false, false): (.i64SubImmOr, true)
        case (.i64SubImm, .i64Or, false, true): (.i64SubImmOrImm, true)
        case (.i64Sub, .i64Xor, false, false): (.i64SubXor, false)
        case (.i64Sub, .i64Xor, false, true): (.i64SubXorImm, false)
        case (.i64SubImm, .i64Xor, false, false): (.i64SubImmXor, true)
        case (.i64SubImm, .i64Xor, false, true): (.i64SubImmXorImm, true)
        case (.i64Mul, .i64Add, false, false): (.i64MulAdd, false)
        case (.i64Mul, .i64Add, false, true): (.i64MulAddImm, false)
        case (.i64MulImm, .i64Add, false, false): (.i64MulImmAdd, true)
        case (.i64MulImm, .i64Add, false, true): (.i64MulImmAddImm, true)
        case (.i64Mul, .i64Sub, false, false): (.i64MulSub, false)
        case (.i64Mul, .i64Sub, true, false): (.i64MulSubR, false)
        case (.i64Mul, .i64Sub, false, true): (.i64MulSubImm, false)
        case (.i64MulImm, .i64Sub, false, false): (.i64MulImmSub, true)
        case (.i64MulImm, .i64Sub, true, false): (.i64MulImmSubR, true)
        case (.i64MulImm, .i64Sub, false, true): (.i64MulImmSubImm, true)
        case (.i64Mul, .i64Mul, false, false): (.i64MulMul, false)
        case (.i64Mul, .i64Mul, false, true): (.i64MulMulImm, false)
        case (.i64MulImm, .i64Mul, false, false): (.i64MulImmMul, true)
        case (.i64MulImm, .i64Mul, false, true): (.i64MulImmMulImm, true)
        case (.i64Mul, .i64And, false, false): (.i64MulAnd, false)
        case (.i64Mul, .i64And, false, true): (.i64MulAndImm, false)
        case (.i64MulImm, .i64And, false, false): (.i64MulImmAnd, true)
        case (.i64MulImm, .i64And, false, true): (.i64MulImmAndImm, true)
        case (.i64Mul, .i64Or, false, false): (.i64MulOr, false)
        case (.i64Mul, .i64Or, false, true): (.i64MulOrImm, false)
        case (.i64MulImm, .i64Or, false, false): (.i64MulImmOr, true)
        case (.i64MulImm, .i64Or, false, true): (.i64MulImmOrImm, true)
        case (.i64Mul, .i64Xor, false, false): (.i64MulXor, false)
        case (.i64Mul, .i64Xor, false, true): (.i64MulXorImm, false)
        case (.i64MulImm, .i64Xor, false, false): (.i64MulImmXor, true)
        case (.i64MulImm, .i64Xor, false, true): (.i64MulImmXorImm, true)
        case (.i64And, .i64Add, false, false): (.i64AndAdd, false)
        case (.i64And, .i64Add, false, true): (.i64AndAddImm, false)
        case (.i64AndImm, .i64Add, false, false): (.i64AndImmAdd, true)
        case (.i64AndImm, .i64Add, false, true): (.i64AndImmAddImm, true)
        case (.i64And, .i64Sub, false, false): (.i64AndSub, false)
        case (.i64And, .i64Sub, true, false): (.i64AndSubR, false)
        case (.i64And, .i64Sub, false, true): (.i64AndSubImm, false)
        case (.i64AndImm, .i64Sub, false, false): (.i64AndImmSub, true)
        case (.i64AndImm, .i64Sub, true, false): (.i64AndImmSubR, true)
        case (.i64AndImm, .i64Sub, false, true): (.i64AndImmSubImm, true)
        case (.i64And, .i64Mul, false, false): (.i64AndMul, false)
        case (.i64And, .i64Mul, false, true): (.i64AndMulImm, false)
        case (.i64AndImm, .i64Mul, false, false): (.i64AndImmMul, true)
        case (.i64AndImm, .i64Mul, false, true): (.i64AndImmMulImm, true)
        case (.i64And, .i64And, false, false): (.i64AndAnd, false)
        case (.i64And, .i64And, false, true): (.i64AndAndImm, false)
        case (.i64AndImm, .i64And, false, false): (.i64AndImmAnd, true)
        case (.i64AndImm, .i64And, false, true): (.i64AndImmAndImm, true)
        case (.i64And, .i64Or, false, false): (.i64AndOr, false)
        case (.i64And, .i64Or, false, true): (.i64AndOrImm, false)
        case (.i64AndImm, .i64Or, false, false): (.i64AndImmOr, true)
        case (.i64AndImm, .i64Or, false, true): (.i64AndImmOrImm, true)
        case (.i64And, .i64Xor, false, false): (.i64AndXor, false)
        case (.i64And, .i64Xor, false, true): (.i64AndXorImm, false)
        case (.i64AndImm, .i64Xor, false, false): (.i64AndImmXor, true)
        case (.i64AndImm, .i64Xor, false, true): (.i64AndImmXorImm, true)
        case (.i64Or, .i64Add, false, false): (.i64OrAdd, false)
        case (.i64Or, .i64Add, false, true): (.i64OrAddImm, false)
        case (.i64OrImm, .i64Add, false, false): (.i64OrImmAdd, true)
        case (.i64OrImm, .i64Add, false, true): (.i64OrImmAddImm, true)
        case (.i64Or, .i64Sub, false, false): (.i64OrSub, false)
        case (.i64Or, .i64Sub, true, false): (.i64OrSubR, false)
        case (.i64Or, .i64Sub, false, true): (.i64OrSubImm, false)
        case (.i64OrImm, .i64Sub, false, false): (.i64OrImmSub, true)
        case (.i64OrImm, .i64Sub, true, false): (.i64OrImmSubR, true)
        case (.i64OrImm, .i64Sub, false, true): (.i64OrImmSubImm, true)
        case (.i64Or, .i64Mul, false, false): (.i64OrMul, false)
        case (.i64Or, .i64Mul, false, true): (.i64OrMulImm, false)
        case (.i64OrImm, .i64Mul, false, false): (.i64OrImmMul, true)
        case (.i64OrImm, .i64Mul, false, true): (.i64OrImmMulImm, true)
        case (.i64Or, .i64And, false, false): (.i64OrAnd, false)
        case (.i64Or, .i64And, false, true): (.i64OrAndImm, false)
        case (.i64OrImm, .i64And, false, false): (.i64OrImmAnd, true)
        case (.i64OrImm, .i64And, false, true): (.i64OrImmAndImm, true)
        case (.i64Or, .i64Or, false, false): (.i64OrOr, false)
        case (.i64Or, .i64Or, false, true): (.i64OrOrImm, false)
        case (.i64OrImm, .i64Or, false, false): (.i64OrImmOr, true)
        case (.i64OrImm, .i64Or, false, true): (.i64OrImmOrImm, true)
        case (.i64Or, .i64Xor, false, false): (.i64OrXor, false)
        case (.i64Or, .i64Xor, false, true): (.i64OrXorImm, false)
        case (.i64OrImm, .i64Xor, false, false): (.i64OrImmXor, true)
        case (.i64OrImm, .i64Xor, false, true): (.i64OrImmXorImm, true)
        case (.i64Xor, .i64Add, false, false): (.i64XorAdd, false)
        case (.i64Xor, .i64Add, false, true): (.i64XorAddImm, false)
        case (.i64XorImm, .i64Add, false, false): (.i64XorImmAdd, true)
        case (.i64XorImm, .i64Add, false, true): (.i64XorImmAddImm, true)
        case (.i64Xor, .i64Sub, false, false): (.i64XorSub, false)
        case (.i64Xor, .i64Sub, true, false): (.i64XorSubR, false)
        case (.i64Xor, .i64Sub, false, true): (.i64XorSubImm, false)
        case (.i64XorImm, .i64Sub, false, false): (.i64XorImmSub, true)
        case (.i64XorImm, .i64Sub, true, false): (.i64XorImmSubR, true)
        case (.i64XorImm, .i64Sub, false, true): (.i64XorImmSubImm, true)
        case (.i64Xor, .i64Mul, false, false): (.i64XorMul, false)
        case (.i64Xor, .i64Mul, false, true): (.i64XorMulImm, false)
        case (.i64XorImm, .i64Mul, false, false): (.i64XorImmMul, true)
        case (.i64XorImm, .i64Mul, false, true): (.i64XorImmMulImm, true)
        case (.i64Xor, .i64And, false, false): (.i64XorAnd, false)
        case (.i64Xor, .i64And, false, true): (.i64XorAndImm, false)
        case (.i64XorImm, .i64And, false, false): (.i64XorImmAnd, true)
        case (.i64XorImm, .i64And, false, true): (.i64XorImmAndImm, true)
        case (.i64Xor, .i64Or, false, false): (.i64XorOr, false)
        case (.i64Xor, .i64Or, false, true): (.i64XorOrImm, false)
        case (.i64XorImm, .i64Or, false, false): (.i64XorImmOr, true)
        case (.i64XorImm, .i64Or, false, true): (.i64XorImmOrImm, true)
        case (.i64Xor, .i64Xor, false, false): (.i64XorXor, false)
        case (.i64Xor, .i64Xor, false, true): (.i64XorXorImm, false)
        case (.i64XorImm, .i64Xor, false, false): (.i64XorImmXor, true)
        case (.i64XorImm, .i64Xor, false, true): (.i64XorImmXorImm, true)
        case (.i64Shl, .i64Add, false, false): (.i64ShlAdd, false)
        case (.i64Shl, .i64Add, false, true): (.i64ShlAddImm, false)
        case (.i64ShlImm, .i64Add, false, false): (.i64ShlImmAdd, true)
        case (.i64ShlImm, .i64Add, false, true): (.i64ShlImmAddImm, true)
        case (.i64Shl, .i64Sub, false, false): (.i64ShlSub, false)
        case (.i64Shl, .i64Sub, true, false): (.i64ShlSubR, false)
        case (.i64Shl, .i64Sub, false, true): (.i64ShlSubImm, false)
        case (.i64ShlImm, .i64Sub, false, false): (.i64ShlImmSub, true)
        case (.i64ShlImm, .i64Sub, true, false): (.i64ShlImmSubR, true)
        case (.i64ShlImm, .i64Sub, false, true): (.i64ShlImmSubImm, true)
        case (.i64Shl, .i64Mul, false, false): (.i64ShlMul, false)
        case (.i64Shl, .i64Mul, false, true): (.i64ShlMulImm, false)
        case (.i64ShlImm, .i64Mul, false, false): (.i64ShlImmMul, true)
        case (.i64ShlImm, .i64Mul, false, true): (.i64ShlImmMulImm, true)
        case (.i64Shl, .i64And, false, false): (.i64ShlAnd, false)
        case (.i64Shl, .i64And, false, true): (.i64ShlAndImm, false)
        case (.i64ShlImm, .i64And, false, false): (.i64ShlImmAnd, true)
        case (.i64ShlImm, .i64And, false, true): (.i64ShlImmAndImm, true)
        case (.i64Shl, .i64Or, false, false): (.i64ShlOr, false)
        case (.i64Shl, .i64Or, false, true): (.i64ShlOrImm, false)
        case (.i64ShlImm, .i64Or, false, false): (.i64ShlImmOr, true)
        case (.i64ShlImm, .i64Or, false, true): (.i64ShlImmOrImm, true)
        case (.i64Shl, .i64Xor, false, false): (.i64ShlXor, false)
        case (.i64Shl, .i64Xor, false, true): (.i64ShlXorImm, false)
        case (.i64ShlImm, .i64Xor, false, false): (.i64ShlImmXor, true)
        case (.i64ShlImm, .i64Xor, false, true): (.i64ShlImmXorImm, true)
        case (.i64ShrS, .i64Add, false, false): (.i64ShrSAdd, false)
        case (.i64ShrS, .i64Add, false, true): (.i64ShrSAddImm, false)
        case (.i64ShrSImm, .i64Add, false, false): (.i64ShrSImmAdd, true)
        case (.i64ShrSImm, .i64Add, false, true): (.i64ShrSImmAddImm, true)
        case (.i64ShrS, .i64Sub, false, false): (.i64ShrSSub, false)
        case (.i64ShrS, .i64Sub, true, false): (.i64ShrSSubR, false)
        case (.i64ShrS, .i64Sub, false, true): (.i64ShrSSubImm, false)
        case (.i64ShrSImm, .i64Sub, false, false): (.i64ShrSImmSub, true)
        case (.i64ShrSImm, .i64Sub, true, false): (.i64ShrSImmSubR, true)
        case (.i64ShrSImm, .i64Sub, false, true): (.i64ShrSImmSubImm, true)
        case (.i64ShrS, .i64Mul, false, false): (.i64ShrSMul, false)
        case (.i64ShrS, .i64Mul, false, true): (.i64ShrSMulImm, false)
        case (.i64ShrSImm, .i64Mul, false, false): (.i64ShrSImmMul, true)
        case (.i64ShrSImm, .i64Mul, false, true): (.i64ShrSImmMulImm, true)
        case (.i64ShrS, .i64And, false, false): (.i64ShrSAnd, false)
        case (.i64ShrS, .i64And, false, true): (.i64ShrSAndImm, false)
        case (.i64ShrSImm, .i64And, false, false): (.i64ShrSImmAnd, true)
        case (.i64ShrSImm, .i64And, false, true): (.i64ShrSImmAndImm, true)
        case (.i64ShrS, .i64Or, false, false): (.i64ShrSOr, false)
        case (.i64ShrS, .i64Or, false, true): (.i64ShrSOrImm, false)
        case (.i64ShrSImm, .i64Or, false, false): (.i64ShrSImmOr, true)
        case (.i64ShrSImm, .i64Or, false, true): (.i64ShrSImmOrImm, true)
        case (.i64ShrS, .i64Xor, false, false): (.i64ShrSXor, false)
        case (.i64ShrS, .i64Xor, false, true): (.i64ShrSXorImm, false)
        case (.i64ShrSImm, .i64Xor, false, false): (.i64ShrSImmXor, true)
        case (.i64ShrSImm, .i64Xor, false, true): (.i64ShrSImmXorImm, true)
        case (.i64ShrU, .i64Add, false, false): (.i64ShrUAdd, false)
        case (.i64ShrU, .i64Add, false, true): (.i64ShrUAddImm, false)
        case (.i64ShrUImm, .i64Add, false, false): (.i64ShrUImmAdd, true)
        case (.i64ShrUImm, .i64Add, false, true): (.i64ShrUImmAddImm, true)
        case (.i64ShrU, .i64Sub, false, false): (.i64ShrUSub, false)
        case (.i64ShrU, .i64Sub, true, false): (.i64ShrUSubR, false)
        case (.i64ShrU, .i64Sub, false, true): (.i64ShrUSubImm, false)
        case (.i64ShrUImm, .i64Sub, false, false): (.i64ShrUImmSub, true)
        case (.i64ShrUImm, .i64Sub, true, false): (.i64ShrUImmSubR, true)
        case (.i64ShrUImm, .i64Sub, false, true): (.i64ShrUImmSubImm, true)
        case (.i64ShrU, .i64Mul, false, false): (.i64ShrUMul, false)
        case (.i64ShrU, .i64Mul, false, true): (.i64ShrUMulImm, false)
        case (.i64ShrUImm, .i64Mul, false, false): (.i64ShrUImmMul, true)
        case (.i64ShrUImm, .i64Mul, false, true): (.i64ShrUImmMulImm, true)
        case (.i64ShrU, .i64And, false, false): (.i64ShrUAnd, false)
        case (.i64ShrU, .i64And, false, true): (.i64ShrUAndImm, false)
        case (.i64ShrUImm, .i64And, false, false): (.i64ShrUImmAnd, true)
        case (.i64ShrUImm, .i64And, false, true): (.i64ShrUImmAndImm, true)
        case (.i64ShrU, .i64Or, false, false): (.i64ShrUOr, false)
        case (.i64ShrU, .i64Or, false, true): (.i64ShrUOrImm, false)
        case (.i64ShrUImm, .i64Or, false, false): (.i64ShrUImmOr, true)
        case (.i64ShrUImm, .i64Or, false, true): (.i64ShrUImmOrImm, true)
        case (.i64ShrU, .i64Xor, false, false): (.i64ShrUXor, false)
        case (.i64ShrU, .i64Xor, false, true): (.i64ShrUXorImm, false)
        case (.i64ShrUImm, .i64Xor, false, false): (.i64ShrUImmXor, true)
        case (.i64ShrUImm, .i64Xor, false, true): (.i64ShrUImmXorImm, true)
        case (.f32Add, .f32Add, false, false): (.f32AddAdd, false)
        case (.f32Add, .f32Add, false, true): (.f32AddAddImm, false)
        case (.f32AddImm, .f32Add, false, false): (.f32AddImmAdd, true)
        case (.f32AddImm, .f32Add, false, true): (.f32AddImmAddImm, true)
        case (.f32Add, .f32Sub, false, false): (.f32AddSub, false)
        case (.f32Add, .f32Sub, true, false): (.f32AddSubR, false)
        case (.f32Add, .f32Sub, false, true): (.f32AddSubImm, false)
        case (.f32AddImm, .f32Sub, false, false): (.f32AddImmSub, true)
        case (.f32AddImm, .f32Sub, true, false): (.f32AddImmSubR, true)
        case (.f32AddImm, .f32Sub, false, true): (.f32AddImmSubImm, true)
        case (.f32Add, .f32Mul, false, false): (.f32AddMul, false)
        case (.f32Add, .f32Mul, false, true): (.f32AddMulImm, false)
        case (.f32AddImm, .f32Mul, false, false): (.f32AddImmMul, true)
        case (.f32AddImm, .f32Mul, false, true): (.f32AddImmMulImm, true)
        case (.f32Sub, .f32Add, false, false): (.f32SubAdd, false)
        case (.f32Sub, .f32Add, false, true): (.f32SubAddImm, false)
        case (.f32SubImm, .f32Add, false, false): (.f32SubImmAdd, true)
        case (.f32SubImm, .f32Add, false, true): (.f32SubImmAddImm, true)
        case (.f32Sub, .f32Sub, false, false): (.f32SubSub, false)
        case (.f32Sub, .f32Sub, true, false): (.f32SubSubR, false)
        case (.f32Sub, .f32Sub, false, true): (.f32SubSubImm, false)
        case (.f32SubImm, .f32Sub, false, false): (.f32SubImmSub, true)
        case (.f32SubImm, .f32Sub, true, false): (.f32SubImmSubR, true)
        case (.f32SubImm, .f32Sub, false, true): (.f32SubImmSubImm, true)
        case (.f32Sub, .f32Mul, false, false): (.f32SubMul, false)
        case (.f32Sub, .f32Mul, false, true): (.f32SubMulImm, false)
        case (.f32SubImm, .f32Mul, false, false): (.f32SubImmMul, true)
        case (.f32SubImm, .f32Mul, false, true): (.f32SubImmMulImm, true)
        case (.f32Mul, .f32Add, false, false): (.f32MulAdd, false)
        case (.f32Mul, .f32Add, false, true): (.f32MulAddImm, false)
        case (.f32MulImm, .f32Add, false, false): (.f32MulImmAdd, true)
        case (.f32MulImm, .f32Add, false, true): (.f32MulImmAddImm, true)
        case (.f32Mul, .f32Sub, false, false): (.f32MulSub, false)
        case (.f32Mul, .f32Sub, true, false): (.f32MulSubR, false)
        case (.f32Mul, .f32Sub, false, true): (.f32MulSubImm, false)
        case (.f32MulImm, .f32Sub, false, false): (.f32MulImmSub, true)
        case (.f32MulImm, .f32Sub, true, false): (.f32MulImmSubR, true)
        case (.f32MulImm, .f32Sub, false, true): (.f32MulImmSubImm, true)
        case (.f32Mul, .f32Mul, false, false): (.f32MulMul, false)
        case (.f32Mul, .f32Mul, false, true): (.f32MulMulImm, false)
        case (.f32MulImm, .f32Mul, false, false): (.f32MulImmMul, true)
        case (.f32MulImm, .f32Mul, false, true): (.f32MulImmMulImm, true)
        case (.f64Add, .f64Add, false, false): (.f64AddAdd, false)
        case (.f64Add, .f64Add, false, true): (.f64AddAddImm, false)
        case (.f64AddImm, .f64Add, false, false): (.f64AddImmAdd, true)
        case (.f64AddImm, .f64Add, false, true): (.f64AddImmAddImm, true)
        case (.f64Add, .f64Sub, false, false): (.f64AddSub, false)
        case (.f64Add, .f64Sub, true, false): (.f64AddSubR, false)
        case (.f64Add, .f64Sub, false, true): (.f64AddSubImm, false)
        case (.f64AddImm, .f64Sub, false, false): (.f64AddImmSub, true)
        case (.f64AddImm, .f64Sub, true, false): (.f64AddImmSubR, true)
        case (.f64AddImm, .f64Sub, false, true): (.f64AddImmSubImm, true)
        case (.f64Add, .f64Mul, false, false): (.f64AddMul, false)
        case (.f64Add, .f64Mul, false, true): (.f64AddMulImm, false)
        case (.f64AddImm, .f64Mul, false, false): (.f64AddImmMul, true)
        case (.f64AddImm, .f64Mul, false, true): (.f64AddImmMulImm, true)
        case (.f64Sub, .f64Add, false, false): (.f64SubAdd, false)
        case (.f64Sub, .f64Add, false, true): (.f64SubAddImm, false)
        case (.f64SubImm, .f64Add, false, false): (.f64SubImmAdd, true)
        case (.f64SubImm, .f64Add, false, true): (.f64SubImmAddImm, true)
        case (.f64Sub, .f64Sub, false, false): (.f64SubSub, false)
        case (.f64Sub, .f64Sub, true, false): (.f64SubSubR, false)
        case (.f64Sub, .f64Sub, false, true): (.f64SubSubImm, false)
        case (.f64SubImm, .f64Sub, false, false): (.f64SubImmSub, true)
        case (.f64SubImm, .f64Sub, true, false): (.f64SubImmSubR, true)
        case (.f64SubImm, .f64Sub, false, true): (.f64SubImmSubImm, true)
        case (.f64Sub, .f64Mul, false, false): (.f64SubMul, false)
        case (.f64Sub, .f64Mul, false, true): (.f64SubMulImm, false)
        case (.f64SubImm, .f64Mul, false, false): (.f64SubImmMul, true)
        case (.f64SubImm, .f64Mul, false, true): (.f64SubImmMulImm, true)
        case (.f64Mul, .f64Add, false, false): (.f64MulAdd, false)
        case (.f64Mul, .f64Add, false, true): (.f64MulAddImm, false)
        case (.f64MulImm, .f64Add, false, false): (.f64MulImmAdd, true)
        case (.f64MulImm, .f64Add, false, true): (.f64MulImmAddImm, true)
        case (.f64Mul, .f64Sub, false, false): (.f64MulSub, false)
        case (.f64Mul, .f64Sub, true, false): (.f64MulSubR, false)
        case (.f64Mul, .f64Sub, false, true): (.f64MulSubImm, false)
        case (.f64MulImm, .f64Sub, false, false): (.f64MulImmSub, true)
        case (.f64MulImm, .f64Sub, true, false): (.f64MulImmSubR, true)
        case (.f64MulImm, .f64Sub, false, true): (.f64MulImmSubImm, true)
        case (.f64Mul, .f64Mul, false, false): (.f64MulMul, false)
        case (.f64Mul, .f64Mul, false, true): (.f64MulMulImm, false)
        case (.f64MulImm, .f64Mul, false, false): (.f64MulImmMul, true)
        case (.f64MulImm, .f64Mul, false, true): (.f64MulImmMulImm, true)
        default: nil
        }
    }

    /// The loads of memory 0 at `a + imm` and at `a + b` for a plain load of memory 0.
    static func addressVariant(_ op: Op) -> (addImmediate: Op, indexed: Op)? {
        switch op {
        case .i32Load: (.i32LoadAddImm, .i32LoadIndexed)
        case .i64Load: (.i64LoadAddImm, .i64LoadIndexed)
        case .i32Load8S: (.i32Load8SAddImm, .i32Load8SIndexed)
        case .i32Load8U: (.i32Load8UAddImm, .i32Load8UIndexed)
        case .i32Load16S: (.i32Load16SAddImm, .i32Load16SIndexed)
        case .i32Load16U: (.i32Load16UAddImm, .i32Load16UIndexed)
        case .i64Load8S: (.i64Load8SAddImm, .i64Load8SIndexed)
        case .i64Load8U: (.i64Load8UAddImm, .i64Load8UIndexed)
        case .i64Load16S: (.i64Load16SAddImm, .i64Load16SIndexed)
        case .i64Load16U: (.i64Load16UAddImm, .i64Load16UIndexed)
        case .i64Load32S: (.i64Load32SAddImm, .i64Load32SIndexed)
        case .i64Load32U: (.i64Load32UAddImm, .i64Load32UIndexed)
        case .f32Load: (.f32LoadAddImm, .f32LoadIndexed)
        case .f64Load: (.f64LoadAddImm, .f64LoadIndexed)
        default: nil
        }
    }

    /// The operator that loads its operand itself, for a binary operator whose operand (the
    /// second with `reversed`) is a load of memory 0 by `load` (or its `…AddImm` form, which
    /// has an addend at 24).
    static func loadingVariant(_ load: Op, _ op: Op, reversed: Bool) -> (op: Op, addend: Bool)? {
        switch (load, op, reversed) {
        case (.i32Load, .i32Add, false): (.i32LoadAdd, false)
        case (.i32LoadAddImm, .i32Add, false): (.i32LoadAdd, true)
        case (.i32Load, .i32Sub, false): (.i32LoadSub, false)
        case (.i32LoadAddImm, .i32Sub, false): (.i32LoadSub, true)
        case (.i32Load, .i32Sub, true): (.i32LoadSubR, false)
        case (.i32LoadAddImm, .i32Sub, true): (.i32LoadSubR, true)
        case (.i32Load, .i32Mul, false): (.i32LoadMul, false)
        case (.i32LoadAddImm, .i32Mul, false): (.i32LoadMul, true)
        case (.i32Load, .i32And, false): (.i32LoadAnd, false)
        case (.i32LoadAddImm, .i32And, false): (.i32LoadAnd, true)
        case (.i32Load, .i32Or, false): (.i32LoadOr, false)
        case (.i32LoadAddImm, .i32Or, false): (.i32LoadOr, true)
        case (.i32Load, .i32Xor, false): (.i32LoadXor, false)
        case (.i32LoadAddImm, .i32Xor, false): (.i32LoadXor, true)
        case (.i64Load, .i64Add, false): (.i64LoadAdd, false)
        case (.i64LoadAddImm, .i64Add, false): (.i64LoadAdd, true)
        case (.i64Load, .i64Sub, false): (.i64LoadSub, false)
        case (.i64LoadAddImm, .i64Sub, false): (.i64LoadSub, true)
        case (.i64Load, .i64Sub, true): (.i64LoadSubR, false)
        case (.i64LoadAddImm, .i64Sub, true): (.i64LoadSubR, true)
        case (.i64Load, .i64Mul, false): (.i64LoadMul, false)
        case (.i64LoadAddImm, .i64Mul, false): (.i64LoadMul, true)
        case (.i64Load, .i64And, false): (.i64LoadAnd, false)
        case (.i64LoadAddImm, .i64And, false): (.i64LoadAnd, true)
        case (.i64Load, .i64Or, false): (.i64LoadOr, false)
        case (.i64LoadAddImm, .i64Or, false): (.i64LoadOr, true)
        case (.i64Load, .i64Xor, false): (.i64LoadXor, false)
        case (.i64LoadAddImm, .i64Xor, false): (.i64LoadXor, true)
        case (.i32Load8S, .i32Add, false): (.i32Load8SAdd, false)
        case (.i32Load8SAddImm, .i32Add, false): (.i32Load8SAdd, true)
        case (.i32Load8S, .i32Sub, false): (.i32Load8SSub, false)
        case (.i32Load8SAddImm, .i32Sub, false): (.i32Load8SSub, true)
        case (.i32Load8S, .i32Sub, true): (.i32Load8SSubR, false)
        case (.i32Load8SAddImm, .i32Sub, true): (.i32Load8SSubR, true)
        case (.i32Load8S, .i32Mul, false): (.i32Load8SMul, false)
        case (.i32Load8SAddImm, .i32Mul, false): (.i32Load8SMul, true)
        case (.i32Load8S, .i32And, false): (.i32Load8SAnd, false)
        case (.i32Load8SAddImm, .i32And, false): (.i32Load8SAnd, true)
        case (.i32Load8S, .i32Or, false): (.i32Load8SOr, false)
        case (.i32Load8SAddImm, .i32Or, false): (.i32Load8SOr, true)
        case (.i32Load8S, .i32Xor, false): (.i32Load8SXor, false)
        case (.i32Load8SAddImm, .i32Xor, false): (.i32Load8SXor, true)
        case (.i32Load8U, .i32Add, false): (.i32Load8UAdd, false)
        case (.i32Load8UAddImm, .i32Add, false): (.i32Load8UAdd, true)
        case (.i32Load8U, .i32Sub, false): (.i32Load8USub, false)
        case (.i32Load8UAddImm, .i32Sub, false): (.i32Load8USub, true)
        case (.i32Load8U, .i32Sub, true): (.i32Load8USubR, false)
        case (.i32Load8UAddImm, .i32Sub, true): (.i32Load8USubR, true)
        case (.i32Load8U, .i32Mul, false): (.i32Load8UMul, false)
        case (.i32Load8UAddImm, .i32Mul, false): (.i32Load8UMul, true)
        case (.i32Load8U, .i32And, false): (.i32Load8UAnd, false)
        case (.i32Load8UAddImm, .i32And, false): (.i32Load8UAnd, true)
        case (.i32Load8U, .i32Or, false): (.i32Load8UOr, false)
        case (.i32Load8UAddImm, .i32Or, false): (.i32Load8UOr, true)
        case (.i32Load8U, .i32Xor, false): (.i32Load8UXor, false)
        case (.i32Load8UAddImm, .i32Xor, false): (.i32Load8UXor, true)
        case (.i32Load16S, .i32Add, false): (.i32Load16SAdd, false)
        case (.i32Load16SAddImm, .i32Add, false): (.i32Load16SAdd, true)
        case (.i32Load16S, .i32Sub, false): (.i32Load16SSub, false)
        case (.i32Load16SAddImm, .i32Sub, false): (.i32Load16SSub, true)
        case (.i32Load16S, .i32Sub, true): (.i32Load16SSubR, false)
        case (.i32Load16SAddImm, .i32Sub, true): (.i32Load16SSubR, true)
        case (.i32Load16S, .i32Mul, false): (.i32Load16SMul, false)
        case (.i32Load16SAddImm, .i32Mul, false): (.i32Load16SMul, true)
        case (.i32Load16S, .i32And, false): (.i32Load16SAnd, false)
        case (.i32Load16SAddImm, .i32And, false): (.i32Load16SAnd, true)
        case (.i32Load16S, .i32Or, false): (.i32Load16SOr, false)
        case (.i32Load16SAddImm, .i32Or, false): (.i32Load16SOr, true)
        case (.i32Load16S, .i32Xor, false): (.i32Load16SXor, false)
        case (.i32Load16SAddImm, .i32Xor, false): (.i32Load16SXor, true)
        case (.i32Load16U, .i32Add, false): (.i32Load16UAdd, false)
        case (.i32Load16UAddImm, .i32Add, false): (.i32Load16UAdd, true)
        case (.i32Load16U, .i32Sub, false): (.i32Load16USub, false)
        case (.i32Load16UAddImm, .i32Sub, false): (.i32Load16USub, true)
        case (.i32Load16U, .i32Sub, true): (.i32Load16USubR, false)
        case (.i32Load16UAddImm, .i32Sub, true): (.i32Load16USubR, true)
        case (.i32Load16U, .i32Mul, false): (.i32Load16UMul, false)
        case (.i32Load16UAddImm, .i32Mul, false): (.i32Load16UMul, true)
        case (.i32Load16U, .i32And, false): (.i32Load16UAnd, false)
        case (.i32Load16UAddImm, .i32And, false): (.i32Load16UAnd, true)
        case (.i32Load16U, .i32Or, false): (.i32Load16UOr, false)
        case (.i32Load16UAddImm, .i32Or, false): (.i32Load16UOr, true)
        case (.i32Load16U, .i32Xor, false): (.i32Load16UXor, false)
        case (.i32Load16UAddImm, .i32Xor, false): (.i32Load16UXor, true)
        case (.i64Load8S, .i64Add, false): (.i64Load8SAdd, false)
        case (.i64Load8SAddImm, .i64Add, false): (.i64Load8SAdd, true)
        case (.i64Load8S, .i64Sub, false): (.i64Load8SSub, false)
        case (.i64Load8SAddImm, .i64Sub, false): (.i64Load8SSub, true)
        case (.i64Load8S, .i64Sub, true): (.i64Load8SSubR, false)
        case (.i64Load8SAddImm, .i64Sub, true): (.i64Load8SSubR, true)
        case (.i64Load8S, .i64Mul, false): (.i64Load8SMul, false)
        case (.i64Load8SAddImm, .i64Mul, false): (.i64Load8SMul, true)
        case (.i64Load8S, .i64And, false): (.i64Load8SAnd, false)
        case (.i64Load8SAddImm, .i64And, false): (.i64Load8SAnd, true)
        case (.i64Load8S, .i64Or, false): (.i64Load8SOr, false)
        case (.i64Load8SAddImm, .i64Or, false): (.i64Load8SOr, true)
        case (.i64Load8S, .i64Xor, false): (.i64Load8SXor, false)
        case (.i64Load8SAddImm, .i64Xor, false): (.i64Load8SXor, true)
        case (.i64Load8U, .i64Add, false): (.i64Load8UAdd, false)
        case (.i64Load8UAddImm, .i64Add, false): (.i64Load8UAdd, true)
        case (.i64Load8U, .i64Sub, false): (.i64Load8USub, false)
        case (.i64Load8UAddImm, .i64Sub, false): (.i64Load8USub, true)
        case (.i64Load8U, .i64Sub, true): (.i64Load8USubR, false)
        case (.i64Load8UAddImm, .i64Sub, true): (.i64Load8USubR, true)
        case (.i64Load8U, .i64Mul, false): (.i64Load8UMul, false)
        case (.i64Load8UAddImm, .i64Mul, false): (.i64Load8UMul, true)
        case (.i64Load8U, .i64And, false): (.i64Load8UAnd, false)
        case (.i64Load8UAddImm, .i64And, false): (.i64Load8UAnd, true)
        case (.i64Load8U, .i64Or, false): (.i64Load8UOr, false)
        case (.i64Load8UAddImm, .i64Or, false): (.i64Load8UOr, true)
        case (.i64Load8U, .i64Xor, false): (.i64Load8UXor, false)
        case (.i64Load8UAddImm, .i64Xor, false): (.i64Load8UXor, true)
        case (.i64Load16S, .i64Add, false): (.i64Load16SAdd, false)
        case (.i64Load16SAddImm, .i64Add, false): (.i64Load16SAdd, true)
        case (.i64Load16S, .i64Sub, false): (.i64Load16SSub, false)
        case (.i64Load16SAddImm, .i64Sub, false): (.i64Load16SSub, true)
        case (.i64Load16S, .i64Sub, true): (.i64Load16SSubR, false)
        case (.i64Load16SAddImm, .i64Sub, true): (.i64Load16SSubR, true)
        case (.i64Load16S, .i64Mul, false): (.i64Load16SMul, false)
        case (.i64Load16SAddImm, .i64Mul, false): (.i64Load16SMul, true)
        case (.i64Load16S, .i64And, false): (.i64Load16SAnd, false)
        case (.i64Load16SAddImm, .i64And, false): (.i64Load16SAnd, true)
        case (.i64Load16S, .i64Or, false): (.i64Load16SOr, false)
        case (.i64Load16SAddImm, .i64Or, false): (.i64Load16SOr, true)
        case (.i64Load16S, .i64Xor, false): (.i64Load16SXor, false)
        case (.i64Load16SAddImm, .i64Xor, false): (.i64Load16SXor, true)
        case (.i64Load16U, .i64Add, false): (.i64Load16UAdd, false)
        case (.i64Load16UAddImm, .i64Add, false): (.i64Load16UAdd, true)
        case (.i64Load16U, .i64Sub, false): (.i64Load16USub, false)
        case (.i64Load16UAddImm, .i64Sub, false): (.i64Load16USub, true)
        case (.i64Load16U, .i64Sub, true): (.i64Load16USubR, false)
        case (.i64Load16UAddImm, .i64Sub, true): (.i64Load16USubR, true)
        case (.i64Load16U, .i64Mul, false): (.i64Load16UMul, false)
        case (.i64Load16UAddImm, .i64Mul, false): (.i64Load16UMul, true)
        case (.i64Load16U, .i64And, false): (.i64Load16UAnd, false)
        case (.i64Load16UAddImm, .i64And, false): (.i64Load16UAnd, true)
        case (.i64Load16U, .i64Or, false): (.i64Load16UOr, false)
        case (.i64Load16UAddImm, .i64Or, false): (.i64Load16UOr, true)
        case (.i64Load16U, .i64Xor, false): (.i64Load16UXor, false)
        case (.i64Load16UAddImm, .i64Xor, false): (.i64Load16UXor, true)
        case (.i64Load32S, .i64Add, false): (.i64Load32SAdd, false)
        case (.i64Load32SAddImm, .i64Add, false): (.i64Load32SAdd, true)
        case (.i64Load32S, .i64Sub, false): (.i64Load32SSub, false)
        case (.i64Load32SAddImm, .i64Sub, false): (.i64Load32SSub, true)
        case (.i64Load32S, .i64Sub, true): (.i64Load32SSubR, false)
        case (.i64Load32SAddImm, .i64Sub, true): (.i64Load32SSubR, true)
        case (.i64Load32S, .i64Mul, false): (.i64Load32SMul, false)
        case (.i64Load32SAddImm, .i64Mul, false): (.i64Load32SMul, true)
        case (.i64Load32S, .i64And, false): (.i64Load32SAnd, false)
        case (.i64Load32SAddImm, .i64And, false): (.i64Load32SAnd, true)
        case (.i64Load32S, .i64Or, false): (.i64Load32SOr, false)
        case (.i64Load32SAddImm, .i64Or, false): (.i64Load32SOr, true)
        case (.i64Load32S, .i64Xor, false): (.i64Load32SXor, false)
        case (.i64Load32SAddImm, .i64Xor, false): (.i64Load32SXor, true)
        case (.i64Load32U, .i64Add, false): (.i64Load32UAdd, false)
        case (.i64Load32UAddImm, .i64Add, false): (.i64Load32UAdd, true)
        case (.i64Load32U, .i64Sub, false): (.i64Load32USub, false)
        case (.i64Load32UAddImm, .i64Sub, false): (.i64Load32USub, true)
        case (.i64Load32U, .i64Sub, true): (.i64Load32USubR, false)
        case (.i64Load32UAddImm, .i64Sub, true): (.i64Load32USubR, true)
        case (.i64Load32U, .i64Mul, false): (.i64Load32UMul, false)
        case (.i64Load32UAddImm, .i64Mul, false): (.i64Load32UMul, true)
        case (.i64Load32U, .i64And, false): (.i64Load32UAnd, false)
        case (.i64Load32UAddImm, .i64And, false): (.i64Load32UAnd, true)
        case (.i64Load32U, .i64Or, false): (.i64Load32UOr, false)
        case (.i64Load32UAddImm, .i64Or, false): (.i64Load32UOr, true)
        case (.i64Load32U, .i64Xor, false): (.i64Load32UXor, false)
        case (.i64Load32UAddImm, .i64Xor, false): (.i64Load32UXor, true)
        case (.f32Load, .f32Add, false): (.f32LoadAdd, false)
        case (.f32LoadAddImm, .f32Add, false): (.f32LoadAdd, true)
        case (.f32Load, .f32Sub, false): (.f32LoadSub, false)
        case (.f32LoadAddImm, .f32Sub, false): (.f32LoadSub, true)
        case (.f32Load, .f32Sub, true): (.f32LoadSubR, false)
        case (.f32LoadAddImm, .f32Sub, true): (.f32LoadSubR, true)
        case (.f32Load, .f32Mul, false): (.f32LoadMul, false)
        case (.f32LoadAddImm, .f32Mul, false): (.f32LoadMul, true)
        case (.f64Load, .f64Add, false): (.f64LoadAdd, false)
        case (.f64LoadAddImm, .f64Add, false): (.f64LoadAdd, true)
        case (.f64Load, .f64Sub, false): (.f64LoadSub, false)
        case (.f64LoadAddImm, .f64Sub, false): (.f64LoadSub, true)
        case (.f64Load, .f64Sub, true): (.f64LoadSubR, false)
        case (.f64LoadAddImm, .f64Sub, true): (.f64LoadSubR, true)
        case (.f64Load, .f64Mul, false): (.f64LoadMul, false)
        case (.f64LoadAddImm, .f64Mul, false): (.f64LoadMul, true)
        default: nil
        }
    }

    /// The operator that stores its result itself, for a binary operator (or its immediate
    /// form) whose result the full-width store of memory 0 `store` writes.
    /// Also says whether `op` is an immediate form (its second operand an immediate at 16).
    static func storingVariant(_ op: Op, _ store: Op) -> (op: Op, immediate: Bool)? {
        switch (op, store) {
        case (.i32Add, .i32Store): (.i32AddStore, false)
        case (.i32AddImm, .i32Store): (.i32AddImmStore, true)
        case (.i32Sub, .i32Store): (.i32SubStore, false)
        case (.i32SubImm, .i32Store): (.i32SubImmStore, true)
        case (.i32Mul, .i32Store): (.i32MulStore, false)
        case (.i32MulImm, .i32Store): (.i32MulImmStore, true)
        case (.i32And, .i32Store): (.i32AndStore, false)
        case (.i32AndImm, .i32Store): (.i32AndImmStore, true)
        case (.i32Or, .i32Store): (.i32OrStore, false)
        case (.i32OrImm, .i32Store): (.i32OrImmStore, true)
        case (.i32Xor, .i32Store): (.i32XorStore, false)
        case (.i32XorImm, .i32Store): (.i32XorImmStore, true)
        case (.i32Shl, .i32Store): (.i32ShlStore, false)
        case (.i32ShlImm, .i32Store): (.i32ShlImmStore, true)
        case (.i32ShrS, .i32Store): (.i32ShrSStore, false)
        case (.i32ShrSImm, .i32Store): (.i32ShrSImmStore, true)
        case (.i32ShrU, .i32Store): (.i32ShrUStore, false)
        case (.i32ShrUImm, .i32Store): (.i32ShrUImmStore, true)
        case (.i64Add, .i64Store): (.i64AddStore, false)
        case (.i64AddImm, .i64Store): (.i64AddImmStore, true)
        case (.i64Sub, .i64Store): (.i64SubStore, false)
        case (.i64SubImm, .i64Store): (.i64SubImmStore, true)
        case (.i64Mul, .i64Store): (.i64MulStore, false)
        case (.i64MulImm, .i64Store): (.i64MulImmStore, true)
        case (.i64And, .i64Store): (.i64AndStore, false)
        case (.i64AndImm, .i64Store): (.i64AndImmStore, true)
        case (.i64Or, .i64Store): (.i64OrStore, false)
        case (.i64OrImm, .i64Store): (.i64OrImmStore, true)
        case (.i64Xor, .i64Store): (.i64XorStore, false)
        case (.i64XorImm, .i64Store): (.i64XorImmStore, true)
        case (.i64Shl, .i64Store): (.i64ShlStore, false)
        case (.i64ShlImm, .i64Store): (.i64ShlImmStore, true)
        case (.i64ShrS, .i64Store): (.i64ShrSStore, false)
        case (.i64ShrSImm, .i64Store): (.i64ShrSImmStore, true)
        case (.i64ShrU, .i64Store): (.i64ShrUStore, false)
        case (.i64ShrUImm, .i64Store): (.i64ShrUImmStore, true)
        case (.f32Add, .f32Store): (.f32AddStore, false)
        case (.f32AddImm, .f32Store): (.f32AddImmStore, true)
        case (.f32Sub, .f32Store): (.f32SubStore, false)
        case (.f32SubImm, .f32Store): (.f32SubImmStore, true)
        case (.f32Mul, .f32Store): (.f32MulStore, false)
        case (.f32MulImm, .f32Store): (.f32MulImmStore, true)
        case (.f32Div, .f32Store): (.f32DivStore, false)
        case (.f32DivImm, .f32Store): (.f32DivImmStore, true)
        case (.f64Add, .f64Store): (.f64AddStore, false)
        case (.f64AddImm, .f64Store): (.f64AddImmStore, true)
        case (.f64Sub, .f64Store): (.f64SubStore, false)
        case (.f64SubImm, .f64Store): (.f64SubImmStore, true)
        case (.f64Mul, .f64Store): (.f64MulStore, false)
        case (.f64MulImm, .f64Store): (.f64MulImmStore, true)
        case (.f64Div, .f64Store): (.f64DivStore, false)
        case (.f64DivImm, .f64Store): (.f64DivImmStore, true)
        default: nil
        }
    }

    /// The load or store of memory 0 at a constant address for a load or store of memory 0.
    static func constantAddressVariant(_ op: Op) -> Op? {
        switch op {
        case .i32Load: .i32LoadConstant
        case .i64Load: .i64LoadConstant
        case .i32Load8S: .i32Load8SConstant
        case .i32Load8U: .i32Load8UConstant
        case .i32Load16S: .i32Load16SConstant
        case .i32Load16U: .i32Load16UConstant
        case .i64Load8S: .i64Load8SConstant
        case .i64Load8U: .i64Load8UConstant
        case .i64Load16S: .i64Load16SConstant
        case .i64Load16U: .i64Load16UConstant
        case .i64Load32S: .i64Load32SConstant
        case .i64Load32U: .i64Load32UConstant
        case .f32Load: .f32LoadConstant
        case .f64Load: .f64LoadConstant
        case .i32Store: .i32StoreConstant
        case .i64Store: .i64StoreConstant
        case .i32Store8: .i32Store8Constant
        case .i32Store16: .i32Store16Constant
        case .i64Store8: .i64Store8Constant
        case .i64Store16: .i64Store16Constant
        case .i64Store32: .i64Store32Constant
        case .f32Store: .f32StoreConstant
        case .f64Store: .f64StoreConstant
        default: nil
        }
    }

    /// The store of a constant for a store of memory 0.
    static func immediateStore(_ op: Op) -> Op? {
        switch op {
        case .i32Store: .i32StoreImm
        case .i64Store: .i64StoreImm
        case .i32Store8: .i32Store8Imm
        case .i32Store16: .i32Store16Imm
        case .i64Store8: .i64Store8Imm
        case .i64Store16: .i64Store16Imm
        case .i64Store32: .i64Store32Imm
        case .f32Store: .f32StoreImm
        case .f64Store: .f64StoreImm
        default: nil
        }
    }

    /// The operator that loads, computes and stores back, for the binary operator `op` (or its
    /// immediate form) between a full-width `load` of memory 0 and a `store` of the same type.
    /// Also says whether `op` is an immediate form (its second operand an immediate at 16).
    static func memoryUpdateVariant(_ load: Op, _ op: Op, _ store: Op) -> (op: Op, immediate: Bool)? {
        switch (load, op, store) {
        case (.i32Load, .i32Add, .i32Store): (.i32AddMemory, false)
        case (.i32Load, .i32AddImm, .i32Store): (.i32AddImmMemory, true)
        case (.i32Load, .i32Sub, .i32Store): (.i32SubMemory, false)
        case (.i32Load, .i32SubImm, .i32Store): (.i32SubImmMemory, true)
        case (.i32Load, .i32Mul, .i32Store): (.i32MulMemory, false)
        case (.i32Load, .i32MulImm, .i32Store): (.i32MulImmMemory, true)
        case (.i32Load, .i32And, .i32Store): (.i32AndMemory, false)
        case (.i32Load, .i32AndImm, .i32Store): (.i32AndImmMemory, true)
        case (.i32Load, .i32Or, .i32Store): (.i32OrMemory, false)
        case (.i32Load, .i32OrImm, .i32Store): (.i32OrImmMemory, true)
        case (.i32Load, .i32Xor, .i32Store): (.i32XorMemory, false)
        case (.i32Load, .i32XorImm, .i32Store): (.i32XorImmMemory, true)
        case (.i64Load, .i64Add, .i64Store): (.i64AddMemory, false)
        case (.i64Load, .i64AddImm, .i64Store): (.i64AddImmMemory, true)
        case (.i64Load, .i64Sub, .i64Store): (.i64SubMemory, false)
        case (.i64Load, .i64SubImm, .i64Store): (.i64SubImmMemory, true)
        case (.i64Load, .i64Mul, .i64Store): (.i64MulMemory, false)
        case (.i64Load, .i64MulImm, .i64Store): (.i64MulImmMemory, true)
        case (.i64Load, .i64And, .i64Store): (.i64AndMemory, false)
        case (.i64Load, .i64AndImm, .i64Store): (.i64AndImmMemory, true)
        case (.i64Load, .i64Or, .i64Store): (.i64OrMemory, false)
        case (.i64Load, .i64OrImm, .i64Store): (.i64OrImmMemory, true)
        case (.i64Load, .i64Xor, .i64Store): (.i64XorMemory, false)
        case (.i64Load, .i64XorImm, .i64Store): (.i64XorImmMemory, true)
        case (.f32Load, .f32Add, .f32Store): (.f32AddMemory, false)
        case (.f32Load, .f32AddImm, .f32Store): (.f32AddImmMemory, true)
        case (.f32Load, .f32Sub, .f32Store): (.f32SubMemory, false)
        case (.f32Load, .f32SubImm, .f32Store): (.f32SubImmMemory, true)
        case (.f32Load, .f32Mul, .f32Store): (.f32MulMemory, false)
        case (.f32Load, .f32MulImm, .f32Store): (.f32MulImmMemory, true)
        case (.f64Load, .f64Add, .f64Store): (.f64AddMemory, false)
        case (.f64Load, .f64AddImm, .f64Store): (.f64AddImmMemory, true)
        case (.f64Load, .f64Sub, .f64Store): (.f64SubMemory, false)
        case (.f64Load, .f64SubImm, .f64Store): (.f64SubImmMemory, true)
        case (.f64Load, .f64Mul, .f64Store): (.f64MulMemory, false)
        case (.f64Load, .f64MulImm, .f64Store): (.f64MulImmMemory, true)
        default: nil
        }
    }

    /// The same, for a load fused into its operator (`<load><Op>`, the load's value first).
    static func memoryUpdateVariant(loading op: Op, _ store: Op) -> Op? {
        switch (op, store) {
        case (.i32LoadAdd, .i32Store): .i32AddMemory
        case (.i32LoadSub, .i32Store): .i32SubMemory
        case (.i32LoadMul, .i32Store): .i32MulMemory
        case (.i32LoadAnd, .i32Store): .i32AndMemory
        case (.i32LoadOr, .i32Store): .i32OrMemory
        case (.i32LoadXor, .i32Store): .i32XorMemory
        case (.i64LoadAdd, .i64Store): .i64AddMemory
        case (.i64LoadSub, .i64Store): .i64SubMemory
        case (.i64LoadMul, .i64Store): .i64MulMemory
        case (.i64LoadAnd, .i64Store): .i64AndMemory
        case (.i64LoadOr, .i64Store): .i64OrMemory
        case (.i64LoadXor, .i64Store): .i64XorMemory
        case (.f32LoadAdd, .f32Store): .f32AddMemory
        case (.f32LoadSub, .f32Store): .f32SubMemory
        case (.f32LoadMul, .f32Store): .f32MulMemory
        case (.f64LoadAdd, .f64Store): .f64AddMemory
        case (.f64LoadSub, .f64Store): .f64SubMemory
        case (.f64LoadMul, .f64Store): .f64MulMemory
        default: nil
        }
    }

    /// The stores of memory 0 at `a + imm` and at `a + b` for a store of memory 0 (of a slot,
    /// or with `constant` of an immediate).
    static func storeAddressVariant(_ op: Op, constant: Bool) -> (addImmediate: Op, indexed: Op)? {
        switch (op, constant) {
        case (.i32Store, false): (.i32StoreAddImm, .i32StoreIndexed)
        case (.i32Store, true): (.i32StoreImmAddImm, .i32StoreImmIndexed)
        case (.i64Store, false): (.i64StoreAddImm, .i64StoreIndexed)
        case (.i64Store, true): (.i64StoreImmAddImm, .i64StoreImmIndexed)
        case (.i32Store8, false): (.i32Store8AddImm, .i32Store8Indexed)
        case (.i32Store8, true): (.i32Store8ImmAddImm, .i32Store8ImmIndexed)
        case (.i32Store16, false): (.i32Store16AddImm, .i32Store16Indexed)
        case (.i32Store16, true): (.i32Store16ImmAddImm, .i32Store16ImmIndexed)
        case (.i64Store8, false): (.i64Store8AddImm, .i64Store8Indexed)
        case (.i64Store8, true): (.i64Store8ImmAddImm, .i64Store8ImmIndexed)
        case (.i64Store16, false): (.i64Store16AddImm, .i64Store16Indexed)
        case (.i64Store16, true): (.i64Store16ImmAddImm, .i64Store16ImmIndexed)
        case (.i64Store32, false): (.i64Store32AddImm, .i64Store32Indexed)
        case (.i64Store32, true): (.i64Store32ImmAddImm, .i64Store32ImmIndexed)
        case (.f32Store, false): (.f32StoreAddImm, .f32StoreIndexed)
        case (.f32Store, true): (.f32StoreImmAddImm, .f32StoreImmIndexed)
        case (.f64Store, false): (.f64StoreAddImm, .f64StoreIndexed)
        case (.f64Store, true): (.f64StoreImmAddImm, .f64StoreImmIndexed)
        default: nil
        }
    }

    /// The record that steps a counter (`i32AddImm`) and then runs the compare-and-branch `op`.
    static func counterBranchVariant(_ op: Op) -> Op? {
        switch op {
        case .brIfI32Eq: .i32AddImmBrIfI32Eq
        case .brIfI32EqImm: .i32AddImmBrIfI32EqImm
        case .brIfI32Ne: .i32AddImmBrIfI32Ne
        case .brIfI32NeImm: .i32AddImmBrIfI32NeImm
        case .brIfI32LtS: .i32AddImmBrIfI32LtS
        case .brIfI32LtSImm: .i32AddImmBrIfI32LtSImm
        case .brIfI32LtU: .i32AddImmBrIfI32LtU
        case .brIfI32LtUImm: .i32AddImmBrIfI32LtUImm
        case .brIfI32GtS: .i32AddImmBrIfI32GtS
        case .brIfI32GtSImm: .i32AddImmBrIfI32GtSImm
        case .brIfI32GtU: .i32AddImmBrIfI32GtU
        case .brIfI32GtUImm: .i32AddImmBrIfI32GtUImm
        case .brIfI32LeS: .i32AddImmBrIfI32LeS
        case .brIfI32LeSImm: .i32AddImmBrIfI32LeSImm
        case .brIfI32LeU: .i32AddImmBrIfI32LeU
        case .brIfI32LeUImm: .i32AddImmBrIfI32LeUImm
        case .brIfI32GeS: .i32AddImmBrIfI32GeS
        case .brIfI32GeSImm: .i32AddImmBrIfI32GeSImm
        case .brIfI32GeU: .i32AddImmBrIfI32GeU
        case .brIfI32GeUImm: .i32AddImmBrIfI32GeUImm
        default: nil
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
