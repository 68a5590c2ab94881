import Testing

#if canImport(WasmFiber)
@testable import WasmFiber
#else
@testable import Numerics
#endif

/// Floating-point instructions (spec "Floating-Point Operations"), checked on bit patterns.
struct FloatNumericsTests {
    private static func f32(_ bits: UInt32) -> Float { Float(bitPattern: bits) }
    private static func f64(_ bits: UInt64) -> Double { Double(bitPattern: bits) }
    /// Canonical NaN of either sign: quiet bit only.
    private static func isCanonical(_ x: Float) -> Bool { x.bitPattern & 0x7FFF_FFFF == 0x7FC0_0000 }
    private static func isCanonical(_ x: Double) -> Bool { x.bitPattern & 0x7FFF_FFFF_FFFF_FFFF == 0x7FF8_0000_0000_0000 }
    /// Arithmetic NaN: the quiet bit set, any payload.
    private static func isArithmetic(_ x: Float) -> Bool { x.bitPattern & 0x7FC0_0000 == 0x7FC0_0000 }
    private static func isArithmetic(_ x: Double) -> Bool { x.bitPattern & 0x7FF8_0000_0000_0000 == 0x7FF8_0000_0000_0000 }

    static let signallingNaN32: UInt32 = 0x7FA0_0001
    static let signallingNaN64: UInt64 = 0x7FF4_0000_0000_0001
    static let canonicalNaN32: UInt32 = 0x7FC0_0000
    static let canonicalNaN64: UInt64 = 0x7FF8_0000_0000_0000

    @Test func minOfZerosIsNegativeZero() {
        #expect(F32Ops.min(0.0, -0.0).bitPattern == 0x8000_0000)
        #expect(F32Ops.min(-0.0, 0.0).bitPattern == 0x8000_0000)
        #expect(F64Ops.min(0.0, -0.0).bitPattern == 0x8000_0000_0000_0000)
        #expect(F64Ops.min(-0.0, 0.0).bitPattern == 0x8000_0000_0000_0000)
        #expect(F32Ops.min(0.0, 0.0).bitPattern == 0)
    }

    @Test func maxOfZerosIsPositiveZero() {
        #expect(F32Ops.max(0.0, -0.0).bitPattern == 0)
        #expect(F32Ops.max(-0.0, 0.0).bitPattern == 0)
        #expect(F64Ops.max(0.0, -0.0).bitPattern == 0)
        #expect(F64Ops.max(-0.0, 0.0).bitPattern == 0)
        #expect(F64Ops.max(-0.0, -0.0).bitPattern == 0x8000_0000_0000_0000)
    }

    @Test func minAndMaxOfOrdinaryValues() {
        #expect(F32Ops.min(1, 2) == 1 && F32Ops.max(1, 2) == 2)
        #expect(F32Ops.min(-.infinity, 5) == -.infinity && F32Ops.max(.infinity, -5) == .infinity)
        #expect(F64Ops.min(-1.5, 3) == -1.5 && F64Ops.max(-1.5, 3) == 3)
    }

    @Test func minAndMaxReturnNaNIfEitherIsNaN() {
        for (x, y) in [(Self.f32(Self.canonicalNaN32), Float(1)), (Float(1), Self.f32(Self.canonicalNaN32))] {
            #expect(Self.isCanonical(F32Ops.min(x, y)))
            #expect(Self.isCanonical(F32Ops.max(x, y)))
        }
        // Not IEEE minNum, which would return the number.
        #expect(Self.isArithmetic(F32Ops.min(Self.f32(Self.signallingNaN32), -.infinity)))
        #expect(Self.isArithmetic(F32Ops.max(.infinity, Self.f32(Self.signallingNaN32))))
        #expect(Self.isArithmetic(F64Ops.min(Self.f64(Self.signallingNaN64), 0)))
        #expect(Self.isArithmetic(F64Ops.max(0, Self.f64(Self.signallingNaN64))))
        #expect(Self.isCanonical(F64Ops.min(Self.f64(Self.canonicalNaN64), -0.0)))
    }

    @Test func nearestRoundsHalfToEven() {
        let cases32: [(Float, Float)] = [(0.5, 0), (1.5, 2), (2.5, 2), (3.5, 4), (-2.5, -2), (-3.5, -4), (2.4999998, 2), (8388609, 8388609)]
        for (x, expected) in cases32 { #expect(F32Ops.nearest(x) == expected, "nearest(\(x))") }
        let cases64: [(Double, Double)] = [(0.5, 0), (1.5, 2), (2.5, 2), (-4.5, -4), (4503599627370497, 4503599627370497)]
        for (x, expected) in cases64 { #expect(F64Ops.nearest(x) == expected, "nearest(\(x))") }
        #expect(F32Ops.nearest(-0.5).bitPattern == 0x8000_0000)
        #expect(F64Ops.nearest(-0.5).bitPattern == 0x8000_0000_0000_0000)
        #expect(F64Ops.nearest(0.5).bitPattern == 0)
    }

    @Test func roundingToIntegralKeepsTheSignOfZero() {
        #expect(F32Ops.ceil(-0.5).bitPattern == 0x8000_0000)
        #expect(F32Ops.floor(0.5).bitPattern == 0)
        #expect(F32Ops.trunc(-0.9).bitPattern == 0x8000_0000)
        #expect(F64Ops.ceil(-0.5).bitPattern == 0x8000_0000_0000_0000)
        #expect(F64Ops.floor(-0.0).bitPattern == 0x8000_0000_0000_0000)
        #expect(F64Ops.trunc(0.9).bitPattern == 0)
        #expect(F32Ops.ceil(1.1) == 2 && F32Ops.floor(-1.1) == -2 && F32Ops.trunc(-1.9) == -1)
        #expect(F64Ops.ceil(-1.9) == -1 && F64Ops.floor(1.9) == 1 && F64Ops.trunc(1.9) == 1)
        #expect(F64Ops.floor(-.infinity) == -.infinity && F32Ops.ceil(.infinity) == .infinity)
    }

    @Test func roundingANaNGivesAnArithmeticNaN() {
        for op in [F32Ops.ceil, F32Ops.floor, F32Ops.trunc, F32Ops.nearest, F32Ops.sqrt] {
            #expect(Self.isArithmetic(op(Self.f32(Self.signallingNaN32))))
            #expect(Self.isCanonical(op(Self.f32(Self.canonicalNaN32))))
        }
        for op in [F64Ops.ceil, F64Ops.floor, F64Ops.trunc, F64Ops.nearest, F64Ops.sqrt] {
            #expect(Self.isArithmetic(op(Self.f64(Self.signallingNaN64))))
            #expect(Self.isCanonical(op(Self.f64(Self.canonicalNaN64))))
        }
    }

    @Test func copysignKeepsNaNPayload() {
        #expect(F32Ops.copysign(Self.f32(Self.signallingNaN32), -1).bitPattern == 0xFFA0_0001)
        #expect(F32Ops.copysign(Self.f32(0xFFA0_0001), 1).bitPattern == Self.signallingNaN32)
        #expect(F64Ops.copysign(Self.f64(Self.signallingNaN64), -0.0).bitPattern == 0xFFF4_0000_0000_0001)
        // The sign comes from a NaN's sign bit too.
        #expect(F32Ops.copysign(2, Self.f32(0xFFC0_0000)) == -2)
        #expect(F64Ops.copysign(-2, Self.f64(Self.canonicalNaN64)) == 2)
    }

    @Test func absAndNegAreSignBitOperations() {
        #expect(F32Ops.abs(Self.f32(0xFFA0_0001)).bitPattern == Self.signallingNaN32)
        #expect(F32Ops.neg(Self.f32(Self.signallingNaN32)).bitPattern == 0xFFA0_0001)
        #expect(F64Ops.abs(Self.f64(0xFFF4_0000_0000_0001)).bitPattern == Self.signallingNaN64)
        #expect(F64Ops.neg(Self.f64(Self.signallingNaN64)).bitPattern == 0xFFF4_0000_0000_0001)
        #expect(F32Ops.neg(0).bitPattern == 0x8000_0000 && F32Ops.abs(-0.0).bitPattern == 0)
        #expect(F64Ops.neg(-0.0).bitPattern == 0 && F64Ops.abs(-.infinity) == .infinity)
    }

    @Test func arithmeticFollowsNaNPropagation() {
        // No NaN input: canonical.
        #expect(Self.isCanonical(F32Ops.sub(.infinity, .infinity)))
        #expect(Self.isCanonical(F32Ops.mul(0, .infinity)))
        #expect(Self.isCanonical(F64Ops.div(0, 0)))
        #expect(Self.isCanonical(F64Ops.add(-.infinity, .infinity)))
        #expect(Self.isCanonical(F32Ops.sqrt(-1)))
        // Canonical inputs only: canonical; otherwise arithmetic.
        #expect(Self.isCanonical(F32Ops.add(Self.f32(Self.canonicalNaN32), 1)))
        #expect(Self.isCanonical(F64Ops.mul(2, Self.f64(0xFFF8_0000_0000_0000))))
        #expect(Self.isArithmetic(F32Ops.div(1, Self.f32(Self.signallingNaN32))))
        #expect(Self.isArithmetic(F64Ops.sub(Self.f64(Self.signallingNaN64), 1)))
        #expect(Self.isArithmetic(F32Ops.add(Self.f32(0x7FC0_1234), Self.f32(Self.canonicalNaN32))))
    }

    @Test func arithmeticIsCorrectlyRoundedWithSignedZeros() {
        #expect(F32Ops.add(-0.0, 0.0).bitPattern == 0)
        #expect(F32Ops.add(-0.0, -0.0).bitPattern == 0x8000_0000)
        #expect(F64Ops.sub(0.0, 0.0).bitPattern == 0)
        #expect(F64Ops.mul(-0.0, 5).bitPattern == 0x8000_0000_0000_0000)
        #expect(F32Ops.div(1, -0.0) == -.infinity)
        #expect(F64Ops.sqrt(-0.0).bitPattern == 0x8000_0000_0000_0000)
        #expect(F64Ops.add(0.1, 0.2) == 0.30000000000000004)
        #expect(F32Ops.add(16777216, 1) == 16777216)  // the tie rounds to even
        #expect(F32Ops.add(16777218, 1) == 16777220)
    }

    @Test func comparisonsAreIEEE() {
        let nan32 = Self.f32(Self.canonicalNaN32), nan64 = Self.f64(Self.canonicalNaN64)
        #expect(F32Ops.eq(0.0, -0.0) && !F32Ops.ne(0.0, -0.0) && F32Ops.le(-0.0, 0.0) && !F32Ops.lt(-0.0, 0.0))
        #expect(!F32Ops.eq(nan32, nan32) && F32Ops.ne(nan32, nan32))
        #expect(!F32Ops.lt(nan32, 1) && !F32Ops.gt(nan32, 1) && !F32Ops.le(1, nan32) && !F32Ops.ge(1, nan32))
        #expect(F64Ops.eq(-0.0, 0.0) && F64Ops.ge(0.0, -0.0) && !F64Ops.gt(0.0, -0.0))
        #expect(!F64Ops.eq(nan64, 1) && F64Ops.ne(1, nan64) && !F64Ops.le(nan64, nan64) && !F64Ops.ge(nan64, nan64))
        #expect(F64Ops.lt(-.infinity, -Double.greatestFiniteMagnitude) && F32Ops.gt(.infinity, .greatestFiniteMagnitude))
    }
}
