// Conversion instructions (spec "Conversions"), as members of the enum of the *result* type:
// `i32.trunc_f64_u` is `I32Ops.truncF64U`, `f32.convert_i64_s` is `F32Ops.convertI64S`.
//
// Float → integer `trunc` is partial: it traps on NaN ("invalid conversion to integer") and on
// infinities and values whose truncation is out of range ("integer overflow"). The range tests
// below are written with the exact bounds, as open intervals of the *source* type: the largest
// representable value below the target's minimum, and the target's maximum + 1 (a power of two,
// exact in every float type). A NaN fails both comparisons, so it is told apart only on the
// failing path. Swift's own `Int32(_: Float)` checks the same bounds with a trap; behind our
// identical comparisons LLVM removes those checks.
//
// Integer → float `convert` is correctly rounded (ties to even). That is what Swift's
// `Float(_: Int64)` and `Float(_: UInt64)` are: one LLVM `sitofp`/`uitofp`, one rounding.
// (Converting through `Double` first would round twice — `0x0020_0000_2000_0001` would become
// 2^53 instead of 2^53 + 2^30 — so nothing here goes through a wider float.)

extension I32Ops {
    /// `i32.wrap_i64`: the low 32 bits.
    @inlinable @inline(__always)
    static func wrapI64(_ x: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: x) }

    /// `i32.trunc_f32_s`: valid iff -2147483904 < x < 2147483648 (the float below -2^31 is
    /// -2^31 - 256).
    /// - Throws: `.invalidConversionToInteger` for NaN, `.integerOverflow` out of range.
    @inlinable @inline(__always)
    static func truncF32S(_ x: Float) throws(NumericTrap) -> UInt32 {
        guard x > -2147483904.0 && x < 2147483648.0 else {
            throw x.isNaN ? .invalidConversionToInteger : .integerOverflow
        }
        return UInt32(bitPattern: Int32(x))
    }

    /// `i32.trunc_f32_u`: valid iff -1 < x < 2^32 (so -0.9 truncates to 0).
    /// - Throws: `.invalidConversionToInteger` for NaN, `.integerOverflow` out of range.
    @inlinable @inline(__always)
    static func truncF32U(_ x: Float) throws(NumericTrap) -> UInt32 {
        guard x > -1.0 && x < 4294967296.0 else {
            throw x.isNaN ? .invalidConversionToInteger : .integerOverflow
        }
        return UInt32(x)
    }

    /// `i32.trunc_f64_s`: valid iff -2147483649 < x < 2147483648.
    /// - Throws: `.invalidConversionToInteger` for NaN, `.integerOverflow` out of range.
    @inlinable @inline(__always)
    static func truncF64S(_ x: Double) throws(NumericTrap) -> UInt32 {
        guard x > -2147483649.0 && x < 2147483648.0 else {
            throw x.isNaN ? .invalidConversionToInteger : .integerOverflow
        }
        return UInt32(bitPattern: Int32(x))
    }

    /// `i32.trunc_f64_u`: valid iff -1 < x < 2^32.
    /// - Throws: `.invalidConversionToInteger` for NaN, `.integerOverflow` out of range.
    @inlinable @inline(__always)
    static func truncF64U(_ x: Double) throws(NumericTrap) -> UInt32 {
        guard x > -1.0 && x < 4294967296.0 else {
            throw x.isNaN ? .invalidConversionToInteger : .integerOverflow
        }
        return UInt32(x)
    }

    /// `i32.trunc_sat_f32_s`: like `trunc_f32_s`, but NaN gives 0 and out-of-range values
    /// saturate to `Int32.min` / `Int32.max`.
    @inlinable @inline(__always)
    static func truncSatF32S(_ x: Float) -> UInt32 {
        if x > -2147483904.0 && x < 2147483648.0 { return UInt32(bitPattern: Int32(x)) }
        if x.isNaN { return 0 }
        return UInt32(bitPattern: x < 0 ? Int32.min : Int32.max)
    }

    /// `i32.trunc_sat_f32_u`: NaN and values ≤ -1 give 0, values ≥ 2^32 give `UInt32.max`.
    @inlinable @inline(__always)
    static func truncSatF32U(_ x: Float) -> UInt32 {
        if x > -1.0 && x < 4294967296.0 { return UInt32(x) }
        return x > 0 ? UInt32.max : 0  // false for NaN
    }

    /// `i32.trunc_sat_f64_s`: NaN gives 0; out-of-range values saturate.
    @inlinable @inline(__always)
    static func truncSatF64S(_ x: Double) -> UInt32 {
        if x > -2147483649.0 && x < 2147483648.0 { return UInt32(bitPattern: Int32(x)) }
        if x.isNaN { return 0 }
        return UInt32(bitPattern: x < 0 ? Int32.min : Int32.max)
    }

    /// `i32.trunc_sat_f64_u`: NaN and values ≤ -1 give 0, values ≥ 2^32 give `UInt32.max`.
    @inlinable @inline(__always)
    static func truncSatF64U(_ x: Double) -> UInt32 {
        if x > -1.0 && x < 4294967296.0 { return UInt32(x) }
        return x > 0 ? UInt32.max : 0
    }

    /// `i32.reinterpret_f32`: the float's bits, unchanged (NaN payloads included).
    @inlinable @inline(__always)
    static func reinterpretF32(_ x: Float) -> UInt32 { x.bitPattern }
}

extension I64Ops {
    /// `i64.extend_i32_s`: sign extension.
    @inlinable @inline(__always)
    static func extendI32S(_ x: UInt32) -> UInt64 { UInt64(bitPattern: Int64(Int32(bitPattern: x))) }

    /// `i64.extend_i32_u`: zero extension.
    @inlinable @inline(__always)
    static func extendI32U(_ x: UInt32) -> UInt64 { UInt64(x) }

    /// `i64.trunc_f32_s`: valid iff -9223373136366403584 < x < 2^63 (the float below -2^63 is
    /// -2^63 - 2^40).
    /// - Throws: `.invalidConversionToInteger` for NaN, `.integerOverflow` out of range.
    @inlinable @inline(__always)
    static func truncF32S(_ x: Float) throws(NumericTrap) -> UInt64 {
        guard x > -9223373136366403584.0 && x < 9223372036854775808.0 else {
            throw x.isNaN ? .invalidConversionToInteger : .integerOverflow
        }
        return UInt64(bitPattern: Int64(x))
    }

    /// `i64.trunc_f32_u`: valid iff -1 < x < 2^64.
    /// - Throws: `.invalidConversionToInteger` for NaN, `.integerOverflow` out of range.
    @inlinable @inline(__always)
    static func truncF32U(_ x: Float) throws(NumericTrap) -> UInt64 {
        guard x > -1.0 && x < 18446744073709551616.0 else {
            throw x.isNaN ? .invalidConversionToInteger : .integerOverflow
        }
        return UInt64(x)
    }

    /// `i64.trunc_f64_s`: valid iff -9223372036854777856 < x < 2^63 (the double below -2^63 is
    /// -2^63 - 2^11).
    /// - Throws: `.invalidConversionToInteger` for NaN, `.integerOverflow` out of range.
    @inlinable @inline(__always)
    static func truncF64S(_ x: Double) throws(NumericTrap) -> UInt64 {
        guard x > -9223372036854777856.0 && x < 9223372036854775808.0 else {
            throw x.isNaN ? .invalidConversionToInteger : .integerOverflow
        }
        return UInt64(bitPattern: Int64(x))
    }

    /// `i64.trunc_f64_u`: valid iff -1 < x < 2^64.
    /// - Throws: `.invalidConversionToInteger` for NaN, `.integerOverflow` out of range.
    @inlinable @inline(__always)
    static func truncF64U(_ x: Double) throws(NumericTrap) -> UInt64 {
        guard x > -1.0 && x < 18446744073709551616.0 else {
            throw x.isNaN ? .invalidConversionToInteger : .integerOverflow
        }
        return UInt64(x)
    }

    /// `i64.trunc_sat_f32_s`: NaN gives 0; out-of-range values saturate to `Int64.min` / `.max`.
    @inlinable @inline(__always)
    static func truncSatF32S(_ x: Float) -> UInt64 {
        if x > -9223373136366403584.0 && x < 9223372036854775808.0 { return UInt64(bitPattern: Int64(x)) }
        if x.isNaN { return 0 }
        return UInt64(bitPattern: x < 0 ? Int64.min : Int64.max)
    }

    /// `i64.trunc_sat_f32_u`: NaN and values ≤ -1 give 0, values ≥ 2^64 give `UInt64.max`.
    @inlinable @inline(__always)
    static func truncSatF32U(_ x: Float) -> UInt64 {
        if x > -1.0 && x < 18446744073709551616.0 { return UInt64(x) }
        return x > 0 ? UInt64.max : 0
    }

    /// `i64.trunc_sat_f64_s`: NaN gives 0; out-of-range values saturate to `Int64.min` / `.max`.
    @inlinable @inline(__always)
    static func truncSatF64S(_ x: Double) -> UInt64 {
        if x > -9223372036854777856.0 && x < 9223372036854775808.0 { return UInt64(bitPattern: Int64(x)) }
        if x.isNaN { return 0 }
        return UInt64(bitPattern: x < 0 ? Int64.min : Int64.max)
    }

    /// `i64.trunc_sat_f64_u`: NaN and values ≤ -1 give 0, values ≥ 2^64 give `UInt64.max`.
    @inlinable @inline(__always)
    static func truncSatF64U(_ x: Double) -> UInt64 {
        if x > -1.0 && x < 18446744073709551616.0 { return UInt64(x) }
        return x > 0 ? UInt64.max : 0
    }

    /// `i64.reinterpret_f64`: the double's bits, unchanged (NaN payloads included).
    @inlinable @inline(__always)
    static func reinterpretF64(_ x: Double) -> UInt64 { x.bitPattern }
}

extension F32Ops {
    /// `f32.convert_i32_s`, correctly rounded.
    @inlinable @inline(__always)
    static func convertI32S(_ x: UInt32) -> Float { Float(Int32(bitPattern: x)) }

    /// `f32.convert_i32_u`, correctly rounded.
    @inlinable @inline(__always)
    static func convertI32U(_ x: UInt32) -> Float { Float(x) }

    /// `f32.convert_i64_s`, correctly rounded in one step (never through `Double`).
    @inlinable @inline(__always)
    static func convertI64S(_ x: UInt64) -> Float { Float(Int64(bitPattern: x)) }

    /// `f32.convert_i64_u`, correctly rounded in one step (never through `Double`). Values with
    /// the top bit set are converted by LLVM as `(x >> 1 | x & 1) * 2`, whose sticky low bit
    /// keeps the single rounding exact.
    @inlinable @inline(__always)
    static func convertI64U(_ x: UInt64) -> Float { Float(x) }

    /// `f32.demote_f64`: correctly rounded (overflow to ±∞); a NaN gives a NaN: canonical for a
    /// canonical operand, else arithmetic (the payload's high bits kept, quieted).
    @inlinable @inline(__always)
    static func demoteF64(_ x: Double) -> Float { Float(x) }

    /// `f32.reinterpret_i32`: these bits as a float, unchanged (NaN payloads included).
    @inlinable @inline(__always)
    static func reinterpretI32(_ x: UInt32) -> Float { Float(bitPattern: x) }
}

extension F64Ops {
    /// `f64.convert_i32_s` (exact).
    @inlinable @inline(__always)
    static func convertI32S(_ x: UInt32) -> Double { Double(Int32(bitPattern: x)) }

    /// `f64.convert_i32_u` (exact).
    @inlinable @inline(__always)
    static func convertI32U(_ x: UInt32) -> Double { Double(x) }

    /// `f64.convert_i64_s`, correctly rounded.
    @inlinable @inline(__always)
    static func convertI64S(_ x: UInt64) -> Double { Double(Int64(bitPattern: x)) }

    /// `f64.convert_i64_u`, correctly rounded.
    @inlinable @inline(__always)
    static func convertI64U(_ x: UInt64) -> Double { Double(x) }

    /// `f64.promote_f32` (exact); a NaN gives a NaN: canonical for a canonical operand, else
    /// arithmetic (payload kept in the high bits, quieted).
    @inlinable @inline(__always)
    static func promoteF32(_ x: Float) -> Double { Double(x) }

    /// `f64.reinterpret_i64`: these bits as a double, unchanged (NaN payloads included).
    @inlinable @inline(__always)
    static func reinterpretI64(_ x: UInt64) -> Double { Double(bitPattern: x) }
}
