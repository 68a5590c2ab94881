import Testing

#if canImport(WasmFiber)
@testable import WasmFiber
#else
@testable import Numerics
#endif

/// Conversion instructions (spec "Conversions"): trapping and saturating truncation, correctly
/// rounded integer → float conversion, demotion, promotion and reinterpretation.
struct NumericConversionsTests {
    private static func f32(_ bits: UInt32) -> Float { Float(bitPattern: bits) }
    private static func f64(_ bits: UInt64) -> Double { Double(bitPattern: bits) }

    /// One trapping truncation's boundary: the exclusive bound traps with overflow, the float
    /// just inside it converts to `inside`.
    struct Boundary: Sendable, CustomTestStringConvertible {
        var name: String
        var convert: @Sendable (Double) throws(NumericTrap) -> UInt64
        /// The exclusive bound, as a `Double` (exactly the source type's value).
        var bound: Double
        /// The next source-type value inside the range.
        var inside: Double
        var expected: UInt64
        var testDescription: String { "\(name) \(bound)" }
    }

    static let boundaries: [Boundary] = {
        typealias Convert = @Sendable (Double) throws(NumericTrap) -> UInt64
        let i32F32S: Convert = { x throws(NumericTrap) in UInt64(try I32Ops.truncF32S(Float(x))) }
        let i32F32U: Convert = { x throws(NumericTrap) in UInt64(try I32Ops.truncF32U(Float(x))) }
        let i32F64S: Convert = { x throws(NumericTrap) in UInt64(try I32Ops.truncF64S(x)) }
        let i32F64U: Convert = { x throws(NumericTrap) in UInt64(try I32Ops.truncF64U(x)) }
        let i64F32S: Convert = { x throws(NumericTrap) in try I64Ops.truncF32S(Float(x)) }
        let i64F32U: Convert = { x throws(NumericTrap) in try I64Ops.truncF32U(Float(x)) }
        let i64F64S: Convert = { x throws(NumericTrap) in try I64Ops.truncF64S(x) }
        let i64F64U: Convert = { x throws(NumericTrap) in try I64Ops.truncF64U(x) }
        return [
            Boundary(name: "i32.trunc_f32_s", convert: i32F32S, bound: -2147483904, inside: -2147483648, expected: 0x8000_0000),
            Boundary(name: "i32.trunc_f32_s", convert: i32F32S, bound: 2147483648, inside: 2147483520, expected: 0x7FFF_FF80),
            Boundary(name: "i32.trunc_f32_u", convert: i32F32U, bound: -1, inside: Double(Float(-1).nextUp), expected: 0),
            Boundary(name: "i32.trunc_f32_u", convert: i32F32U, bound: 4294967296, inside: 4294967040, expected: 0xFFFF_FF00),
            Boundary(name: "i32.trunc_f64_s", convert: i32F64S, bound: -2147483649, inside: (-2147483649.0).nextUp, expected: 0x8000_0000),
            Boundary(name: "i32.trunc_f64_s", convert: i32F64S, bound: 2147483648, inside: (2147483648.0).nextDown, expected: 0x7FFF_FFFF),
            Boundary(name: "i32.trunc_f64_u", convert: i32F64U, bound: -1, inside: (-1.0).nextUp, expected: 0),
            Boundary(name: "i32.trunc_f64_u", convert: i32F64U, bound: 4294967296, inside: (4294967296.0).nextDown, expected: 0xFFFF_FFFF),
            Boundary(name: "i64.trunc_f32_s", convert: i64F32S, bound: -9223373136366403584, inside: -9223372036854775808, expected: 0x8000_0000_0000_0000),
            Boundary(name: "i64.trunc_f32_s", convert: i64F32S, bound: 9223372036854775808, inside: 9223371487098961920, expected: 0x7FFF_FF80_0000_0000),
            Boundary(name: "i64.trunc_f32_u", convert: i64F32U, bound: -1, inside: Double(Float(-1).nextUp), expected: 0),
            Boundary(name: "i64.trunc_f32_u", convert: i64F32U, bound: 18446744073709551616, inside: 18446742974197923840, expected: 0xFFFF_FF00_0000_0000),
            Boundary(name: "i64.trunc_f64_s", convert: i64F64S, bound: -9223372036854777856, inside: -9223372036854775808, expected: 0x8000_0000_0000_0000),
            Boundary(name: "i64.trunc_f64_s", convert: i64F64S, bound: 9223372036854775808, inside: 9223372036854774784, expected: 0x7FFF_FFFF_FFFF_FC00),
            Boundary(name: "i64.trunc_f64_u", convert: i64F64U, bound: -1, inside: (-1.0).nextUp, expected: 0),
            Boundary(name: "i64.trunc_f64_u", convert: i64F64U, bound: 18446744073709551616, inside: 18446744073709549568, expected: 0xFFFF_FFFF_FFFF_F800),
        ]
    }()

    @Test(arguments: boundaries)
    func truncBoundsAreExact(_ boundary: Boundary) throws {
        #expect(throws: NumericTrap.integerOverflow) { try boundary.convert(boundary.bound) }
        #expect(try boundary.convert(boundary.inside) == boundary.expected)
    }

    @Test func truncTrapsOnNaNAndInfinity() {
        for nan in [Double.nan, -Double.nan, Self.f64(0x7FF4_0000_0000_0001)] {
            #expect(throws: NumericTrap.invalidConversionToInteger) { try I32Ops.truncF32S(Float(nan)) }
            #expect(throws: NumericTrap.invalidConversionToInteger) { try I32Ops.truncF64U(nan) }
            #expect(throws: NumericTrap.invalidConversionToInteger) { try I64Ops.truncF32U(Float(nan)) }
            #expect(throws: NumericTrap.invalidConversionToInteger) { try I64Ops.truncF64S(nan) }
        }
        #expect(throws: NumericTrap.integerOverflow) { try I32Ops.truncF32U(.infinity) }
        #expect(throws: NumericTrap.integerOverflow) { try I32Ops.truncF64S(-.infinity) }
        #expect(throws: NumericTrap.integerOverflow) { try I64Ops.truncF32S(.infinity) }
        #expect(throws: NumericTrap.integerOverflow) { try I64Ops.truncF64U(-.infinity) }
    }

    @Test func truncRoundsTowardZero() throws {
        #expect(try I32Ops.truncF32S(-1.9) == UInt32(bitPattern: -1))
        #expect(try I32Ops.truncF64U(1.9) == 1)
        #expect(try I32Ops.truncF32U(-0.9) == 0)
        #expect(try I64Ops.truncF64S(-0.0) == 0)
        #expect(try I64Ops.truncF32U(Self.f32(0x0000_0001)) == 0)
    }

    @Test func truncSatSaturatesAndMapsNaNToZero() {
        #expect(I32Ops.truncSatF32S(.nan) == 0 && I32Ops.truncSatF64U(-.nan) == 0)
        #expect(I64Ops.truncSatF32U(.nan) == 0 && I64Ops.truncSatF64S(.nan) == 0)
        #expect(I32Ops.truncSatF32S(.infinity) == 0x7FFF_FFFF && I32Ops.truncSatF32S(-.infinity) == 0x8000_0000)
        #expect(I32Ops.truncSatF64S(2147483648) == 0x7FFF_FFFF && I32Ops.truncSatF64S(-2147483649) == 0x8000_0000)
        #expect(I32Ops.truncSatF64S(-2147483648.9) == 0x8000_0000)
        #expect(I32Ops.truncSatF32U(4294967296) == 0xFFFF_FFFF && I32Ops.truncSatF32U(-1) == 0)
        #expect(I32Ops.truncSatF64U(-0.9) == 0 && I32Ops.truncSatF64U(4294967295.9) == 0xFFFF_FFFF)
        #expect(I64Ops.truncSatF32S(-9223373136366403584) == 0x8000_0000_0000_0000)
        #expect(I64Ops.truncSatF64S(9223372036854775808) == 0x7FFF_FFFF_FFFF_FFFF)
        #expect(I64Ops.truncSatF64U(18446744073709551616) == UInt64.max && I64Ops.truncSatF64U(-.infinity) == 0)
        #expect(I64Ops.truncSatF32U(18446742974197923840) == 0xFFFF_FF00_0000_0000)
    }

    @Test func u64ToF32IsCorrectlyRounded() {
        // 2^63 + 2^39 + 1 is above the midpoint of 2^63 and 2^63 + 2^40; through Double it would
        // first round to the midpoint and then (ties to even) down to 2^63.
        #expect(F32Ops.convertI64U(0x8000_0080_0000_0001).bitPattern == 0x5F00_0001)
        #expect(F32Ops.convertI64U(0x8000_0080_0000_0000).bitPattern == 0x5F00_0000)  // tie: even
        #expect(F32Ops.convertI64U(0x8000_0180_0000_0000).bitPattern == 0x5F00_0002)  // tie: even
        #expect(F32Ops.convertI64U(UInt64.max).bitPattern == 0x5F80_0000)  // 2^64
        #expect(F32Ops.convertI64U(0x0020_0000_2000_0001).bitPattern == 0x5A00_0001)
        #expect(F32Ops.convertI64U(0xFFFF_FF7F_FFFF_FFFF).bitPattern == 0x5F7F_FFFF)
    }

    @Test func i64ToF32IsCorrectlyRounded() {
        // 2^53 + 2^29 + 1: through Double it becomes 2^53 + 2^29, then ties-to-even 2^53.
        #expect(F32Ops.convertI64S(0x0020_0000_2000_0001).bitPattern == 0x5A00_0001)
        #expect(F32Ops.convertI64S(UInt64(bitPattern: -0x0020_0000_2000_0001)).bitPattern == 0xDA00_0001)
        #expect(F32Ops.convertI64S(0x7FFF_FFFF_FFFF_FFFF).bitPattern == 0x5F00_0000)
        #expect(F32Ops.convertI64S(0x8000_0000_0000_0000).bitPattern == 0xDF00_0000)
        #expect(F32Ops.convertI32S(0x0100_0001).bitPattern == 0x4B80_0000)  // 16777217: tie, even
        #expect(F32Ops.convertI32U(0xFFFF_FFFF).bitPattern == 0x4F80_0000)
        #expect(F32Ops.convertI32S(0xFFFF_FFFF) == -1)
    }

    @Test func i64ToF64IsCorrectlyRounded() {
        #expect(F64Ops.convertI64U(0x8000_0000_0000_0401).bitPattern == 0x43E0_0000_0000_0001)
        #expect(F64Ops.convertI64U(0x8000_0000_0000_0400).bitPattern == 0x43E0_0000_0000_0000)  // tie: even
        #expect(F64Ops.convertI64U(UInt64.max).bitPattern == 0x43F0_0000_0000_0000)
        #expect(F64Ops.convertI64S(0x0020_0000_0000_0001).bitPattern == 0x4340_0000_0000_0000)  // tie: even
        #expect(F64Ops.convertI64S(0x0020_0000_0000_0003).bitPattern == 0x4340_0000_0000_0002)  // tie: even
        #expect(F64Ops.convertI32S(0x8000_0000) == -2147483648 && F64Ops.convertI32U(0x8000_0000) == 2147483648)
    }

    @Test func demoteRoundsToNearestAndOverflowsToInfinity() {
        #expect(F32Ops.demoteF64(Self.f64(0x47EF_FFFF_EFFF_FFFF)).bitPattern == 0x7F7F_FFFF)  // below the midpoint
        #expect(F32Ops.demoteF64(Self.f64(0x47EF_FFFF_F000_0000)).bitPattern == 0x7F80_0000)  // the midpoint: ∞ is even
        #expect(F32Ops.demoteF64(-.greatestFiniteMagnitude) == -.infinity)
        #expect(F32Ops.demoteF64(Self.f64(0x3690_0000_0000_0000)).bitPattern == 0)  // 2^-150: tie to +0
        #expect(F32Ops.demoteF64(Self.f64(0x3690_0000_0000_0001)).bitPattern == 1)  // just above: the least subnormal
        #expect(F32Ops.demoteF64(-0.0).bitPattern == 0x8000_0000)
    }

    @Test func demoteAndPromoteOfNaNGiveNaN() {
        let canonical32 = Self.f32(0x7FC0_0000), canonical64 = Self.f64(0x7FF8_0000_0000_0000)
        #expect(F32Ops.demoteF64(canonical64).bitPattern & 0x7FFF_FFFF == 0x7FC0_0000)
        #expect(F32Ops.demoteF64(Self.f64(0xFFF8_0000_0000_0000)).bitPattern & 0x7FFF_FFFF == 0x7FC0_0000)
        #expect(F32Ops.demoteF64(Self.f64(0x7FF4_0000_0000_0001)).bitPattern & 0x7FC0_0000 == 0x7FC0_0000)
        #expect(F32Ops.demoteF64(Self.f64(0x7FF0_0000_0000_0001)).bitPattern & 0x7FC0_0000 == 0x7FC0_0000)
        #expect(F64Ops.promoteF32(canonical32).bitPattern & 0x7FFF_FFFF_FFFF_FFFF == 0x7FF8_0000_0000_0000)
        #expect(F64Ops.promoteF32(Self.f32(0x7FA0_0001)).bitPattern & 0x7FF8_0000_0000_0000 == 0x7FF8_0000_0000_0000)
        #expect(F64Ops.promoteF32(Self.f32(0x8000_0001)) == -Double(Float.leastNonzeroMagnitude))
    }

    @Test func reinterpretKeepsEveryBit() {
        for bits: UInt32 in [0x7FA0_0001, 0xFFC0_1234, 0x8000_0000, 0x0000_0001] {
            #expect(I32Ops.reinterpretF32(F32Ops.reinterpretI32(bits)) == bits)
        }
        for bits: UInt64 in [0x7FF4_0000_0000_0001, 0xFFF8_0000_0000_1234, 0x8000_0000_0000_0000] {
            #expect(I64Ops.reinterpretF64(F64Ops.reinterpretI64(bits)) == bits)
        }
    }
}
