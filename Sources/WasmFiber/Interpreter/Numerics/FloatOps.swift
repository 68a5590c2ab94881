// Floating-point instructions (spec "Floating-Point Operations"): see NumericTrap.swift for
// the conventions.

import CInterpreter

/// The `f32` instructions (spec "Floating-Point Operations"), IEEE 754 binary32 with
/// round-to-nearest-even.
///
/// NaN results follow the spec's NaN propagation: a canonical NaN when every NaN input is
/// canonical (or there is none), else an arithmetic NaN (quiet bit set). The hardware
/// operations (SSE on x86_64, and aarch64 with default-NaN mode off, as Linux and macOS
/// run) give exactly that: a NaN input comes out quieted with its payload, and an invalid
/// operation yields the default NaN, which is canonical. `abs`, `neg` and `copysign` are not
/// arithmetic: they change the sign bit only, never the payload.
@usableFromInline
enum F32Ops {
    /// The sign bit.
    @inlinable @inline(__always)
    static var signBit: UInt32 { 0x8000_0000 }

    // MARK: Sign operations (fabs, fneg, fcopysign: bit operations, no NaN rules)

    /// `f32.abs`: clears the sign bit (of a NaN too, keeping its payload).
    @inlinable @inline(__always)
    static func abs(_ x: Float) -> Float { Float(bitPattern: x.bitPattern & ~signBit) }

    /// `f32.neg`: flips the sign bit (of a NaN too, keeping its payload).
    @inlinable @inline(__always)
    static func neg(_ x: Float) -> Float { Float(bitPattern: x.bitPattern ^ signBit) }

    /// `f32.copysign`: `x`'s magnitude bits with `y`'s sign bit (NaNs included, either side).
    @inlinable @inline(__always)
    static func copysign(_ x: Float, _ y: Float) -> Float {
        Float(bitPattern: (x.bitPattern & ~signBit) | (y.bitPattern & signBit))
    }

    // MARK: Rounding to integral values (fceil, ffloor, ftrunc, fnearest) and fsqrt

    // Zeros, infinities and NaNs pass through (NaNs quieted, payload kept); a result that
    // rounds to zero keeps the operand's sign (`ceil(-0.5)` is -0), as IEEE's roundToIntegral
    // operations do. On baseline x86_64 (no SSE4.1 `round`) these are libm calls; `nearest`
    // becomes `rint`, which rounds in the current mode — always the default, ties-to-even, since
    // nothing in the runtime changes it.

    /// `f32.ceil`: round toward +∞.
    @inlinable @inline(__always)
    static func ceil(_ x: Float) -> Float { x.rounded(.up) }

    /// `f32.floor`: round toward -∞.
    @inlinable @inline(__always)
    static func floor(_ x: Float) -> Float { x.rounded(.down) }

    /// `f32.trunc`: round toward zero.
    @inlinable @inline(__always)
    static func trunc(_ x: Float) -> Float { x.rounded(.towardZero) }

    /// `f32.nearest`: round to the nearest integral value, ties to even (`nearest(2.5)` is 2,
    /// `nearest(-0.5)` is -0).
    @inlinable @inline(__always)
    static func nearest(_ x: Float) -> Float { x.rounded(.toNearestOrEven) }

    /// `f32.sqrt`, correctly rounded; NaN for negative operands other than -0 (`sqrt(-0)` is -0).
    @inlinable @inline(__always)
    static func sqrt(_ x: Float) -> Float { wf_sqrt_f32(x) }

    // MARK: Arithmetic (fadd, fsub, fmul, fdiv)

    /// `f32.add`, correctly rounded.
    @inlinable @inline(__always)
    static func add(_ x: Float, _ y: Float) -> Float { x + y }

    /// `f32.sub`, correctly rounded.
    @inlinable @inline(__always)
    static func sub(_ x: Float, _ y: Float) -> Float { x - y }

    /// `f32.mul`, correctly rounded.
    @inlinable @inline(__always)
    static func mul(_ x: Float, _ y: Float) -> Float { x * y }

    /// `f32.div`, correctly rounded.
    @inlinable @inline(__always)
    static func div(_ x: Float, _ y: Float) -> Float { x / y }

    // MARK: fmin, fmax

    // Not Swift's `minimum`/`maximum`/`min`, nor IEEE 754-2008 minNum: WebAssembly's min and max
    // return a NaN if *either* operand is a NaN, and order -0 below +0. For equal operands the
    // sign bits are combined (or: -0 wins for min; and: +0 wins for max); equal non-zero operands
    // have identical bits, so that changes nothing else.

    /// `f32.min`: the smaller operand; NaN if either is NaN; `min(-0, +0)` is -0.
    @inlinable @inline(__always)
    static func min(_ x: Float, _ y: Float) -> Float {
        if x < y { return x }
        if y < x { return y }
        if x == y { return Float(bitPattern: x.bitPattern | y.bitPattern) }
        return x + y  // a NaN operand: an arithmetic operation propagates it by the NaN rules
    }

    /// `f32.max`: the larger operand; NaN if either is NaN; `max(-0, +0)` is +0.
    @inlinable @inline(__always)
    static func max(_ x: Float, _ y: Float) -> Float {
        if x > y { return x }
        if y > x { return y }
        if x == y { return Float(bitPattern: x.bitPattern & y.bitPattern) }
        return x + y  // a NaN operand
    }

    // MARK: Comparisons (feq, fne, flt, fgt, fle, fge: IEEE, so false with a NaN except ne)

    /// `f32.eq`: equal (`-0 == +0`; false if either is NaN).
    @inlinable @inline(__always)
    static func eq(_ x: Float, _ y: Float) -> Bool { x == y }

    /// `f32.ne`: not equal (true if either is NaN).
    @inlinable @inline(__always)
    static func ne(_ x: Float, _ y: Float) -> Bool { x != y }

    /// `f32.lt`: less than.
    @inlinable @inline(__always)
    static func lt(_ x: Float, _ y: Float) -> Bool { x < y }

    /// `f32.gt`: greater than.
    @inlinable @inline(__always)
    static func gt(_ x: Float, _ y: Float) -> Bool { x > y }

    /// `f32.le`: less than or equal.
    @inlinable @inline(__always)
    static func le(_ x: Float, _ y: Float) -> Bool { x <= y }

    /// `f32.ge`: greater than or equal.
    @inlinable @inline(__always)
    static func ge(_ x: Float, _ y: Float) -> Bool { x >= y }
}

/// The `f64` instructions (spec "Floating-Point Operations"), IEEE 754 binary64 with
/// round-to-nearest-even.
///
/// NaN results follow the spec's NaN propagation: a canonical NaN when every NaN input is
/// canonical (or there is none), else an arithmetic NaN (quiet bit set). The hardware
/// operations (SSE on x86_64, and aarch64 with default-NaN mode off, as Linux and macOS
/// run) give exactly that: a NaN input comes out quieted with its payload, and an invalid
/// operation yields the default NaN, which is canonical. `abs`, `neg` and `copysign` are not
/// arithmetic: they change the sign bit only, never the payload.
@usableFromInline
enum F64Ops {
    /// The sign bit.
    @inlinable @inline(__always)
    static var signBit: UInt64 { 0x8000_0000_0000_0000 }

    // MARK: Sign operations (fabs, fneg, fcopysign: bit operations, no NaN rules)

    /// `f64.abs`: clears the sign bit (of a NaN too, keeping its payload).
    @inlinable @inline(__always)
    static func abs(_ x: Double) -> Double { Double(bitPattern: x.bitPattern & ~signBit) }

    /// `f64.neg`: flips the sign bit (of a NaN too, keeping its payload).
    @inlinable @inline(__always)
    static func neg(_ x: Double) -> Double { Double(bitPattern: x.bitPattern ^ signBit) }

    /// `f64.copysign`: `x`'s magnitude bits with `y`'s sign bit (NaNs included, either side).
    @inlinable @inline(__always)
    static func copysign(_ x: Double, _ y: Double) -> Double {
        Double(bitPattern: (x.bitPattern & ~signBit) | (y.bitPattern & signBit))
    }

    // MARK: Rounding to integral values (fceil, ffloor, ftrunc, fnearest) and fsqrt

    // Zeros, infinities and NaNs pass through (NaNs quieted, payload kept); a result that
    // rounds to zero keeps the operand's sign (`ceil(-0.5)` is -0), as IEEE's roundToIntegral
    // operations do. On baseline x86_64 (no SSE4.1 `round`) these are libm calls; `nearest`
    // becomes `rint`, which rounds in the current mode — always the default, ties-to-even, since
    // nothing in the runtime changes it.

    /// `f64.ceil`: round toward +∞.
    @inlinable @inline(__always)
    static func ceil(_ x: Double) -> Double { x.rounded(.up) }

    /// `f64.floor`: round toward -∞.
    @inlinable @inline(__always)
    static func floor(_ x: Double) -> Double { x.rounded(.down) }

    /// `f64.trunc`: round toward zero.
    @inlinable @inline(__always)
    static func trunc(_ x: Double) -> Double { x.rounded(.towardZero) }

    /// `f64.nearest`: round to the nearest integral value, ties to even (`nearest(2.5)` is 2,
    /// `nearest(-0.5)` is -0).
    @inlinable @inline(__always)
    static func nearest(_ x: Double) -> Double { x.rounded(.toNearestOrEven) }

    /// `f64.sqrt`, correctly rounded; NaN for negative operands other than -0 (`sqrt(-0)` is -0).
    @inlinable @inline(__always)
    static func sqrt(_ x: Double) -> Double { wf_sqrt_f64(x) }

    // MARK: Arithmetic (fadd, fsub, fmul, fdiv)

    /// `f64.add`, correctly rounded.
    @inlinable @inline(__always)
    static func add(_ x: Double, _ y: Double) -> Double { x + y }

    /// `f64.sub`, correctly rounded.
    @inlinable @inline(__always)
    static func sub(_ x: Double, _ y: Double) -> Double { x - y }

    /// `f64.mul`, correctly rounded.
    @inlinable @inline(__always)
    static func mul(_ x: Double, _ y: Double) -> Double { x * y }

    /// `f64.div`, correctly rounded.
    @inlinable @inline(__always)
    static func div(_ x: Double, _ y: Double) -> Double { x / y }

    // MARK: fmin, fmax

    // Not Swift's `minimum`/`maximum`/`min`, nor IEEE 754-2008 minNum: WebAssembly's min and max
    // return a NaN if *either* operand is a NaN, and order -0 below +0. For equal operands the
    // sign bits are combined (or: -0 wins for min; and: +0 wins for max); equal non-zero operands
    // have identical bits, so that changes nothing else.

    /// `f64.min`: the smaller operand; NaN if either is NaN; `min(-0, +0)` is -0.
    @inlinable @inline(__always)
    static func min(_ x: Double, _ y: Double) -> Double {
        if x < y { return x }
        if y < x { return y }
        if x == y { return Double(bitPattern: x.bitPattern | y.bitPattern) }
        return x + y  // a NaN operand: an arithmetic operation propagates it by the NaN rules
    }

    /// `f64.max`: the larger operand; NaN if either is NaN; `max(-0, +0)` is +0.
    @inlinable @inline(__always)
    static func max(_ x: Double, _ y: Double) -> Double {
        if x > y { return x }
        if y > x { return y }
        if x == y { return Double(bitPattern: x.bitPattern & y.bitPattern) }
        return x + y  // a NaN operand
    }

    // MARK: Comparisons (feq, fne, flt, fgt, fle, fge: IEEE, so false with a NaN except ne)

    /// `f64.eq`: equal (`-0 == +0`; false if either is NaN).
    @inlinable @inline(__always)
    static func eq(_ x: Double, _ y: Double) -> Bool { x == y }

    /// `f64.ne`: not equal (true if either is NaN).
    @inlinable @inline(__always)
    static func ne(_ x: Double, _ y: Double) -> Bool { x != y }

    /// `f64.lt`: less than.
    @inlinable @inline(__always)
    static func lt(_ x: Double, _ y: Double) -> Bool { x < y }

    /// `f64.gt`: greater than.
    @inlinable @inline(__always)
    static func gt(_ x: Double, _ y: Double) -> Bool { x > y }

    /// `f64.le`: less than or equal.
    @inlinable @inline(__always)
    static func le(_ x: Double, _ y: Double) -> Bool { x <= y }

    /// `f64.ge`: greater than or equal.
    @inlinable @inline(__always)
    static func ge(_ x: Double, _ y: Double) -> Bool { x >= y }
}
