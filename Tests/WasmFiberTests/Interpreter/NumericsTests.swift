import Testing

#if canImport(WasmFiber)
@testable import WasmFiber
#else
@testable import Numerics
#endif

/// Integer instructions and trap messages (spec "Integer Operations"). Values are bit patterns;
/// `s32`/`s64` write a signed operand.
struct IntegerNumericsTests {
    private static func s32(_ value: Int32) -> UInt32 { UInt32(bitPattern: value) }
    private static func s64(_ value: Int64) -> UInt64 { UInt64(bitPattern: value) }

    @Test func trapMessagesAreTheSpecs() {
        #expect(NumericTrap.integerDivideByZero.description == "integer divide by zero")
        #expect(NumericTrap.integerOverflow.description == "integer overflow")
        #expect(NumericTrap.invalidConversionToInteger.description == "invalid conversion to integer")
    }

    @Test func arithmeticWraps() {
        #expect(I32Ops.add(0x7FFF_FFFF, 1) == 0x8000_0000)
        #expect(I32Ops.sub(0, 1) == 0xFFFF_FFFF)
        #expect(I32Ops.mul(0x1234_5678, 0x9ABC_DEF0) == 0x242D_2080)
        #expect(I64Ops.add(UInt64.max, 1) == 0)
        #expect(I64Ops.sub(0x8000_0000_0000_0000, 1) == 0x7FFF_FFFF_FFFF_FFFF)
        #expect(I64Ops.mul(0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210) == 0x2236_D88F_E561_8CF0)
    }

    @Test func divSOfMinByMinusOneTraps() {
        #expect(throws: NumericTrap.integerOverflow) { try I32Ops.divS(0x8000_0000, Self.s32(-1)) }
        #expect(throws: NumericTrap.integerOverflow) { try I64Ops.divS(0x8000_0000_0000_0000, Self.s64(-1)) }
    }

    @Test func divisionByZeroTrapsBeforeOverflow() {
        #expect(throws: NumericTrap.integerDivideByZero) { try I32Ops.divS(0x8000_0000, 0) }
        #expect(throws: NumericTrap.integerDivideByZero) { try I32Ops.divU(1, 0) }
        #expect(throws: NumericTrap.integerDivideByZero) { try I32Ops.remS(0x8000_0000, 0) }
        #expect(throws: NumericTrap.integerDivideByZero) { try I32Ops.remU(1, 0) }
        #expect(throws: NumericTrap.integerDivideByZero) { try I64Ops.divS(0x8000_0000_0000_0000, 0) }
        #expect(throws: NumericTrap.integerDivideByZero) { try I64Ops.divU(1, 0) }
        #expect(throws: NumericTrap.integerDivideByZero) { try I64Ops.remS(1, 0) }
        #expect(throws: NumericTrap.integerDivideByZero) { try I64Ops.remU(1, 0) }
    }

    @Test func remSOfMinByMinusOneIsZero() throws {
        #expect(try I32Ops.remS(0x8000_0000, Self.s32(-1)) == 0)
        #expect(try I64Ops.remS(0x8000_0000_0000_0000, Self.s64(-1)) == 0)
        #expect(try I32Ops.remS(Self.s32(-7), Self.s32(-1)) == 0)
    }

    @Test func divisionTruncatesTowardZero() throws {
        #expect(try I32Ops.divS(Self.s32(-7), 2) == Self.s32(-3))
        #expect(try I32Ops.divS(7, Self.s32(-2)) == Self.s32(-3))
        #expect(try I32Ops.divU(Self.s32(-7), 2) == 0x7FFF_FFFC)
        #expect(try I32Ops.divS(0x8000_0000, 2) == 0xC000_0000)
        #expect(try I64Ops.divS(Self.s64(-7), 2) == Self.s64(-3))
        #expect(try I64Ops.divU(Self.s64(-1), 2) == 0x7FFF_FFFF_FFFF_FFFF)
    }

    @Test func remainderHasTheSignOfTheDividend() throws {
        #expect(try I32Ops.remS(Self.s32(-7), 2) == Self.s32(-1))
        #expect(try I32Ops.remS(7, Self.s32(-2)) == 1)
        #expect(try I32Ops.remU(Self.s32(-7), 2) == 1)
        #expect(try I64Ops.remS(Self.s64(-7), 2) == Self.s64(-1))
        #expect(try I64Ops.remS(0x8000_0000_0000_0000, 2) == 0)
        #expect(try I64Ops.remU(Self.s64(-7), 3) == 0)
    }

    @Test func shiftCountsAreModuloTheWidth() {
        #expect(I32Ops.shl(1, 32) == 1)
        #expect(I32Ops.shl(1, 33) == 2)
        #expect(I32Ops.shl(1, 0xFFFF_FFFF) == 0x8000_0000)
        #expect(I32Ops.shrS(0x8000_0000, 63) == 0xFFFF_FFFF)
        #expect(I32Ops.shrS(0x8000_0000, 0x8000_0001) == 0xC000_0000)
        #expect(I32Ops.shrU(0x8000_0000, 33) == 0x4000_0000)
        #expect(I64Ops.shl(1, 64) == 1)
        #expect(I64Ops.shl(1, 0xFFFF_FFFF_FFFF_FFFF) == 0x8000_0000_0000_0000)
        #expect(I64Ops.shrS(0x8000_0000_0000_0000, 65) == 0xC000_0000_0000_0000)
        #expect(I64Ops.shrU(0x8000_0000_0000_0000, 65) == 0x4000_0000_0000_0000)
    }

    @Test func rotatesWrapTheBitsAround() {
        #expect(I32Ops.rotl(0x8000_0001, 1) == 3)
        #expect(I32Ops.rotl(0x1234_5678, 0) == 0x1234_5678)
        #expect(I32Ops.rotl(0x1234_5678, 32) == 0x1234_5678)
        #expect(I32Ops.rotl(0x1234_5678, 36) == 0x2345_6781)
        #expect(I32Ops.rotr(0x8000_0001, 1) == 0xC000_0000)
        #expect(I32Ops.rotr(0x1234_5678, 0xFFFF_FFFC) == 0x2345_6781)
        #expect(I64Ops.rotl(0x8000_0000_0000_0001, 65) == 3)
        #expect(I64Ops.rotr(1, 0) == 1)
        #expect(I64Ops.rotr(1, 1) == 0x8000_0000_0000_0000)
        #expect(I64Ops.rotr(0x0123_4567_89AB_CDEF, 4) == 0xF012_3456_789A_BCDE)
    }

    @Test func bitCountsOfZeroAreTheWidth() {
        #expect(I32Ops.clz(0) == 32)
        #expect(I32Ops.ctz(0) == 32)
        #expect(I32Ops.popcnt(0) == 0)
        #expect(I32Ops.clz(0x0000_8000) == 16)
        #expect(I32Ops.ctz(0x0000_8000) == 15)
        #expect(I32Ops.popcnt(0xFFFF_FFFF) == 32)
        #expect(I64Ops.clz(0) == 64)
        #expect(I64Ops.ctz(0) == 64)
        #expect(I64Ops.clz(1) == 63)
        #expect(I64Ops.ctz(0x8000_0000_0000_0000) == 63)
        #expect(I64Ops.popcnt(0xAAAA_AAAA_AAAA_AAAA) == 32)
    }

    @Test func signedAndUnsignedComparisonsDiffer() {
        let minusOne = Self.s32(-1)
        #expect(I32Ops.ltS(minusOne, 0) && !I32Ops.ltU(minusOne, 0))
        #expect(I32Ops.gtU(minusOne, 0) && !I32Ops.gtS(minusOne, 0))
        #expect(I32Ops.leS(0x8000_0000, 0x7FFF_FFFF) && !I32Ops.leU(0x8000_0000, 0x7FFF_FFFF))
        #expect(I32Ops.geU(0x8000_0000, 0x7FFF_FFFF) && !I32Ops.geS(0x8000_0000, 0x7FFF_FFFF))
        #expect(I32Ops.eqz(0) && !I32Ops.eqz(0x8000_0000))
        #expect(I32Ops.eq(5, 5) && I32Ops.ne(5, 6))
        let minusOne64 = Self.s64(-1)
        #expect(I64Ops.ltS(minusOne64, 0) && !I64Ops.ltU(minusOne64, 0))
        #expect(I64Ops.geS(0, minusOne64) && !I64Ops.geU(0, minusOne64))
        #expect(I64Ops.eqz(0) && !I64Ops.eqz(1 << 63))
    }

    @Test func signExtensionUsesTheLowBitsOnly() {
        #expect(I32Ops.extend8S(0x0000_0080) == 0xFFFF_FF80)
        #expect(I32Ops.extend8S(0xFFFF_FF7F) == 0x0000_007F)
        #expect(I32Ops.extend16S(0x0000_8000) == 0xFFFF_8000)
        #expect(I32Ops.extend16S(0x1234_7FFF) == 0x0000_7FFF)
        #expect(I64Ops.extend8S(0x0123_4567_89AB_CD80) == 0xFFFF_FFFF_FFFF_FF80)
        #expect(I64Ops.extend16S(0xFFFF_FFFF_FFFF_7FFF) == 0x7FFF)
        #expect(I64Ops.extend32S(0x0000_0000_8000_0000) == 0xFFFF_FFFF_8000_0000)
        #expect(I64Ops.extend32S(0xFFFF_FFFF_7FFF_FFFF) == 0x7FFF_FFFF)
    }

    @Test func wrapAndExtendBetweenWidths() {
        #expect(I32Ops.wrapI64(0x0123_4567_89AB_CDEF) == 0x89AB_CDEF)
        #expect(I64Ops.extendI32S(0x8000_0000) == 0xFFFF_FFFF_8000_0000)
        #expect(I64Ops.extendI32U(0x8000_0000) == 0x0000_0000_8000_0000)
    }
}
