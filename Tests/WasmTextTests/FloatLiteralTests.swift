import Testing
@testable import WasmText

/// Float literals round exactly (ties to even) to the bit patterns the spec tests check.
struct FloatLiteralTests {
    private func f32(_ text: String) -> UInt32? {
        if case .success(let bits) = FloatLiteral.f32(text) { return bits }
        return nil
    }

    private func f64(_ text: String) -> UInt64? {
        if case .success(let bits) = FloatLiteral.f64(text) { return bits }
        return nil
    }

    private func isOutOfRange32(_ text: String) -> Bool {
        if case .failure(.outOfRange) = FloatLiteral.f32(text) { return true }
        return false
    }

    @Test(arguments: [
        ("0", 0x0000_0000), ("-0", 0x8000_0000), ("+0.0", 0x0000_0000), ("1", 0x3F80_0000),
        ("0x1p-149", 0x0000_0001), ("0x1p-150", 0x0000_0000), ("0x1.8p-150", 0x0000_0001),
        ("0x1.fffffep127", 0x7F7F_FFFF), ("0x1.fffffefffffffffp127", 0x7F7F_FFFF),
        ("0x1.000001p0", 0x3F80_0000), ("0x1.000003p0", 0x3F80_0002), ("0x1.0000010001p0", 0x3F80_0001),
        ("1.000000059604644775390625", 0x3F80_0000), ("1.0000000596046447753906250001", 0x3F80_0001),
        ("1.00000017881393432617187499", 0x3F80_0001), ("1.000000178813934326171875", 0x3F80_0002),
        ("1e-45", 0x0000_0001), ("3.4028234663852886e+38", 0x7F7F_FFFF), ("1_000.000_1", 0x447A_0002),
        ("0x1P+3", 0x4100_0000), ("0x.8p1", 0), ("inf", 0x7F80_0000), ("-inf", 0xFF80_0000),
        ("nan", 0x7FC0_0000), ("-nan", 0xFFC0_0000), ("nan:0x1", 0x7F80_0001), ("-nan:0x7f_ffff", 0xFFFF_FFFF),
        ("0x1.", 0x3F80_0000), ("1.e1", 0x4120_0000), ("1E1", 0x4120_0000),
    ] as [(String, UInt32)])
    func f32BitPatterns(text: String, bits: UInt32) {
        if text == "0x.8p1" {
            #expect(f32(text) == nil)  // a hexadecimal mantissa needs a digit before the point
        } else {
            #expect(f32(text) == bits, "\(text)")
        }
    }

    @Test(arguments: [
        ("0", 0x0000_0000_0000_0000), ("-0", 0x8000_0000_0000_0000), ("1", 0x3FF0_0000_0000_0000),
        ("0x1p-1074", 0x0000_0000_0000_0001), ("0x1p-1075", 0), ("0x1.8p-1075", 1),
        ("4.9406564584124654e-324", 1), ("2.2250738585072014e-308", 0x0010_0000_0000_0000),
        ("0x1.fffffffffffffp1023", 0x7FEF_FFFF_FFFF_FFFF), ("0x1.00000000000008p0", 0x3FF0_0000_0000_0000),
        ("0x1.00000000000018p0", 0x3FF0_0000_0000_0002), ("0x1.000000000000080000000001p0", 0x3FF0_0000_0000_0001),
        ("1.7976931348623157e308", 0x7FEF_FFFF_FFFF_FFFF), ("0.1", 0x3FB9_9999_9999_999A),
        ("nan", 0x7FF8_0000_0000_0000), ("nan:0xf_ffff_ffff_ffff", 0x7FFF_FFFF_FFFF_FFFF), ("-inf", 0xFFF0_0000_0000_0000),
        ("1_2.3_4e+0_1", 0x405E_D999_9999_999A),
    ] as [(String, UInt64)])
    func f64BitPatterns(text: String, bits: UInt64) {
        #expect(f64(text) == bits, "\(text)")
    }

    @Test func literalsThatRoundToInfinityAreOutOfRange() {
        #expect(isOutOfRange32("1e39"))
        #expect(isOutOfRange32("0x1p128"))
        #expect(isOutOfRange32("0x1.ffffffp127"))  // exactly halfway to 2^128: rounds up
        #expect(isOutOfRange32("-340282356779733661637539395458142568448"))
        #expect(!isOutOfRange32("340282356779733661637539395458142568447"))  // just below halfway
        if case .failure(.outOfRange) = FloatLiteral.f64("1e309") {} else { Issue.record("1e309 must be out of range") }
    }

    @Test func nanPayloadsMustFitAndBeNonZero() {
        #expect(isOutOfRange32("nan:0x0"))
        #expect(isOutOfRange32("nan:0x80_0000"))
        if case .failure(.outOfRange) = FloatLiteral.f64("nan:0x10000000000000") {} else { Issue.record("f64 payload too large") }
    }

    @Test(arguments: [".5", "1.e", "0e+", "0x", "0xp1", "1__0", "_1", "1_", "1._5", "nan:0x", "nan:1", "infinity", "0x1p", "1e1.5", "--1", "1,0"])
    func malformedLiteralsAreNotNumbers(text: String) {
        if case .failure(.notANumber) = FloatLiteral.f32(text) {} else { Issue.record("\(text) must not parse") }
    }

    @Test func nanPayloadReachesTheBinary() throws {
        let bytes = try parseWAT("(func (result f32) (f32.const -nan:0x200000))")
        let tail = Array(bytes.suffix(6))
        #expect(tail == [0x43, 0x00, 0x00, 0xA0, 0xFF, 0x0B])
    }
}
